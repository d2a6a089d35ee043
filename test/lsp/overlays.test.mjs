// Kustomize overlays in the language server: the findings of the rendered overlays on the files they
// are about (a base, a patch, a kustomization entry), render errors, an untrusted workspace, and
// rendering again when a file changes on disk. Rendered with the real renderer on PATH (never skipped:
// test/cli/render.test.mjs checks there is one).
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';

const OVERLAY = 'rendered by kustomize from this overlay';

/** A copy of test/fixtures/overlays, and the server on it. */
async function overlaysWorkspace(options = {}) {
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-overlays-'));
  cpSync('test/fixtures/overlays', root, { recursive: true });
  const folder = pathToFileURL(root).href;
  const client = await startServer({ workspaceFolders: [{ uri: folder, name: 'overlays' }], timeoutMs: 30_000, ...options });
  const uri = (file) => `${folder}/${file}`;
  /** Each diagnostic as a line, its related locations indented below it, files relative to the copy. */
  const lines = (diagnostics) =>
    diagnostics.flatMap((d) => [
      `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`,
      ...(d.relatedInformation ?? []).map((r) => `  ${r.location.uri.slice(folder.length + 1)}:${r.location.range.start.line + 1} ${r.message}`),
    ]);
  const open = (file) => client.didOpen(uri(file), readFileSync(join(root, file), 'utf8'));
  /** The latest diagnostics of a file, once `expect` holds of their lines. */
  const until = (file, expect) => client.diagnosticLinesUntil(uri(file), lines, expect);
  const rendered = (file) => until(file, (l) => l.some((x) => x.includes(OVERLAY)));
  const status = () => client.request('kubeplan/serverStatus');
  /** Does `act`, then waits for a render pass and the simulation after it: what they publish has arrived. */
  const rendersAfter = async (act) => {
    const { overlays } = await status();
    const run = client.simulations.length;
    act();
    for (let i = 0; i < 300 && (await status()).overlays.passes <= overlays.passes; i++) await new Promise((r) => setTimeout(r, 50));
    await client.waitForSimulations(run + 1);
    await client.request('kubeplan/nodes'); // a round trip: what the simulation republished has arrived
  };
  return { root, client, uri, open, until, rendered, lines, status, rendersAfter };
}

describe('kustomize overlays in the editor', () => {
  let ws;
  after(() => ws?.client.kill());

  it("a base file shows the rendered overlays' finding once, both overlays related (its own finding is the same one)", async () => {
    ws = await overlaysWorkspace();
    for (const f of ['base/deployment.yaml', 'base/service.yaml', 'base/worker.yaml', 'staging/grace-patch.yaml', 'production/service-ports.yaml', 'staging/kustomization.yaml', 'production/kustomization.yaml']) ws.open(f);
    assert.deepEqual(await ws.until('base/deployment.yaml', (l) => l.filter((x) => x.includes(OVERLAY)).length === 2), [
      '14:7 KP120 unknown field "spec.template.spec.terminationGracePeriod"',
      `  production/kustomization.yaml:1 ${OVERLAY}`,
      `  staging/kustomization.yaml:1 ${OVERLAY}`,
    ]);
    // Valid alone, invalid once production's patch adds a second port.
    assert.deepEqual(await ws.rendered('base/service.yaml'), ['8:5 KP129 spec.ports[0].name: Required value', `  production/kustomization.yaml:1 ${OVERLAY}`]);
  });

  it("a patch file shows what it does to the rendered object, related to its overlay", async () => {
    // Its own analysis (a partial object) finds the same wrong type: one diagnostic, the overlay related.
    assert.deepEqual(await ws.rendered('staging/grace-patch.yaml'), [
      '8:38 KP122 spec.template.spec.terminationGracePeriodSeconds must be an integer, not a string ("thirty")',
      `  staging/kustomization.yaml:1 ${OVERLAY}`,
    ]);
    assert.deepEqual(await ws.rendered('production/service-ports.yaml'), [
      '4:11 KP129 spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive',
      `  production/kustomization.yaml:1 ${OVERLAY}`,
    ]);
    const kustomization = await ws.rendered('production/kustomization.yaml');
    assert.deepEqual(kustomization.filter((l) => /KP129 spec.replicas|KP140/.test(l)), [
      '13:1 KP129 spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      '22:14 KP140 spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m',
    ]);
  });

  it('the simulation applies one overlay of those sharing files (the first in path order), not their files', async () => {
    assert.deepEqual(ws.client.overlays.at(-1), { overlays: ['production', 'staging'], simulated: ['production'] });
    const status = await ws.client.request('kubeplan/serverStatus');
    assert.deepEqual(status.simulation.files, ['production (rendered)']);
  });

  it('kubeplan.kustomize.overlay picks the overlay the simulation applies', async () => {
    ws.client.settings = { kubeplan: { kustomize: { overlay: 'staging' } } };
    ws.client.didChangeConfiguration();
    await ws.client.waitUntil(() => ws.client.overlays.at(-1)?.simulated[0] === 'staging', () => `staging simulated: ${JSON.stringify(ws.client.overlays)}`);
    const run = ws.client.simulations.length;
    await ws.client.waitForSimulations(run + 1);
    const status = await ws.client.request('kubeplan/serverStatus');
    assert.deepEqual(status.simulation.files, ['staging (rendered)']);
  });

  it("a base file's scheduling lens and Explain Scheduling find its object as the overlay renames it (namePrefix)", async () => {
    const uri = ws.uri('base/worker.yaml');
    let lenses = [];
    for (let i = 0; i < 100 && lenses.length < 2; i++) {
      lenses = await ws.client.request('textDocument/codeLens', { textDocument: { uri } });
      if (lenses.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(lenses.map((l) => [l.command.title.replace(/→ .*/, '→ …'), l.command.arguments?.[0]?.workload]), [
      ['requests cpu 50m, memory 32Mi · limits cpu 100m, memory 64Mi · Burstable · ×1 replica', undefined],
      ['schedulable: 1/1 replica → …', 'Deployment/default/staging-worker'],
    ]);
    const explained = await ws.client.request('kubeplan/explainScheduling', { uri, position: { line: 3, character: 9 } });
    assert.equal(explained.workload, 'Deployment/default/staging-worker');
  });

  it("a base file's resources lens shows what the overlay applies (staging's `replicas:` entry: 2)", async () => {
    const lenses = await ws.client.request('textDocument/codeLens', { textDocument: { uri: ws.uri('base/deployment.yaml') } });
    assert.deepEqual(lenses.map((l) => l.command.title), ['requests cpu 100m, memory 64Mi · limits cpu 500m, memory 128Mi · Burstable · ×2 replicas = cpu 200m, memory 128Mi']);
  });

  it("a base Service's hover shows the kube-proxy rules of the Service the overlay renders (staging-web)", async () => {
    const hovered = await ws.client.request('textDocument/hover', { textDocument: { uri: ws.uri('base/service.yaml') }, position: { line: 1, character: 2 } });
    assert.match(hovered.contents.value, /\*\*kube-proxy on [\w-]+\*\*/);
    assert.match(hovered.contents.value, /`default\/staging-web:?[\w-]*` TCP/);
  });

  it('a saved file renders its overlay again (the editor sends didSave; kustomize reads the disk)', async () => {
    const file = 'production/service-ports.yaml';
    const fixed = readFileSync(join(ws.root, file), 'utf8').replace('70000', '7000');
    writeFileSync(join(ws.root, file), fixed);
    ws.client.didChange(ws.uri(file), 2, [{ text: fixed }]);
    ws.client.notify('textDocument/didSave', { textDocument: { uri: ws.uri(file) } });
    assert.deepEqual(await ws.until(file, (l) => !l.some((x) => x.includes('70000'))), []);
  });

  it('a file changed on disk (closed) renders its overlays again: a broken overlay is KP211 on its kustomization', async () => {
    const file = join(ws.root, 'staging/kustomization.yaml');
    // A patch of an object the overlay does not have: the kustomization's own check cannot know.
    writeFileSync(file, `${readFileSync(file, 'utf8')}- patch: |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: nothing\n`);
    ws.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: ws.uri('staging/kustomization.yaml'), type: 2 }] });
    // The open document's text is the editor's (unchanged); the render reads the disk.
    const lines = await ws.until('staging/kustomization.yaml', (l) => l.some((x) => x.includes('KP211')));
    assert.deepEqual(lines.filter((l) => l.includes('KP211')), [
      '1:1 KP211 kustomize could not render the overlay: no resource matches strategic merge patch "Deployment.v1.apps/nothing.[noNs]": no matches for Id Deployment.v1.apps/nothing.[noNs]; failed to find unique target for patch Deployment.v1.apps/nothing.[noNs]',
    ]);
    assert.deepEqual(await ws.until('base/deployment.yaml', (l) => l.filter((x) => x.includes(OVERLAY)).length === 1), [
      '14:7 KP120 unknown field "spec.template.spec.terminationGracePeriod"',
      `  production/kustomization.yaml:1 ${OVERLAY}`,
    ]);
  });

  it("a KP211 gives way to the kustomization's own error, its cause (a resource path that does not exist)", async () => {
    const file = 'staging/kustomization.yaml';
    const text = readFileSync(join(ws.root, file), 'utf8').replace('- ../base\n', '- ../base\n- ../nowhere\n');
    writeFileSync(join(ws.root, file), text);
    await ws.rendersAfter(() => {
      ws.client.didChange(ws.uri(file), 2, [{ text }]);
      ws.client.notify('textDocument/didSave', { textDocument: { uri: ws.uri(file) } });
    });
    const { overlays } = await ws.status();
    assert.deepEqual([overlays.rendered, overlays.notRendered], [['production'], ['staging']]);
    const lines = ws.lines(ws.client.diagnosticsHistory(ws.uri(file)).at(-1).diagnostics);
    assert.deepEqual(lines.filter((l) => /KP2\d\d/.test(l)).map((l) => l.slice(0, 10)), ['6:3 KP201 ']);
  });
});

describe('kustomize overlays in an untrusted workspace', () => {
  let ws;
  after(() => ws?.client.kill());

  it('kustomize is not run: one note per overlay, the files keep their own findings only', async () => {
    ws = await overlaysWorkspace({ initializationOptions: { trusted: false } });
    for (const f of ['base/deployment.yaml', 'staging/kustomization.yaml']) ws.open(f);
    const note = (await ws.until('staging/kustomization.yaml', (l) => l.some((x) => x.includes('KP210')))).filter((l) => l.includes('KP210'));
    assert.deepEqual(note, ['1:1 KP210 kustomize overlay not rendered: the workspace is not trusted (kubeplan runs no program in an untrusted workspace; trust it to render overlays)']);
    await ws.client.waitForSimulations(1);
    await ws.client.request('kubeplan/nodes'); // a round trip: what the simulation republished has arrived
    assert.deepEqual(ws.lines(ws.client.diagnosticsHistory(ws.uri('base/deployment.yaml')).at(-1).diagnostics), ['14:7 KP120 unknown field "spec.template.spec.terminationGracePeriod"']);
    assert.deepEqual(ws.client.overlays.at(-1), { overlays: ['production', 'staging'], simulated: [] });
  });

  it('once trusted, the overlays are rendered', async () => {
    ws.client.notify('kubeplan/workspaceTrusted', { trusted: true });
    assert.deepEqual(await ws.until('base/deployment.yaml', (l) => l.filter((x) => x.includes(OVERLAY)).length === 2), [
      '14:7 KP120 unknown field "spec.template.spec.terminationGracePeriod"',
      `  production/kustomization.yaml:1 ${OVERLAY}`,
      `  staging/kustomization.yaml:1 ${OVERLAY}`,
    ]);
    assert.deepEqual((await ws.until('staging/kustomization.yaml', (l) => !l.some((x) => x.includes('KP210')))).filter((l) => /KP21/.test(l)), []);
  });
});

describe('kustomize settings', () => {
  let ws;
  after(() => ws?.client.kill());

  it('kubeplan.kustomize.command that is not found: one KP210 note per overlay, naming the command', async () => {
    ws = await overlaysWorkspace({ settings: { kubeplan: { kustomize: { command: 'no-such-kustomize build' } } } });
    ws.open('staging/kustomization.yaml');
    const note = (await ws.until('staging/kustomization.yaml', (l) => l.some((x) => x.includes('KP210')))).filter((l) => l.includes('KP210'));
    assert.deepEqual(note, ['1:1 KP210 kustomize overlay not rendered: the command "no-such-kustomize build" was not found (--kustomize-command, setting kubeplan.kustomize.command)']);
  });

  it('kubeplan.kustomize.enable false: no overlay, no note', async () => {
    ws.client.settings = { kubeplan: { kustomize: { enable: false, command: 'no-such-kustomize build' } } };
    ws.client.didChangeConfiguration();
    assert.deepEqual((await ws.until('staging/kustomization.yaml', (l) => !l.some((x) => x.includes('KP210')))).filter((l) => /KP21/.test(l)), []);
    await ws.client.waitUntil(() => ws.client.overlays.at(-1)?.overlays.length === 0, () => `no overlays: ${JSON.stringify(ws.client.overlays)}`);
  });
});
