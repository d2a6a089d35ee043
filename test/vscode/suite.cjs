// Runs inside a desktop VS Code started by scripts/test-vscode.mjs (@vscode/test-electron,
// --extensionTestsPath): no mocha, plain asserts through the `vscode` API. The workspace is a
// temporary folder with the fixture broken.yaml written by scripts/test-vscode.mjs, which passes the
// expectations in the environment (KUBEPLAN_EXPECTED, KUBEPLAN_REPLICAS_DESCRIPTION). Throwing fails the run.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');

/** What `kubeplan check broken.yaml` reports: "CODE line:column message", from test/e2e/lib/fixtures.mjs. */
const EXPECTED = JSON.parse(process.env.KUBEPLAN_EXPECTED ?? '[]');
const REPLICAS_DESCRIPTION = process.env.KUBEPLAN_REPLICAS_DESCRIPTION ?? '';

async function waitFor(probe, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const show = (d) => `${typeof d.code === 'object' ? d.code.value : d.code} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`;

const checks = {
  async 'kubeplan diagnostics on broken.yaml'(uri) {
    const diagnostics = await waitFor(() => {
      const ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubeplan');
      return ours.length >= EXPECTED.length && ours;
    }, 60_000, 'kubeplan diagnostics');
    assert.deepEqual(diagnostics.map(show), EXPECTED);
  },

  async 'quick fix "Quote yes"'(uri, editor) {
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri,
      new vscode.Range(20, 17, 20, 20), vscode.CodeActionKind.QuickFix.value);
    const quote = actions.find((a) => a.title === 'Quote yes');
    assert.ok(quote, `code actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(quote.edit));
    assert.equal(editor.document.lineAt(20).text, '          value: "yes"');
    await waitFor(() => !vscode.languages.getDiagnostics(uri).some((d) => show(d).startsWith('KP124')), 30_000, 'KP124 to go away');
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubeplan').map(show), EXPECTED.slice(0, 2));
  },

  async 'hover on replicas'(uri) {
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(5, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.startsWith('**spec.replicas** · `integer`'), `hover: ${text}`);
    assert.ok(text.includes(REPLICAS_DESCRIPTION), `hover: ${text}`);
  },
};

exports.run = async function run() {
  assert.ok(EXPECTED.length && REPLICAS_DESCRIPTION, 'run by scripts/test-vscode.mjs, which passes the expectations');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  assert.ok(folder, 'VS Code was started without the fixture workspace');
  const extension = vscode.extensions.getExtension('kubeplan.kubeplan');
  assert.ok(extension, 'kubeplan.kubeplan is not loaded');
  const uri = vscode.Uri.joinPath(folder, 'broken.yaml');
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  let failed = 0;
  for (const [name, check] of Object.entries(checks)) {
    try {
      await check(uri, editor);
      console.log(`ok - ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`not ok - ${name}: ${e.stack ?? e}`);
    }
  }
  const total = Object.keys(checks).length;
  console.log(`test:vscode: ${total - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${total} VS Code checks failed`);
};
