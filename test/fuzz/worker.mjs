// The fuzzer's child process: runs mutated documents through kubeplan's pipelines in process (the
// same core the CLI runs) and reports each batch to the parent, which watches for hangs. A batch is
// `check` of each document as a file of its own (timed per document), then the batch as one
// workspace through `simulate`, `schedule` and kube-proxy in the three modes (`iptables`).
import { readFileSync } from 'node:fs';
import { Analyzer, DEFAULT_SETTINGS, cluster, proxy } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { batchDocuments } from './batches.mjs';

const settings = { ...DEFAULT_SETTINGS, severity: {} };
const INTERNAL = /internal error/;

function runBatch(analyzer, docs) {
  const times = [];
  const crashes = [];
  const files = docs.map((text, i) => ({ file: `doc-${i}.yaml`, text }));
  for (const { file, text } of files) {
    const start = performance.now();
    try {
      analyzer.setFile(file, text, settings);
      const findings = analyzer.analyzeFile(text, settings);
      const internal = findings.find((f) => INTERNAL.test(f.message));
      if (internal) crashes.push({ step: 'check', file, message: internal.message });
    } catch (e) {
      crashes.push({ step: 'check', file, message: String(e?.message ?? e), stack: String(e?.stack ?? '').split('\n').slice(0, 6).join('\n') });
    }
    times.push(performance.now() - start);
  }
  const simStart = performance.now();
  let step = 'simulate';
  try {
    const manifests = cluster.manifestsOf(analyzer, files, settings);
    const profile = cluster.resolveProfile(manifests, undefined, settings.kubernetesVersion);
    const result = cluster.simulate(manifests, profile, { kubernetesVersion: settings.kubernetesVersion, defaultNamespace: 'default' });
    const findings = [...cluster.simulationFindings(result), ...cluster.schedulingFindings(result, manifests, 'default')];
    const internal = findings.find((f) => INTERNAL.test(f.message));
    if (internal) crashes.push({ step, file: internal.file, message: internal.message });
    step = 'schedule';
    for (const [, placed] of cluster.schedulingByWorkload(result)) cluster.explainScheduling(placed);
    step = 'iptables';
    const { objects } = cluster.proxyObjects(result, 'default');
    for (const mode of ['iptables', 'ipvs', 'nftables']) {
      const node = cluster.proxyNode(result.nodes);
      if (!node) continue;
      const config = { ...cluster.proxyConfig(profile, node), proxyMode: mode };
      cluster.renderRules(proxy.proxyModel(objects, config), config, mode === 'iptables' ? 'restore' : 'save');
    }
  } catch (e) {
    crashes.push({ step, file: '(batch)', message: String(e?.message ?? e), stack: String(e?.stack ?? '').split('\n').slice(0, 6).join('\n') });
  }
  const simulateMs = performance.now() - simStart;
  for (const { file } of files) analyzer.forgetFile(file);
  return { times, crashes, simulateMs };
}

process.on('message', ({ seed, from, to, size }) => {
  const analyzer = new Analyzer(schemasDir);
  for (let index = from; index < to; index++) {
    process.send({ type: 'start', index });
    const docs = batchDocuments(seed, index, size);
    const { times, crashes, simulateMs } = runBatch(analyzer, docs);
    for (const c of crashes) if (c.file !== '(batch)') c.document = docs[Number(c.file.slice(4, -5))];
    process.send({ type: 'batch', index, times, crashes, simulateMs, rss: process.memoryUsage().rss });
  }
  process.send({ type: 'done' });
});
