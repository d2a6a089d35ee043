// The cluster simulator (core/cluster): one test per controller and admission step, with exact
// names, messages and allocations. Upstream files are cited in the core's comments.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, cluster, manifestsOf } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { deployment as deploymentYaml } from '../helpers/manifests.mjs';

const analyzer = new Analyzer(schemasDir);
const OPTIONS = { kubernetesVersion: '1.35', defaultNamespace: 'default' };

function run(text, clusterText) {
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }]);
  const clusterFile = clusterText === undefined ? undefined : { name: 'cluster.yaml', manifests: manifestsOf(analyzer, [{ file: 'cluster.yaml', text: clusterText }]) };
  const profile = cluster.resolveProfile(manifests, clusterFile);
  return cluster.simulate(manifests, profile, OPTIONS);
}
const events = (r, component) => r.events.filter((e) => !component || e.component === component).map((e) => `${e.type} ${e.reason} ${e.object}: ${e.message}`);
const named = (r, kind) => r.objects.filter((o) => o.kind === kind).map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`);
const pods = (r) => r.objects.filter((o) => o.kind === 'Pod');

const deployment = (name, replicas, extra = '') =>
  deploymentYaml(name, replicas, `      containers:
      - name: main
        image: nginx:1.27
        ports: [{name: http, containerPort: 8080}]
        resources: {requests: {cpu: 100m, memory: 64Mi}}${extra}
`);

test('Deployment → ReplicaSet <name>-<pod-template-hash> → pods, with the upstream events', () => {
  const r = run(deployment('web', 2));
  const rs = r.objects.find((o) => o.kind === 'ReplicaSet');
  const hash = rs.metadata.labels['pod-template-hash'];
  assert.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
  assert.equal(rs.metadata.name, `web-${hash}`);
  assert.deepEqual(rs.spec.selector.matchLabels, { app: 'web', 'pod-template-hash': hash });
  assert.deepEqual(rs.metadata.annotations, { 'deployment.kubernetes.io/desired-replicas': '2', 'deployment.kubernetes.io/max-replicas': '3', 'deployment.kubernetes.io/revision': '1' });
  assert.deepEqual(rs.metadata.ownerReferences.map((o) => `${o.kind}/${o.name}/${o.controller}`), ['Deployment/web/true']);
  const names = pods(r).map((p) => p.metadata.name);
  assert.equal(names.length, 2);
  for (const n of names) assert.match(n, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
  assert.deepEqual(events(r, 'kube-controller-manager').slice(0, 3), [
    `Normal ScalingReplicaSet Deployment/default/web: Scaled up replica set web-${hash} from 0 to 2`,
    `Normal SuccessfulCreate ReplicaSet/default/web-${hash}: Created pod: ${names[0]}`,
    `Normal SuccessfulCreate ReplicaSet/default/web-${hash}: Created pod: ${names[1]}`,
  ]);
  // The hash follows the template, not the replicas.
  const again = run(deployment('web', 5)).objects.find((o) => o.kind === 'ReplicaSet');
  assert.equal(again.metadata.labels['pod-template-hash'], hash);
  const changed = run(deployment('web', 2).replace('nginx:1.27', 'nginx:1.28')).objects.find((o) => o.kind === 'ReplicaSet');
  assert.notEqual(changed.metadata.labels['pod-template-hash'], hash);
  // Pods as the API server returns them: defaults, admission, status from the kubelet.
  const pod = pods(r)[0];
  assert.equal(pod.spec.serviceAccountName, 'default');
  assert.equal(pod.spec.containers[0].imagePullPolicy, 'IfNotPresent');
  assert.equal(pod.spec.containers[0].ports[0].protocol, 'TCP');
  assert.deepEqual(pod.spec.tolerations, [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  ]);
  assert.equal(pod.status.phase, 'Running');
  assert.equal(pod.status.qosClass, 'Burstable');
  assert.equal(pod.status.podIP.startsWith('10.244.'), true);
  const deploy = r.objects.find((o) => o.kind === 'Deployment');
  assert.deepEqual(deploy.status, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 });
});

test('kubelet events per container, pod IPs in order from the node /24 (.2 first)', () => {
  const r = run(`apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  nodeName: worker-2
  containers: [{name: app, image: busybox}]
---
apiVersion: v1
kind: Pod
metadata: {name: q}
spec:
  nodeName: worker-2
  hostNetwork: true
  containers: [{name: app, image: busybox:1.36}]
`);
  assert.deepEqual(events(r, 'kubelet'), [
    'Normal Pulling Pod/default/p: Pulling image "busybox"',
    'Normal Created Pod/default/p: Created container: app',
    'Normal Started Pod/default/p: Started container app',
    'Normal Pulling Pod/default/q: Pulling image "busybox:1.36"',
    'Normal Created Pod/default/q: Created container: app',
    'Normal Started Pod/default/q: Started container app',
  ]);
  assert.deepEqual(pods(r).map((p) => [p.status.podIP, p.status.hostIP, p.spec.containers[0].imagePullPolicy]), [
    ['10.244.2.2', '192.168.49.4', 'Always'],
    ['192.168.49.4', '192.168.49.4', 'IfNotPresent'],
  ]);
});

test('ReplicationController makes <name>-<suffix> pods', () => {
  const r = run(`apiVersion: v1
kind: ReplicationController
metadata: {name: legacy}
spec:
  replicas: 1
  selector: {app: legacy}
  template:
    metadata: {labels: {app: legacy}}
    spec: {containers: [{name: c, image: nginx:1.27}]}
`);
  const [name] = pods(r).map((p) => p.metadata.name);
  assert.match(name, /^legacy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  assert.deepEqual(events(r, 'kube-controller-manager'), [`Normal SuccessfulCreate ReplicationController/default/legacy: Created pod: ${name}`]);
});

const STATEFULSET = (annotation = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 3
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}${annotation}}
    spec: {containers: [{name: c, image: postgres:17}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

test('StatefulSet: ordinal names, claims first, created in order', () => {
  const r = run(STATEFULSET());
  assert.deepEqual(named(r, 'Pod'), ['default/db-0', 'default/db-1', 'default/db-2']);
  assert.deepEqual(named(r, 'PersistentVolumeClaim'), ['default/data-db-0', 'default/data-db-1', 'default/data-db-2']);
  // The claims' own events (provisioning) are the PV controller's: see the volume tests.
  assert.deepEqual(events(r, 'kube-controller-manager').filter((e) => e.includes(' StatefulSet/')), [
    'Normal SuccessfulCreate StatefulSet/default/db: create Claim data-db-0 Pod db-0 in StatefulSet db success',
    'Normal SuccessfulCreate StatefulSet/default/db: create Pod db-0 in StatefulSet db successful',
    'Normal SuccessfulCreate StatefulSet/default/db: create Claim data-db-1 Pod db-1 in StatefulSet db success',
    'Normal SuccessfulCreate StatefulSet/default/db: create Pod db-1 in StatefulSet db successful',
    'Normal SuccessfulCreate StatefulSet/default/db: create Claim data-db-2 Pod db-2 in StatefulSet db success',
    'Normal SuccessfulCreate StatefulSet/default/db: create Pod db-2 in StatefulSet db successful',
  ]);
  const db1 = pods(r)[1];
  assert.equal(db1.spec.hostname, 'db-1');
  assert.equal(db1.spec.subdomain, 'db');
  assert.equal(db1.metadata.labels['apps.kubernetes.io/pod-index'], '1');
  assert.deepEqual(db1.spec.volumes, [{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-1' } }]);
});

test('StatefulSet OrderedReady waits for a Ready pod; kubeplan.dev/ready: "false" stops it at db-0', () => {
  const r = run(STATEFULSET(', annotations: {kubeplan.dev/ready: "false"}'));
  assert.deepEqual(named(r, 'Pod'), ['default/db-0']);
  assert.equal(pods(r)[0].status.conditions.find((c) => c.type === 'Ready').status, 'False');
  assert.deepEqual(events(r, 'kubelet').at(-1), 'Warning Unhealthy Pod/default/db-0: Readiness probe failed: the pod is annotated kubeplan.dev/ready: "false"');
  const parallel = run(STATEFULSET(', annotations: {kubeplan.dev/ready: "false"}').replace('serviceName: db', 'serviceName: db\n  podManagementPolicy: Parallel'));
  assert.deepEqual(named(parallel, 'Pod'), ['default/db-0', 'default/db-1', 'default/db-2']);
});

const DAEMONSET = (tolerations = '') => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: c, image: fluent-bit:3}]${tolerations}
`;

test('DaemonSet: one pod per eligible node, pinned by matchFields; the tainted control plane only when tolerated', () => {
  const r = run(DAEMONSET());
  assert.deepEqual(pods(r).map((p) => p.spec.nodeName), ['worker-1', 'worker-2', 'worker-3']);
  assert.deepEqual(pods(r)[0].spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution, {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }],
  });
  const all = run(DAEMONSET('\n      tolerations: [{key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}]'));
  assert.deepEqual(pods(all).map((p) => p.spec.nodeName), ['control-plane', 'worker-1', 'worker-2', 'worker-3']);
  const zoneB = run(DAEMONSET('\n      nodeSelector: {topology.kubernetes.io/zone: zone-b}'));
  assert.deepEqual(pods(zoneB).map((p) => p.spec.nodeName), ['worker-2']);
});

test('Job: parallelism pods at once (capped by completions), job labels; Indexed names', () => {
  const job = (spec) => `apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
${spec}
  template:
    spec: {restartPolicy: Never, containers: [{name: c, image: perl:5}]}
`;
  const r = run(job('  parallelism: 3\n  completions: 2'));
  const ps = pods(r);
  assert.equal(ps.length, 2);
  for (const p of ps) assert.match(p.metadata.name, /^pi-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  const uid = r.objects.find((o) => o.kind === 'Job').metadata.uid;
  assert.deepEqual(ps[0].metadata.labels, { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': uid, 'job-name': 'pi' });
  const indexed = pods(run(job('  parallelism: 2\n  completions: 4\n  completionMode: Indexed')));
  assert.deepEqual(indexed.map((p) => p.metadata.name.replace(/-[^-]+$/, '')), ['pi-0', 'pi-1']);
  assert.deepEqual(indexed.map((p) => p.metadata.labels['batch.kubernetes.io/job-completion-index']), ['0', '1']);
});

test('CronJob: its next Job, named by the scheduled minute since the epoch', () => {
  const r = run(`apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "30 6 * * 1"
  jobTemplate:
    spec:
      template:
        spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox:1.36}]}
`);
  // The clock is 2026-01-01T00:00:00Z (a Thursday): the next Monday 06:30 is 2026-01-05T06:30:00Z.
  const minutes = Date.UTC(2026, 0, 5, 6, 30) / 60000;
  assert.equal(minutes, 29459910);
  assert.deepEqual(named(r, 'Job'), [`default/report-${minutes}`]);
  assert.equal(r.objects.find((o) => o.kind === 'Job').metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-01-05T06:30:00Z');
  assert.deepEqual(events(r, 'kube-controller-manager')[0], `Normal SuccessfulCreate CronJob/default/report: Created job report-${minutes}`);
  assert.equal(pods(r).length, 1);
});

test('cron schedules: steps, ranges, names, macros, day-of-month OR day-of-week', () => {
  const next = (s, from) => cluster.nextRun(cluster.parseCron(s), new Date(from)).toISOString();
  assert.equal(next('*/15 * * * *', '2026-01-01T00:00:00Z'), '2026-01-01T00:15:00.000Z');
  assert.equal(next('@daily', '2026-01-01T00:00:00Z'), '2026-01-02T00:00:00.000Z');
  assert.equal(next('0 9-17/4 * * mon-fri', '2026-01-03T10:00:00Z'), '2026-01-05T09:00:00.000Z');
  assert.equal(next('0 0 13 * fri', '2026-01-01T00:00:00Z'), '2026-01-02T00:00:00.000Z');
  assert.equal(next('0 0 1 jan *', '2026-01-01T00:00:00Z'), '2027-01-01T00:00:00.000Z');
  assert.equal(next('@every 90s', '2026-01-01T00:00:00Z'), '2026-01-01T00:01:30.000Z');
});

test("cron schedules: robfig/cron v3's errors, as the API server passes them through", () => {
  // One case per error of robfig/cron v3 parser.go (normalizeFields, getRange, mustParseInt,
  // parseDescriptor), standard (5-field) mode, and the API server's own example (`off`).
  const cases = [
    ['off', 'expected exactly 5 fields, found 1: [off]'],
    ['*/5 * * * * *', 'expected exactly 5 fields, found 6: [*/5 * * * * *]'],
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['61 * * * *', 'end of range (61) above maximum (59): 61'],
    ['* 24 * * *', 'end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * 13 *', 'end of range (13) above maximum (12): 13'],
    ['0 0 * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-3 * * * *', 'beginning of range (5) beyond end of range (3): 5-3'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['*/2/3 * * * *', 'too many slashes: */2/3'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['a * * * *', 'failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax'],
    ['* * * * fri-mon', 'beginning of range (5) beyond end of range (1): fri-mon'],
    ['@weekly', undefined],
    ['@unknown', 'unrecognized descriptor: @unknown'],
    ['@every xyz', 'failed to parse duration @every xyz: time: invalid duration "xyz"'],
  ];
  for (const [schedule, error] of cases) {
    const parsed = cluster.parseCron(schedule);
    assert.equal(typeof parsed === 'string' ? parsed : undefined, error, schedule);
  }
});

test('NamespaceLifecycle: a missing namespace rejects the object (KP150 on metadata.namespace); Namespaces are applied first', () => {
  const r = run(`apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: d, namespace: nowhere}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop}
`);
  assert.deepEqual(events(r), [
    'Normal Created Namespace/shop: namespace/shop created',
    'Normal Created ConfigMap/shop/c: configmap/c created',
    'Warning FailedCreate ConfigMap/nowhere/d: Error from server (NotFound): error when creating "app.yaml": namespaces "nowhere" not found',
  ]);
  const findings = cluster.simulationFindings(r).map((f) => `${f.range.start.line}:${f.range.start.character} ${f.code} ${f.message}`);
  assert.deepEqual(findings, ['6:31 KP150 kubectl apply would fail (NotFound, NamespaceLifecycle): namespaces "nowhere" not found']);
  // The new namespace got its default ServiceAccount from the ServiceAccount controller.
  assert.deepEqual(named(r, 'ServiceAccount'), ['shop/default']);
});

test('ServiceAccount admission: an account kubeplan cannot see is assumed; one the cluster file\'s complete list lacks stops the ReplicaSet (FailedCreate with the generateName, KP151)', () => {
  assert.equal(pods(run(deployment('web', 2, '\n      serviceAccountName: robot'))).length, 2);
  // The cluster file's own accounts exist in the cluster.
  const withAccount = (meta) => `apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [serviceAccounts]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: ${meta}\n`;
  assert.deepEqual(['{name: robot, namespace: default}', '{name: robot}'].map((meta) => pods(run(deployment('web', 2, '\n      serviceAccountName: robot'), withAccount(meta))).length), [2, 2]);
  // The account is the cluster's, not an object of the apply: the workspace's own manifest of it is still a creation.
  const both = run(`apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: robot}\n---\n${deployment('web', 1, '\n      serviceAccountName: robot')}`, withAccount('{name: robot}'));
  assert.deepEqual(both.changes.filter((c) => c.object === 'ServiceAccount/default/robot').map((c) => c.action), ['create']);
  const r = run(deployment('web', 2, '\n      serviceAccountName: robot'), 'apiVersion: kubeplan.dev/v1alpha1\nkind: ClusterProfile\nmetadata: {name: prod}\nspec: {authoritative: [serviceAccounts]}\n');
  const rs = r.objects.find((o) => o.kind === 'ReplicaSet').metadata.name;
  assert.deepEqual(events(r, 'kube-controller-manager').slice(1), [
    `Warning FailedCreate ReplicaSet/default/${rs}: Error creating: pods "${rs}-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found`,
  ]);
  assert.equal(pods(r).length, 0);
  assert.deepEqual(cluster.simulationFindings(r).map((f) => `${f.range.start.line} ${f.code} ${f.message}`), [
    `1 KP151 ReplicaSet/default/${rs}: FailedCreate: Error creating: pods "${rs}-" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found`,
  ]);
});

test('ResourceQuota is charged across workloads in apply order; the pod that exceeds it is named', () => {
  const r = run(`apiVersion: v1
kind: ResourceQuota
metadata: {name: compute}
spec: {hard: {requests.cpu: 250m}}
---
${deployment('a', 1)}---
${deployment('b', 2)}`);
  const failed = r.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message);
  assert.equal(failed.length, 1);
  assert.match(failed[0], /^Error creating: pods "b-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: compute, requested: requests\.cpu=100m, used: requests\.cpu=200m, limited: requests\.cpu=250m$/);
  assert.deepEqual(pods(r).map((p) => p.metadata.name.split('-')[0]), ['a', 'b']);
});

test('ClusterIPs and nodePorts: chosen ones reserved, others from the upper band in order; duplicates rejected as the API server does', () => {
  const svc = (name, extra) => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
${extra}
  ports: [{port: 80}]
`;
  const r = run([svc('a', '  type: NodePort'), svc('b', '  clusterIP: 10.96.0.10'), svc('c', '  clusterIP: 10.96.0.10'), svc('d', '  type: NodePort\n  clusterIP: None'), svc('e', '  type: NodePort'),
    svc('f', '  type: NodePort').replace('[{port: 80}]', '[{port: 80, nodePort: 30086}]'), svc('g', '  clusterIP: 10.0.0.1')].join(''));
  const services = r.objects.filter((o) => o.kind === 'Service').map((s) => `${s.metadata.name} ${s.spec.clusterIP} ${s.spec.ports[0].nodePort ?? '-'}`);
  assert.deepEqual(services, ['a 10.96.1.1 30086', 'b 10.96.0.10 -', 'd None 30087', 'e 10.96.1.2 30088']);
  assert.deepEqual(r.rejections.map((x) => x.error.message), [
    'Service "c" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    'Service "f" is invalid: spec.ports[0].nodePort: Invalid value: 30086: provided port is already allocated',
    'Service "g" is invalid: spec.clusterIPs: Invalid value: []string{"10.0.0.1"}: failed to allocate IP 10.0.0.1: the provided IP (10.0.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
  ]);
  assert.deepEqual(cluster.simulationFindings(r).map((f) => `${f.range.start.line}:${f.range.start.character}`), ['19:13', '42:31', '48:13']);
});

test('EndpointSlices: named targetPorts resolved per pod, a pod without the port left out, not-ready pods not ready', () => {
  const r = run(`${deployment('web', 1)}---
apiVersion: v1
kind: Pod
metadata: {name: other, labels: {app: web}, annotations: {kubeplan.dev/ready: "false"}}
spec:
  nodeName: worker-3
  containers: [{name: c, image: nginx:1.27, ports: [{name: metrics, containerPort: 9090}]}]
---
apiVersion: v1
kind: Service
metadata: {name: web, labels: {tier: front}}
spec:
  selector: {app: web}
  ports: [{name: web, port: 80, targetPort: http}]
`);
  const slices = r.objects.filter((o) => o.kind === 'EndpointSlice');
  assert.deepEqual(slices.map((s) => [s.metadata.labels, s.ports, s.endpoints.map((e) => [e.addresses[0], e.conditions.ready, e.nodeName, e.zone, e.targetRef.name.split('-')[0]])]), [
    // Pods in creation order: the bare pod is created at apply time, before the controllers run.
    [{ tier: 'front', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' },
      [], [['10.244.3.2', false, 'worker-3', 'zone-a', 'other']]],
    [{ tier: 'front', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': 'web' },
      [{ name: 'web', port: 8080, protocol: 'TCP' }], [['10.244.1.2', true, 'worker-1', 'zone-a', 'web']]],
  ]);
});

test('the kubelet rejects a pod bound past the node allocatable (OutOfcpu), with the upstream message', () => {
  const r = run(`apiVersion: v1
kind: Pod
metadata: {name: big}
spec:
  nodeName: worker-1
  containers: [{name: c, image: nginx:1.27, resources: {requests: {cpu: "5"}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: lost}
spec:
  nodeName: worker-9
  containers: [{name: c, image: nginx:1.27}]
`);
  assert.deepEqual(events(r, 'kubelet'), [
    "Warning OutOfcpu Pod/default/big: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000",
    'Warning NodeNotFound Pod/default/lost: node "worker-9" is not in the cluster: no kubelet will run this pod, it stays Pending',
  ]);
  assert.deepEqual(pods(r)[0].status, { phase: 'Failed', reason: 'OutOfcpu', message: "Pod was rejected: Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000" });
  assert.deepEqual(cluster.simulationFindings(r).map((f) => `${f.range.start.line} ${f.code} ${f.severity}`), ['1 KP152 warning', '8 KP152 warning']);
});

test('a cluster file: kubectl get nodes,pods -A -o yaml (a List) and a ClusterProfile replace the default cluster', () => {
  const clusterFile = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: big-1, labels: {kubernetes.io/hostname: big-1}}
  status:
    allocatable: {cpu: "64", memory: 256Gi, pods: "250"}
    addresses: [{type: InternalIP, address: 10.1.0.5}]
- apiVersion: v1
  kind: Pod
  metadata: {name: running, namespace: kube-system}
  spec: {nodeName: big-1, containers: [{name: c, image: x, resources: {requests: {cpu: "60"}}}]}
  status: {phase: Running, podIP: 10.50.0.9}
---
apiVersion: kubeplan.dev/v1alpha1
kind: ClusterProfile
metadata: {name: lab}
spec:
  serviceCIDR: 10.100.0.0/16
  podCIDR: 10.50.0.0/16
`;
  const r = run(`${deployment('web', 1).replace('cpu: 100m', 'cpu: "5"')}---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`, clusterFile);
  assert.deepEqual(r.nodes.map((n) => `${n.metadata.name} ${n.spec.podCIDR}`), ['big-1 10.50.0.0/24']);
  assert.equal(r.objects.find((o) => o.kind === 'Service').spec.clusterIP, '10.100.1.1');
  // 60 of 64 CPUs are taken by the running pod: 5 more do not fit.
  assert.deepEqual(events(r, 'kube-scheduler'), [`Warning FailedScheduling ${events(r, 'kube-scheduler')[0].split(' ')[2]} 0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`]);
});

test('same inputs, byte-identical output', () => {
  const text = [deployment('a', 3), deployment('b', 2), STATEFULSET(), DAEMONSET()].join('---\n');
  assert.equal(JSON.stringify(run(text)), JSON.stringify(run(text)));
});

test('kube-proxy findings: ETP Local nodes without endpoints (KP161); a selector that matches no template (KP163) and an unknown named targetPort (KP162) are the workspace\'s, not the simulation\'s', () => {
  const svc = (name, spec) => `---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
${spec}
`;
  const r = run([deployment('web', 1), svc('nobody', '  selector: {app: nobody}\n  ports: [{port: 80}]'),
    svc('local', '  type: NodePort\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'),
    svc('typo', '  selector: {app: web}\n  ports: [{name: a, port: 80, targetPort: htp}, {name: b, port: 81, targetPort: http}]'),
    // A cloud load balancer health-checks the nodes and avoids those without endpoints: no KP161,
    // unless external IPs (routed to any node) are there too.
    svc('lb', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]'),
    svc('lbext', '  type: LoadBalancer\n  externalTrafficPolicy: Local\n  externalIPs: [203.0.113.9]\n  selector: {app: web}\n  ports: [{port: 81, targetPort: 8080}]')].join(''));
  const found = cluster.simulationFindings(r).map((f) => `${f.range.start.line}:${f.range.start.character} ${f.code} ${f.severity} ${f.message}`);
  assert.deepEqual(found, [
    '27:25 KP161 warning externalTrafficPolicy: Local: control-plane, worker-2, worker-3 have no local endpoint, so kube-proxy there DROPs external traffic to its nodePort 30086',
    '52:25 KP161 warning externalTrafficPolicy: Local: control-plane, worker-2, worker-3 have no local endpoint, so kube-proxy there DROPs external traffic to its external IPs',
  ]);
});

test('KP160 says when the selected pods exist but do not run, and stays quiet where an operator may create them', () => {
  const service = (ns) => `---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: ${ns}}
spec: {selector: {app: db}, ports: [{port: 5432}]}
`;
  const r = run(`apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: v1
kind: Namespace
metadata: {name: data}
---
apiVersion: v1
kind: Pod
metadata: {name: db, namespace: data, labels: {app: db}}
spec: {containers: [{name: c, image: postgres:17, resources: {requests: {cpu: "64"}}}]}
${service('data')}${service('ops')}---
apiVersion: example.com/v1
kind: Database
metadata: {name: db, namespace: ops}
spec: {}
`);
  assert.deepEqual(cluster.simulationFindings(r).filter((f) => f.code === 'KP160').map((f) => f.message), [
    'db has no endpoints: none of the pods it selects (db) is running, so kube-proxy will REJECT connections to 10.96.1.1:5432',
  ]);
});

test('StatefulSet claims replace the template volume of the same name (updateStorage)', () => {
  const r = run(STATEFULSET().replace("spec: {containers: [{name: c, image: postgres:17}]}", "spec: {containers: [{name: c, image: postgres:17}], volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]}"));
  assert.deepEqual(pods(r).map((p) => JSON.stringify(p.spec.volumes)), [0, 1, 2].map((i) => JSON.stringify([{ name: 'data', persistentVolumeClaim: { claimName: `data-db-${i}` } }])));
  assert.deepEqual(events(r, 'kube-scheduler').map((e) => e.split(':')[0].split(' ')[1]), ['Scheduled', 'Scheduled', 'Scheduled']);
});

test('a cluster file\'s Namespaces (and its pods\' namespaces) exist before the workspace is applied', () => {
  const r = run(`apiVersion: v1
kind: ConfigMap
metadata: {name: a, namespace: monitoring}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: b, namespace: ingress}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: nowhere}
`, `apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: Namespace, metadata: {name: monitoring}}
- apiVersion: v1
  kind: Pod
  metadata: {name: controller, namespace: ingress}
  spec: {nodeName: worker-1, containers: [{name: c, image: x}]}
`);
  assert.deepEqual(events(r), [
    'Normal Created ConfigMap/monitoring/a: configmap/a created',
    'Normal Created ConfigMap/ingress/b: configmap/b created',
    'Warning FailedCreate ConfigMap/nowhere/c: Error from server (NotFound): error when creating "app.yaml": namespaces "nowhere" not found',
  ]);
});

test('an object the checks find invalid is not applied (the API server refuses it); the reason is the first error', () => {
  const text = `${deployment('web', 2).replace('replicas: 2', 'replicas: "2"')}---
apiVersion: v1
kind: ConfigMap
metadata: {name: ok}
`;
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }], (f) => analyzer.analyzeFile(f.text, { kubernetesVersion: '1.35', schemaValidation: true, maxFileSizeMB: 5 }));
  const r = cluster.simulate(manifests, cluster.resolveProfile(manifests, undefined), OPTIONS);
  assert.deepEqual(events(r), [
    'Warning Invalid Deployment/default/web: deployment.apps/web not applied: the API server would refuse it: spec.replicas must be an integer, not a string ("2") (KP122)',
    'Normal Created ConfigMap/default/ok: configmap/ok created',
  ]);
  // Reported once, by the checks (KP122 on the field), not again as KP150.
  assert.deepEqual(cluster.simulationFindings(r), []);
});

test('a controller creates at most 5,000 pods, says so, and draws a new name when a generated one is taken', () => {
  const r = run(deployment('big', 6000).replace('cpu: 100m', 'cpu: 1m'));
  assert.deepEqual(events(r, 'kube-controller-manager').filter((e) => e.includes('NotSimulated')), [
    `Warning NotSimulated ReplicaSet/default/${r.objects.find((o) => o.kind === 'ReplicaSet').metadata.name}: only the first 5000 of 6000 pods are simulated`,
  ]);
  const names = pods(r).map((p) => p.metadata.name);
  assert.equal(names.length, 5000);
  assert.equal(new Set(names).size, 5000);
});

test('FailedCreate of pods the resources checks already report (LimitRange, quota "must specify") gives no KP151; other failures do', () => {
  const r = run(`apiVersion: v1
kind: LimitRange
metadata: {name: small}
spec: {limits: [{type: Container, max: {cpu: 50m}}]}
---
${deployment('web', 1)}`);
  const failed = r.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message);
  assert.equal(failed.length, 1);
  assert.equal(failed[0].replace(/web-[a-z0-9]+-[a-z0-9]{5}/, 'web-…'), 'Error creating: pods "web-…" is forbidden: maximum cpu usage per Container is 50m, but request is 100m');
  assert.deepEqual(cluster.simulationFindings(r).map((f) => f.code), []);
  const q = run(`apiVersion: v1
kind: ResourceQuota
metadata: {name: q}
spec: {hard: {limits.memory: 1Gi}}
---
${deployment('web', 1)}`);
  assert.deepEqual(q.events.filter((e) => e.reason === 'FailedCreate').map((e) => e.message.replace(/web-[a-z0-9]+-[a-z0-9]{5}/, 'web-…')), [
    'Error creating: pods "web-…" is forbidden: failed quota: q: must specify limits.memory for: main',
  ]);
  assert.deepEqual(cluster.simulationFindings(q).map((f) => f.code), []);
});

test('admission per pod: LimitRange defaults with their annotation and the default PriorityClass on every replica; a pod applied before the LimitRange keeps its spec', () => {
  const r = run(`apiVersion: v1
kind: Pod
metadata: {name: early}
spec: {containers: [{name: main, image: nginx:1.27}]}
---
apiVersion: v1
kind: LimitRange
metadata: {name: defaults}
spec: {limits: [{type: Container, default: {cpu: 500m, memory: 256Mi}}]}
---
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: normal}
value: 1000
globalDefault: true
---
${deployment('web', 3)}`);
  const byName = Object.fromEntries(pods(r).map((p) => [p.metadata.name, p]));
  const replicas = pods(r).filter((p) => p.metadata.name.startsWith('web-'));
  assert.equal(replicas.length, 3);
  for (const p of replicas) {
    assert.equal(p.metadata.annotations['kubernetes.io/limit-ranger'], 'LimitRanger plugin set: cpu, memory limit for container main');
    assert.deepEqual(p.spec.containers[0].resources, { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    assert.deepEqual([p.spec.priority, p.spec.priorityClassName, p.spec.preemptionPolicy], [1000, 'normal', 'PreemptLowerPriority']);
  }
  assert.equal(byName.early.metadata.annotations, undefined);
  assert.deepEqual(byName.early.spec.containers[0].resources, {});
  assert.deepEqual([byName.early.spec.priority, byName.early.spec.priorityClassName], [0, undefined]);
});

test('pod-template hash: a function of the template content, kept per template object', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } };
  const hash = cluster.podTemplateHash(template);
  assert.equal(cluster.podTemplateHash(template), hash);
  assert.equal(cluster.podTemplateHash(structuredClone(template)), hash);
  assert.notEqual(cluster.podTemplateHash({ ...template, spec: { containers: [{ name: 'main', image: 'nginx:1.28' }] } }), hash);
  assert.notEqual(cluster.podTemplateHash(template, 1), hash);
});
