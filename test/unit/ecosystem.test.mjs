// The ecosystem's files (docs/ecosystem.md): each file's role from its path, content and the
// workspace's kustomizations; kustomizations checked against kustomize's schema; patches checked as
// partial objects; other tools' files neither analysed nor simulated.
import test, { describe } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, DEFAULT_SETTINGS, fileRole, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

/** A role context with these chart directories and kustomization uses. */
const context = (charts = [], referenced = {}) => ({ isChart: (dir) => charts.includes(dir), referencedAs: (path) => referenced[path] });

describe('fileRole', () => {
  const role = (path, text = '', ctx = context(['charts/web', '.'])) => fileRole(path, text, ctx);

  test('kustomizations by name, whatever they hold', () => {
    assert.equal(role('overlays/dev/kustomization.yaml', 'resources: [../../base]\n'), 'kustomization');
    assert.equal(role('overlays/dev/kustomization.yml'), 'kustomization');
    assert.equal(role('overlays/dev/Kustomization'), 'kustomization');
    assert.equal(role('overlays/dev/Kustomization.yaml'), 'manifest');
  });

  test('by content: kustomize, builtin plugin configs, kpt, skaffold', () => {
    assert.equal(role('component.yaml', 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n'), 'kustomization');
    assert.equal(role('gen.yaml', '# a generator\napiVersion: builtin\nkind: ConfigMapGenerator\n'), 'kustomizeConfig');
    assert.equal(role('Kptfile', 'apiVersion: kpt.dev/v1\nkind: Kptfile\n'), 'kpt');
    assert.equal(role('fn.yaml', 'apiVersion: fn.kpt.dev/v1alpha1\nkind: SetLabels\n'), 'kpt');
    assert.equal(role('skaffold.yaml', 'apiVersion: skaffold/v4beta11\nkind: Config\n'), 'skaffold');
    assert.equal(role('deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'manifest');
    // Only a top-level apiVersion counts.
    assert.equal(role('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: |\n    apiVersion: builtin\n'), 'manifest');
  });

  test("a chart's files: Chart.yaml, values files beside it, chart-testing values, everything under templates/", () => {
    assert.equal(role('charts/web/Chart.yaml'), 'helmChart');
    assert.equal(role('charts/web/values.yaml'), 'helmValues');
    assert.equal(role('charts/web/values-production.yml'), 'helmValues');
    assert.equal(role('charts/web/ci/default-values.yaml'), 'helmValues');
    assert.equal(role('charts/web/templates/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\n'), 'helmTemplate');
    assert.equal(role('charts/web/templates/sub/service.yaml'), 'helmTemplate');
    assert.equal(role('templates/service.yaml'), 'helmTemplate');
    // Not in a chart: a values.yaml or a templates/ folder is anything.
    assert.equal(role('app/values.yaml'), 'manifest');
    assert.equal(role('app/templates/service.yaml'), 'manifest');
    // A chart's crds/ are manifests.
    assert.equal(role('charts/web/crds/crd.yaml'), 'manifest');
  });

  test('helmfiles', () => {
    assert.equal(role('helmfile.yaml'), 'helmfile');
    assert.equal(role('deploy/helmfile.d/00-base.yaml'), 'helmfile');
  });

  test("what a kustomization makes of a file comes before its content, after its name", () => {
    const ctx = context([], { 'overlays/dev/patch.yaml': 'patch', 'charts/web/Chart.yaml': 'patch' });
    assert.equal(fileRole('overlays/dev/patch.yaml', 'apiVersion: apps/v1\nkind: Deployment\n', ctx), 'patch');
    assert.equal(fileRole('charts/web/Chart.yaml', '', ctx), 'helmChart');
  });
});

/** A workspace of these files (name → text), its files' roles. */
function roles(files, options) {
  const w = new Workspace(new Analyzer(schemasDir), options);
  for (const [name, text] of Object.entries(files)) w.setFile(name, text);
  return { w, roles: Object.fromEntries(Object.keys(files).map((name) => [name, w.roleOf(name)])) };
}

describe("the workspace's kustomizations give files their roles", () => {
  const kustomization = [
    'resources: [deployment.yaml, ../shared/cm.yaml, https://github.com/x/y//base?ref=v1]',
    'patchesStrategicMerge: [smp.yaml, "apiVersion: v1\\nkind: Service\\n"]',
    'patches:',
    '  - path: ./patches/json.yaml',
    '    target: {kind: Deployment}',
    '  - patch: |-',
    '      - op: remove',
    'patchesJson6902: [{path: ops.yaml}]',
    'transformers: [../plugins/labels.yaml]',
    'configMapGenerator: [{name: c, files: [app.properties, conf=settings.yaml], envs: [.env]}]',
    'helmCharts: [{name: web, valuesFile: web-values.yaml}]',
    '',
  ].join('\n');
  const files = {
    'app/kustomization.yaml': kustomization,
    'app/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
    'shared/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
    'app/smp.yaml': 'apiVersion: apps/v1\nkind: Deployment\n',
    'app/patches/json.yaml': '- op: add\n',
    'app/ops.yaml': '- op: add\n',
    'plugins/labels.yaml': 'apiVersion: example.com/v1\nkind: LabelMaker\n',
    'app/settings.yaml': 'kind: data\n',
    'app/web-values.yaml': 'replicas: 2\n',
  };

  test('patches, configs, generator inputs and values files; resources stay objects', () => {
    assert.deepEqual(roles(files).roles, {
      'app/kustomization.yaml': 'kustomization',
      'app/deployment.yaml': 'manifest',
      'shared/cm.yaml': 'manifest',
      'app/smp.yaml': 'patch',
      'app/patches/json.yaml': 'patch',
      'app/ops.yaml': 'patch',
      'plugins/labels.yaml': 'kustomizeConfig',
      'app/settings.yaml': 'kustomizeConfig',
      'app/web-values.yaml': 'helmValues',
    });
  });

  test('a file another kustomization lists as a resource is a whole object', () => {
    const both = { ...files, 'other/kustomization.yaml': 'resources: [../app/smp.yaml]\n' };
    assert.equal(roles(both).roles['app/smp.yaml'], 'manifest');
  });

  test("kustomize's old list of patch paths (patches: [file]) still makes the files patches", () => {
    const { roles: r } = roles({ 'kustomization.yaml': 'patches: [p.yaml]\n', 'p.yaml': 'apiVersion: v1\nkind: Service\n' });
    assert.equal(r['p.yaml'], 'patch');
  });

  test('language server names (file: URIs, percent-encoded) resolve like paths', () => {
    const { roles: r } = roles({
      'file:///repo/my%20app/kustomization.yaml': 'patches: [{path: ../patches/p.yaml}]\n',
      'file:///repo/patches/p.yaml': 'apiVersion: v1\nkind: Service\n',
    });
    assert.equal(r['file:///repo/patches/p.yaml'], 'patch');
  });

  test('a kustomization edited to drop a patch gives the file back its own role, and says so once', () => {
    const { w } = roles(files);
    assert.equal(w.takeRoleChanges(), true);
    assert.equal(w.takeRoleChanges(), false);
    w.setFile('app/kustomization.yaml', 'resources: [deployment.yaml]\n');
    assert.equal(w.roleOf('app/smp.yaml'), 'manifest');
    assert.equal(w.takeRoleChanges(), true);
  });

  test('a folder is a chart when a Chart.yaml is among the files, or on disk (statPath)', () => {
    assert.equal(roles({ 'web/Chart.yaml': 'name: web\n', 'web/templates/a.yaml': 'kind: A\n' }).roles['web/templates/a.yaml'], 'helmTemplate');
    const asked = [];
    const statPath = (p) => (asked.push(p), p === 'web/Chart.yaml' ? 'file' : undefined);
    const r = roles({ 'web/templates/a.yaml': 'kind: A\n', 'web/templates/b.yaml': 'kind: B\n', 'other/values.yaml': 'x: 1\n' }, { statPath });
    assert.deepEqual(r.roles, { 'web/templates/a.yaml': 'helmTemplate', 'web/templates/b.yaml': 'helmTemplate', 'other/values.yaml': 'manifest' });
    // Each folder asked once.
    assert.deepEqual(asked.sort(), ['other/Chart.yaml', 'web/Chart.yaml']);
  });
});

/** Every finding of the files (name → text), by file, as `kubeplan check` reports them. */
function check(files, options) {
  const w = new Workspace(new Analyzer(schemasDir), options);
  w.setSettings({ ...DEFAULT_SETTINGS, bestPractices: false });
  for (const [name, text] of Object.entries(files)) w.setFile(name, text);
  const out = {};
  for (const [name, text] of Object.entries(files)) {
    const found = renderFindings([...w.documentFindings(name, text), ...w.assumptionFindings(name, text)]);
    if (found) out[name] = found;
  }
  return { out, w };
}

describe('findings', () => {
  test('a kustomization: unknown fields and wrong types are errors, Go-style case-insensitive keys are not', () => {
    const { out } = check({
      'kustomization.yaml': [
        'apiVersion: kustomize.config.k8s.io/v1beta1',
        'kind: Kustomization',
        'namePrefx: dev-',
        'images:',
        '  - name: nginx',
        '    newTag: 1.27',
        'replicas: [{name: web, count: "3"}]',
        'vars: [{name: X, objref: {kind: Service, name: s, apiVersion: v1}, fieldref: {fieldpath: spec.clusterIP}}]',
        'sortOptions: {order: alphabetical}',
        '',
      ].join('\n'),
    });
    assert.deepEqual(out, {
      'kustomization.yaml': [
        '3:1-3:10 error KP120 unknown field "namePrefx" (did you mean "namePrefix"?)',
        '    fix "Change to \\"namePrefix\\"": 3:1-3:10 "namePrefix"',
        '6:13-6:17 error KP122 images[0].newTag must be a string, not a number (1.27); quote it: "1.27"',
        '    fix "Quote 1.27": 6:13-6:17 "\\"1.27\\""',
        '7:31-7:34 error KP122 replicas[0].count must be an integer, not a string ("3")',
        '    fix "Remove the quotes": 7:31-7:34 "3"',
        '9:22-9:34 error KP123 sortOptions.order: Unsupported value: "alphabetical": supported values: "legacy", "fifo"',
        '',
      ].join('\n'),
    });
  });

  test("a kustomization's kind decides its apiVersion (kustomize's EnforceFields)", () => {
    const { out } = check({ 'c/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\n' });
    assert.equal(
      out['c/kustomization.yaml'],
      '1:13-1:44 error KP123 apiVersion: Unsupported value: "kustomize.config.k8s.io/v1beta1": kustomize reads a Component only as kustomize.config.k8s.io/v1alpha1\n' +
        '    fix "Change to kustomize.config.k8s.io/v1alpha1": 1:13-1:44 "kustomize.config.k8s.io/v1alpha1"\n',
    );
  });

  test('KP201: listed paths that do not exist, at their entries; remote and inline entries are not checked', () => {
    const statPath = (p) => ({ 'app/deployment.yaml': 'file', base: 'directory', 'base/kustomization.yaml': 'file', docs: 'directory', 'app/patches': 'directory' })[p];
    const { out } = check(
      {
        'app/kustomization.yaml': [
          'resources:',
          '  - deployment.yaml',
          '  - ../base',
          '  - ../docs',
          '  - service.yaml',
          '  - github.com/org/repo//deploy?ref=v1',
          '  - https://example.com/all.yaml',
          'components: [../components/metrics]',
          'patches:',
          '  - path: patches',
          '  - patch: |-',
          '      apiVersion: v1',
          'patchesStrategicMerge:',
          '  - smp.yaml',
          '',
        ].join('\n'),
      },
      { statPath },
    );
    assert.deepEqual(out['app/kustomization.yaml'].split('\n'), [
      '4:5-4:12 error KP201 resources[2]: "../docs" is a directory without a kustomization.yaml: kustomize reads a directory through its kustomization',
      '5:5-5:17 error KP201 resources[3]: "service.yaml" not found: no file or directory app/service.yaml',
      '8:14-8:35 error KP201 components[0]: "../components/metrics" not found: no file or directory components/metrics',
      '10:11-10:18 error KP201 patches[0].path: "patches" is a directory: a patch is a file',
      '14:5-14:13 error KP201 patchesStrategicMerge[0]: "smp.yaml" not found: no file app/smp.yaml',
      '',
    ]);
  });

  test("KP201: a kustomization in a chart's folder renders the chart: its resources are not in the repository", () => {
    const statPath = (p) => ({ 'web/Chart.yaml': 'file', 'web/kustomization.yaml': 'file' })[p];
    const { out } = check({ 'web/Chart.yaml': 'name: web\n', 'web/kustomization.yaml': 'resources: [all.yaml]\npatches: [{path: p.yaml}]\n' }, { statPath });
    assert.deepEqual(out['web/kustomization.yaml'], '2:18-2:24 error KP201 patches[0].path: "p.yaml" not found: no file web/p.yaml\n');
  });

  test("a patch: partial (no required fields, no API server validation, no best practices) but fields and types checked; JSON 6902 patches not at all", () => {
    const { out, w } = check({
      'kustomization.yaml': 'resources: [deployment.yaml]\npatches: [{path: smp.yaml}, {path: ops.yaml}]\n',
      'deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
      'smp.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: web}',
        'spec:',
        '  replicas: "two"',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          imagePullPolicy: Always',
        '          resourcez: {}',
        '        - name: sidecar',
        '          $patch: delete',
        '',
      ].join('\n'),
      'ops.yaml': '- op: replace\n  path: /spec/replicas\n  value: 3\n',
    });
    assert.deepEqual(out, {
      'smp.yaml': [
        '5:13-5:18 error KP122 spec.replicas must be an integer, not a string ("two")',
        '11:11-11:20 error KP120 unknown field "spec.template.spec.containers[0].resourcez" (did you mean "resources"?)',
        '    fix "Change to \\"resources\\"": 11:11-11:20 "resources"',
        '',
      ].join('\n'),
    });
    // Only the Deployment is applied.
    assert.deepEqual(w.simulation().manifests.map((m) => `${m.file} ${m.object.kind}`), ['deployment.yaml Deployment']);
  });

  test("other tools' files: no findings and not simulated; a chart: one note on its Chart.yaml", () => {
    const template = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n';
    const { out, w } = check({
      'web/Chart.yaml': '# the chart\napiVersion: v2\nname: web\nversion: 0.1.0\n',
      'web/values.yaml': 'replicas: 2\n',
      'web/templates/deployment.yaml': template,
      'web/templates/broken.yaml': 'kind: [\n',
      'web/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n',
      'skaffold.yaml': 'apiVersion: skaffold/v4beta11\nkind: Config\nmetadata: {name: app}\n',
      'Kptfile': 'apiVersion: kpt.dev/v1\nkind: Kptfile\nmetadata: {name: app}\n',
      'plugins/gen.yaml': 'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: gen}\n',
      'helmfile.yaml': 'releases:\n  - name: {{ .Values.name }}\n',
    });
    assert.deepEqual(out, {
      'web/Chart.yaml': '1:1-1:12 information KP200 Helm chart: its templates/ are Go templates, YAML only once rendered, so they are not analysed as written; check the rendered output: helm template <chart> | kubeplan check -\n',
    });
    assert.deepEqual(w.simulation().manifests, []);
  });
});
