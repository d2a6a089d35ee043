// The workspace simulation in the language server: apply-time diagnostics (KP150–KP152) merged into
// each document's diagnostics, the kubeplan/simulate request behind the Simulate Apply panel, and the
// cluster file setting.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';

const APP = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      serviceAccountName: robot
      containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}}]
`;

const codes = (published) => published.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);

describe('workspace simulation', () => {
  let client;
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-sim-'));
  mkdirSync(join(root, '.kubeplan'));
  writeFileSync(join(root, 'namespace.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n');
  const uri = pathToFileURL(join(root, 'app.yaml')).href;

  it('reports what kubectl apply would reject, on the manifest line, with the cluster\'s words; other files of the workspace count', async () => {
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    await client.waitForLog('workspace scan: 1 YAML file(s) with Kubernetes objects');
    client.didOpen(uri, APP);
    await client.waitForDiagnostics(uri, 1);
    const run = client.simulations.length;
    // The ServiceAccount of namespace.yaml (on disk, not open) exists: only the namespace is missing.
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(codes(published), ['2:38 KP150 kubectl apply would fail (NotFound, NamespaceLifecycle): namespaces "shop" not found']);
  });

  it('re-simulates after an edit: a missing ServiceAccount stops the ReplicaSet (KP151 on the Deployment)', async () => {
    const run = client.simulations.length;
    const edited = APP.replace('namespace: shop', 'namespace: default').replace('robot', 'droid');
    client.didChange(uri, 2, [{ text: edited }]);
    await client.waitForDiagnostics(uri, 2);
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 2);
    assert.equal(published.diagnostics.length, 1);
    assert.match(codes(published)[0], /^5:6 KP151 ReplicaSet\/default\/web-[a-z0-9]+: FailedCreate: Error creating: pods "web-[a-z0-9]+-" is forbidden: error looking up service account default\/droid: serviceaccount "droid" not found$/);
  });

  it('kubeplan/simulate answers the panel: cluster, nodes, events with their document uri, pods per node', async () => {
    const view = await client.request('kubeplan/simulate', {});
    assert.deepEqual(view.cluster, { name: 'default', source: 'default', proxyMode: 'iptables', serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16' });
    assert.deepEqual(view.nodes.map((n) => `${n.name} ${n.podCIDR}`), ['control-plane 10.244.0.0/24', 'worker-1 10.244.1.0/24', 'worker-2 10.244.2.0/24', 'worker-3 10.244.3.0/24']);
    assert.deepEqual(view.events.slice(0, 3).map((e) => [e.reason, e.object, e.source.file, e.uri]), [
      ['Created', 'ConfigMap/default/settings', 'app.yaml', uri],
      ['Created', 'Deployment/default/web', 'app.yaml', uri],
      ['Created', 'ServiceAccount/default/robot', 'namespace.yaml', pathToFileURL(join(root, 'namespace.yaml')).href],
    ]);
    assert.deepEqual(view.pods, []);
    // One file only: the workspace's other files are left out.
    const one = await client.request('kubeplan/simulate', { uri });
    assert.deepEqual(one.events.map((e) => e.object).filter((o) => o.startsWith('ServiceAccount')), []);
  });

  it('the kubeplan.cluster setting (relative to the workspace folder) replaces the default cluster', async () => {
    writeFileSync(join(root, '.kubeplan', 'lab.yaml'), `apiVersion: v1
kind: Node
metadata: {name: lab-1}
status: {allocatable: {cpu: "2", memory: 4Gi, pods: "20"}, addresses: [{type: InternalIP, address: 10.9.0.1}]}
`);
    client.didChange(uri, 3, [{ text: APP.replace('namespace: shop', 'namespace: default').replace('serviceAccountName: robot\n      ', '') }]);
    await client.waitForDiagnostics(uri, 3);
    client.settings = { kubeplan: { cluster: '.kubeplan/lab.yaml' } };
    client.didChangeConfiguration();
    const view = await waitFor(async () => {
      const v = await client.request('kubeplan/simulate', {});
      return v.cluster.source === '.kubeplan/lab.yaml' ? v : undefined;
    });
    assert.deepEqual(view.nodes.map((n) => n.name), ['lab-1']);
    assert.deepEqual(view.pods.map((p) => [p.node, p.ip, p.phase]), [['lab-1', '10.244.0.2', 'Running'], ['lab-1', '10.244.0.3', 'Running']]);
  });
});

async function waitFor(probe, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
