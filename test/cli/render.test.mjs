// Rendered input: kustomize overlays (rendered with the real `kubectl kustomize`) and `helm template`
// output on stdin, their findings placed in the files the user wrote.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run.mjs';
import { repoRoot } from '../helpers/paths.mjs';
import { findKustomize, renderOverlay, renderOverlayInBackground, runKustomize, runKustomizeSync, RenderCache } from '../../dist/kustomize.js';

const O = 'test/fixtures/overlays';
// The real renderer, never skipped: .ci/run installs kustomize when neither it nor kubectl is on PATH.
test('a renderer is on PATH: kustomize or kubectl', () => {
  assert.notEqual(findKustomize(undefined), undefined);
});

const also = (...files) => ` (also ${files.map((f) => `${O}/${f}:1`).join(', ')})`;

test('overlays: every finding lands on the file and line the user wrote', () => {
  const r = runCli(['check', `${O}/staging`, `${O}/production`, '--no-best-practices']);
  assert.equal(r.stderr, '');
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    // an unknown field of the base: on the base, once for both overlays
    `${O}/base/deployment.yaml:14:7: error KP120 unknown field "spec.template.spec.terminationGracePeriod"${also('staging/kustomization.yaml', 'production/kustomization.yaml')}`,
    // a wrong type set by a strategic merge patch: on the patch
    `${O}/staging/grace-patch.yaml:8:38: error KP122 spec.template.spec.terminationGracePeriodSeconds must be an integer, not a string ("thirty")${also('staging/kustomization.yaml')}`,
    // replicas: set by the overlay's `replicas:` entry
    `${O}/production/kustomization.yaml:13:1: error KP129 spec.replicas: Invalid value: -1: must be greater than or equal to 0${also('production/kustomization.yaml')}`,
    // an inline JSON 6902 patch: its `value:` in the kustomization
    `${O}/production/kustomization.yaml:22:14: error KP140 spec.template.spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 500m${also('production/kustomization.yaml')}`,
    // the base's port, unnamed once the patch adds a second
    `${O}/base/service.yaml:8:5: error KP129 spec.ports[0].name: Required value${also('production/kustomization.yaml')}`,
    // a JSON 6902 patch file's added item
    `${O}/production/service-ports.yaml:4:11: error KP129 spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive${also('production/kustomization.yaml')}`,
    '6 errors, 0 warnings, 0 notes in 6 files',
    '',
  ]);
});

test('overlays: an `images:` entry, and a best practice on a base', () => {
  const r = runCli(['check', `${O}/staging`, '--severity', 'KP171=off,KP172=off,KP174=off,KP175=off,KP182=off']);
  const lines = r.stdout.split('\n').filter((l) => /KP170|KP184/.test(l));
  assert.deepEqual(lines, [
    `${O}/staging/kustomization.yaml:11:1: warning KP170 container worker: image "busybox:latest" is tagged latest: which build runs depends on when each node pulled it, so replicas can differ and a rollback restores nothing; pin a version tag or a digest${also('staging/kustomization.yaml')}`,
    `${O}/base/worker.yaml:14:15: information KP184 container worker does not drop NET_RAW: containerd grants it by default, and with it a process can craft raw packets and spoof traffic in the pod network; drop ALL (or NET_RAW) in capabilities.drop${also('staging/kustomization.yaml')}`,
  ]);
});

test('overlays: JSON and SARIF name the source files', () => {
  const json = JSON.parse(runCli(['check', `${O}/staging`, '--no-best-practices', '--format', 'json']).stdout);
  assert.deepEqual(json.files, [`${O}/staging/kustomization.yaml`, `${O}/base/deployment.yaml`, `${O}/staging/grace-patch.yaml`]);
  assert.deepEqual(
    json.diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.code, d.related.map((x) => `${x.file}:${x.range.start.line}: ${x.message}`)]),
    [
      [`${O}/base/deployment.yaml`, 13, 6, 'KP120', [`${O}/staging/kustomization.yaml:0: rendered by kustomize from this overlay`]],
      [`${O}/staging/grace-patch.yaml`, 7, 37, 'KP122', [`${O}/staging/kustomization.yaml:0: rendered by kustomize from this overlay`]],
    ],
  );
  const sarif = JSON.parse(runCli(['check', `${O}/staging`, '--no-best-practices', '--format', 'sarif']).stdout);
  assert.deepEqual(
    sarif.runs[0].results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri, x.locations[0].physicalLocation.region.startLine, x.relatedLocations[0].physicalLocation.artifactLocation.uri]),
    [
      ['KP120', `${O}/base/deployment.yaml`, 14, `${O}/staging/kustomization.yaml`],
      ['KP122', `${O}/staging/grace-patch.yaml`, 8, `${O}/staging/kustomization.yaml`],
    ],
  );
});

test('overlays: requests and simulate report the source files', () => {
  const requests = runCli(['requests', `${O}/staging`]);
  assert.deepEqual(requests.stdout.split('\n').map((l) => l.split(': ').slice(0, 2).join(': ')), [
    `${O}/base/deployment.yaml:2: Deployment default/staging-web`,
    `${O}/base/worker.yaml:2: Deployment default/staging-worker`,
    '2 workloads',
    '',
  ]);
  const sim = JSON.parse(runCli(['simulate', `${O}/staging`, '--format', 'json']).stdout);
  assert.deepEqual(
    sim.diagnostics.filter((d) => ['KP120', 'KP170'].includes(d.code)).map((d) => [d.file, d.range.start.line, d.code]),
    [
      [`${O}/staging/kustomization.yaml`, 10, 'KP170'],
      [`${O}/base/deployment.yaml`, 13, 'KP120'],
    ],
  );
});

test('--kustomize DIR renders, as a folder with a kustomization does', () => {
  const a = runCli(['check', '--kustomize', `${O}/staging`, '--no-best-practices']);
  const b = runCli(['check', `${O}/staging`, '--no-best-practices']);
  assert.equal(a.stdout, b.stdout);
  assert.match(a.stdout, /2 errors/);
});

test('an overlay kustomize cannot render: read file by file, one finding on the entry at fault (the kustomization\'s own KP201, not kustomize\'s KP211 for the same cause)', () => {
  const r = runCli(['check', 'test/fixtures/overlays-broken/missing-resource']);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    'test/fixtures/overlays-broken/missing-resource/kustomization.yaml:5:3: error KP201 resources[1]: "configmap.yaml" not found: no file or directory test/fixtures/overlays-broken/missing-resource/configmap.yaml',
    '1 error, 0 warnings, 0 notes in 1 file',
    '',
  ]);
});

test('no kustomize: one note per overlay, its folder and plain files still checked file by file (a patch as a partial object)', () => {
  const r = runCli(['check', `${O}/staging`, `${O}/base/deployment.yaml`, '--kustomize-command', '/nonexistent/kustomize', '--no-best-practices']);
  assert.equal(r.status, 1);
  assert.deepEqual(r.stdout.split('\n'), [
    `${O}/base/deployment.yaml:14:7: error KP120 unknown field "spec.template.spec.terminationGracePeriod"`,
    `${O}/staging/grace-patch.yaml:8:38: error KP122 spec.template.spec.terminationGracePeriodSeconds must be an integer, not a string ("thirty")`,
    `${O}/staging/kustomization.yaml:1:1: information KP210 kustomize overlay not rendered: the command "/nonexistent/kustomize" was not found (--kustomize-command, setting kubeplan.kustomize.command)`,
    '2 errors, 0 warnings, 1 notes in 3 files',
    '',
  ]);
  const bare = runCli(['check', `${O}/production`, '--no-best-practices'], { env: { PATH: '/nonexistent' } });
  assert.equal(bare.stdout.split('\n')[0], `${O}/production/kustomization.yaml:1:1: information KP210 kustomize overlay not rendered: neither kustomize nor kubectl is on PATH; install one, or name the command with --kustomize-command (setting kubeplan.kustomize.command)`);
});

test('in the background (the language server) a render has the same key: one cache serves both', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kp-render-background-'));
  cpSync(join(repoRoot, O), root, { recursive: true });
  let runs = 0;
  const renderer = { command: findKustomize(undefined), cache: new RenderCache() };
  const first = await renderOverlayInBackground(join(root, 'production'), renderer, (dir, command) => (runs++, runKustomize(dir, command)));
  assert.equal(first.ok, true);
  assert.equal(await renderOverlayInBackground(join(root, 'production'), renderer), first);
  assert.equal(renderOverlay(join(root, 'production'), renderer, () => assert.fail('rendered again')), first);
  assert.equal(runs, 1);
});

test('a render is cached by the contents of the files it reads', () => {
  const root = mkdtempSync(join(tmpdir(), 'kp-render-cache-'));
  cpSync(join(repoRoot, O), root, { recursive: true });
  let runs = 0;
  const run = (dir, command) => (runs++, runKustomizeSync(dir, command));
  const renderer = { command: findKustomize(undefined), cache: new RenderCache() };
  const first = renderOverlay(join(root, 'staging'), renderer, run);
  assert.equal(first.ok, true);
  assert.equal(renderOverlay(join(root, 'staging'), renderer, run), first);
  assert.equal(runs, 1);
  const base = join(root, 'base', 'worker.yaml');
  writeFileSync(base, readFileSync(base, 'utf8').replace('busybox:1.36', 'busybox:1.37'));
  const second = renderOverlay(join(root, 'staging'), renderer, run);
  assert.equal(runs, 2);
  assert.match(second.overlay.rendered.text, /image: busybox:latest/);
  renderOverlay(join(root, 'production'), renderer, run);
  assert.equal(runs, 3);
  // the origin annotations kubeplan asked for are gone from what is analysed
  assert.doesNotMatch(second.overlay.rendered.text, /config\.kubernetes\.io\/origin/);
});

const HELM = readFileSync(join(repoRoot, 'test/fixtures/helm-rendered.yaml'), 'utf8');

test('helm template output on stdin: findings on the templates, in text, JSON and SARIF', () => {
  const text = runCli(['check', '-', '--no-best-practices'], { input: HELM });
  assert.deepEqual(text.stdout.split('\n'), [
    'shop/templates/deployment.yaml:6:13: error KP122 spec.replicas must be an integer, not a string ("2") (rendered line 26)',
    '1 error, 0 warnings, 0 notes in 1 file',
    '',
  ]);
  const json = JSON.parse(runCli(['check', '-', '--no-best-practices', '--format', 'json'], { input: HELM }).stdout);
  assert.deepEqual(json.files, ['shop/templates/deployment.yaml']);
  assert.deepEqual(json.diagnostics.map((d) => [d.file, d.range, d.code]), [
    ['shop/templates/deployment.yaml', { start: { line: 5, character: 12 }, end: { line: 5, character: 15 } }, 'KP122'],
  ]);
  const sarif = JSON.parse(runCli(['check', '-', '--no-best-practices', '--format', 'sarif'], { input: HELM }).stdout);
  assert.deepEqual(sarif.runs[0].results.map((x) => [x.locations[0].physicalLocation, x.message.text]), [
    [
      { artifactLocation: { uri: 'shop/templates/deployment.yaml' }, region: { startLine: 6, startColumn: 13, endLine: 6, endColumn: 16 } },
      'spec.replicas must be an integer, not a string ("2") (rendered line 26).',
    ],
  ]);
});
