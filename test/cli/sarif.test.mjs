// The SARIF report is checked by Microsoft's official validator (@microsoft/sarif-multitool), the
// one GitHub code scanning's documentation points to: zero results means valid and rule-clean.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { repoRoot } from '../helpers/paths.mjs';

const require = createRequire(import.meta.url);

function validate(sarifText) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-sarif-'));
  const input = join(dir, 'report.sarif');
  const output = join(dir, 'validation.sarif');
  writeFileSync(input, sarifText);
  const tool = require.resolve('@microsoft/sarif-multitool/bin.js', { paths: [repoRoot] });
  const r = spawnSync(process.execPath, [tool, 'validate', input, '-o', output], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(readFileSync(output, 'utf8')).runs[0].results.map((x) => `${x.ruleId} ${x.level}: ${x.message.text ?? x.message.id}`);
}

test('SARIF 2.1.0 report of every fixture passes the official validator', () => {
  const r = runCli(['check', 'test/fixtures/check', '--format', 'sarif']);
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].tool.driver.name, 'kubeplan');
  assert.equal(log.runs[0].results.length, 263);
  // One finding per cause: the other places are its relatedLocations.
  const assumed = log.runs[0].results.find((x) => x.ruleId === 'KP116');
  assert.deepEqual(assumed.relatedLocations, [
    { id: 0, physicalLocation: { artifactLocation: { uri: 'test/fixtures/check/resources.yaml' }, region: { startLine: 13, startColumn: 38, endLine: 13, endColumn: 42 } }, message: { text: 'ResourceQuota shop/compute is in namespace "shop" too' } },
  ]);
  assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation, {
    artifactLocation: { uri: 'test/fixtures/check/api-validation.yaml' },
    region: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 9 },
  });
  assert.deepEqual(validate(r.stdout), []);
});

test('the validator does reject a broken log (so the test above can fail)', () => {
  const broken = JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: {} }, results: [{ message: {} }] }] });
  assert.notDeepEqual(validate(broken), []);
});
