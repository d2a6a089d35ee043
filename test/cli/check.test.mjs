import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { deployment } from '../helpers/manifests.mjs';

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "2"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx
        resources: {requests: {cpu: 100m, memory: 64Mi}}
        env:
        - {name: A, value: yes}
`;
const VALID = `apiVersion: v1
kind: ConfigMap
metadata:
  name: ok
data:
  a: "1"
`;
const DEPRECATED = `apiVersion: batch/v1beta1
kind: CronJob
metadata: {name: c}
spec:
  schedule: "* * * * *"
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: a, image: b, resources: {limits: {cpu: 1, memory: 1Gi}}}]}}}}
`;

function workdir(files) {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

test('text format: compiler-style lines, summary, exit 1 on errors', () => {
  const dir = workdir({ 'app/deploy.yaml': BROKEN, 'app/ok.yml': VALID, 'app/readme.txt': 'not yaml' });
  const r = runCli(['check', 'app'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  assert.equal(
    r.stdout,
    [
      'app/deploy.yaml:6:13: error KP122 spec.replicas must be an integer, not a string ("2")',
      'app/deploy.yaml:16:28: error KP124 unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but spec.template.spec.containers[0].env[0].value must be a string; quote it: "yes"',
      '2 errors, 0 warnings, 0 notes in 2 files',
      '',
    ].join('\n'),
  );
});

test('exit 0 when only warnings; --kubernetes-version changes the verdict', () => {
  const dir = workdir({ 'cron.yaml': DEPRECATED });
  // The verdict on the API version is the subject: the best-practice notes on the CronJob's pod are off.
  const at124 = runCli(['check', 'cron.yaml', '--kubernetes-version', '1.24', '--no-best-practices'], { cwd: dir });
  assert.equal(at124.status, 0);
  assert.equal(at124.stdout, 'cron.yaml:1:13: warning KP112 batch/v1beta1 CronJob is deprecated in Kubernetes 1.24 and removed in 1.25: use batch/v1\n0 errors, 1 warning, 0 notes in 1 file\n');
  const at135 = runCli(['check', 'cron.yaml'], { cwd: dir });
  assert.equal(at135.status, 1);
  assert.equal(at135.stdout, 'cron.yaml:1:13: error KP111 batch/v1beta1 CronJob was removed in Kubernetes 1.25: use batch/v1\n1 error, 0 warnings, 0 notes in 1 file\n');
});

test('json format: documented shape with 0-based LSP ranges', () => {
  const dir = workdir({ 'deploy.yaml': BROKEN });
  const r = runCli(['check', '--format', 'json', 'deploy.yaml'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout), {
    kubernetesVersion: '1.35',
    files: ['deploy.yaml'],
    summary: { error: 2, warning: 0, information: 0, hint: 0 },
    diagnostics: [
      {
        file: 'deploy.yaml',
        range: { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } },
        severity: 'error',
        code: 'KP122',
        message: 'spec.replicas must be an integer, not a string ("2")',
      },
      {
        file: 'deploy.yaml',
        range: { start: { line: 15, character: 27 }, end: { line: 15, character: 30 } },
        severity: 'error',
        code: 'KP124',
        message: 'unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but spec.template.spec.containers[0].env[0].value must be a string; quote it: "yes"',
      },
    ],
  });
});

test('stdin with -', () => {
  const r = runCli(['check', '-', '--format=json'], { input: VALID });
  assert.equal(r.status, 0);
  assert.deepEqual(JSON.parse(r.stdout), {
    kubernetesVersion: '1.35',
    files: ['<stdin>'],
    summary: { error: 0, warning: 0, information: 0, hint: 0 },
    diagnostics: [],
  });
});

test('exit 2 with one line for bad flags and unreadable paths', () => {
  const cases = [
    [['check', '--format', 'xml', 'x.yaml'], 'kubeplan: --format must be one of text, json, sarif (got "xml")\n'],
    [['check', '--kubernetes-version', '1.22', 'x.yaml'], 'kubeplan: --kubernetes-version must be 1.23 to 1.35 (got "1.22")\n'],
    [['check', '--frobnicate', 'x.yaml'], 'kubeplan: unknown flag --frobnicate\n'],
    [['check'], 'kubeplan: no paths given (use - to read stdin)\n'],
    [['check', 'does-not-exist.yaml'], 'kubeplan: cannot read does-not-exist.yaml: no such file or directory\n'],
    [['deploy', 'x.yaml'], 'kubeplan: unknown command "deploy" (available: check, requests, simulate, plan, schedule, iptables, apf, can-i, who-can)\n'],
    [['plan', 'examples/shop', '--cluster-state', 'missing-state.yaml'], 'kubeplan: cannot read missing-state.yaml: no such file or directory\n'],
    [['check', '--max-file-size', '0', 'x.yaml'], 'kubeplan: --max-file-size must be a positive number of megabytes\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = runCli(args);
    assert.equal(r.stderr, stderr, args.join(' '));
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
  }
});

test('bad files are findings, and the run goes on to the next file (exit 1)', () => {
  const dir = workdir({ 'a-binary.yaml': 'apiVersion: v1\u0000\u0001', 'c-ok.yaml': VALID });
  writeFileSync(join(dir, 'b-latin1.yaml'), Buffer.from([0x61, 0x3a, 0x20, 0x0a, 0x62, 0x3a, 0x20, 0xe9, 0x0a]));
  writeFileSync(join(dir, 'd-big.yaml'), 'a: b\n'.repeat(300_000));
  const r = runCli(['check', '.', '--max-file-size', '1'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(
    r.stdout,
    [
      'a-binary.yaml:1:1: error KP100 binary file (contains NUL bytes): not analysed',
      'b-latin1.yaml:2:1: error KP100 not valid UTF-8 (first invalid byte on line 2): not analysed',
      'd-big.yaml:1:1: error KP100 file too large to analyse: 1.4 MB, limit 1 MB (--max-file-size)',
      '3 errors, 0 warnings, 0 notes in 4 files',
      '',
    ].join('\n'),
  );
});

test('--no-schema keeps YAML and API version checks only', () => {
  const dir = workdir({ 'deploy.yaml': BROKEN });
  const r = runCli(['check', '--no-schema', '--no-best-practices', 'deploy.yaml'], { cwd: dir });
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '0 errors, 0 warnings, 0 notes in 1 file\n');
});

test('--help and --version', () => {
  const help = runCli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: kubeplan check \[paths…\|-\]/);
  const version = runCli(['--version']);
  assert.equal(version.stdout, `${JSON.parse(readFileSync(new URL('../../package.json', import.meta.url))).version}\n`);
});

test('--no-best-practices turns the best-practice checks off (check and simulate); --severity one of them', () => {
  const dir = workdir({ 'app.yaml': deployment('web', 2, '      hostNetwork: true\n      containers: [{name: web, image: "nginx:latest"}]\n') });
  const codes = (r) => [...new Set(JSON.parse(r.stdout).diagnostics.map((d) => d.code))].sort();
  const all = runCli(['check', '--format', 'json', 'app.yaml'], { cwd: dir });
  assert.deepEqual(codes(all), ['KP145', 'KP170', 'KP171', 'KP172', 'KP174', 'KP175', 'KP177', 'KP182', 'KP184', 'KP197']);
  assert.equal(all.status, 0);
  const none = runCli(['check', '--format', 'json', '--no-best-practices', 'app.yaml'], { cwd: dir });
  assert.deepEqual(codes(none), []);
  const one = runCli(['check', '--format', 'json', '--severity', 'KP177=off,KP171=off,KP172=off', 'app.yaml'], { cwd: dir });
  assert.deepEqual(codes(one), ['KP145', 'KP170', 'KP174', 'KP175', 'KP182', 'KP184', 'KP197']);
  const simulated = runCli(['simulate', '--format', 'json', '--no-best-practices', 'app.yaml'], { cwd: dir });
  const bestPractice = (code) => code === 'KP145' || (code >= 'KP170' && code <= 'KP197');
  assert.deepEqual(JSON.parse(simulated.stdout).diagnostics.filter((d) => bestPractice(d.code)), []);
  const unknown = runCli(['requests', '--no-best-practices', 'app.yaml'], { cwd: dir });
  assert.equal(unknown.status, 2);
});
