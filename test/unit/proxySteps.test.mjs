// kube-proxy's model built in steps (core/proxy/model.ts proxyModelInSteps, editor/proxyViews.ts
// viewInSteps): the language server builds it between requests after a simulation; the steps give the
// same model as the one-go build, and a request that needs the view meanwhile finishes it at once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, ProxyViews, proxy, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

const services = (n) =>
  Array.from({ length: n }, (_, i) => `apiVersion: v1
kind: Service
metadata: {name: svc${i}, namespace: shop}
spec:
  clusterIP: 10.97.${i >> 8}.${i & 255}
  ports: [{name: http, port: 80, targetPort: 8080}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: svc${i}-1, namespace: shop, labels: {kubernetes.io/service-name: svc${i}}}
addressType: IPv4
endpoints: [{addresses: [10.244.1.${(i % 250) + 1}]}]
ports: [{name: http, port: 8080, protocol: TCP}]
`).join('---\n');

function steps(generator) {
  let pauses = 0;
  for (;;) {
    const step = generator.next();
    if (step.done) return { pauses, value: step.value };
    pauses++;
  }
}

const config = { nodeName: 'worker', nodeIP: '172.18.0.3', clusterCIDR: '10.244.0.0/16', serviceCIDR: '10.96.0.0/12', masqueradeMark: '0x4000', localhostNodePorts: true, nfacct: true, randomFully: true, proxyMode: 'iptables' };

test('proxyModelInSteps: a pause every 500 objects indexed, once the Services are sorted, and every 100 Services; the model of proxyModel', () => {
  const objects = [];
  for (let i = 0; i < 600; i++) {
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: 'ns' }, spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80 }] } });
    objects.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `s${i}-1`, namespace: 'ns', labels: { 'kubernetes.io/service-name': `s${i}` } }, addressType: 'IPv4', endpoints: [{ addresses: [`10.244.0.${(i % 250) + 1}`] }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
  }
  const { pauses, value } = steps(proxy.proxyModelInSteps(objects, config));
  // 1,200 objects: two pauses (after 500 and 1,000); one after sorting the Services; six in 600 Services.
  assert.equal(pauses, 9);
  assert.deepEqual(value, proxy.proxyModel(objects, config));
  assert.equal(value.servicePorts.length, 600);
  assert.equal(value.totalEndpoints, 600);
});

test('ProxyViews.viewInSteps builds the view view() gives; a view() meanwhile finishes it and the steps stop', () => {
  const workspace = new Workspace(new Analyzer(schemasDir));
  workspace.setFile('/ws/services.yaml', services(600));
  workspace.simulation();
  const views = new ProxyViews(workspace.analyzer, () => workspace.last);
  const settings = workspace.settings;

  const built = steps(views.viewInSteps(settings));
  assert.equal(built.pauses, 9);
  const view = views.view(settings);
  assert.equal(view.portsByService.size, 600);
  assert.deepEqual(steps(views.viewInSteps(settings)), { pauses: 0, value: undefined }, 'built: nothing more to do');

  workspace.setFile('/ws/more.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: more, namespace: shop}\nspec:\n  clusterIP: 10.98.0.1\n  ports: [{port: 80}]\n');
  workspace.simulation(); // a newer run: its view is built again
  const inSteps = views.viewInSteps(settings);
  inSteps.next();
  inSteps.next();
  const now = views.view(settings); // a request finishes the build
  assert.equal(now.portsByService.size, 601);
  assert.notEqual(now, view);
  assert.deepEqual(inSteps.next(), { done: true, value: undefined }, 'the steps see the view built and stop');
  assert.equal(views.view(settings), now);
});

test('ProxyViews: a build that fails in steps is not kept: the next view() builds again (and fails or succeeds on its own)', () => {
  const workspace = new Workspace(new Analyzer(schemasDir));
  workspace.setFile('/ws/services.yaml', services(10));
  workspace.simulation();
  const snapshot = workspace.last;
  let fail = true;
  const failing = { ...snapshot, result: { ...snapshot.result, get objects() {
    if (fail) throw new Error('boom');
    return snapshot.result.objects;
  } } };
  const views = new ProxyViews(workspace.analyzer, () => failing);
  const settings = workspace.settings;
  assert.throws(() => steps(views.viewInSteps(settings)), /boom/);
  assert.throws(() => views.view(settings), /boom/);
  fail = false;
  assert.equal(views.view(settings).portsByService.size, 10);
});

/** 'settled' when the promise is settled by now, else 'pending'. */
const state = (promise) => Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setImmediate(() => resolve('pending')))]);

test('ProxyViews.whenBuilt: a promise while the view is built in steps, settled when the build ends however it ends', async () => {
  const workspace = new Workspace(new Analyzer(schemasDir));
  workspace.setFile('/ws/services.yaml', services(600));
  workspace.simulation();
  const views = new ProxyViews(workspace.analyzer, () => workspace.last);
  const settings = workspace.settings;
  assert.equal(views.whenBuilt(settings), undefined, 'no build under way');

  // Built by its own steps.
  const own = views.viewInSteps(settings);
  own.next();
  const built = views.whenBuilt(settings);
  assert.equal(await state(built), 'pending');
  assert.equal(steps(own).pauses, 8);
  assert.equal(await state(built), 'settled');
  assert.equal(views.whenBuilt(settings), undefined, 'built: nothing to wait for');
  assert.equal(views.view(settings).portsByService.size, 600);

  // Finished by a request (view): settled when the steps next run and see it built.
  workspace.setFile('/ws/more.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: more, namespace: shop}\nspec:\n  clusterIP: 10.98.0.1\n  ports: [{port: 80}]\n');
  workspace.simulation();
  const second = views.viewInSteps(settings);
  second.next();
  const finished = views.whenBuilt(settings);
  assert.equal(views.view(settings).portsByService.size, 601);
  assert.equal(await state(finished), 'pending');
  assert.deepEqual(second.next(), { done: true, value: undefined });
  assert.equal(await state(finished), 'settled');

  // Dropped for a newer simulation: settled when the old steps stop; the new run has no build yet.
  workspace.setFile('/ws/more.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: more, namespace: shop}\nspec:\n  clusterIP: 10.98.0.1\n  ports: [{port: 81}]\n');
  workspace.simulation();
  const third = views.viewInSteps(settings);
  third.next();
  const dropped = views.whenBuilt(settings);
  workspace.setFile('/ws/more.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: more, namespace: shop}\nspec:\n  clusterIP: 10.98.0.1\n  ports: [{port: 82}]\n');
  workspace.simulation();
  assert.equal(views.whenBuilt(settings), undefined, 'the newer run: no build under way');
  assert.deepEqual(third.next(), { done: true, value: undefined });
  assert.equal(await state(dropped), 'settled');
});
