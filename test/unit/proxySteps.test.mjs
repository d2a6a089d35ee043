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

test('proxyModelInSteps: a pause every 1,000 objects indexed and every 250 Services, the model of proxyModel', () => {
  const objects = [];
  for (let i = 0; i < 600; i++) {
    objects.push({ apiVersion: 'v1', kind: 'Service', metadata: { name: `s${i}`, namespace: 'ns' }, spec: { clusterIP: `10.96.${i >> 8}.${i & 255}`, ports: [{ name: 'http', port: 80 }] } });
    objects.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `s${i}-1`, namespace: 'ns', labels: { 'kubernetes.io/service-name': `s${i}` } }, addressType: 'IPv4', endpoints: [{ addresses: [`10.244.0.${(i % 250) + 1}`] }], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
  }
  const { pauses, value } = steps(proxy.proxyModelInSteps(objects, config));
  // 1,200 objects: one pause after the first 1,000; one after sorting the Services; two in 600 Services.
  assert.equal(pauses, 4);
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
  assert.equal(built.pauses, 4);
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
