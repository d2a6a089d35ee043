// A seeded edit storm over stdio (test/helpers/storm.mjs): the server never exits, answers every
// request, and ends with exactly the diagnostics a fresh server gives for the final texts.
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../helpers/lspClient.mjs';
import { repoRoot } from '../helpers/paths.mjs';
import { editStorm, settle } from '../helpers/storm.mjs';

const fixtures = join(repoRoot, 'test', 'fixtures', 'check');
const SEEDS = [
  ...readdirSync(join(repoRoot, 'examples', 'shop')).map((f) => readFileSync(join(repoRoot, 'examples', 'shop', f), 'utf8')),
  ...readdirSync(fixtures).filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join(fixtures, f), 'utf8')),
];
const HOSTILE = [
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n${Array.from({ length: 2_200 }, (_, i) => `${' '.repeat(i + 4)}${i % 2 ? 'k:' : '-'}`).join('\n')}\nafter: 1\n`,
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 6 }, (_, i) => `  ${'bcdefg'[i]}: &${'bcdefg'[i]} [${Array(10).fill(`*${'abcdef'[i]}`).join(', ')}]`).join('\n')}\n`,
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wide}\ndata:\n  x: "${'y'.repeat(6 * 1024 * 1024)}"\n`,
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bad-utf8-\ufffd\ud800}\ndata: {k: "\ufffd\udfff"}\n`,
];
const URIS = Array.from({ length: 6 }, (_, i) => `file:///kubeplan-storm/file-${i}.yaml`);

describe('a seeded edit storm', () => {
  const clients = [];
  after(() => Promise.all(clients.map((c) => c.kill())));

  it('leaves the server alive, every request answered, and the diagnostics of a fresh server', async () => {
    const stormed = await startServer({ timeoutMs: 60_000 });
    clients.push(stormed);
    const { open, settings, outcome, settled } = await editStorm(stormed, { seed: 2026, steps: 1_500, uris: URIS, seeds: SEEDS, hostile: HOSTILE });
    await settled;
    assert.equal(stormed.alive, true, `the server exited: ${stormed.stderr.slice(-500)}`);
    assert.deepEqual(outcome.failed, []);
    assert.equal(outcome.answered + outcome.cancelled, outcome.sent, 'every request answered or cancelled');
    assert.ok(outcome.sent > 300 && outcome.messages > 700, JSON.stringify(outcome));
    const final = await settle(stormed, open);
    assert.equal(stormed.logs.filter((l) => /internal error/.test(l)).join('\n'), '');

    const fresh = await startServer({ settings, timeoutMs: 60_000 });
    clients.push(fresh);
    for (const [uri, { text }] of open) fresh.didOpen(uri, text);
    const expected = await settle(fresh, new Map([...open].map(([uri]) => [uri, { version: 1 }])));
    assert.deepEqual(final, expected);
    assert.ok(Object.keys(final).length >= 3, `${Object.keys(final).length} documents open at the end`);

    // Closed, the files leave nothing behind: no file, no document held, no layout of a file.
    for (const uri of open.keys()) stormed.didClose(uri);
    await stormed.request('kubeplan/nodes');
    await stormed.waitForSimulations(stormed.simulations.length + 1);
    const { analyzer, simulation } = await stormed.request('kubeplan/serverStatus');
    assert.deepEqual({ files: analyzer.files, heldDocuments: analyzer.heldDocuments, heldBytes: analyzer.heldBytes, simulated: simulation.files }, { files: 0, heldDocuments: 0, heldBytes: 0, simulated: [] });
    assert.ok(analyzer.layouts <= 2 && analyzer.looseBytes <= 8 * 1024 * 1024, JSON.stringify(analyzer));
  });
});
