// The ecosystem's files in the language server: a kustomization is hovered and completed from
// kustomize's schema, a path it lists that does not exist is a diagnostic at its entry (KP201), a file
// the workspace's kustomization uses as a patch is checked as a partial object, a chart's template is
// not analysed.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';

const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namePrefix: dev-
resources:
  - deployment.yaml
  - missing.yaml
patches:
  - path: replicas.yaml

`;
const DEPLOYMENT = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n';
const PATCH = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 3\n';

const lines = (published) => published.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);

describe('kustomizations and charts in the language server', () => {
  let client;
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-eco-'));
  const file = (name, text) => {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
    return pathToFileURL(join(root, name)).href;
  };
  const kustomization = file('app/kustomization.yaml', KUSTOMIZATION);
  file('app/deployment.yaml', DEPLOYMENT);
  const patch = file('app/replicas.yaml', PATCH);
  file('chart/Chart.yaml', 'apiVersion: v2\nname: web\nversion: 0.1.0\n');
  const template = file('chart/templates/service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n');

  before(async () => {
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href });
    // The kustomization and the Chart.yaml are read although they have no objects.
    await client.waitForLog('workspace scan: 5 YAML file(s)');
  });
  after(() => client?.kill());

  it('a missing resource is an error at its entry, once the workspace is simulated', async () => {
    const run = client.simulations.length;
    client.didOpen(kustomization, KUSTOMIZATION);
    assert.deepEqual(lines(await client.waitForDiagnostics(kustomization, 1)), []);
    await client.waitForSimulations(run + 1);
    assert.deepEqual(lines(await client.waitForDiagnostics(kustomization, 1)), [
      `5:4-5:16 KP201 resources[1]: "missing.yaml" not found: no file or directory ${join(root, 'app', 'missing.yaml')}`,
    ]);
  });

  it('hover on a key of the kustomization: its type and description from kustomize\'s schema', async () => {
    assert.deepEqual(await client.request('textDocument/hover', { textDocument: { uri: kustomization }, position: { line: 2, character: 3 } }), {
      contents: { kind: 'markdown', value: '**namePrefix** · `string`\n\nPrefix added to the names of all objects (and to the references to them).\n\noptional — *kustomize.config.k8s.io/v1beta1 Kustomization*' },
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 10 } },
    });
  });

  it("completion at the top of the kustomization: kustomize's fields, present ones left out", async () => {
    const items = await client.request('textDocument/completion', { textDocument: { uri: kustomization }, position: { line: 8, character: 0 } });
    const labels = items.map((i) => i.label);
    assert.equal(labels.includes('images'), true);
    assert.equal(labels.includes('namePrefix'), false);
    assert.equal(labels.includes('spec'), false);
    assert.equal(items.length, 29);
    assert.deepEqual(items.find((i) => i.label === 'replicas').detail, '[]object');
  });

  it('the patch is checked as a partial object: no missing selector or template', async () => {
    client.didOpen(patch, PATCH);
    assert.deepEqual(lines(await client.waitForDiagnostics(patch, 1)), []);
    client.didChange(patch, 2, [{ text: PATCH.replace('replicas: 3', 'replicas: three') }]);
    assert.deepEqual(lines(await client.waitForDiagnostics(patch, 2)), ['4:12-4:17 KP122 spec.replicas must be an integer, not a string ("three")']);
  });

  it("a chart's template is not analysed", async () => {
    client.didOpen(template, 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n');
    assert.deepEqual(lines(await client.waitForDiagnostics(template, 1)), []);
  });
});
