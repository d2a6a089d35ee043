// No false positives: every error on the real-world corpus must be a reviewed, true one listed in
// test/corpus-allowlist.json, and every listed one must still be found. The only warnings are the
// best-practice KP145 (a container without cpu/memory requests or limits), counted exactly.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { repoRoot, sharedDir, sharedSkip } from '../helpers/paths.mjs';

test('kubeplan check on ../shared/corpus reports only the reviewed true findings', { skip: sharedSkip }, () => {
  const corpus = join(sharedDir, 'corpus');
  const r = runCli(['check', '.', '--format', 'json'], { cwd: corpus });
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout);
  assert.equal(report.files.length, 344);
  const found = report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.file}:${d.range.start.line + 1} ${d.code}`);
  const warnings = report.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.code);
  assert.deepEqual([...new Set(warnings)], ['KP145']);
  assert.equal(warnings.length, 100);
  const allowed = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus-allowlist.json'), 'utf8')).findings.map((f) => `${f.file}:${f.line} ${f.code}`);
  assert.deepEqual(found, allowed);
  assert.equal(r.status, 1);
});
