#!/usr/bin/env node
// Scheduling in the editor after an edit: 100 Deployments × 3 replicas (with their Services) on 10
// nodes; one Deployment's replicas changed, then what the server does before it can answer: re-parse
// the edited document, re-simulate the workspace (controllers, kube-scheduler, kubelets), KP153
// findings, and the lenses of the edited file. Measured in a process with the language server's V8
// flags (SERVER_NODE_FLAGS), as the editor runs it. Two figures: the median of the first 30 edits after
// start (while V8 is still compiling the simulator's code), and the steady state of a server in use
// (the median of 30 edits after 100).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer, SERVER_NODE_FLAGS, cluster, manifestsOf, codeLenses } from '../dist/core.js';
import { deployments, nodes } from './simulate.mjs';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OPTIONS = { kubernetesVersion: '1.35', defaultNamespace: 'default' };

export function scheduleEditBench(workloads = 100, edits = 30, warmup = 100) {
  if (!SERVER_NODE_FLAGS.every((f) => process.execArgv.includes(f))) {
    spawnSync(process.execPath, [...SERVER_NODE_FLAGS, fileURLToPath(import.meta.url), String(workloads), String(edits), String(warmup)], { stdio: 'inherit' });
    return;
  }
  const analyzer = new Analyzer(join(root, 'schemas'));
  const profile = cluster.profileFrom(manifestsOf(analyzer, [{ file: 'cluster.yaml', text: nodes(10) }]), 'cluster.yaml');
  const base = deployments(workloads, 3);
  const first = [];
  const total = [];
  const simulating = [];
  const editor = [];
  let result;
  for (let i = 0; i < warmup + edits; i++) {
    // A different value each time: the edited document is parsed anew, the others come from the cache.
    const text = base.replace('replicas: 3', `replicas: ${4 + (i % 3)}`).replace('cpu: 100m', `cpu: ${100 + i}m`);
    const t0 = performance.now();
    const manifests = manifestsOf(analyzer, [{ file: 'apps.yaml', text }]);
    result = cluster.simulate(manifests, profile, OPTIONS);
    const t1 = performance.now();
    const findings = cluster.schedulingFindings(result, manifests, 'default');
    const lenses = codeLenses(analyzer, text, 'default', '1.35', result);
    const t2 = performance.now();
    if (findings.length !== 0 || lenses.length !== 2 * workloads) throw new Error(`unexpected: ${findings.length} findings, ${lenses.length} lenses`);
    if (i < edits) first.push(t2 - t0);
    if (i < warmup) continue;
    total.push(t2 - t0);
    simulating.push(t1 - t0);
    editor.push(t2 - t1);
  }
  const pods = result.objects.filter((o) => o.kind === 'Pod').length;
  console.log(`re-schedule after editing one of ${workloads} Deployments (${pods} pods, 10 nodes): ${median(total).toFixed(1)} ms ` +
    `(re-simulation ${median(simulating).toFixed(1)} ms, KP153 findings + lenses ${median(editor).toFixed(1)} ms; target < 50 ms), ` +
    `${median(first).toFixed(1)} ms over the first ${edits} edits after start`);
}

if (import.meta.url === `file://${process.argv[1]}`) scheduleEditBench(...process.argv.slice(2).map(Number));
