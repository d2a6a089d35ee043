#!/usr/bin/env node
// node scripts/storm.mjs [--minutes M] [--seed S]: a seeded edit storm (test/helpers/storm.mjs) on one
// language server for M minutes (default 30), over six files, a 600 KB CRD among them, with the
// hostile documents opened now and then. Prints the server's heap (after a collection, with every file
// closed) after each round of 2,000 steps and the slope of a least-squares line through those samples, then checks the server
// against a fresh one on the final texts. Exit 1 if the server died, left a request unanswered or
// ended with other diagnostics than a fresh server's.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../test/helpers/lspClient.mjs';
import { repoRoot, hasShared, sharedDir } from '../test/helpers/paths.mjs';
import { editStorm, settle } from '../test/helpers/storm.mjs';
import { largeCrd, GADGET } from '../test/helpers/manifests.mjs';
import { SERVER_NODE_FLAGS } from '../dist/core.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const minutes = arg('minutes', 30);
const seed = arg('seed', 1);
const yamlIn = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlIn(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
const seeds = [largeCrd(600), GADGET, ...yamlIn(join(repoRoot, 'examples')), ...yamlIn(join(repoRoot, 'test', 'fixtures', 'check')), ...(hasShared ? yamlIn(join(sharedDir, 'corpus', 'microservices-demo')) : [])].map((s) => (s.includes('\n') ? s : readFileSync(s, 'utf8')));
const hostile = [
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n${Array.from({ length: 2_200 }, (_, i) => `${' '.repeat(i + 4)}${i % 2 ? 'k:' : '-'}`).join('\n')}\nafter: 1\n`,
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n  x: "${'y'.repeat(30 * 1024 * 1024)}"\n`,
];
const uris = Array.from({ length: 6 }, (_, i) => `file:///kubeplan-storm/file-${i}.yaml`);

const server = await startServer({ nodeArgs: [...SERVER_NODE_FLAGS, '--expose-gc'], timeoutMs: 300_000 });
const started = Date.now();
const samples = [];
const sample = async () => {
  const { memory } = await server.request('kubeplan/serverStatus', { gc: true });
  samples.push([(Date.now() - started) / 1000, memory.heapUsed / 1024 / 1024]);
  console.log(`  ${samples.at(-1)[0].toFixed(0).padStart(5)} s  heap ${samples.at(-1)[1].toFixed(1)} MiB  rss ${(memory.rss / 1024 / 1024).toFixed(0)} MiB`);
};
await sample();
let round = 0;
let totals = { sent: 0, answered: 0, cancelled: 0, failed: [], messages: 0, changes: 0 };
let open;
let settings;
while (Date.now() - started < minutes * 60_000) {
  // Each round reopens the six files: a storm of 2,000 steps, then a sample once its requests are in.
  const result = await editStorm(server, { seed: seed * 1000 + round++, steps: 2_000, uris, seeds, hostile });
  await result.settled;
  for (const k of ['sent', 'answered', 'cancelled', 'messages', 'changes']) totals[k] += result.outcome[k];
  totals.failed.push(...result.outcome.failed);
  ({ open, settings } = result);
  if (!server.alive) break;
  // Sampled with every file closed and the empty workspace simulated: what the server still holds
  // then is what it would keep forever.
  for (const uri of open.keys()) server.didClose(uri);
  await server.request('kubeplan/nodes'); // the closes are in
  await server.waitForSimulations(server.simulations.length + 1, 120_000);
  await sample();
}
const n = samples.length;
const mx = samples.reduce((s, [x]) => s + x, 0) / n;
const my = samples.reduce((s, [, y]) => s + y, 0) / n;
const slope = samples.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / samples.reduce((s, [x]) => s + (x - mx) ** 2, 0);
console.log(`kubeplan edit storm: ${minutes} min, ${round} rounds, ${totals.messages} edit messages (${totals.changes} changes), ${totals.sent} requests (${totals.cancelled} cancelled), ${totals.failed.length} failed`);
console.log(`  heap: ${samples[0][1].toFixed(1)} MiB at start, ${samples.at(-1)[1].toFixed(1)} MiB at the end, max ${Math.max(...samples.map(([, y]) => y)).toFixed(1)} MiB; slope ${(slope * 60).toFixed(3)} MiB/min`);
let ok = server.alive && totals.failed.length === 0 && totals.answered + totals.cancelled === totals.sent;
if (server.alive) {
  const reopened = new Map();
  for (const [uri, { text }] of open) {
    server.didOpen(uri, text, 1000);
    reopened.set(uri, { version: 1000 });
  }
  const final = await settle(server, reopened);
  const fresh = await startServer({ settings, timeoutMs: 300_000 });
  for (const [uri, { text }] of open) fresh.didOpen(uri, text, 1000);
  const expected = await settle(fresh, reopened);
  const same = JSON.stringify(final) === JSON.stringify(expected);
  console.log(`  final diagnostics ${same ? 'equal' : 'DIFFER from'} a fresh server's`);
  ok &&= same;
  await fresh.close();
  await server.close();
} else console.log(`  the server died: ${server.stderr.slice(-500)}`);
process.exitCode = ok ? 0 : 1;
