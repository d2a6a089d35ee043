// The fuzzer's child process: runs mutated documents through kubeplan's pipelines in process (the
// same core and Workspace the CLI runs) and reports each batch to the parent, which watches for hangs.
// A batch is one workspace, each document a file: `check` of each (timed per document), then the
// workspace's assumptions, `simulate`, `schedule` and kube-proxy in the three modes (`iptables`).
import { readFileSync } from 'node:fs';
import { Analyzer, DEFAULT_SETTINGS, Workspace, cluster, explainScheduling, proxy } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { batchDocuments } from './batches.mjs';

const settings = { ...DEFAULT_SETTINGS, severity: {} };
const INTERNAL = /internal error/;

function runBatch(docs) {
  const times = [];
  const crashes = [];
  // As the CLI does (cli/inputs.ts openWorkspace): one workspace of the batch, each document a file.
  const workspace = new Workspace(new Analyzer(schemasDir));
  workspace.setSettings(settings);
  const files = docs.map((text, i) => ({ file: `doc-${i}.yaml`, text }));
  for (const { file, text } of files) {
    const start = performance.now();
    try {
      workspace.setFile(file, text);
      const internal = workspace.documentFindings(file, text).find((f) => INTERNAL.test(f.message));
      if (internal) crashes.push({ step: 'check', file, message: internal.message });
    } catch (e) {
      crashes.push({ step: 'check', file, message: String(e?.message ?? e), stack: String(e?.stack ?? '').split('\n').slice(0, 6).join('\n') });
    }
    times.push(performance.now() - start);
  }
  const simStart = performance.now();
  let step = 'check (workspace)';
  try {
    for (const { file, text } of files) {
      const internal = workspace.assumptionFindings(file, text).find((f) => INTERNAL.test(f.message));
      if (internal) crashes.push({ step, file, message: internal.message });
    }
    step = 'simulate';
    const snapshot = workspace.simulation(undefined, (file, e) => crashes.push({ step, file: file || '(batch)', message: String(e?.message ?? e) }));
    for (const { file, text } of files) {
      const internal = workspace.workspaceFindings(file, text, snapshot).find((f) => INTERNAL.test(f.message));
      if (internal) crashes.push({ step, file, message: internal.message });
    }
    step = 'schedule';
    for (const [, placed] of cluster.schedulingByWorkload(snapshot.result)) explainScheduling(placed);
    step = 'iptables';
    const { objects } = cluster.proxyObjects(snapshot.result, 'default');
    for (const mode of ['iptables', 'ipvs', 'nftables']) {
      const node = cluster.proxyNode(snapshot.result.nodes);
      if (!node) continue;
      const config = { ...cluster.proxyConfig(snapshot.profile, node), proxyMode: mode };
      proxy.renderRules(proxy.proxyModel(objects, config), config, mode === 'iptables' ? 'restore' : 'save');
    }
  } catch (e) {
    crashes.push({ step, file: '(batch)', message: String(e?.message ?? e), stack: String(e?.stack ?? '').split('\n').slice(0, 6).join('\n') });
  }
  const simulateMs = performance.now() - simStart;
  return { times, crashes, simulateMs };
}

process.on('message', ({ seed, from, to, size }) => {
  for (let index = from; index < to; index++) {
    process.send({ type: 'start', index });
    const docs = batchDocuments(seed, index, size);
    const { times, crashes, simulateMs } = runBatch(docs);
    for (const c of crashes) if (c.file !== '(batch)') c.document = docs[Number(c.file.slice(4, -5))];
    process.send({ type: 'batch', index, times, crashes, simulateMs, rss: process.memoryUsage().rss });
  }
  process.send({ type: 'done' });
});
