// Helm charts in the language server: `helm template` run on each chart of the workspace, the findings
// of its output on the templates they came from (at the template's start, naming the rendered line),
// a failed render (KP212) and no helm (KP213) on Chart.yaml, nothing run in an untrusted workspace.
// helm is test/fixtures/fake-helm/helm, a stand-in that prints recorded `helm template` output of
// test/fixtures/chart (no helm on the test machines).
import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startServer } from '../helpers/lspClient.mjs';

const FAKE_HELM = resolve('test/fixtures/fake-helm/helm');

/** A copy of test/fixtures/chart as the folder `web` of a workspace folder, and the server on it with `helm` settings. */
async function chartWorkspace(helm, options = {}) {
  const root = mkdtempSync(join(tmpdir(), 'kubeplan-helm-'));
  cpSync('test/fixtures/chart', join(root, 'web'), { recursive: true });
  const folder = pathToFileURL(root).href;
  const client = await startServer({ workspaceFolders: [{ uri: folder, name: 'charts' }], settings: { kubeplan: { helm } }, timeoutMs: 30_000, ...options });
  const uri = (file) => `${folder}/${file}`;
  const lines = (diagnostics) =>
    diagnostics.flatMap((d) => [
      `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code} ${d.message}`,
      ...(d.relatedInformation ?? []).map((r) => `  ${r.location.uri.slice(folder.length + 1)}:${r.location.range.start.line + 1} ${r.message}`),
    ]);
  const open = (file) => client.didOpen(uri(file), readFileSync(join(root, file), 'utf8'));
  /** The latest diagnostics of a file, once `expect` holds of their lines. */
  const until = (file, expect) => client.diagnosticLinesUntil(uri(file), lines, expect);
  return { client, open, until };
}

describe('Helm charts in the editor', () => {
  let ws;
  afterEach(() => ws?.client.kill());

  it("a template shows the rendered chart's findings at its start, naming the rendered line, the chart related", async () => {
    ws = await chartWorkspace({ command: FAKE_HELM });
    ws.open('web/templates/deployment.yaml');
    const lines = await ws.until('web/templates/deployment.yaml', (l) => l.some((x) => x.includes('rendered line')));
    assert.deepEqual(lines, [
      '1:1-1:2 KP122 spec.replicas must be an integer, not a string ("2") (rendered line 23)',
      '  web/Chart.yaml:1 rendered by helm template from this chart',
    ]);
  });

  it('a chart helm cannot render is KP212 on its Chart.yaml, with what helm said', async () => {
    ws = await chartWorkspace({ command: FAKE_HELM, valuesFiles: ['bad.yaml'] });
    ws.open('web/Chart.yaml');
    const lines = await ws.until('web/Chart.yaml', (l) => l.some((x) => x.includes('KP212')));
    assert.deepEqual(lines, [
      '1:1-1:15 KP200 Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -',
      '1:1-1:2 KP212 helm could not render the chart: Error: open bad.yaml: no such file or directory',
    ]);
  });

  it('without helm, a note on Chart.yaml says how to have the chart rendered (KP213)', async () => {
    ws = await chartWorkspace({ command: '/nonexistent/helm' });
    ws.open('web/Chart.yaml');
    const lines = await ws.until('web/Chart.yaml', (l) => l.some((x) => x.includes('KP213')));
    assert.deepEqual(lines, [
      '1:1-1:15 KP200 Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -',
      '1:1-1:2 KP213 Helm chart not rendered: the command "/nonexistent/helm" was not found; install helm, or name it with the setting kubeplan.helm.command, to have its templates analysed as rendered',
    ]);
  });

  it('in an untrusted workspace helm is not run: the note says why', async () => {
    ws = await chartWorkspace({ command: FAKE_HELM }, { initializationOptions: { trusted: false } });
    ws.open('web/templates/deployment.yaml');
    ws.open('web/Chart.yaml');
    const lines = await ws.until('web/Chart.yaml', (l) => l.some((x) => x.includes('KP213')));
    assert.deepEqual(lines, [
      '1:1-1:15 KP200 Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -',
      '1:1-1:2 KP213 Helm chart not rendered: the workspace is not trusted (kubeplan runs no program in an untrusted workspace; trust it to render charts)',
    ]);
    assert.deepEqual(await ws.until('web/templates/deployment.yaml', () => true), []);
  });
});
