// No false positives: every error, warning and information on the real-world corpus must be a
// reviewed, true one listed in test/corpus-allowlist.json, and every listed one must still be found.
// The best-practice checks (KP145, KP170–KP189, KP197: advice the projects may have chosen not to
// follow) are counted per code, each count reviewed with its reason in the allowlist's `bestPractices`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEST_PRACTICE_CODES } from '../../dist/core.js';
import { runCli } from '../helpers/run.mjs';
import { repoRoot, sharedDir, sharedSkip } from '../helpers/paths.mjs';

test('kubeplan check on ../shared/corpus reports only the reviewed true findings', { skip: sharedSkip }, () => {
  const corpus = join(sharedDir, 'corpus');
  const r = runCli(['check', '.', '--format', 'json'], { cwd: corpus });
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout);
  assert.equal(report.files.length, 344);
  const at = (d) => `${d.file}:${d.range.start.line + 1} ${d.code}`;
  const advice = report.diagnostics.filter((d) => BEST_PRACTICE_CODES.has(d.code));
  const others = report.diagnostics.filter((d) => !BEST_PRACTICE_CODES.has(d.code));
  const found = others.filter((d) => d.severity === 'error').map(at);
  const warnings = others.filter((d) => d.severity === 'warning').map(at);
  const allowlist = JSON.parse(readFileSync(join(repoRoot, 'test', 'corpus-allowlist.json'), 'utf8'));
  const counts = {};
  for (const d of advice) counts[d.code] = (counts[d.code] ?? 0) + 1;
  assert.deepEqual(counts, Object.fromEntries(Object.entries(allowlist.bestPractices).map(([code, { count }]) => [code, count])));
  const listed = allowlist.findings;
  const allowed = (severity) => listed.filter((f) => (f.severity ?? 'error') === severity).map((f) => `${f.file}:${f.line} ${f.code}`);
  assert.deepEqual(found, allowed('error'));
  assert.deepEqual(warnings.sort(), allowed('warning').sort());
  assert.deepEqual(others.filter((d) => d.severity === 'information').map(at).sort(), allowed('information').sort());
  assert.deepEqual(
    others.filter((d) => d.code === 'KP116').map((d) => `${at(d)} ${d.message}`),
    ['kubernetes-examples/AI/vllm-deployment/hpa/gpu-dcgm-exporter-service-gke.yaml:18 KP116 namespace "gke-managed-system" is not created by these manifests: assumed to exist in the cluster (used by 1 object)'],
  );
  assert.equal(r.status, 1);
});
