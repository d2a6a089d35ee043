#!/usr/bin/env node
// kube-proxy rule generation speed: 10,000 Services × 10 endpoints for one node (restore form), and
// one service port's extraction (hover) with that model loaded. Run after `npm run build`.
//
// The budget line measures as upstream's own benchmark of this workload does
// (pkg/proxy/nftables/proxier_benchmark_test.go, runSyncBenchmark: N Services × 10 endpoints, each
// iteration a fresh proxier's first sync in an already running process): a fresh model and its restore
// payload, with the code already compiled, median of 5. Ours times more than upstream's: upstream
// registers the Services (and their chain names) before the timer starts.
//
// JavaScript adds a cost Go has not: V8 compiling the code on its first run. So the first render in a
// fresh process is reported too, measured in FRESH_RUNS separate processes (figures on this machine
// move by ±20% from run to run: one sample says little), as the median and the range.
//
// Everything runs under the language server's V8 flags (SERVER_NODE_FLAGS), as in the editor.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS, proxy } from '../dist/core.js';
import { proxyObjects as workspace } from './proxyWorkspace.mjs';
import { median } from './stats.mjs';

const FRESH_RUNS = 5;
const config = { nodeName: 'node-1', nodeIP: '192.168.0.2', clusterCIDR: '10.0.0.0/8', masqueradeMark: '0x4000', localhostNodePorts: true, nfacct: true, randomFully: false, proxyMode: 'iptables' };

const time = (fn) => {
  const t = performance.now();
  const value = fn();
  return [performance.now() - t, value];
};
const best = (n, fn) => Math.min(...Array.from({ length: n }, () => time(fn)[0]));
const range = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

// `--first` only when run as a script (bench/run.mjs imports this file with arguments of its own).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === '--first') {
  // One fresh process: the model and the restore payload, each the first time.
  const objects = workspace();
  const [modelMs, model] = time(() => proxy.proxyModel(objects, config));
  const [restoreMs] = time(() => proxy.iptablesRestore(model, config));
  console.log(JSON.stringify({ modelMs, restoreMs }));
} else if (!SERVER_NODE_FLAGS.every((f) => process.execArgv.includes(f))) {
  const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/proxy.mjs failed (exit ${r.status})`);
} else {
  const fresh = Array.from({ length: FRESH_RUNS }, () => {
    const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, fileURLToPath(import.meta.url), '--first'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`a fresh kube-proxy render failed (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout);
  });
  const objects = workspace();
  const model = proxy.proxyModel(objects, config);
  const restore = proxy.iptablesRestore(model, config);
  const restoreBest = best(3, () => proxy.iptablesRestore(model, config));
  const saveBest = best(3, () => proxy.iptablesSave(model, config));
  const target = model.servicePorts[4321];
  const extractBest = best(20, () => proxy.rulesForServicePort(model, config, target.spn));
  const traceBest = best(20, () => proxy.tracePacket(model, config, { destination: target.clusterIP, port: 80, source: '10.1.2.3' }));
  // The same after the first run: a running server re-renders with its code compiled. Median of 5.
  const warm = median(Array.from({ length: 5 }, () => time(() => proxy.iptablesRestore(proxy.proxyModel(objects, config), config))[0]));
  const first = fresh.map((f) => f.modelMs + f.restoreMs);
  console.log(`kube-proxy, 10,000 Services × 10 endpoints, one node (${restore.split('\n').length - 1} restore lines, ${(restore.length / 1e6).toFixed(1)} MB):`);
  console.log(`  model + restore payload, code compiled          ${warm.toFixed(0)} ms (median of 5; budget 1000 ms)`);
  console.log(`  the same, first time in a fresh process         ${median(first).toFixed(0)} ms (${range(first)}; median of ${FRESH_RUNS} processes), of which:`);
  console.log(`    model (objects → service ports, chain names)  ${median(fresh.map((f) => f.modelMs)).toFixed(0)} ms (${range(fresh.map((f) => f.modelMs))})`);
  console.log(`    restore payload from the model                ${median(fresh.map((f) => f.restoreMs)).toFixed(0)} ms (${range(fresh.map((f) => f.restoreMs))}); ${restoreBest.toFixed(0)} ms best of 3 once compiled`);
  console.log(`  iptables-save form from the model               ${saveBest.toFixed(0)} ms best of 3`);
  console.log(`  one service port's rules (hover)                ${extractBest.toFixed(2)} ms best of 20 (budget 5 ms)`);
  console.log(`  trace of one connection                         ${traceBest.toFixed(2)} ms best of 20`);
}
