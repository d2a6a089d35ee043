// The plan in the editor (docs/simulation.md): with a cluster state (.kubeplan/state.yaml, or the
// kubeplan.clusterState setting), a changed workload's CodeLens says how its rollout goes, an update
// the API server refuses is a diagnostic on the immutable field, and kubeplan/simulate carries the plan.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { startServer, waitFor } from '../helpers/lspClient.mjs';
import { runCli } from '../helpers/run.mjs';

const web = (image, labels = '{app: web}') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 4
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: web, image: ${image}, resources: {requests: {cpu: 500m}}}]
`;

/** The state the previous release leaves, as a List. */
function stateOf(text) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-before-'));
  writeFileSync(join(dir, 'before.yaml'), text);
  const r = runCli(['simulate', join(dir, 'before.yaml'), '--format', 'json']);
  return YAML.stringify({ apiVersion: 'v1', kind: 'List', items: JSON.parse(r.stdout).objects });
}


describe('plan in the editor', () => {
  let client;
  after(() => client?.kill());
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-plan-'));
  mkdirSync(join(root, '.kubeplan'));
  writeFileSync(join(root, '.kubeplan', 'state.yaml'), stateOf(web('nginx:1.26')));
  const uri = pathToFileURL(join(root, 'web.yaml')).href;
  const rolloutLens = async () => (await client.request('textDocument/codeLens', { textDocument: { uri } })).map((l) => l.command?.title).find((t) => /rollout/.test(t ?? ''));

  it('.kubeplan/state.yaml: a changed image is an update, its CodeLens the rollout', async () => {
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    client.didOpen(uri, web('nginx:1.27'));
    const title = await waitFor(async () => (await rolloutLens()) ?? undefined, 15_000);
    assert.equal(title, '~ rollout: 5 steps, completes');
    const view = await client.request('kubeplan/simulate', {});
    assert.deepEqual(view.state, { source: '.kubeplan/state.yaml', objects: 6 });
    const change = view.plan.find((c) => c.object === 'Deployment/default/web');
    assert.equal(change.action, 'update');
    assert.equal(change.uri, uri);
    assert.deepEqual(change.diff, [{ path: 'spec.template.spec.containers[name=web].image', old: 'nginx:1.26', new: 'nginx:1.27' }]);
    assert.equal(change.rollout.steps.length, 5);
    assert.equal(change.rollout.completes, true);
  });

  it('a changed selector: the API server refuses the update, on the selector (KP150)', async () => {
    client.didChange(uri, 2, [{ text: web('nginx:1.27', '{app: web, tier: front}') }]);
    const published = await waitFor(async () => {
      const p = client.diagnosticsHistory(uri).at(-1);
      return p?.diagnostics.some((d) => d.code === 'KP150') ? p : undefined;
    }, 15_000);
    assert.deepEqual(
      published.diagnostics.filter((d) => d.code === 'KP150').map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
      ['5:2 kubectl apply would fail (Invalid, Deployment update validation): Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"}}: field is immutable'],
    );
  });

  it('kubeplan.clusterState names another state file; without one every object is new', async () => {
    writeFileSync(join(root, 'prod-state.yaml'), stateOf(web('nginx:1.27', '{app: web, tier: front}')));
    client.settings = { kubeplan: { clusterState: 'prod-state.yaml' } };
    client.didChangeConfiguration();
    const view = await waitFor(async () => {
      const v = await client.request('kubeplan/simulate', {});
      return v.state?.source === 'prod-state.yaml' ? v : undefined;
    }, 15_000);
    assert.deepEqual(view.plan.map((c) => `${c.action} ${c.object}`), ['unchanged Deployment/default/web']);
  });
});
