#!/usr/bin/env node
// kube-proxy in the editor (npm run bench runs it in a process of its own; or alone, after a build): the
// real language server over stdio, started with the flags the VS Code client gives it
// (SERVER_NODE_FLAGS), on a workspace folder of 10,000 Services × 10 endpoints (100 files, 20,100
// documents). What a user waits for: the workspace's first simulation, the re-simulation after an edit,
// the Service hover, and the node's rules document (`kubeplan/proxyRules`, what "Kubeplan: Show
// kube-proxy Rules for Node…" opens) received whole by the client, 32 MB of JSON-RPC included.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_NODE_FLAGS } from '../dist/core.js';
import { writeProxyWorkspace } from './proxyWorkspace.mjs';
import { median, p95 } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ms = (x) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;

async function proxyEditorBench() {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-proxy-bench-'));
  const files = writeProxyWorkspace(dir);
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  let simulations = 0;
  let simulated = () => {};
  conn.onNotification('kubeplan/simulationComplete', () => {
    simulations++;
    simulated();
  });
  const simulation = (n) => new Promise((resolve) => (simulated = () => simulations >= n && resolve()));
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.listen();
  try {
    const folder = pathToFileURL(dir).href;
    let t = performance.now();
    const first = simulation(1);
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: folder, workspaceFolders: [{ uri: folder, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
    conn.sendNotification('initialized', {});
    await first;
    const open = performance.now() - t;

    // Open one namespace's file and edit a Service's port: the workspace is simulated again.
    const uri = pathToFileURL(files[7]).href;
    const text = readFileSync(files[7], 'utf8');
    const lines = text.split('\n');
    t = performance.now();
    let next = simulation(2);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await next;
    const portLine = lines.indexOf('      port: 80');
    t = performance.now();
    next = simulation(3);
    conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: portLine, character: 12 }, end: { line: portLine, character: 14 } }, text: '81' }],
    });
    await next;
    const edit = performance.now() - t;

    // Hover each Service's name: the first waits for the rule model built after the simulation.
    const names = lines.flatMap((l, i) => (l.startsWith('  name: svc') && lines[i - 3] === 'kind: Service' ? [i] : []));
    const hover = async (line) => {
      const t1 = performance.now();
      const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 9 } });
      if (!h?.contents?.value?.includes('KUBE-SVC-')) throw new Error(`the hover at line ${line} shows no kube-proxy rules`);
      return performance.now() - t1;
    };
    // And a hover elsewhere (an EndpointSlice's kind) sent right after it: answered between the build's steps.
    const elsewhere = async (line) => {
      const t1 = performance.now();
      const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character: 7 } });
      if (!h?.contents?.value?.includes('EndpointSlice')) throw new Error(`the hover at line ${line} does not describe the EndpointSlice`);
      return performance.now() - t1;
    };
    const [firstHover, otherHover] = await Promise.all([hover(names[0]), elsewhere(lines.indexOf('kind: EndpointSlice'))]);
    const hovers = [];
    for (const line of names.slice(1)) hovers.push(await hover(line));

    // The default node's rules document, then another node's (its model is built on request).
    const rules = async (params) => {
      const t1 = performance.now();
      const r = await conn.sendRequest('kubeplan/proxyRules', params);
      if (!r.startsWith('*filter')) throw new Error(`kubeplan/proxyRules answered: ${r.slice(0, 200)}`);
      return [performance.now() - t1, r];
    };
    const [restoreFirst, restore] = await rules({ format: 'restore' });
    const restoreAgain = [];
    for (let i = 0; i < 3; i++) restoreAgain.push((await rules({ format: 'restore' }))[0]);
    const [otherNode] = await rules({ node: 'worker-2', format: 'save' });
    const rss = /VmRSS:\s*(\d+)/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1];

    console.log(`kube-proxy in the editor: language server over stdio, a folder of 10,000 Services × 10 endpoints (${files.length} files, 20,100 documents)`);
    console.log(`  workspace open → first simulation               ${ms(open)}`);
    console.log(`  re-simulation after editing a Service's port     ${ms(edit)} (edit → kubeplan/simulationComplete)`);
    console.log(`  Service hover with the rules of its port         median ${ms(median(hovers))}, p95 ${ms(p95(hovers))} (${hovers.length} Services; budget 5 ms); the first after the simulation ${ms(firstHover)} (it waits for the rule model, built in steps), a hover elsewhere sent with it ${ms(otherHover)}`);
    console.log(`  node rules document, restore form (${(restore.length / 1e6).toFixed(1)} MB)   ${ms(restoreFirst)} the first time, then median ${ms(median(restoreAgain))} (budget 1000 ms; received whole by the client)`);
    console.log(`  another node's rules, save form                 ${ms(otherNode)} (its rule model built on request)`);
    if (rss) console.log(`  server memory (RSS)                              ${(rss / 1024).toFixed(0)} MiB`);
    await conn.sendRequest('shutdown');
    conn.sendNotification('exit');
  } finally {
    proc.kill();
    conn.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

await proxyEditorBench();
