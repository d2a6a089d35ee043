#!/usr/bin/env node
// npm run bench — prints kubeplan's performance figures (no assertions: tests assert behaviour).
//   1. the whole ../shared/corpus checked by the CLI in one process, against the yaml library alone;
//   2. a 2,000-document manifest over LSP: server start to ready, first diagnostics after open,
//      complete diagnostics, re-validation after an edit inside one document;
//   3. a 500-file workspace over LSP: cross-file findings after an edit (bench/workspace-edit.mjs);
//   4. a base file of two kustomize overlays edited and saved: the re-render's findings (bench/overlay-edit.mjs);
//   5. last, kubeplan against a peer, yaml-language-server, on the same files (bench/peer.mjs, issue #19):
//      fails the bench when the peer cannot run.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { manifest2000 } from './manifest2000.mjs';
import { simulateBench } from './simulate.mjs';
import { schedulerBench } from './scheduler.mjs';
import { scheduleEditBench } from './schedule-edit.mjs';
import { celBench } from './cel.mjs';
import { median, p95 } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const corpus = process.env.KUBEPLAN_SHARED ? join(process.env.KUBEPLAN_SHARED, 'corpus') : join(root, '..', 'shared', 'corpus');
const ms = (x) => `${x.toFixed(1)} ms`;

function wall(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t;
}

function corpusBench(runs = 5) {
  if (!existsSync(corpus)) {
    console.log(`corpus: skipped (${corpus} absent)`);
    return;
  }
  const yamlOnly = [];
  const check = [];
  for (let i = 0; i < runs; i++) {
    yamlOnly.push(wall([join(root, 'bench', 'yaml-only.mjs'), corpus]));
    check.push(wall([join(root, 'dist', 'cli.js'), 'check', corpus, '--format', 'json']));
  }
  const y = median(yamlOnly);
  const c = median(check);
  console.log('corpus (../shared/corpus, one process each, median of %d runs, node start included)', runs);
  console.log(`  yaml library alone (parse + toJS): ${ms(y)}`);
  console.log(`  kubeplan check:                    ${ms(c)}`);
  console.log(`  ratio:                             ${(c / y).toFixed(2)}x   (target <= 2x)`);
  // The cross-resource findings are part of the check above: their own time, once, in a fresh process.
  const refsOnce = () => {
    const r = spawnSync(process.execPath, [join(root, 'bench', 'references.mjs'), corpus], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/references.mjs failed: ${r.stderr}`);
    return Number(r.stdout.split(' ')[0]);
  };
  const refs = median(Array.from({ length: runs }, refsOnce));
  console.log(`  of which cross-resource findings:  ${ms(refs)} = +${((100 * refs) / (c - refs)).toFixed(1)}% on the check without them   (target < 20%)`);
}

async function lspBench(settings, label, edits = 40) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio']);
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = [];
  const on = (method, match) => new Promise((resolve) => waiting.push({ method, match, resolve }));
  let lastDiagnostics = [];
  for (const method of ['textDocument/publishDiagnostics', 'kubeplan/analysisComplete']) {
    conn.onNotification(method, (p) => {
      if (method === 'textDocument/publishDiagnostics') lastDiagnostics = p.diagnostics;
      for (const w of [...waiting]) {
        if (w.method === method && w.match(p)) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
  }
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { settings } });
  const ready = performance.now() - t0;
  conn.sendNotification('initialized', {});

  const uri = 'file:///bench/manifest-2000.yaml';
  const text = manifest2000();
  let t = performance.now();
  const firstDiagnostics = on('textDocument/publishDiagnostics', (p) => p.uri === uri);
  const complete = on('kubeplan/analysisComplete', (p) => p.uri === uri && p.version === 1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await firstDiagnostics;
  const first = performance.now() - t;
  await complete;
  const all = performance.now() - t;

  // Edit the replicas of the Deployment at line 8, back and forth, one keystroke at a time.
  const times = [];
  for (let v = 2; v < edits + 2; v++) {
    t = performance.now();
    const done = on('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v);
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line: 7, character: 12 }, end: { line: 7, character: 13 } }, text: String((v % 9) + 1) }],
    });
    await done;
    times.push(performance.now() - t);
  }
  // Hover, completion and code actions at places spread over the whole file.
  const lines = text.split('\n');
  const targets = [];
  lines.forEach((l, i) => {
    if (l.startsWith('  replicas:') || l.startsWith('        image:') || l.startsWith('  backoffLimit:')) targets.push(i);
  });
  const sample = Array.from({ length: 100 }, (_, k) => targets[Math.floor((k * targets.length) / 100)]);
  const timed = async (fn) => {
    const t1 = performance.now();
    await fn();
    return performance.now() - t1;
  };
  const hovers = [];
  const completions = [];
  for (const line of sample) {
    const character = lines[line].search(/\S/) + 2;
    hovers.push(await timed(() => conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } })));
    completions.push(await timed(() => conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character: lines[line].length } })));
  }
  const diagnostics = lastDiagnostics;
  const lenses = [];
  for (let k = 0; k < 20; k++) {
    lenses.push(await timed(() => conn.sendRequest('textDocument/codeLens', { textDocument: { uri } })));
  }
  const actions = [];
  for (const d of diagnostics.slice(0, 50)) {
    actions.push(await timed(() => conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })));
  }
  await conn.sendRequest('shutdown');
  // The server exits on `exit`; killing it instead could destroy its stdin under that last write.
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  await conn.sendNotification('exit');
  await exited;
  conn.dispose();
  console.log(`LSP, ${text.split('\n---\n').length}-document manifest (${(text.length / 1024).toFixed(0)} KiB), ${label}: ${lastDiagnostics.length} diagnostics`);
  console.log(`  server start to ready (spawn → initialize result): ${ms(ready)}   (target < 300 ms)`);
  console.log(`  first diagnostics after didOpen:                   ${ms(first)}   (target < 300 ms; the first 25 documents)`);
  console.log(`  complete diagnostics after didOpen:                ${ms(all)}`);
  console.log(`  re-validation after an edit (${edits} edits): median ${ms(median(times))}, p95 ${ms(p95(times))}   (target < 20 ms)`);
  // The floor of any push-diagnostics server: the publication itself, encoded and decoded once each.
  const message = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: edits + 1, diagnostics } };
  const transport = Array.from({ length: 9 }, () => {
    const t1 = performance.now();
    JSON.parse(Buffer.from(JSON.stringify(message), 'utf8').toString('utf8'));
    return performance.now() - t1;
  });
  const bytes = Buffer.byteLength(JSON.stringify(message));
  console.log(`    of which the floor, the publication itself (${diagnostics.length} diagnostics, ${(bytes / 1048576).toFixed(1)} MiB) encoded and decoded once: ${ms(median(transport))}   (edit ${(median(times) / median(transport)).toFixed(1)}x that)`);
  console.log(`  hover (${hovers.length} keys): median ${ms(median(hovers))}, p95 ${ms(p95(hovers))}   (target p95 < 10 ms)`);
  console.log(`  completion (${completions.length} positions): median ${ms(median(completions))}, p95 ${ms(p95(completions))}   (target p95 < 10 ms)`);
  console.log(`  code actions (${actions.length} diagnostics): median ${ms(median(actions))}, p95 ${ms(p95(actions))}   (target < 20 ms)`);
  console.log(`  code lenses of the whole file (${lenses.length} requests, 500 workloads): median ${ms(median(lenses))}, p95 ${ms(p95(lenses))}`);
}

/**
 * Issue 4: what computing requests for every workload adds to `kubeplan check` on the corpus. Both in
 * one process, parses cached as in a check: (a) analyzeFile of every file, which includes the
 * resource findings; (b) fileWorkloads of every file (the requests of every workload, alone).
 */
async function resourcesBench(runs = 5) {
  if (!existsSync(corpus)) return;
  const { Analyzer, fileWorkloads } = require(join(root, 'dist', 'core.js'));
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/i.test(e.name)) files.push(readFileSync(p, 'utf8'));
    }
  };
  walk(corpus);
  const checks = [];
  const requests = [];
  let workloads = 0;
  for (let i = 0; i < runs; i++) {
    const analyzer = new Analyzer(join(root, 'schemas'), () => require(join(root, 'dist', 'validators.js')));
    files.forEach((text, n) => analyzer.setFile(String(n), text));
    let t = performance.now();
    for (const text of files) analyzer.analyzeFile(text);
    checks.push(performance.now() - t);
    t = performance.now();
    workloads = 0;
    for (const text of files) workloads += fileWorkloads(analyzer, text).length;
    requests.push(performance.now() - t);
  }
  const c = median(checks);
  const r = median(requests);
  console.log(`resources (../shared/corpus, in one process, median of ${runs} runs)`);
  console.log(`  check of every file:                 ${ms(c)}`);
  console.log(`  requests of all ${workloads} workloads:      ${ms(r)}   (${((100 * r) / c).toFixed(1)}% of check; target < 10%)`);
}

// The kube-proxy benches first, each in processes of their own, while this process is still small: on
// the shared machine, the memory other processes hold slows allocation-heavy work (a 2.5 GB parent
// made the 32 MB rules document take 2 s instead of 0.9 s).
await import('./proxy.mjs'); // kube-proxy rule rendering (in child processes), printed as it loads
spawnSync(process.execPath, [join(root, 'bench', 'proxy-editor.mjs')], { stdio: 'inherit' });
spawnSync(process.execPath, [join(root, 'bench', 'workspace-edit.mjs')], { stdio: 'inherit' });
spawnSync(process.execPath, [join(root, 'bench', 'overlay-edit.mjs')], { stdio: 'inherit' });
corpusBench();
await resourcesBench();
celBench();
(await import('./rbac.mjs')).rbacBench();
simulateBench();
(await import('./plan.mjs')).planBench();
schedulerBench();
scheduleEditBench();
await lspBench({}, 'default settings');
// The planted errors only, to compare with the figures from before the simulation and the workspace's
// findings: without the best practices (KP145: the 500 Jobs set no resources; KP17x/KP18x: no
// securityContext), without the simulation's 2,000 true KP150 errors (its objects live in namespaces
// the file does not create) and the 500 true KP163 warnings (each Service selects the Deployment of
// another namespace), and the KP153 scheduling errors that follow from the missing namespaces.
await lspBench({ bestPractices: false, severity: { KP150: 'off', KP153: 'off', KP163: 'off' } }, 'the planted errors only (best practices, KP150, KP153, KP163 off)');
// kubeplan against yaml-language-server, in a process of its own, last (it takes a minute or two).
const peer = spawnSync(process.execPath, [join(root, 'bench', 'peer.mjs')], { stdio: 'inherit' });
if (peer.status !== 0) {
  console.error(`npm run bench: the peer comparison (bench/peer.mjs) failed (exit ${peer.status ?? peer.signal})`);
  process.exitCode = peer.status || 1;
}
