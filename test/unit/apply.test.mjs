// kubectl apply of an object that exists (core/cluster/applyPatch.ts, fieldDiff.ts,
// updateValidation.ts, clusterState.ts): the three-way merge, the fields an update changes, the
// update validation's messages by version, and the cluster state read into the simulation.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, cluster, manifestsOf } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

const analyzer = new Analyzer(schemasDir);

test('three-way merge: manifest fields set, fields the last apply wrote and the manifest dropped removed, others kept', () => {
  const live = {
    metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '3' } },
    spec: {
      replicas: 3,
      progressDeadlineSeconds: 600,
      template: { spec: { containers: [{ name: 'web', image: 'a:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], imagePullPolicy: 'IfNotPresent' }, { name: 'sidecar', image: 'proxy:1' }] } },
    },
  };
  const last = { metadata: { name: 'web' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'a:1', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] } } } };
  const manifest = { metadata: { name: 'web', annotations: {} }, spec: { template: { spec: { containers: [{ name: 'web', image: 'a:2', env: [{ name: 'A', value: '1' }] }] } } } };
  assert.deepEqual(cluster.applyPatch(live, manifest, last), {
    metadata: { name: 'web', annotations: { 'deployment.kubernetes.io/revision': '3' } },
    // replicas: written by the last apply, not by this one: removed (the API server defaults it again).
    spec: {
      progressDeadlineSeconds: 600,
      // containers merge by name: the sidecar (not the last apply's) stays; env merges by name, B removed.
      template: { spec: { containers: [{ name: 'web', image: 'a:2', env: [{ name: 'A', value: '1' }], imagePullPolicy: 'IfNotPresent' }, { name: 'sidecar', image: 'proxy:1' }] } },
    },
  });
  // Without a last-applied configuration nothing is removed.
  assert.deepEqual(cluster.applyPatch({ spec: { a: 1, b: 2 } }, { spec: { a: 3 } }, undefined), { spec: { a: 3, b: 2 } });
  // An explicit null removes the field.
  assert.deepEqual(cluster.applyPatch({ spec: { a: 1, b: 2 } }, { spec: { b: null } }, undefined), { spec: { a: 1 } });
});

test('merge keys: container ports by containerPort, Service ports by port, tolerations replaced; retainKeys on strategy', () => {
  const live = { spec: { ports: [{ port: 80, nodePort: 31000, name: 'http' }], template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, protocol: 'TCP' }] }], tolerations: [{ key: 'a' }] } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } };
  const manifest = { spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }], template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }] }], tolerations: [{ key: 'b' }] } }, strategy: { type: 'Recreate' } } };
  assert.deepEqual(cluster.applyPatch(live, manifest, undefined), {
    spec: {
      ports: [{ port: 80, nodePort: 31000, name: 'http' }, { port: 443, name: 'https' }],
      template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080, protocol: 'TCP' }] }], tolerations: [{ key: 'b' }] } },
      strategy: { type: 'Recreate' },
    },
  });
});

test('field diff: server metadata, the last-applied annotation and status left out; merged lists by their key, others item by item', () => {
  const before = { metadata: { name: 'a', uid: 'u', resourceVersion: '4', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, spec: { ports: [{ port: 80 }], replicas: 2, tolerations: [{ key: 'a' }] }, status: { replicas: 2 } };
  const after = { metadata: { name: 'a', uid: 'u', resourceVersion: '9' }, spec: { ports: [{ port: 443 }, { port: 80, name: 'http' }], selector: { app: 'a' }, tolerations: [{ key: 'b' }, { key: 'a' }] }, status: {} };
  assert.deepEqual(cluster.fieldDiff(before, after), [
    { path: 'spec.ports[port=443]', new: { port: 443 } },
    { path: 'spec.ports[port=80].name', new: 'http' },
    { path: 'spec.selector', new: { app: 'a' } },
    { path: 'spec.tolerations[0].key', old: 'a', new: 'b' },
    { path: 'spec.tolerations[1]', new: { key: 'a' } },
    { path: 'spec.replicas', old: 2 },
  ]);
  // An env variable added in the middle is one addition.
  const env = (names) => ({ spec: { template: { spec: { containers: [{ name: 'c', env: names.map((name) => ({ name, value: '1' })) }] } } } });
  assert.deepEqual(cluster.fieldDiff(env(['A', 'C']), env(['A', 'B', 'C'])), [{ path: 'spec.template.spec.containers[name=c].env[name=B]', new: { name: 'B', value: '1' } }]);
  // A null field is no field (ingress-nginx's ConfigMap has `data:`; a template's creationTimestamp is null in exports).
  assert.deepEqual(cluster.fieldDiff({ data: null, spec: { template: { metadata: { creationTimestamp: null } } } }, { spec: { template: { metadata: {} } } }), []);
  assert.deepEqual(cluster.fieldDiff({ spec: {} }, { data: null, spec: { a: null } }), []);
  assert.deepEqual(cluster.fieldDiff({ data: null }, { data: { k: 'v' } }), [{ path: 'data', old: null, new: { k: 'v' } }]);
});

test('an update is validated again as a whole: a probe that gains a second handler is refused; an object written twice keeps its creation', () => {
  const probe = (handler) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'p' }, spec: { selector: { matchLabels: { app: 'p' } }, template: { metadata: { labels: { app: 'p' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: handler }] } } } });
  const merged = cluster.applyPatch(probe({ exec: { command: ['true'] } }), probe({ grpc: { port: 9555 } }), undefined);
  assert.equal(
    cluster.validateUpdate(merged, probe({ exec: { command: ['true'] } }), '1.35').message,
    'Deployment.apps "p" is invalid: spec.template.spec.containers[0].readinessProbe.grpc: Forbidden: may not specify more than 1 handler type',
  );
});

test('client-side apply: the annotations with the last-applied configuration may take 262144 bytes, counted in UTF-8', () => {
  const configMap = (value, annotations) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', ...(annotations ? { annotations } : {}) }, data: { key: value } });
  // The annotation's key (48 bytes), the manifest as JSON and a newline.
  const room = 262144 - 48 - 1 - JSON.stringify(configMap('')).length;
  const refused = 'ConfigMap "big" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes';
  assert.equal(cluster.annotationsTooLong(configMap('a'.repeat(room)), 'ConfigMap', 'big'), undefined);
  assert.equal(cluster.annotationsTooLong(configMap('a'.repeat(room + 1)), 'ConfigMap', 'big')?.message, refused);
  // 'é' is two bytes; the manifest's other annotations count too (key and value).
  const twoByte = Math.floor((room - 1) / 2);
  const fill = 'é'.repeat(twoByte) + 'a'.repeat(room - 2 * twoByte);
  assert.equal(cluster.annotationsTooLong(configMap(fill), 'ConfigMap', 'big'), undefined);
  assert.equal(cluster.annotationsTooLong(configMap(fill + 'a'), 'ConfigMap', 'big')?.message, refused);
  const annotated = configMap('', { team: 'web' });
  const left = 262144 - 48 - 1 - JSON.stringify(annotated).length - 'team'.length - 'web'.length;
  assert.equal(cluster.annotationsTooLong(configMap('a'.repeat(left), { team: 'web' }), 'ConfigMap', 'big'), undefined);
  assert.equal(cluster.annotationsTooLong(configMap('a'.repeat(left + 1), { team: 'web' }), 'ConfigMap', 'big')?.message, refused);
  // A Deployment names its group.
  assert.equal(cluster.annotationsTooLong({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { x: 'a'.repeat(262144) } }, 'Deployment', 'd')?.message, 'Deployment.apps "d" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes');
});

const deploymentWith = (selector) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { selector } });

test('update validation: the selector of a Deployment, as 1.35 prints it (JSON) and 1.33 (Go %#v)', () => {
  const old = deploymentWith({ matchLabels: { app: 'web' } });
  const changed = deploymentWith({ matchLabels: { tier: 'front', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] });
  assert.deepEqual(cluster.validateUpdate(changed, old, '1.35'), {
    status: 'Invalid',
    by: 'Deployment update validation',
    message: 'Deployment.apps "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"},"matchExpressions":[{"key":"env","operator":"In","values":["prod"]}]}: field is immutable',
    path: ['spec', 'selector'],
    causes: ['spec.selector: Invalid value: {"matchLabels":{"app":"web","tier":"front"},"matchExpressions":[{"key":"env","operator":"In","values":["prod"]}]}: field is immutable'],
  });
  assert.equal(
    cluster.validateUpdate(deploymentWith({ matchLabels: { app: 'api' } }), old, '1.33').message,
    'Deployment.apps "web" is invalid: spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"api"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
  );
  assert.equal(cluster.validateUpdate(deploymentWith({ matchLabels: { app: 'web' } }), old, '1.35'), undefined);
});

test('update validation: StatefulSet spec (revisionHistoryLimit updatable from 1.35), Service cluster IP, Job, Pod, PVC, immutable ConfigMap', () => {
  const set = (spec) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec });
  assert.equal(
    cluster.validateUpdate(set({ serviceName: 'db2', replicas: 3 }), set({ serviceName: 'db', replicas: 1 }), '1.35').message,
    "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  );
  assert.equal(cluster.validateUpdate(set({ revisionHistoryLimit: 3 }), set({ revisionHistoryLimit: 10 }), '1.35'), undefined);
  assert.equal(
    cluster.validateUpdate(set({ revisionHistoryLimit: 3 }), set({ revisionHistoryLimit: 10 }), '1.34').message,
    "StatefulSet.apps \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
  );
  const svc = (clusterIP) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'api' }, spec: { clusterIP, clusterIPs: [clusterIP] } });
  assert.equal(cluster.validateUpdate(svc('10.96.0.98'), svc('10.96.0.10'), '1.35').message, 'Service "api" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.98"]: may not change once set');
  assert.equal(cluster.validateUpdate(svc('10.96.0.98'), svc('10.96.0.10'), '1.33').message, 'Service "api" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.98"}: may not change once set');
  const job = (spec) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi' }, spec });
  assert.equal(cluster.validateUpdate(job({ completions: 5 }), job({ completions: 3 }), '1.35').message, 'Job.batch "pi" is invalid: spec.completions: Invalid value: 5: field is immutable');
  const pod = (image, command) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo' }, spec: { containers: [{ name: 'c', image, command }] } });
  assert.equal(cluster.validateUpdate(pod('b:2', ['x']), pod('b:1', ['x']), '1.35'), undefined);
  assert.deepEqual(cluster.validateUpdate(pod('b:1', ['y']), pod('b:1', ['x']), '1.35').path, ['spec', 'containers']);
  const claim = (storage, modes) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: modes, resources: { requests: { storage } } } });
  assert.equal(cluster.validateUpdate(claim('2Gi', ['ReadWriteOnce']), claim('1Gi', ['ReadWriteOnce']), '1.35'), undefined);
  assert.equal(cluster.validateUpdate(claim('1Gi', ['ReadWriteMany']), claim('1Gi', ['ReadWriteOnce']), '1.35').message, 'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims');
  const cm = (data) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable: true, data });
  assert.equal(cluster.validateUpdate(cm({ a: '2' }), cm({ a: '1' }), '1.35').message, 'ConfigMap "c" is invalid: data: Forbidden: field is immutable when `immutable` is set');
});

const STATE = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
  spec: {podCIDR: 10.244.7.0/24}
  status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
- apiVersion: v1
  kind: Namespace
  metadata: {name: shop, labels: {team: a}}
- apiVersion: v1
  kind: Event
  metadata: {name: e1, namespace: shop}
- apiVersion: discovery.k8s.io/v1
  kind: EndpointSlice
  metadata: {name: api-x1, namespace: shop, labels: {endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}}
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: cfg, namespace: shop}
- apiVersion: v1
  kind: Service
  metadata: {name: api, namespace: shop, uid: u-api, resourceVersion: "812"}
  spec: {type: NodePort, clusterIP: 10.96.0.2, clusterIPs: [10.96.0.2], selector: {app: api}, ports: [{name: http, port: 80, nodePort: 30086, protocol: TCP, targetPort: 80}], sessionAffinity: None, internalTrafficPolicy: Cluster, externalTrafficPolicy: Cluster, ipFamilies: [IPv4], ipFamilyPolicy: SingleStack}
- apiVersion: v1
  kind: Pod
  metadata: {name: api-0, namespace: shop, uid: u-pod, labels: {app: api}}
  spec: {nodeName: n1, containers: [{name: c, image: x, ports: [{containerPort: 80}]}]}
  status: {phase: Running, podIP: 10.244.7.2, conditions: [{type: Ready, status: "True"}]}
`;

test('cluster state: its Nodes are the cluster, its objects stored as they are, addresses and ports taken', () => {
  const state = { name: 'state.yaml', manifests: manifestsOf(analyzer, [{ file: 'state.yaml', text: STATE }]) };
  const profile = cluster.resolveClusterWithState([], undefined, state);
  assert.equal(profile.source, 'state.yaml');
  assert.deepEqual(profile.nodes.map((n) => n.metadata.name), ['n1']);
  assert.deepEqual(profile.live.map((o) => `${o.kind}/${o.metadata.name}`), ['ConfigMap/cfg', 'Service/api', 'Pod/api-0']);
  assert.deepEqual(profile.namespaceLabels.shop, { team: 'a' });
  const text = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {type: NodePort, selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web-0, namespace: shop, labels: {app: web}}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop}
spec: {type: NodePort, selector: {app: api}, ports: [{name: http, port: 80}]}
`;
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }]);
  const r = cluster.simulate(manifests, profile, { kubernetesVersion: '1.35', defaultNamespace: 'default' });
  const web = r.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'web');
  // 10.96.0.1 is the kubernetes Service's, 10.96.0.2 the state's api: the next free one. 30086 is taken.
  assert.notEqual(web.spec.clusterIP, '10.96.0.2');
  assert.notEqual(web.spec.ports[0].nodePort, 30086);
  // The new pod's IP skips the state pod's.
  assert.equal(r.objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'web-0').status.podIP, '10.244.7.3');
  assert.deepEqual(cluster.planOf(r).map((e) => `${e.action} ${e.object}`), ['create Service/shop/web', 'create Pod/shop/web-0', 'unchanged Service/shop/api']);
  const api = r.objects.find((o) => o.kind === 'Service' && o.metadata.name === 'api');
  assert.equal(api.metadata.uid, 'u-api');
  assert.equal(api.spec.ports[0].nodePort, 30086);
});

// dropTypeDependentFields (pkg/registry/core/service/strategy.go), cases after upstream's
// TestDropTypeDependentFields in strategy_test.go: a field the new type does not use is dropped only
// when the update left it as it was.
test('a Service that changes type loses the fields its new type does not use, unless the update changed them', () => {
  const svc = (spec, status) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, nodePort: 30080 }], ...spec }, ...(status ? { status } : {}) });
  const lb = { type: 'LoadBalancer', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], externalTrafficPolicy: 'Local', healthCheckNodePort: 31000, allocateLoadBalancerNodePorts: true, loadBalancerClass: 'x' };
  const drop = (next, old) => cluster.dropTypeDependentFields(svc(next), svc(old)).spec;
  // LoadBalancer → ClusterIP: node ports, health check port, allocateLoadBalancerNodePorts, class, traffic policy go.
  assert.deepEqual(drop({ ...lb, type: 'ClusterIP' }, lb), { ports: [{ port: 80 }], type: 'ClusterIP', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'] });
  // A node port the update added, a changed health check port or allocateLoadBalancerNodePorts: kept (validation says no).
  assert.deepEqual(drop({ ...lb, type: 'ClusterIP', ports: [{ port: 80, nodePort: 30081 }] }, lb).ports, [{ port: 80, nodePort: 30081 }]);
  assert.equal(drop({ ...lb, type: 'ClusterIP', healthCheckNodePort: 31001 }, lb).healthCheckNodePort, 31001);
  assert.equal(drop({ ...lb, type: 'ClusterIP', allocateLoadBalancerNodePorts: false }, lb).allocateLoadBalancerNodePorts, false);
  // LoadBalancer → NodePort: the node ports stay; Local traffic policy stays (NodePort is externally accessible).
  assert.deepEqual(drop({ ...lb, type: 'NodePort' }, lb), { ports: [{ port: 80, nodePort: 30080 }], type: 'NodePort', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], externalTrafficPolicy: 'Local' });
  // ClusterIP → ExternalName: the cluster IPs and IP families go; a ClusterIP with externalIPs keeps its traffic policy.
  const cip = { type: 'ClusterIP', clusterIP: '10.96.0.9', clusterIPs: ['10.96.0.9'], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' };
  assert.deepEqual(drop({ ...cip, type: 'ExternalName', externalName: 'db.example.com', ports: [{ port: 80 }] }, { ...cip, ports: [{ port: 80 }] }), { ports: [{ port: 80 }], type: 'ExternalName', externalName: 'db.example.com' });
  assert.equal(drop({ type: 'ClusterIP', externalIPs: ['1.2.3.4'], externalTrafficPolicy: 'Cluster' }, { type: 'NodePort', externalTrafficPolicy: 'Cluster' }).externalTrafficPolicy, 'Cluster');
  // The load balancer's status goes with the type.
  assert.deepEqual(cluster.dropTypeDependentFields(svc({ type: 'ClusterIP' }, { loadBalancer: { ingress: [{ ip: '1.1.1.1' }] } }), svc(lb)).status, { loadBalancer: {} });
});
