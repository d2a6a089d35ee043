// Which kustomizations are overlays, what files they are made of, what they rename, and one finding
// however many ways it is reached: the pieces the language server renders overlays with.
import test from 'node:test';
import assert from 'node:assert/strict';
import { addOnce, kustomizeTree, overlayParts, overlayTrees, readRendered, renamedObjects } from '../../dist/core.js';

/** A disk of absolute paths. */
const FILES = {
  '/w/base/kustomization.yaml': 'resources:\n- deployment.yaml\n- service.yaml\n',
  '/w/base/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n',
  '/w/base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\n',
  '/w/monitoring/kustomization.yaml': 'kind: Component\n',
  '/w/staging/kustomization.yaml': 'namePrefix: staging-\nnamespace: stage\nresources:\n- ../base\n- extra.yaml\ncomponents:\n- ../monitoring\npatches:\n- path: patch.yaml\n- patch: |-\n    kind: Deployment\n',
  '/w/production/kustomization.yaml': 'resources:\n- ../base\n',
};
const read = (path) => FILES[path];

test('overlays: the kustomizations no other includes, in path order; bases and components are not', () => {
  const trees = overlayTrees(['/w/staging', '/w/base', '/w/monitoring', '/w/production'], read);
  assert.deepEqual(trees.map((t) => t.map((n) => n.dir)), [
    ['/w/production', '/w/base'],
    ['/w/staging', '/w/base', '/w/monitoring'],
  ]);
});

test("an overlay's parts: its kustomizations, resource files and patch files (not inline patches, not directories)", () => {
  assert.deepEqual(overlayParts(kustomizeTree('/w/staging', read)).sort(), [
    '/w/base/deployment.yaml',
    '/w/base/kustomization.yaml',
    '/w/base/service.yaml',
    '/w/monitoring/kustomization.yaml',
    '/w/staging/extra.yaml',
    '/w/staging/kustomization.yaml',
    '/w/staging/patch.yaml',
  ]);
});

test('what an overlay renames, per source file: namePrefix and namespace', () => {
  const output = [
    'apiVersion: v1\nkind: Service\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../base/service.yaml\n  name: staging-web\n  namespace: stage\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  annotations:\n    config.kubernetes.io/origin: |\n      path: ../base/deployment.yaml\n  name: staging-web\n  namespace: stage\n',
  ].join('---\n');
  const overlay = { kustomizationFile: '/w/staging/kustomization.yaml', rendered: readRendered(output, '/w/built'), tree: kustomizeTree('/w/staging', read) };
  assert.deepEqual(
    [...renamedObjects(overlay, read, 'default')].map(([file, m]) => [file, [...m]]),
    [
      ['/w/base/service.yaml', [['Service/shop/web', 'Service/stage/staging-web']]],
      ['/w/base/deployment.yaml', [['Deployment/default/web', 'Deployment/stage/staging-web']]],
    ],
  );
});

test('one finding however many ways it is reached: the related locations of each way', () => {
  const range = { start: { line: 3, character: 2 }, end: { line: 3, character: 9 } };
  const own = { code: 'KP120', severity: 'error', message: 'unknown field "x"', range, fixes: [{ title: 'Remove', edits: [] }] };
  const via = (overlay) => ({ ...own, fixes: undefined, related: [{ file: overlay, range, message: 'rendered by kustomize from this overlay' }] });
  const list = [own];
  addOnce(list, via('/w/staging/kustomization.yaml'));
  addOnce(list, via('/w/production/kustomization.yaml'));
  addOnce(list, via('/w/production/kustomization.yaml'));
  addOnce(list, { ...own, range: { ...range, end: { line: 3, character: 10 } } });
  assert.equal(list.length, 2);
  assert.deepEqual(list[0].fixes, own.fixes);
  assert.deepEqual(list[0].related.map((r) => r.file), ['/w/staging/kustomization.yaml', '/w/production/kustomization.yaml']);
});
