#!/usr/bin/env node
// Simulation figures (npm run bench): the microservices demo on the default cluster, a synthetic
// 1,000 Deployments × 3 replicas on 100 nodes, and re-simulating after editing one manifest.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Analyzer, cluster, manifestsOf } from '../dist/core.js';
import { median } from './stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.KUBEPLAN_SHARED ?? join(root, '..', 'shared');
const OPTIONS = { kubernetesVersion: '1.35', defaultNamespace: 'default' };

function time(fn, runs) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  return { ms: median(times), result };
}

function simulateFiles(analyzer, files, profile) {
  const manifests = manifestsOf(analyzer, files);
  return cluster.simulate(manifests, profile ?? cluster.resolveProfile(manifests, undefined), OPTIONS);
}

export function deployments(n, replicas) {
  let text = '';
  for (let i = 0; i < n; i++) {
    text += `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
      - name: main
        image: registry.example/app-${i}:1.0
        resources: {requests: {cpu: 100m, memory: 128Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}}
spec: {selector: {app: app-${i}}, ports: [{port: 80, targetPort: 8080}]}
`;
  }
  return text;
}

export function nodes(n) {
  let text = '';
  for (let i = 0; i < n; i++) {
    text += `---
apiVersion: v1
kind: Node
metadata: {name: node-${String(i).padStart(3, '0')}, labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: zone-${i % 3}}}
status:
  allocatable: {cpu: "32", memory: 128Gi, pods: "110"}
  addresses: [{type: InternalIP, address: 10.0.${Math.floor(i / 250)}.${(i % 250) + 1}}]
`;
  }
  return text;
}

export function simulateBench() {
  const analyzer = new Analyzer(join(root, 'schemas'));
  const demo = join(shared, 'corpus', 'microservices-demo');
  if (existsSync(demo)) {
    const files = readdirSync(demo).filter((f) => /\.ya?ml$/.test(f)).map((f) => ({ file: f, text: readFileSync(join(demo, f), 'utf8') }));
    simulateFiles(analyzer, files); // parse once: the editor keeps parsed documents
    const { ms, result } = time(() => simulateFiles(analyzer, files), 20);
    console.log(`simulate microservices-demo on the default cluster: ${ms.toFixed(1)} ms (${result.events.length} events, ${result.objects.length} objects; target < 50 ms)`);
  } else console.log(`simulate microservices-demo: skipped (${demo} absent)`);

  const big = [{ file: 'apps.yaml', text: deployments(1000, 3) }];
  const clusterManifests = manifestsOf(analyzer, [{ file: 'cluster.yaml', text: nodes(100) }]);
  const profile = cluster.profileFrom(clusterManifests, 'cluster.yaml');
  const cold = time(() => simulateFiles(analyzer, big, profile), 1);
  const warm = time(() => simulateFiles(analyzer, big, profile), 3);
  const pods = warm.result.objects.filter((o) => o.kind === 'Pod' && o.spec.nodeName).length;
  console.log(`simulate 1,000 Deployments × 3 on 100 nodes: ${warm.ms.toFixed(0)} ms with parsed documents, ${cold.ms.toFixed(0)} ms including the first parse (${pods} pods bound; target < 2 s)`);

  // An edit of one Deployment: one document re-parsed, the rest from the analyzer's cache.
  const edited = [{ file: 'apps.yaml', text: big[0].text.replace('replicas: 3', 'replicas: 4') }];
  const edit = time(() => simulateFiles(analyzer, edited, profile), 1);
  console.log(`re-simulate after editing one Deployment of the 1,000: ${edit.ms.toFixed(0)} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) simulateBench();
