// kubeplan simulate: the golden simulation of the microservices demo (text and JSON), exit codes,
// cluster files and stdin. Regenerate the golden files with UPDATE_EXPECT=1 after a reviewed change.
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { repoRoot, sharedDir, sharedSkip } from '../helpers/paths.mjs';

const demo = join(sharedDir, 'corpus', 'microservices-demo');
const golden = (name) => join(repoRoot, 'test', 'fixtures', 'simulate', name);

function expectGolden(name, actual) {
  if (process.env.UPDATE_EXPECT || !existsSync(golden(name))) writeFileSync(golden(name), actual);
  assert.equal(actual, readFileSync(golden(name), 'utf8'));
}

test('golden: the microservices demo on the default cluster (text)', { skip: sharedSkip }, () => {
  const r = runCli(['simulate', '.'], { cwd: demo });
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
  expectGolden('microservices-demo.txt', r.stdout);
});

test('golden: the microservices demo on the default cluster (JSON: events and objects)', { skip: sharedSkip }, () => {
  const r = runCli(['simulate', '.', '--format', 'json'], { cwd: demo });
  assert.equal(r.status, 0);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(report), ['cluster', 'events', 'objects', 'diagnostics']);
  assert.deepEqual(Object.keys(report.events[0]), ['type', 'reason', 'object', 'message', 'component', 'source']);
  assert.deepEqual(report.events[0].source, { file: 'kubernetes-manifests.yaml', range: { start: { line: 21, character: 6 }, end: { line: 21, character: 16 } } });
  expectGolden('microservices-demo.json', r.stdout);
  // Byte-identical on a second run.
  assert.equal(runCli(['simulate', '.', '--format', 'json'], { cwd: demo }).stdout, r.stdout);
});

// Data-driven: each test/fixtures/simulate/volumes/NAME.yaml simulated alone (best practices off) is
// NAME.txt: claims bound or provisioned, StatefulSet pod management. UPDATE_EXPECT=1 rewrites them.
const volumes = join(repoRoot, 'test', 'fixtures', 'simulate', 'volumes');
for (const name of readdirSync(volumes).filter((f) => f.endsWith('.yaml')).sort()) {
  test(`fixture volumes/${name}`, () => {
    const r = runCli(['simulate', name, '--no-best-practices'], { cwd: volumes });
    assert.equal(r.stderr, '');
    // Exit 1 when the simulation finds an error (a pod not scheduled).
    assert.equal(r.status, / error KP\d+ /.test(r.stdout) ? 1 : 0);
    const expected = join(volumes, name.replace(/\.yaml$/, '.txt'));
    if (process.env.UPDATE_EXPECT) writeFileSync(expected, r.stdout);
    assert.ok(existsSync(expected), `missing ${expected} (run with UPDATE_EXPECT=1)`);
    assert.equal(r.stdout, readFileSync(expected, 'utf8'));
  });
}

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.27, resources: {requests: {cpu: "3"}}}]
`;

// The simulation is the subject: the best-practice findings (KP197 on the two replicas) are off.
function workspace(files) {
  const d = mkdtempSync(join(tmpdir(), 'kubeplan-simulate-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

test('a namespace nothing creates is assumed to exist (KP116, once); with an authoritative cluster file it is a rejection: exit 1 and the kubectl error, once', () => {
  const d = workspace({
    'app.yaml': `${APP}---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
`,
    'cluster.yaml': 'apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec:\n  authoritative: [namespaces]\n',
  });
  const assumed = runCli(['simulate', 'app.yaml', '--no-best-practices'], { cwd: d });
  assert.equal(assumed.status, 0);
  assert.match(assumed.stdout, /\nNormal +Created +Deployment\/shop\/web +deployment.apps\/web created\n/);
  assert.match(assumed.stdout, /\nPROBLEMS\napp.yaml:3:34: information KP116 namespace "shop" is not created by these manifests: assumed to exist in the cluster \(used by 2 objects\) \(also app.yaml:14\)\n$/);

  const r = runCli(['simulate', 'app.yaml', '--cluster', 'cluster.yaml', '--no-best-practices'], { cwd: d });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /\nWarning +FailedCreate +Deployment\/shop\/web +Error from server \(NotFound\): error when creating "app.yaml": namespaces "shop" not found\n/);
  assert.match(r.stdout, /\nPROBLEMS\napp.yaml:3:34: error KP150 kubectl apply would fail \(NotFound, NamespaceLifecycle\): namespaces "shop" not found \(2 objects\) \(also app.yaml:14\)\n$/);
});

test('--cluster replaces the default cluster; pods that do not fit are reported by the scheduler', () => {
  const d = workspace({
    'app.yaml': `apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\n${APP}`,
    'cluster.yaml': `apiVersion: v1
kind: Node
metadata: {name: small, labels: {kubernetes.io/hostname: small}}
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "10"}
  addresses: [{type: InternalIP, address: 10.0.0.7}]
`,
  });
  const r = runCli(['simulate', 'app.yaml', '--cluster', 'cluster.yaml', '--format', 'json', '--no-best-practices'], { cwd: d });
  // The replica that fits nowhere is an error (KP153): exit 1.
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.cluster, { name: 'cluster', source: 'cluster.yaml', nodes: ['small'], proxyMode: 'iptables' });
  const pods = report.objects.filter((o) => o.kind === 'Pod').map((p) => [p.spec.nodeName ?? null, p.status.podIP ?? null, p.status.conditions[0].reason ?? null]);
  assert.deepEqual(pods, [['small', '10.244.0.2', null], [null, null, 'Unschedulable']]);
  const failed = report.events.filter((e) => e.reason === 'FailedScheduling').map((e) => e.message);
  assert.deepEqual(failed, ['0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.']);
  assert.deepEqual(report.diagnostics.map((x) => `${x.code} ${x.message}`), [
    'KP153 1/2 replicas would not be scheduled: 0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  ]);
});

test('stdin, and usage errors exit 2 with one line', () => {
  const ok = runCli(['simulate', '-', '--format', 'json'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' });
  assert.equal(ok.status, 0);
  assert.deepEqual(JSON.parse(ok.stdout).events, [
    { type: 'Normal', reason: 'Created', object: 'ConfigMap/default/c', message: 'configmap/c created', component: 'kube-apiserver', source: { file: '<stdin>', range: { start: { line: 1, character: 6 }, end: { line: 1, character: 15 } } } },
  ]);
  const missing = runCli(['simulate', '-', '--cluster', 'nope.yaml'], { input: '' });
  assert.deepEqual([missing.status, missing.stderr], [2, 'kubeplan: cannot read nope.yaml: no such file or directory\n']);
  const sarif = runCli(['simulate', '-', '--format', 'sarif'], { input: '' });
  assert.deepEqual([sarif.status, sarif.stderr], [2, 'kubeplan: --format must be one of text, json (got "sarif")\n']);
  const stray = runCli(['requests', '-', '--cluster', 'x'], { input: '' });
  assert.deepEqual([stray.status, stray.stderr], [2, 'kubeplan: unknown flag --cluster\n']);
});

test('objects written with quoted keys are simulated: a JSON manifest, and YAML whose keys are quoted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-quoted-'));
  const deployment = (name) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: `${name}:1.0`, resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } } } });
  writeFileSync(join(dir, 'web.json'), JSON.stringify(deployment('web'), null, 2));
  const quoted = ['"apiVersion": apps/v1', '"kind": Deployment', 'metadata: {name: api}', 'spec:', '  replicas: 1', '  selector: {matchLabels: {app: api}}', '  template:', '    metadata: {labels: {app: api}}', '    spec:', '      containers:', '      - {name: api, image: "api:1.0", resources: {requests: {cpu: 100m, memory: 64Mi}}}', ''];
  writeFileSync(join(dir, 'api.yaml'), quoted.join('\n'));
  const r = runCli(['simulate', join(dir, 'web.json'), join(dir, 'api.yaml'), '--format', 'json', '--no-best-practices']);
  assert.equal(r.stderr, '');
  const pods = JSON.parse(r.stdout).objects.filter((o) => o.kind === 'Pod').map((o) => [o.metadata.labels.app, o.status.phase]);
  assert.deepEqual(pods.sort(), [['api', 'Running'], ['web', 'Running']]);
});

test('files are applied as kubectl apply reads them: -f arguments in the order given (a file given twice where it is last), a folder as filepath.Walk visits it (a/x.yaml before a.yaml)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-order-'));
  const configMap = (v) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {v: "${v}"}\n`;
  writeFileSync(join(dir, 'a.yaml'), configMap('a.yaml'));
  writeFileSync(join(dir, 'b.yaml'), configMap('b.yaml'));
  const last = (args) => JSON.parse(runCli(['simulate', ...args, '--format', 'json']).stdout).objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'settings').data.v;
  assert.deepEqual([last([join(dir, 'a.yaml'), join(dir, 'b.yaml')]), last([join(dir, 'b.yaml'), join(dir, 'a.yaml')])], ['b.yaml', 'a.yaml']);
  // Given twice, a file counts where it is last given: what kubectl applies last stays.
  assert.equal(last([join(dir, 'a.yaml'), join(dir, 'b.yaml'), join(dir, 'a.yaml')]), 'a.yaml');
  const walked = mkdtempSync(join(tmpdir(), 'kubeplan-walk-'));
  mkdirSync(join(walked, 'a'));
  writeFileSync(join(walked, 'a', 'x.yaml'), configMap('a/x.yaml'));
  writeFileSync(join(walked, 'a.yaml'), configMap('a.yaml'));
  assert.equal(last([walked]), 'a.yaml');
});

test('an overlay folder is applied where it is given among the arguments', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubeplan-overlay-order-'));
  const configMap = (v) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {v: "${v}"}\n`;
  mkdirSync(join(dir, 'overlay'));
  writeFileSync(join(dir, 'overlay', 'kustomization.yaml'), 'resources: [settings.yaml]\n');
  writeFileSync(join(dir, 'overlay', 'settings.yaml'), configMap('overlay'));
  writeFileSync(join(dir, 'plain.yaml'), configMap('plain.yaml'));
  const last = (args) => JSON.parse(runCli(['simulate', ...args, '--format', 'json']).stdout).objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'settings').data.v;
  assert.deepEqual([last([join(dir, 'overlay'), join(dir, 'plain.yaml')]), last([join(dir, 'plain.yaml'), join(dir, 'overlay')])], ['plain.yaml', 'overlay']);
});
