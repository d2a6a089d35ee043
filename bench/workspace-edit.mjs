#!/usr/bin/env node
// Cross-file findings after an edit (npm run bench runs it in a process of its own; or alone, after a
// build): the real language server over stdio on a workspace folder of 500 files (bench/workspace500),
// two of them open: app-7's Deployment and its Service. Each edit renames the Deployment's pod
// template label, so that the Service (another file) selects nothing, then renames it back; timed from
// the didChange to the publication of the Service's diagnostics with (or without) its KP163.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../dist/core.js';
import { workspace500 } from './workspace500.mjs';
import { median, p95 } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ms = (x) => `${x.toFixed(1)} ms`;

async function workspaceEditBench(edits = 30) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-workspace-bench-'));
  const files = workspace500();
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = [];
  const on = (method, match) => new Promise((resolve) => waiting.push({ method, match, resolve }));
  for (const method of ['textDocument/publishDiagnostics', 'kubeplan/simulationComplete']) {
    conn.onNotification(method, (p) => {
      for (const w of [...waiting]) {
        if (w.method === method && w.match(p)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
  }
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.listen();
  try {
    const folder = pathToFileURL(dir).href;
    const simulated = on('kubeplan/simulationComplete', () => true);
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    conn.sendNotification('initialized', {});
    await simulated;
    const deployment = pathToFileURL(join(dir, 'app-7/deployment.yaml')).href;
    const service = pathToFileURL(join(dir, 'app-7/service.yaml')).href;
    const opened = on('kubeplan/simulationComplete', () => true);
    for (const uri of [deployment, service]) {
      const file = uri.slice(folder.length + 1);
      conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: files[file] } });
    }
    await opened;
    const line = files['app-7/deployment.yaml'].split('\n').indexOf('      labels: {app: app-7, tier: backend}');
    const hasKP163 = (p) => p.diagnostics.some((d) => d.code === 'KP163');
    const times = [];
    for (let v = 2; v < edits + 2; v++) {
      const broken = v % 2 === 0;
      const settled = on('kubeplan/simulationComplete', () => true);
      const t = performance.now();
      const published = on('textDocument/publishDiagnostics', (p) => p.uri === service && hasKP163(p) === broken);
      conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: deployment, version: v },
        contentChanges: [{ range: { start: { line, character: 25 }, end: { line, character: broken ? 25 : 26 } }, text: broken ? 'x' : '' }],
      });
      await published;
      times.push(performance.now() - t);
      // Each edit starts from a settled workspace: the simulation that follows the edit is done, and
      // what runs after it (kube-proxy's rule model) too.
      await settled;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    console.log(`workspace of ${Object.keys(files).length} files (bench/workspace500.mjs), language server`);
    console.log(`  cross-file findings after an edit (${edits} edits: a Deployment's pod labels, its Service in another file gains or loses KP163): median ${ms(median(times))}, p95 ${ms(p95(times))}   (target < 100 ms)`);
  } finally {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await workspaceEditBench();
