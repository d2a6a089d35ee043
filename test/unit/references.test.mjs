// What the workspace's objects say about each other, across files (core/workspace/references):
// the shapes other linters get wrong (a Service and its workload in different files, selector AND
// semantics, operators' pods), the cluster file's authority, one finding per cause with the other
// end related, and the simulation's KP160 agreeing with KP163 on who reports what.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, hover, Workspace } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

const analyzer = new Analyzer(schemasDir);

/** The workspace's model findings (no simulation) of every file, `file:` before each line; with `simulate`, the simulation's too. */
function findings(files, { cluster, simulate = false, codes } = {}) {
  const workspace = new Workspace(analyzer);
  for (const [file, text] of Object.entries(files)) workspace.setFile(file, text);
  if (cluster) {
    workspace.setFile('cluster.yaml', cluster);
    workspace.setClusterFile('cluster.yaml');
  }
  const out = [];
  for (const [file, text] of Object.entries(files)) {
    const found = simulate ? workspace.workspaceFindings(file, text, workspace.simulation()) : workspace.assumptionFindings(file, text);
    const kept = found.filter((f) => !codes || codes.includes(f.code));
    for (const line of renderFindings(kept).split('\n').filter(Boolean)) out.push(line.startsWith('    ') ? line : `${file}:${line}`);
  }
  // The analyzer is shared: the next workspace starts without these files.
  for (const file of [...Object.keys(files), 'cluster.yaml']) workspace.setFile(file, undefined);
  return out;
}

const deployment = (name, labels, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
      containers: [{name: main, image: "nginx:1.27", ports: [{name: http, containerPort: 8080}], resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {cpu: 100m, memory: 64Mi}}}]${extra}
`;
const service = (name, selector, ns = '') => `apiVersion: v1
kind: Service
metadata: {name: ${name}${ns ? `, namespace: ${ns}` : ''}}
spec:
  selector: ${selector}
  ports: [{port: 80, targetPort: http}]
`;

test('a Service and its workload in different files: matched across files; a selector one label off is KP163, the nearest template related', () => {
  assert.deepEqual(findings({ 'app/deployment.yaml': deployment('web', '{app: web, tier: frontend}'), 'net/service.yaml': service('web', '{app: web}') }), []);
  assert.deepEqual(findings({ 'app/deployment.yaml': deployment('web', '{app: web, tier: frontend}'), 'net/service.yaml': service('web', '{app: web, tier: front}') }), [
    'net/service.yaml:5:3-5:11 warning KP163 Service web selects no pod template in namespace "default": no pod template there has app=web, tier=front (a pod must carry every label of the selector)',
    '    related app/deployment.yaml:7:16-7:22 the pod template of Deployment/web has app=web, tier=frontend, not tier=front',
  ]);
});

test('KP163 relates at most three near misses, the first saying of how many: the evidence, not every template one edit away', () => {
  const files = { 'net/service.yaml': service('web', '{app: web-0}') };
  for (const n of [1, 2, 3, 4, 5]) files[`app/web-${n}.yaml`] = deployment(`web-${n}`, `{app: web-${n}}`);
  assert.deepEqual(findings(files), [
    'net/service.yaml:5:3-5:11 warning KP163 Service web selects no pod template in namespace "default": no pod template there has app=web-0 (a pod must carry every label of the selector)',
    '    related app/web-1.yaml:7:16-7:22 the pod template of Deployment/web-1 has app=web-1, not app=web-0 (one of 5 such templates)',
    '    related app/web-2.yaml:7:16-7:22 the pod template of Deployment/web-2 has app=web-2, not app=web-0 (one of 5 such templates)',
    '    related app/web-3.yaml:7:16-7:22 the pod template of Deployment/web-3 has app=web-3, not app=web-0 (one of 5 such templates)',
  ]);
});

test('no KP163 where something kubeplan cannot see makes the pods: an operator (custom resources in the namespace), the kubelet (kube-system), the cluster file\'s running pods, a selector like no template there (a Helm chart\'s pods)', () => {
  assert.deepEqual(findings({ 'web.yaml': deployment('web', '{app: web}'), 'exporter.yaml': service('dcgm-exporter', '{app.kubernetes.io/name: dcgm-exporter}') }), []);
  const custom = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec: {}
`;
  assert.deepEqual(findings({ 'svc.yaml': service('prometheus-k8s', '{prometheus: k8s}', 'monitoring'), 'prometheus.yaml': custom }, { codes: ['KP163'] }), []);
  assert.deepEqual(findings({ 'svc.yaml': service('kube-scheduler', '{component: kube-scheduler}', 'kube-system') }), []);
  const cluster = `apiVersion: v1
kind: Pod
metadata: {name: legacy, namespace: default, labels: {app: legacy}}
spec: {nodeName: worker-1, containers: [{name: c, image: legacy:1}]}
`;
  assert.deepEqual(findings({ 'svc.yaml': service('legacy', '{app: legacy}') }, { cluster }), []);
});

test('KP160 and KP163, one finding per cause: no template is KP163 only; templates whose pods were not created are KP160 (with the controller\'s KP151)', () => {
  const files = {
    'svc.yaml': service('nobody', '{app: robto}') + '---\n' + service('robot', '{app: robot}'),
    'robot.yaml': deployment('robot', '{app: robot}', '\n      priorityClassName: robot'),
    // Pods run, but its one port names no container port: KP162 only (not "none of its pods is running").
    'web.yaml': deployment('web', '{app: web}') + '---\n' + service('web', '{app: web}').replace('targetPort: http', 'targetPort: htp'),
  };
  assert.deepEqual(findings(files, { simulate: true, codes: ['KP151', 'KP160', 'KP162', 'KP163'] }), [
    'svc.yaml:5:3-5:11 warning KP163 Service nobody selects no pod template in namespace "default": no pod template there has app=robto (a pod must carry every label of the selector)',
    '    related robot.yaml:7:16-7:22 the pod template of Deployment/robot has app=robot, not app=robto',
    'svc.yaml:12:3-12:11 warning KP160 robot has no endpoints: no pod of the Deployment/robot it selects was created, so kube-proxy will REJECT connections to 10.96.1.2:80',
    'robot.yaml:2:7-2:17 error KP151 ReplicaSet/default/robot-555dcb4847: FailedCreate: Error creating: pods "robot-555dcb4847-" is forbidden: no PriorityClass with name robot was found',
    'web.yaml:16:34-16:37 warning KP162 targetPort "htp" is not the name of a TCP port of the pods this Service selects (Deployment/web exposes 8080/TCP "http"): port 80 has no endpoints',
    '    related web.yaml:9:54-9:59 Deployment/web: no TCP port named "htp"',
  ]);
});

test('references to objects nobody creates: one information per object, every place related; an error when the cluster file is authoritative for the kind, nothing when it has the object', () => {
  const files = {
    'a/web.yaml': deployment('web', '{app: web}', '\n      volumes: [{name: c, configMap: {name: settings}}, {name: o, configMap: {name: maybe, optional: true}}]'),
    'b/worker.yaml': deployment('worker', '{app: worker}', '\n      volumes: [{name: c, configMap: {name: settings}}]'),
  };
  assert.deepEqual(findings(files), [
    'a/web.yaml:10:45-10:53 information KP193 ConfigMap "settings" (namespace "default") is not in these manifests: assumed to exist in the cluster (named by 2 places: Deployment/web volume c, …)',
    '    related b/worker.yaml:10:45-10:53 Deployment/worker volume c names it too',
  ]);
  const profile = (extra = '') => `apiVersion: kubeplan.dev/v1alpha1
kind: ClusterProfile
metadata: {name: prod}
spec: {authoritative: [configMaps]}
${extra}`;
  assert.deepEqual(findings(files, { cluster: profile() }), [
    'a/web.yaml:10:45-10:53 error KP193 ConfigMap "settings" (namespace "default") does not exist: neither these manifests nor the cluster file (authoritative for configMaps) have it, so the kubelet does not start a container that needs it (CreateContainerConfigError, or the volume cannot mount) (named by 2 places)',
    '    related b/worker.yaml:10:45-10:53 Deployment/worker volume c names it too',
  ]);
  assert.deepEqual(findings(files, { cluster: profile('---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\ndata: {}\n') }), []);
});

test('a NetworkPolicy peer\'s namespaceSelector by labels: quiet by default; with a cluster file authoritative for namespaces, KP192 when no namespace has the labels, quiet when one has or when one\'s labels are unknown', () => {
  const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-web}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress:
    - from:
        - namespaceSelector: {matchLabels: {team: web}}
`;
  const files = { 'app/api.yaml': deployment('api', '{app: api}'), 'app/policy.yaml': policy };
  const cluster = (namespaces, pods = '') => `apiVersion: kubeplan.dev/v1alpha1
kind: ClusterProfile
metadata: {name: prod}
spec: {authoritative: [namespaces]}
${namespaces.map((n) => `---\napiVersion: v1\nkind: Namespace\nmetadata: ${n}\n`).join('')}${pods}`;
  const codes = ['KP192'];
  assert.deepEqual(findings(files, { codes }), []);
  assert.deepEqual(findings(files, { codes, cluster: cluster(['{name: shop, labels: {team: shop}}']) }), [
    'app/policy.yaml:8:11-8:28 warning KP192 NetworkPolicy from-web: this from peer\'s namespaceSelector matches no namespace of these manifests or of the cluster file (authoritative for namespaces)',
  ]);
  assert.deepEqual(findings(files, { codes, cluster: cluster(['{name: web, labels: {team: web}}']) }), []);
  // A Namespace of the workspace counts, with its labels.
  assert.deepEqual(findings({ ...files, 'app/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web, labels: {team: web}}\n' }, { codes, cluster: cluster([]) }), []);
  // A running pod's namespace, without its Namespace document: its labels are unknown.
  const pod = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: other}\nspec: {nodeName: node-1, containers: [{name: c, image: x}]}\n';
  assert.deepEqual(findings(files, { codes, cluster: cluster([], pod) }), []);
});

test('duplicates: the same object twice in one file (warning) or folder (information: maybe alternatives), the last wins; not in two folders (overlays)', () => {
  const cm = (value) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {mode: ${value}}\n`;
  assert.deepEqual(findings({ 'base/cm.yaml': cm('a'), 'overlays/prod/cm.yaml': cm('b') }), []);
  assert.deepEqual(findings({ 'app/cm.yaml': cm('a'), 'app/cm-2.yaml': cm('b') }), [
    'app/cm-2.yaml:3:18-3:26 information KP195 ConfigMap default/settings is defined again in app/cm.yaml (the same folder): kubectl apply -f of the folder applies each in turn and the last one wins (if the files are alternatives, apply one of them)',
    '    related app/cm.yaml:3:18-3:26 ConfigMap default/settings again: this one wins',
  ]);
  assert.deepEqual(findings({ 'app/all.yaml': `${cm('a')}---\n${cm('b')}` }), [
    'app/all.yaml:3:18-3:26 warning KP195 ConfigMap default/settings is defined 2 times in this file: kubectl apply -f applies each in turn and the last one (app/all.yaml:8) wins',
    '    related app/all.yaml:8:18-8:26 ConfigMap default/settings again: this one wins',
  ]);
});

test('HTTPRoute backendRefs are checked when the Gateway API CRDs are in the workspace', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: httproutes.gateway.networking.k8s.io}
spec:
  group: gateway.networking.k8s.io
  names: {kind: HTTPRoute, listKind: HTTPRouteList, plural: httproutes, singular: httproute}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
  const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web}
spec:
  rules:
    - backendRefs: [{name: web, port: 80}, {name: web, port: 8080}, {name: api, port: 80}]
`;
  const files = { 'web.yaml': deployment('web', '{app: web}') + '---\n' + service('web', '{app: web}'), 'route.yaml': route };
  assert.deepEqual(findings(files, { codes: ['KP166'] }), []);
  assert.deepEqual(findings({ ...files, 'crds/httproute.yaml': crd }, { codes: ['KP166'] }), [
    'route.yaml:6:62-6:66 warning KP166 HTTPRoute web routes to port 8080 of Service web, which has no such port (its ports: 80): requests to this backend fail (503)',
    '    related web.yaml:16:3-16:8 the ports of Service web',
    'route.yaml:6:76-6:79 warning KP166 HTTPRoute web routes to Service "api", which is not in namespace "default": requests to this backend fail (503)',
  ]);
});

test('hover on a Service selector lists the pods it selects in the simulation, by workload, across files; on one that selects nothing, says so', () => {
  const workspace = new Workspace(analyzer);
  const files = { 'app/web.yaml': deployment('web', '{app: web}').replace('spec:\n  selector', 'spec:\n  replicas: 2\n  selector'), 'net/svc.yaml': `${service('web', '{app: web}')}---\n${service('none', '{app: nothing}')}` };
  for (const [file, text] of Object.entries(files)) workspace.setFile(file, text);
  const simulation = workspace.simulation().result;
  const text = files['net/svc.yaml'];
  const on = (n) => hover(analyzer, text, text.split('selector:', n + 1).slice(0, n + 1).join('selector:').length + 2, '1.35', 'default', simulation).contents.split('\n\n---\n\n').at(-1);
  const pods = simulation.objects.filter((o) => o.kind === 'Pod').map((p) => `\`${p.metadata.name}\` on ${p.spec.nodeName}`);
  assert.equal(on(0), `**Selects 2 pods** in namespace \`default\` (in the simulation):\n\n- Deployment/web: ${pods.join(', ')}`);
  assert.equal(on(1), '**Selects no pod** of the workspace in namespace `default` (in the simulation).');
  for (const file of Object.keys(files)) workspace.setFile(file, undefined);
});

test('the references are found in steps (16 Services a step, then a step per family), the same as in one go', async () => {
  const { cluster, manifestsOf, referenceFindings, referenceFindingsInSteps, WorkspaceObjects } = await import('../../dist/core.js');
  // 40 Services that select nothing (`app: webx`, one letter from the template's `app: web`): each is compared with every pod template of its namespace.
  const services = Array.from({ length: 40 }, (_, i) => `apiVersion: v1\nkind: Service\nmetadata: {name: s${i}}\nspec:\n  selector: {app: webx}\n  ports: [{port: 80}]\n`).join('---\n');
  const manifests = manifestsOf(analyzer, [{ file: 'services.yaml', text: services }, { file: 'web.yaml', text: deployment('web', '{app: web}') }]);
  const objects = () => new WorkspaceObjects({ manifests, profile: cluster.resolveProfile(manifests, undefined), defaultNamespace: 'default', isNamespaced: (kind) => kind !== 'Namespace', served: () => 'builtin' });
  const steps = referenceFindingsInSteps(objects());
  let pauses = 0;
  let step = steps.next();
  for (; !step.done; step = steps.next()) pauses++;
  // Pauses after the 16th and 32nd Service, then before each of the 8 other families.
  assert.equal(pauses, 10);
  assert.deepEqual(step.value, referenceFindings(objects()));
  assert.deepEqual(
    step.value.map((f) => f.code),
    Array.from({ length: 40 }, () => 'KP163'),
  );
});

test('a claim\'s class nothing shows: KP193 once, even when a pod mounts the claim (it is assumed, and provisions); left to KP153 when the cluster file lists every class or only volumes carry the name', () => {
  const claimAndPod = (cls, extra = '') => `${extra}apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {storageClassName: ${cls}, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: db}
spec:
  containers: [{name: c, image: postgres:16}]
  volumes: [{name: v, persistentVolumeClaim: {claimName: data}}]
`;
  assert.deepEqual(findings({ 'db.yaml': claimAndPod('gp3') }), ['db.yaml:4:26-4:29 information KP193 StorageClass "gp3" is not in these manifests: assumed to exist in the cluster (named by 1 place: PersistentVolumeClaim/data)']);
  const listed = 'apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [storageClasses]}\n';
  assert.deepEqual(findings({ 'db.yaml': claimAndPod('gp3') }, { cluster: listed }), []);
  const volume = 'apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: small}\nspec: {storageClassName: manual, capacity: {storage: 1Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /s}}\n---\n';
  assert.deepEqual(findings({ 'db.yaml': claimAndPod('manual', volume) }), []);
});

test('a pod\'s ServiceAccount nothing shows: KP193 once, every pod that names it related; none when the cluster file lists every account (the admission plugin refuses the pods: KP150/KP151) or has it', () => {
  const files = {
    'app/web.yaml': deployment('web', '{app: web}', '\n      serviceAccountName: runner'),
    'app/worker.yaml': deployment('worker', '{app: worker}', '\n      serviceAccountName: runner'),
  };
  assert.deepEqual(findings(files), [
    'app/web.yaml:10:27-10:33 information KP193 ServiceAccount "runner" (namespace "default") is not in these manifests: assumed to exist in the cluster (named by 2 places: Deployment/web serviceAccountName, …)',
    '    related app/worker.yaml:10:27-10:33 Deployment/worker serviceAccountName names it too',
  ]);
  const listed = (extra = '') => `apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [serviceAccounts]}\n${extra}`;
  assert.deepEqual(findings(files, { cluster: listed() }), []);
  assert.deepEqual(findings(files, { cluster: listed('---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: runner, namespace: default}\n') }), []);
});

test('a StatefulSet\'s volumeClaimTemplates name their class: KP193 once when nothing shows it', () => {
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: postgres:16}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {storageClassName: gp3, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
  assert.deepEqual(findings({ 'db.yaml': sts }), ['db.yaml:13:30-13:33 information KP193 StorageClass "gp3" is not in these manifests: assumed to exist in the cluster (named by 1 place: StatefulSet/db volumeClaimTemplate data)']);
  const listed = 'apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [storageClasses]}\n';
  assert.deepEqual(findings({ 'db.yaml': sts }, { cluster: listed }), []);
});
