#!/usr/bin/env node
// The scheduler's speed as the simulator uses it: 1,000 pods with requests onto 5,000 nodes, the
// default profile, each placed pod added to the snapshot before the next is scheduled.
// Run `node scripts/build.mjs` first; prints the total time and the share of pods placed.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { scheduler } = require('../dist/core.js');

const NODES = 5000;
const PODS = 1000;
const nodes = Array.from({ length: NODES }, (_, i) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: `node-${String(i).padStart(4, '0')}`, labels: { 'kubernetes.io/hostname': `node-${i}`, 'topology.kubernetes.io/zone': `zone-${i % 3}` } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110', 'ephemeral-storage': '100Gi' }, images: [{ names: ['registry.k8s.io/pause:3.10'], sizeBytes: 300000 }] },
}));
const replicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } };
const pod = (i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `web-${i}`, namespace: 'default', labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27', resources: { requests: { cpu: '250m', memory: '256Mi' } } }] },
});

export function schedulerBench() {
  const start = performance.now();
  const snapshot = new scheduler.SchedulerSnapshot(nodes, [replicaSet]);
  let placed = 0;
  for (let i = 0; i < PODS; i++) {
    const p = pod(i);
    const result = scheduler.schedulePod(p, snapshot, { kubernetesVersion: '1.35' });
    if (result.node) {
      placed++;
      snapshot.addPod({ ...p, spec: { ...p.spec, nodeName: result.node } });
    }
  }
  const ms = performance.now() - start;
  console.log(`scheduler: ${PODS} pods onto ${NODES} nodes in ${(ms / 1000).toFixed(2)} s (${(ms / PODS).toFixed(2)} ms/pod), ${placed} placed; target < 3 s`);
}

if (import.meta.url === `file://${process.argv[1]}`) schedulerBench();
