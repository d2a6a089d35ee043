// The workspace in the language server: every suppression form silences every finding source, and
// no finding is ever published that the complete workspace would not show (no flicker while the
// folders are scanned).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';
import { BASE, CODES, FORMS } from '../helpers/suppression.mjs';
import { deployment } from '../helpers/manifests.mjs';

const codesOf = (published) => CODES.filter((code) => published.diagnostics.some((d) => d.code === code));

/** The diagnostics of `uri` once the simulation after its opening has published. */
async function settled(client, uri, version = 1) {
  const run = client.simulations.length;
  await client.waitForDiagnostics(uri, version);
  await client.waitForSimulations(run + 1);
  await client.request('kubeplan/nodes'); // a round trip: what the simulation republished has arrived
  return client.diagnosticsHistory(uri).at(-1);
}

describe('suppression in the language server, per finding source and form', () => {
  let client;
  after(() => client?.kill());

  it('unsilenced: the document (KP130), assumption (KP116) and simulation (KP160) findings, KP116 related to its other use', async () => {
    client = await startServer({ settings: { kubeplan: { severity: {} } }, timeoutMs: 30_000 });
    const uri = 'file:///kubeplan-suppression/base.yaml';
    client.didOpen(uri, BASE);
    const published = await settled(client, uri);
    assert.deepEqual(codesOf(published), ['KP116', 'KP160', 'KP130']);
    client.didClose(uri);
    await client.waitForDiagnostics(uri, null);
  });

  for (const [form, { text, severity }] of Object.entries(FORMS)) {
    it(`${form}: nothing of any source`, async () => {
      client.settings = { kubeplan: { severity } };
      client.didChangeConfiguration();
      const uri = `file:///kubeplan-suppression/${form.replace(/\W+/g, '-')}.yaml`;
      client.didOpen(uri, text);
      const published = await settled(client, uri);
      assert.deepEqual(codesOf(published), []);
      client.didClose(uri);
      await client.waitForDiagnostics(uri, null);
    });
  }
});

describe('no flicker: one file of a folder opened before the folder is scanned', () => {
  let client;
  after(() => client?.kill());

  it('never shows a finding the complete workspace would not show (the Namespace, the ServiceAccount and the Service are in sibling files)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kubeplan-flicker-'));
    // Many siblings: the scan takes a while, and the file is opened before it ends.
    for (let i = 0; i < 3000; i++) writeFileSync(join(root, `cm-${String(i).padStart(4, "0")}.yaml`), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: shop}\ndata: {k: v}\n`);
    writeFileSync(join(root, 'zz-namespace.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot, namespace: shop}\n');
    const app = deployment('web', 2, `      serviceAccountName: robot
      containers: [{name: app, image: nginx:1.27, ports: [{containerPort: 80}], resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}}]
`).replace('metadata: {name: web}', 'metadata: {name: web, namespace: shop}');
    writeFileSync(join(root, 'app.yaml'), app);
    writeFileSync(join(root, 'zz-service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n');
    const uri = pathToFileURL(join(root, 'app.yaml')).href;
    const serviceUri = pathToFileURL(join(root, 'zz-service.yaml')).href;
    // The documents are opened before the pulled settings arrive: the initial ones turn the best-practice
    // checks off too, as the pulled ones do (the subject is the workspace's partial view).
    client = await startServer({ workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }], rootUri: pathToFileURL(root).href, initializationOptions: { settings: { bestPractices: false } }, timeoutMs: 30_000 });
    client.didOpen(uri, app);
    client.didOpen(serviceUri, 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n');
    await client.waitForLog('workspace scan: 3003 YAML file(s) with Kubernetes objects');
    const run = client.simulations.length;
    await client.waitForSimulations(run + 1);
    await client.request('kubeplan/nodes');
    // The complete workspace: the namespace and the account exist, the Service has its endpoints.
    assert.deepEqual(client.diagnosticsHistory(uri).at(-1).diagnostics, []);
    assert.deepEqual(client.diagnosticsHistory(serviceUri).at(-1).diagnostics, []);
    // And nothing else was ever published for them: no KP116, KP150, KP151 or KP160 of a partial view.
    const everything = [...client.diagnosticsHistory(uri), ...client.diagnosticsHistory(serviceUri)].flatMap((p) => p.diagnostics.map((d) => `${d.code} ${d.message}`));
    assert.deepEqual(everything, []);
  });
});

describe('cross-file findings follow the keystroke', () => {
  let client;
  after(() => client?.kill());

  it("an edit of a Deployment's pod labels publishes its Service's KP163 (another file) before the simulation that follows the edit, and takes it back the same way", async () => {
    client = await startServer({ timeoutMs: 30_000 });
    const dep = 'file:///kubeplan-cross-file/deployment.yaml';
    const svc = 'file:///kubeplan-cross-file/service.yaml';
    const DEP = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27"}]\n';
    client.didOpen(dep, DEP);
    client.didOpen(svc, 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n');
    await settled(client, svc);
    const kp163 = () => client.diagnosticsHistory(svc).at(-1).diagnostics.filter((d) => d.code === 'KP163').map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
    assert.deepEqual(kp163(), []);
    const line = DEP.split('\n').indexOf('    metadata: {labels: {app: web}}');
    for (const [version, text, expected] of [
      [2, 'webb', ['4:2 Service web selects no pod template in namespace "default": Deployment/web\'s metadata.labels match it, but a Service selects pods, by the pod template\'s labels (app=webb)']],
      [3, 'web', []],
    ]) {
      const simulations = client.simulations.length;
      const published = client.diagnosticsHistory(svc).length;
      client.didChange(dep, version, [{ range: { start: { line, character: 29 }, end: { line, character: 29 + (version === 2 ? 3 : 4) } }, text }]);
      await client.waitForDiagnostics(dep, version);
      await client.request('kubeplan/nodes'); // a round trip: what the edit republished has arrived
      assert.equal(client.simulations.length, simulations, 'no simulation ran yet');
      assert.equal(client.diagnosticsHistory(svc).length, published + 1);
      assert.deepEqual(kp163(), expected);
    }
  });
});
