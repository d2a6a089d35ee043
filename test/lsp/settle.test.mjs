// Each change analysed once (issue #19): opening a large file publishes its top, then the whole file,
// then the simulation's findings, in one simulation; nothing published disappears later (no flicker),
// and no second, identical simulation runs.
import { it, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../helpers/lspClient.mjs';
import { manifest2000 } from '../../bench/manifest2000.mjs';

const text = manifest2000().split('---\n').slice(0, 400).join('---\n');
const key = (d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`;

let client;
after(() => client?.kill());

it('opening a 400-document file: one simulation, three publications, each keeping what the one before showed', async () => {
  client = await startServer({ settings: { kubeplan: { bestPractices: true } }, timeoutMs: 30_000 });
  await client.waitForSimulations(1); // the empty workspace's, once the (absent) folders are scanned
  const uri = 'file:///kubeplan-settle/apps.yaml';
  client.didOpen(uri, text);
  await client.waitForSimulations(2);
  await client.request('kubeplan/nodes'); // a round trip: what the simulation republished has arrived
  await new Promise((resolve) => setTimeout(resolve, 1000)); // and nothing follows
  assert.deepEqual(client.simulations.length, 2);
  const history = client.diagnosticsHistory(uri);
  assert.deepEqual(history.map((p) => p.version), [1, 1, 1]);
  const [top, whole, simulated] = history.map((p) => p.diagnostics.map(key));
  // The top: the first 25 documents' findings, all of them lines of those documents.
  assert.deepEqual([top.length, whole.length, simulated.length], [62, 988, 1235]);
  for (const [earlier, later] of [[top, whole], [whole, simulated]]) assert.deepEqual(earlier.filter((d) => !later.includes(d)), []);
  // The simulation adds the file's assumptions, Services selecting nothing, and pods that fit nowhere.
  const added = [...new Set(simulated.filter((d) => !whole.includes(d)).map((d) => d.split(' ')[1]))].sort();
  assert.deepEqual(added, ['KP116', 'KP153', 'KP163', 'KP197']);
});
