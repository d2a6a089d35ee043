#!/usr/bin/env node
// npm run fuzz [-- --documents N --seed S --size B --cli-every K]: mutated corpus documents through
// kubeplan check, simulate, schedule and kube-proxy's rules (test/fuzz/). Prints crashes, hangs, the
// p99 time per document and the worker's peak memory; writes each crashing document to fuzz-out/.
// Exit 1 when anything crashed or hung.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fuzz, percentile } from '../test/fuzz/fuzzer.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const documents = arg('documents', 100_000);
const seed = arg('seed', 1);
const size = arg('size', 50);
const cliEvery = arg('cli-every', 100);
const start = Date.now();
let shown = 0;
const report = await fuzz({
  documents,
  seed,
  size,
  cliEvery,
  onProgress: (r) => {
    if (r.documents - shown >= 5_000) {
      shown = r.documents;
      process.stderr.write(`  ${r.documents} documents, ${r.crashes.length} crashes, ${r.hangs.length} hangs, ${((Date.now() - start) / 1000).toFixed(0)} s\n`);
    }
  },
});
const ms = (v) => `${v.toFixed(2)} ms`;
console.log(`kubeplan fuzz: ${report.documents} documents (seed ${seed}, batches of ${size}) in ${((Date.now() - start) / 1000).toFixed(0)} s`);
console.log(`  crashes        ${report.crashes.length}`);
console.log(`  hangs          ${report.hangs.length}`);
console.log(`  CLI runs       ${report.cliRuns}, failed ${report.cli.length} (exit 2 or an internal error)`);
console.log(`  check, per document    p50 ${ms(percentile(report.times, 50))}, p99 ${ms(percentile(report.times, 99))}, max ${ms(report.times.at(-1) ?? 0)}`);
console.log(`  simulate + schedule + kube-proxy, per batch of ${size}    p50 ${ms(percentile(report.simulateMs, 50))}, p99 ${ms(percentile(report.simulateMs, 99))}`);
console.log(`  peak memory (worker RSS)    ${(report.peakRss / 1024 / 1024).toFixed(0)} MiB`);
const problems = [...report.crashes, ...report.hangs.map((h) => ({ ...h, step: 'hang' })), ...report.cli.map((c) => ({ ...c, step: `cli ${c.command}` }))];
if (problems.length) {
  mkdirSync('fuzz-out', { recursive: true });
  problems.forEach((p, i) => {
    console.log(`  ${p.step} batch ${p.batch}: ${p.message ?? p.stderr ?? ''}`.slice(0, 300));
    if (p.document !== undefined) writeFileSync(`fuzz-out/crash-${i}.yaml`, p.document);
  });
  process.exitCode = 1;
}
