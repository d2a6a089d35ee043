// Scheduling over LSP: KP153 merged into a document's diagnostics once the workspace is simulated,
// the scheduling lens beside the resources lens (with the Explain Scheduling command), the hover on
// nodeSelector, the kubeplan/explainScheduling request, and the lens refresh after each simulation.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, clientCapabilities } from '../helpers/lspClient.mjs';
import { deployment } from '../helpers/manifests.mjs';

// Four replicas of 3 cpu on the default cluster: three workers of 4 cpu, a tainted control plane.
const APP = deployment('web', 4, `      nodeSelector: {kubernetes.io/os: linux}
      containers:
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: "3", memory: 1Gi}, limits: {memory: 1Gi}}
`);
const FIT_ERROR = '0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.';
const diagnostics = (published) => published.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.severity} ${d.message}`);

describe('scheduling in the editor over LSP', () => {
  let client;
  const refreshes = [];
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-sched-'));
  const uri = pathToFileURL(join(root, 'app.yaml')).href;

  it('KP153 on the container resources with the FitError, once the workspace is simulated', async () => {
    client = new LspClient({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    client.connection.onRequest('workspace/codeLens/refresh', () => {
      refreshes.push(client.simulations.length);
      return null;
    });
    const capabilities = clientCapabilities();
    await client.initialize({ capabilities: { ...capabilities, workspace: { ...capabilities.workspace, codeLens: { refreshSupport: true } } } });
    await client.waitForLog('workspace scan: 0 YAML file(s) with Kubernetes objects');
    const run = client.simulations.length;
    client.didOpen(uri, APP);
    await client.waitForDiagnostics(uri, 1);
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 1);
    assert.deepEqual(diagnostics(published), [`13:8-13:17 KP153 1 1/4 replicas would not be scheduled: ${FIT_ERROR}`]);
    assert.ok(refreshes.length >= 1, 'the server asks the client to refresh its code lenses after a simulation');
  });

  it('the scheduling lens follows the resources lens on the kind; it runs Explain Scheduling for the workload', async () => {
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses, [
      { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } }, command: { title: 'requests cpu 3, memory 1Gi · limits memory 1Gi · Burstable · ×4 replicas = cpu 12, memory 4Gi', command: '' } },
      { range: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } }, command: { title: '3/4 replicas schedulable — Explain', command: 'kubeplan.explainScheduling', arguments: [{ workload: 'Deployment/default/web' }] } },
    ]);
  });

  it('kubeplan/explainScheduling: by workload or by cursor; null where no workload was scheduled', async () => {
    const byRef = await client.request('kubeplan/explainScheduling', { workload: 'Deployment/default/web' });
    assert.equal(byRef.workload, 'Deployment/default/web');
    assert.deepEqual(byRef.pods.map((p) => p.node), ['worker-1', 'worker-2', 'worker-3', null]);
    assert.deepEqual(byRef.pods.map((p) => p.message), [null, null, null, FIT_ERROR]);
    assert.deepEqual(byRef.pods[3].nodes.map((n) => `${n.node}: ${n.filter.TaintToleration} / ${n.filter.NodeResourcesFit}`), [
      'control-plane: node(s) had untolerated taint(s) / not run',
      'worker-1: passed / Insufficient cpu',
      'worker-2: passed / Insufficient cpu',
      'worker-3: passed / Insufficient cpu',
    ]);
    const byCursor = await client.request('kubeplan/explainScheduling', { uri, position: { line: 12, character: 10 } });
    assert.deepEqual(byCursor, byRef);
    assert.equal(await client.request('kubeplan/explainScheduling', { workload: 'Deployment/default/nothing' }), null);
  });

  it('hover on nodeSelector: each node\'s NodeAffinity verdict for the first pod', async () => {
    const h = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 8 } });
    assert.deepEqual(h.contents.value.split('\n\n---\n\n')[1].split('\n'), [
      '**kube-scheduler**, simulated for pod `default/web-98db8bd96-vsmn9` (scheduled on worker-1): NodeAffinity on 4 nodes: 3 match (worker-1, worker-2, worker-3), 1 not checked (control-plane)',
      '',
      '| node | NodeAffinity |',
      '|---|---|',
      '| control-plane | not checked: TaintToleration rejected the node first (node(s) had untolerated taint(s)) |',
      '| worker-1 | matches |',
      '| worker-2 | matches |',
      '| worker-3 | matches |',
    ]);
  });

  it('after an edit to 3 replicas the finding goes and the lens says where they run', async () => {
    const run = client.simulations.length;
    client.didChange(uri, 2, [{ text: APP.replace('replicas: 4', 'replicas: 3') }]);
    await client.waitForDiagnostics(uri, 2);
    await client.waitForSimulations(run + 1);
    const published = await client.waitForDiagnostics(uri, 2);
    assert.deepEqual(diagnostics(published), []);
    const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => l.command.title), [
      'requests cpu 3, memory 1Gi · limits memory 1Gi · Burstable · ×3 replicas = cpu 9, memory 3Gi',
      'schedulable: 3/3 replicas → worker-1, worker-2, worker-3',
    ]);
  });
});
