#!/usr/bin/env node
// kubeplan plan figures (npm run bench): 1,000 Deployments × 3 replicas (and their Services) against a
// 100-node cluster state holding the previous release (3,000 running pods): one image in ten changed
// (100 rollouts), every image changed (1,000 rollouts), nothing changed. Target: < 3 s for the whole CLI run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { deployments, nodes } from './simulate.mjs';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.js');

function run(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`kubeplan ${args[0]} failed: ${r.stderr}`);
  return { ms: performance.now() - t, out: r.stdout };
}

export function planBench(runs = 5) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-plan-bench-'));
  const clusterFile = join(dir, 'nodes.yaml');
  writeFileSync(clusterFile, nodes(100));
  const before = join(dir, 'before.yaml');
  writeFileSync(before, deployments(1000, 3));
  // The cluster state: the previous release as the simulated cluster holds it, nodes included.
  const simulated = JSON.parse(run(['simulate', before, '--cluster', clusterFile, '--format', 'json', '--no-best-practices']).out);
  const nodeObjects = YAML.parseAllDocuments(nodes(100)).map((d) => d.toJS()).filter(Boolean);
  // As `kubectl get … -o json` writes it (docs/simulation.md: JSON reads far faster than YAML).
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [...nodeObjects, ...simulated.objects] }, null, 4));
  const changed = join(dir, 'changed.yaml');
  writeFileSync(changed, deployments(1000, 3).replace(/:1\.0\n/g, ':1.1\n'));
  // A release: one Deployment in ten gets a new image.
  const tenth = join(dir, 'tenth.yaml');
  writeFileSync(tenth, deployments(1000, 3).replace(/app-(\d+):1\.0\n/g, (line, i) => (Number(i) % 10 === 0 ? `app-${i}:1.1\n` : line)));
  const pods = simulated.objects.filter((o) => o.kind === 'Pod').length;
  const cases = [
    { label: 'one image in ten changed (100 rollouts)', file: tenth, times: [], out: '' },
    { label: 'every image changed (1,000 rollouts)', file: changed, times: [], out: '' },
    { label: 'nothing changed', file: before, times: [], out: '' },
  ];
  // The floor: node starting, reading the state and parsing it (what any plan of it costs at least).
  const floor = [];
  // Interleaved, so that a slower stretch of the machine weighs on every case alike.
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const r = run(['plan', c.file, '--cluster-state', state, '--format', 'json']);
      c.out = r.out;
      c.times.push(r.ms);
    }
    const t = performance.now();
    spawnSync(process.execPath, ['-e', `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(state)}, 'utf8'))`]);
    floor.push(performance.now() - t);
  }
  console.log(`plan floor (node reads and parses the ${(statSync(state).size / 1e6).toFixed(0)} MB state): ${median(floor).toFixed(0)} ms`);
  for (const c of cases) {
    const plan = JSON.parse(c.out).changes;
    const rollouts = plan.filter((e) => e.rollout);
    console.log(`plan of 1,000 Deployments against a 100-node state (${pods} pods), ${c.label}: ${median(c.times).toFixed(0)} ms CLI wall (median of ${runs}; ${(median(c.times) / median(floor)).toFixed(1)}× the floor; ${rollouts.length} rollouts, ${rollouts.filter((e) => e.rollout.completes).length} complete; target < 3 s)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) planBench();
