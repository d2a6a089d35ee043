// Every suppression form silences every finding source, in `kubeplan check` (the documents' findings
// and the workspace's assumptions) and `kubeplan simulate` (the assumptions and the simulation's).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { BASE, CODES, FORMS } from '../helpers/suppression.mjs';

const codes = (stdout) => CODES.filter((code) => stdout.includes(` ${code} `));
const severityFlag = (severity) => (Object.keys(severity).length ? ['--severity', Object.entries(severity).map(([c, l]) => `${c}=${l}`).join(',')] : []);

function run(text, severity) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-suppress-'));
  writeFileSync(join(dir, 'app.yaml'), text);
  return { check: runCli(['check', 'app.yaml', ...severityFlag(severity)], { cwd: dir }), simulate: runCli(['simulate', 'app.yaml', ...severityFlag(severity)], { cwd: dir }) };
}

describe('suppression in the CLI, per finding source and form', () => {
  it('unsilenced: check reports the document (KP130) and assumption (KP116) findings; simulate the assumption and simulation (KP160) ones, and the error that keeps the ConfigMap from being applied', () => {
    const { check, simulate } = run(BASE, {});
    assert.deepEqual(codes(check.stdout), ['KP116', 'KP130']);
    assert.deepEqual([codes(simulate.stdout), simulate.status], [['KP116', 'KP160', 'KP130'], 1]);
    assert.match(check.stdout, /^app.yaml:5:14: information KP116 namespace "team-a" is not created by these manifests: assumed to exist in the cluster \(used by 2 objects\) \(also app.yaml:19\)$/m);
  });

  for (const [form, { text, severity }] of Object.entries(FORMS)) {
    it(`${form}: nothing of any source`, () => {
      const { check, simulate } = run(text, severity);
      assert.deepEqual([codes(check.stdout), check.status], [[], 0]);
      assert.deepEqual([codes(simulate.stdout), simulate.status], [[], 0]);
    });
  }

  it('--severity takes CODE=LEVEL pairs', () => {
    const r = runCli(['check', '-', '--severity', 'KP130=loud'], { input: '' });
    assert.deepEqual([r.status, r.stderr], [2, 'kubeplan: --severity takes CODE=LEVEL pairs, LEVEL one of error, warning, information, hint, off (got "KP130=loud")\n']);
    const raised = run(BASE, { KP116: 'error' }).check;
    assert.deepEqual([raised.status, /error KP116/.test(raised.stdout)], [1, true]);
  });
});
