// One bad file never loses the others' results: the CLI reports it as a finding of that file and goes
// on (exit 1), and exits 2 only when it cannot run at all. Reproducer: ~2,000 levels of block nesting
// followed by a less-indented key overflowed the stack inside the YAML parser, and every command
// exited 2 with "internal error: Maximum call stack size exceeded", reporting nothing for any file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';

const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-reliability-'));
writeFileSync(join(dir, 'a-deep.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x:\n${Array.from({ length: 2_100 }, (_, i) => `${' '.repeat(i + 4)}${i % 2 ? 'k:' : '-'}`).join('\n')}\nafter: 1\n`);
writeFileSync(join(dir, 'b-app.yaml'), `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80, protocol: HTTP}]
`);

describe('a file the YAML parser could not survive, beside a normal one', () => {
  it('check: KP106 for the deep file, the normal file still checked, exit 1', () => {
    const r = runCli(['check', '.'], { cwd: dir });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 1);
    assert.deepEqual(r.stdout.split('\n'), [
      'a-deep.yaml:204:203: error KP106 nesting deeper than 200 levels: the document is not analysed',
      'b-app.yaml:6:32: error KP123 spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
      '2 errors, 0 warnings, 0 notes in 2 files',
      '',
    ]);
  });

  it('simulate and iptables: the normal file is simulated, no internal error, no exit 2', () => {
    for (const command of ['simulate', 'schedule', 'iptables']) {
      const r = runCli([command, '.'], { cwd: dir });
      assert.equal(r.stderr, '', command);
      assert.ok(r.status === 0 || r.status === 1, `${command} exited ${r.status}`);
      assert.doesNotMatch(r.stdout, /internal error/);
    }
    assert.match(runCli(['simulate', '.'], { cwd: dir }).stdout, /Warning +Invalid +Service\/default\/web +service\/web not applied: the API server would refuse it/);
  });
});
