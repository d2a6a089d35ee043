#!/usr/bin/env node
// A base file of a two-overlay repository edited in the editor (npm run bench runs it in a process of
// its own; or alone, after a build): the real language server over stdio on a copy of
// test/fixtures/overlays (a base, a component, overlays `staging` and `production`). Each edit
// renames the base Deployment's unknown field and saves; timed from the save to the publication of
// the base file's diagnostics in which the overlays' rendered finding carries the new name (the file's
// own finding and the rendered one, the same again, shown once). kustomize's own time for the two
// overlays, measured here with the same command, is subtracted: what is left is kubeplan's.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { median, p95 } from './stats.mjs';
import { findKustomize } from '../dist/kustomize.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ms = (x) => `${x.toFixed(1)} ms`;
const OVERLAY = 'rendered by kustomize from this overlay';

async function overlayEditBench(edits = 12) {
  const command = findKustomize(undefined);
  if (!command) throw new Error('bench/overlay-edit.mjs needs kustomize or kubectl on PATH');
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-overlay-bench-'));
  cpSync(join(root, 'test', 'fixtures', 'overlays'), dir, { recursive: true });
  // kustomize alone, as the server runs it: both overlays, one after the other.
  const kustomizeAlone = Array.from({ length: 5 }, () => {
    const t = performance.now();
    for (const overlay of ['staging', 'production']) execFileSync(command.file, [...command.args, join(dir, overlay)], { stdio: ['ignore', 'ignore', 'ignore'] });
    return performance.now() - t;
  });
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = [];
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    for (const w of [...waiting]) {
      if (w.match(p)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  const published = (match) => new Promise((resolve) => waiting.push({ match, resolve }));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.listen();
  try {
    const folder = pathToFileURL(dir).href;
    const uri = `${folder}/base/deployment.yaml`;
    const file = join(dir, 'base', 'deployment.yaml');
    const field = (p) => p.diagnostics.filter((d) => d.code === 'KP120' && d.message.includes('terminationGracePeriod'));
    // The base file's unknown field, once, with both overlays related: its own finding and the rendered ones agree.
    const settled = (name) => (p) => p.uri === uri && field(p).length === 1 && field(p)[0].message.includes(`"spec.template.spec.${name}"`) && (field(p)[0].relatedInformation ?? []).filter((r) => r.message.includes(OVERLAY)).length === 2;
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'overlays' }], capabilities: { workspace: { configuration: true } } });
    const first = published(settled('terminationGracePeriod'));
    conn.sendNotification('initialized', {});
    let text = readFileSync(file, 'utf8');
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await first;
    const times = [];
    for (let v = 2; v < edits + 2; v++) {
      const [from, to] = v % 2 === 0 ? ['terminationGracePeriod', 'terminationGracePeriodX'] : ['terminationGracePeriodX', 'terminationGracePeriod'];
      text = text.replace(`${from}:`, `${to}:`);
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
      writeFileSync(file, text);
      const done = published(settled(to));
      const t = performance.now();
      conn.sendNotification('textDocument/didSave', { textDocument: { uri } });
      await done;
      times.push(performance.now() - t);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const k = median(kustomizeAlone);
    console.log(`kustomize overlays in the editor: a base file of two overlays (test/fixtures/overlays), edited and saved, ${edits} times`);
    console.log(`  save → the base file's diagnostics from the new renders: median ${ms(median(times))}, p95 ${ms(p95(times))}`);
    console.log(`  of which kustomize itself (${command.file} ${command.args.join(' ')}, both overlays, median of 5): ${ms(k)}`);
    console.log(`  kubeplan beyond kustomize: median ${ms(median(times) - k)}   (target < 300 ms)`);
  } finally {
    proc.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

await overlayEditBench();
