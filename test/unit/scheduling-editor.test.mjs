// Scheduling in the editor, from the core: KP153 on the part of the pod template that makes
// kube-scheduler reject the pods (with its FitError verbatim), the scheduling lens, the hover on
// scheduling fields, the Explain Scheduling view and the workload at the cursor. Default cluster:
// control-plane (tainted) and worker-1..3, 4 cpu and 16Gi each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, cluster, explainScheduling, manifestsOf, codeLenses, hover, workloadAt } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { deployment } from '../helpers/manifests.mjs';

const analyzer = new Analyzer(schemasDir);
const OPTIONS = { kubernetesVersion: '1.35', defaultNamespace: 'default' };

function run(text, clusterText) {
  const manifests = manifestsOf(analyzer, [{ file: 'app.yaml', text }]);
  const clusterFile = clusterText === undefined ? undefined : { name: 'cluster.yaml', manifests: manifestsOf(analyzer, [{ file: 'cluster.yaml', text: clusterText }]) };
  const result = cluster.simulate(manifests, cluster.resolveProfile(manifests, clusterFile), OPTIONS);
  const findings = cluster.schedulingFindings(result, manifests, 'default')
    .map((f) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character} ${f.code} ${f.severity} ${f.message}`);
  const lenses = codeLenses(analyzer, text, 'default', '1.35', result).map((l) => `${l.range.start.line} ${l.title}${l.explain ? ` [${l.explain}]` : ''}`);
  return { result, findings, lenses };
}

const RESOURCES = '{requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 64Mi}}';
const NOT_HELPFUL_4 = 'no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.';

export const TOO_BIG = deployment('web', 4, `      containers:
      - name: log
        image: fluent-bit:3.0
        resources: {requests: {memory: 64Mi}, limits: {memory: 64Mi}}
      - name: app
        image: nginx:1.27
        resources: {requests: {cpu: "3", memory: 1Gi}, limits: {memory: 1Gi}}
`);

test('KP153 on the resources of the container asking for the insufficient cpu, with the FitError; the lens says 3/4 and explains', () => {
  const { findings, lenses } = run(TOO_BIG);
  assert.deepEqual(findings, [
    '15:8-15:17 KP153 error 1/4 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
  ]);
  assert.deepEqual(lenses, [
    '1 requests cpu 3, memory 1088Mi · limits memory 1088Mi · Burstable · ×4 replicas = cpu 12, memory 4352Mi',
    '1 3/4 replicas schedulable — Explain [Deployment/default/web]',
  ]);
});

test('KP153 on nodeSelector, on affinity.podAntiAffinity; lenses of a DaemonSet, a CronJob\'s Job and a bare Pod', () => {
  const text = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: a, image: agent:1, resources: ${RESOURCES}}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: j, image: busybox, resources: ${RESOURCES}}]
---
apiVersion: v1
kind: Pod
metadata: {name: solo}
spec:
  containers: [{name: s, image: nginx, resources: ${RESOURCES}}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 4
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - labelSelector: {matchLabels: {app: db}}
            topologyKey: kubernetes.io/hostname
      containers: [{name: db, image: postgres:17, resources: ${RESOURCES}}]
---
${deployment('gpu', 2, `      nodeSelector: {accelerator: nvidia}
      containers: [{name: g, image: cuda:12, resources: ${RESOURCES}}]
`)}`;
  const { findings, lenses } = run(text);
  assert.deepEqual(findings, [
    "39:8-39:23 KP153 error 1/4 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
    `54:6-54:18 KP153 error 2/2 replicas would not be scheduled: 0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't match Pod's node affinity/selector. ${NOT_HELPFUL_4}`,
  ]);
  assert.deepEqual(lenses.filter((l) => !l.includes('requests')), [
    '1 schedulable: 3/3 pods → worker-1, worker-2, worker-3 [DaemonSet/default/agent]',
    '11 schedulable: 1/1 pod → worker-3 [CronJob/default/nightly]',
    '23 schedulable: 1/1 pod → worker-1 [Pod/default/solo]',
    '29 3/4 replicas schedulable — Explain [StatefulSet/default/db]',
    '46 0/2 replicas schedulable — Explain [Deployment/default/gpu]',
  ]);
});

const TAINTED = ['gpu-1', 'gpu-2'].map((n) => `apiVersion: v1
kind: Node
metadata: {name: ${n}, labels: {kubernetes.io/hostname: ${n}}}
spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}
`).join('---\n');

test('KP153 on tolerations when the taints reject the pod; on the pod spec when it has none', () => {
  const pod = (extra) => `apiVersion: v1
kind: Pod
metadata: {name: bare}
spec:${extra}
  containers: [{name: s, image: nginx, resources: ${RESOURCES}}]
`;
  const message = 'the pod would not be scheduled: 0/2 nodes are available: 2 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
  assert.deepEqual(run(pod(''), TAINTED).findings, [`3:0-3:4 KP153 error ${message}`]);
  assert.deepEqual(run(pod('\n  tolerations: [{key: dedicated, value: cpu, effect: NoSchedule}]'), TAINTED).findings, [`4:2-4:13 KP153 error ${message}`]);
  assert.deepEqual(run(pod('\n  tolerations: [{key: dedicated, value: gpu, effect: NoSchedule}]'), TAINTED).lenses.slice(1), ['1 schedulable: 1/1 pod → gpu-1 [Pod/default/bare]']);
});

test('several replicas on one node are counted on the lens; no lens and no finding without a simulation of the workload', () => {
  const one = `apiVersion: v1
kind: Node
metadata: {name: solo-node, labels: {kubernetes.io/hostname: solo-node}}
status: {allocatable: {cpu: "8", memory: 32Gi, pods: "110"}}
`;
  const text = TOO_BIG.replace('cpu: "3"', 'cpu: "1"').replace('replicas: 4', 'replicas: 3');
  assert.deepEqual(run(text, one).lenses.slice(1), ['1 schedulable: 3/3 replicas → solo-node ×3 [Deployment/default/web]']);
  assert.deepEqual(run(text, one).findings, []);
  assert.deepEqual(codeLenses(analyzer, text, 'default', '1.35').map((l) => l.explain), [undefined]);
});

test('Explain Scheduling: per pod, every node\'s Filter verdicts and Score plugins, the tie, the FitError', () => {
  const { result } = run(TOO_BIG);
  const view = explainScheduling(cluster.schedulingByWorkload(result).get('Deployment/default/web'));
  assert.equal(view.workload, 'Deployment/default/web');
  assert.deepEqual(view.pods.map((p) => [p.node, p.tie, p.message?.slice(0, 40) ?? null]), [
    ['worker-1', ['worker-1', 'worker-2', 'worker-3'], null],
    ['worker-2', null, null],
    ['worker-3', null, null],
    [null, null, '0/4 nodes are available: 1 node(s) had u'],
  ]);
  const [first, , third, last] = view.pods;
  assert.deepEqual(first.filters, ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodePorts', 'NodeResourcesFit', 'VolumeRestrictions', 'NodeVolumeLimits', 'VolumeBinding', 'VolumeZone', 'PodTopologySpread', 'InterPodAffinity', 'DynamicResources']);
  assert.deepEqual(first.scores, ['TaintToleration', 'NodeResourcesFit', 'PodTopologySpread', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
  assert.deepEqual(first.skippedScores, ['NodeAffinity', 'VolumeBinding', 'InterPodAffinity']);
  assert.deepEqual(first.nodes.map((n) => [n.node, n.filter.TaintToleration, n.filter.NodeResourcesFit, n.total]), [
    ['control-plane', 'node(s) had untolerated taint(s)', 'not run', 0],
    ['worker-1', 'passed', 'passed', first.nodes[1].total],
    ['worker-2', 'passed', 'passed', first.nodes[1].total],
    ['worker-3', 'passed', 'passed', first.nodes[1].total],
  ]);
  // One feasible node left: chosen without scoring.
  assert.deepEqual([third.scores, third.nodes.map((n) => `${n.node} ${n.filter.NodeResourcesFit}`)], [[], ['control-plane not run', 'worker-1 Insufficient cpu', 'worker-2 Insufficient cpu', 'worker-3 passed']]);
  assert.deepEqual(last.nodes.map((n) => `${n.node} ${n.filter.NodeResourcesFit}`), ['control-plane not run', 'worker-1 Insufficient cpu', 'worker-2 Insufficient cpu', 'worker-3 Insufficient cpu']);
});

test('hover on nodeSelector and tolerations: each node\'s verdict of the plugin that reads them, appended to the field hover', () => {
  const text = TOO_BIG.replace('    spec:\n      containers:', '    spec:\n      nodeSelector: {kubernetes.io/os: linux}\n      tolerations: []\n      containers:');
  const { result } = run(text);
  const at = (key) => hover(analyzer, text, text.indexOf(key) + 1, '1.35', 'default', result).contents.split('\n\n---\n\n');
  const [field, scheduling] = at('nodeSelector');
  assert.match(field, /^\*\*spec\.template\.spec\.nodeSelector\*\* · `map\[string\]string`/);
  assert.equal(scheduling, [
    '**kube-scheduler**, simulated for pod `default/web-86f4c57fdd-j75cf` (scheduled on worker-1): NodeAffinity on 4 nodes: 3 match (worker-1, worker-2, worker-3), 1 not checked (control-plane)',
    '',
    '| node | NodeAffinity |',
    '|---|---|',
    '| control-plane | not checked: TaintToleration rejected the node first (node(s) had untolerated taint(s)) |',
    '| worker-1 | matches |',
    '| worker-2 | matches |',
    '| worker-3 | matches |',
  ].join('\n'));
  assert.equal(at('tolerations')[1].split('\n')[0], '**kube-scheduler**, simulated for pod `default/web-86f4c57fdd-j75cf` (scheduled on worker-1): TaintToleration on 4 nodes: 3 match (worker-1, worker-2, worker-3), 1 rejected (control-plane)');
  // Not a scheduling field: no scheduling part; no simulation: the field hover alone.
  assert.equal(hover(analyzer, text, text.indexOf('replicas') + 1, '1.35', 'default', result).contents.includes('kube-scheduler'), false);
  assert.equal(hover(analyzer, text, text.indexOf('nodeSelector') + 1, '1.35', 'default').contents, field);
});

test('the workload at the cursor: the document\'s object, a List item, nothing for other kinds', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
---
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata: {name: a, namespace: team}
  spec: {containers: [{name: c, image: i}]}
- apiVersion: apps/v1
  kind: Deployment
  metadata: {name: b}
  spec: {selector: {matchLabels: {app: b}}, template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: i}]}}}
`;
  assert.equal(workloadAt(analyzer, text, text.indexOf('name: c}')), undefined);
  assert.equal(workloadAt(analyzer, text, text.indexOf('image: i')), 'Pod/team/a');
  assert.equal(workloadAt(analyzer, text, text.indexOf('name: b'), 'prod'), 'Deployment/prod/b');
});
