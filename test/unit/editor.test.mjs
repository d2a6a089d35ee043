// Hover, completion, outline, suppression and severity overrides, from the core.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, DEFAULT_SETTINGS, complete, documentSymbols, hover, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      restartPolicy: Always
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 80
          protocol: TCP
`;
const at = (text, needle, delta = 0) => text.indexOf(needle) + delta;

test('hover on a field: path, type, description, required, default, enum', () => {
  const a = new Analyzer(schemasDir);
  assert.deepEqual(hover(a, DEPLOYMENT, at(DEPLOYMENT, 'replicas', 3), '1.35'), {
    contents:
      '**spec.replicas** · `integer`\n\nNumber of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.\n\noptional — *apps/v1 Deployment*',
    range: { start: { line: 6, character: 2 }, end: { line: 6, character: 10 } },
  });
  assert.equal(
    hover(a, DEPLOYMENT, at(DEPLOYMENT, 'protocol'), '1.35').contents,
    '**spec.template.spec.containers[0].ports[0].protocol** · `string`\n\nProtocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".\n\noptional · default `"TCP"` · one of `SCTP`, `TCP`, `UDP` — *apps/v1 Deployment*',
  );
  assert.equal(hover(a, DEPLOYMENT, at(DEPLOYMENT, 'containers'), '1.35').contents.split('\n\n')[0], '**spec.template.spec.containers** · `[]Container`');
  assert.equal(hover(a, DEPLOYMENT, at(DEPLOYMENT, '  selector', 2), '1.35').contents.split('\n\n').at(-1), 'required — *apps/v1 Deployment*');
  assert.equal(hover(a, DEPLOYMENT, at(DEPLOYMENT, 'labels'), '1.35').contents.split('\n\n')[0], '**spec.template.metadata.labels** · `map[string]string`');
  assert.equal(hover(a, DEPLOYMENT, at(DEPLOYMENT, 'nginx'), '1.35').contents.split('\n\n')[0], '**spec.template.spec.containers[0].image** · `string`');
});

test('hover on apiVersion and kind: the GVK and its lifecycle in the target version', () => {
  const a = new Analyzer(schemasDir);
  assert.equal(hover(a, DEPLOYMENT, 14, '1.35').contents, '**apps/v1 Deployment**\n\nserved by Kubernetes 1.35\n\nDeployment enables declarative updates for Pods and ReplicaSets.');
  const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\n';
  assert.equal(hover(a, cron, 3, '1.24').contents.split('\n\n').slice(0, 2).join(' | '), '**batch/v1beta1 CronJob** | deprecated in Kubernetes 1.24, removed in 1.25: use `batch/v1`');
  assert.equal(hover(a, cron, 3, '1.35').contents, '**batch/v1beta1 CronJob**\n\nremoved in Kubernetes 1.25: use `batch/v1`');
});

test('hover on a custom resource uses its CRD: descriptions and the CRD name', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A widget.
        properties:
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, description: How big., default: 1}
`;
  const cr = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: 3\n';
  const a = new Analyzer(schemasDir);
  a.setFile('crd.yaml', crd);
  assert.equal(hover(a, cr, at(cr, 'size'), '1.35').contents, '**spec.size** · `integer`\n\nHow big.\n\nrequired · default `1` — *example.com/v1 Widget*');
  assert.equal(hover(a, cr, 30, '1.35').contents, '**example.com/v1 Widget**\n\ncustom resource, defined by CustomResourceDefinition `widgets.example.com` (version v1)\n\nA widget.');
});

test('completion of keys: valid at the cursor, required first, present ones left out (block and flow)', () => {
  const a = new Analyzer(schemasDir);
  const text = DEPLOYMENT.replace('        image: nginx\n', '        image: nginx\n        imagePu\n');
  const items = complete(a, text, at(text, 'imagePu', 7), '1.35');
  assert.equal(items.some((i) => i.label === 'name' || i.label === 'image'), false);
  assert.deepEqual(items.find((i) => i.label === 'imagePullPolicy'), {
    label: 'imagePullPolicy',
    kind: 'property',
    detail: 'string',
    documentation:
      'Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images',
    insertText: 'imagePullPolicy: ',
    snippet: false,
    range: { start: { line: 15, character: 8 }, end: { line: 15, character: 15 } },
    sortText: '1imagePullPolicy',
  });
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  \n';
  const specKeys = complete(a, pod, at(pod, 'spec:\n  ', 8), '1.35');
  assert.deepEqual(specKeys.slice(0, 2).map((i) => [i.label, i.detail, i.sortText]), [['containers', '[]Container (required)', '0containers'], ['activeDeadlineSeconds', 'integer', '1activeDeadlineSeconds']]);
  const flow = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, ima}]\n';
  assert.deepEqual(complete(a, flow, at(flow, 'ima}', 3), '1.35').filter((i) => i.label.startsWith('ima')).map((i) => i.insertText), ['image: ', 'imagePullPolicy: ']);
});

test('completion of values: enums, booleans, apiVersion and kind for the target version', () => {
  const a = new Analyzer(schemasDir);
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: O\n  hostNetwork: \n';
  assert.deepEqual(complete(a, text, at(text, 'Policy: O', 9), '1.35').map((i) => [i.label, i.range.start.character]), [['Always', 17], ['Never', 17], ['OnFailure', 17]]);
  assert.deepEqual(complete(a, text, at(text, 'hostNetwork: ', 13), '1.35').map((i) => i.label), ['true', 'false']);
  const kinds = 'apiVersion: batch/v1\nkind: \n';
  assert.deepEqual(complete(a, kinds, at(kinds, 'kind: ', 6), '1.35').map((i) => i.label), ['CronJob', 'Job']);
  const versions = 'apiVersion: \nkind: HorizontalPodAutoscaler\n';
  assert.deepEqual(complete(a, versions, 12, '1.35').map((i) => i.label), ['autoscaling/v1', 'autoscaling/v2']);
  assert.deepEqual(complete(a, versions, 12, '1.24').map((i) => i.label), ['autoscaling/v1', 'autoscaling/v2', 'autoscaling/v2beta1', 'autoscaling/v2beta2']);
});

test('completion in an empty document: snippets first, then apiVersion/kind pairs', () => {
  const a = new Analyzer(schemasDir);
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n';
  const items = complete(a, text, text.length, '1.35');
  assert.deepEqual(items.filter((i) => i.kind === 'snippet').map((i) => i.label), ['Deployment (new object)', 'Service (new object)', 'ConfigMap (new object)', 'Ingress (new object)', 'Job (new object)']);
  assert.equal(items.filter((i) => i.kind === 'type').length, 90);
  assert.equal(items.find((i) => i.label === 'apps/v1 Deployment').insertText, 'apiVersion: apps/v1\nkind: Deployment\n');
  assert.match(items[0].insertText, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: \$\{1:app\}/);
});

test('document symbols: Kind namespace/name per document', () => {
  const a = new Analyzer(schemasDir);
  const text = `${DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata: {name: svc}\n`;
  assert.deepEqual(documentSymbols(a, text), [
    { name: 'Deployment shop/web', detail: 'apps/v1', range: { start: { line: 0, character: 0 }, end: { line: 17, character: 23 } }, selectionRange: { start: { line: 1, character: 6 }, end: { line: 1, character: 16 } } },
    { name: 'Service svc', detail: 'v1', range: { start: { line: 19, character: 0 }, end: { line: 21, character: 21 } }, selectionRange: { start: { line: 20, character: 6 }, end: { line: 20, character: 13 } } },
  ]);
});

test('suppression: next-line comment, file comment, ignore annotation', () => {
  const w = new Workspace(new Analyzer(schemasDir));
  const a = { analyzeFile: (text) => w.documentFindings('f.yaml', text) };
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: Bad_Name
data:
  # kubeplan-disable-next-line KP124
  a: yes
  b: yes
  # kubeplan-disable-next-line KP999
  c: yes
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: Also_Bad
  annotations:
    kubeplan.dev/ignore: "KP130, KP124"
data:
  d: yes
`;
  assert.deepEqual(
    renderFindings(a.analyzeFile(text)).split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.slice(0, 24)),
    ['4:9-4:17 error KP130 met', '8:6-8:9 error KP124 unqu', '10:6-10:9 error KP124 un'],
  );
  const silenced = `# kubeplan-disable KP124\n${text}`;
  assert.deepEqual(renderFindings(a.analyzeFile(silenced)).split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.slice(0, 24)), ['5:9-5:17 error KP130 met']);
  assert.equal(renderFindings(a.analyzeFile(`# kubeplan-disable\n${text}`)), '');
});

test('severity overrides per code, and off', () => {
  const w = new Workspace(new Analyzer(schemasDir));
  const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: Bad_Name}\n';
  const settings = { ...DEFAULT_SETTINGS, kubernetesVersion: '1.24', schemaValidation: false };
  w.setSettings(settings);
  assert.deepEqual(w.documentFindings('f.yaml', text).map((f) => `${f.code} ${f.severity}`), ['KP112 warning', 'KP130 error']);
  w.setSettings({ ...settings, severity: { KP112: 'error', KP130: 'off' } });
  assert.deepEqual(w.documentFindings('f.yaml', text).map((f) => `${f.code} ${f.severity}`), ['KP112 error']);
});
