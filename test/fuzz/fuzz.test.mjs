// A short seeded run of the fuzzer (npm run fuzz runs 100,000 documents): mutated documents through
// check, simulate, schedule and kube-proxy's three modes, in process and through the real CLI.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from './fuzzer.mjs';

it('400 mutated documents: no crash, no hang, no CLI run that exits 2 or reports an internal error', async () => {
  const report = await fuzz({ documents: 400, seed: 14, size: 50, cliEvery: 4, hangMs: 60_000 });
  assert.deepEqual({ crashes: report.crashes, hangs: report.hangs, cli: report.cli }, { crashes: [], hangs: [], cli: [] });
  assert.deepEqual({ documents: report.documents, cliRuns: report.cliRuns }, { documents: 400, cliRuns: 10 });
});
