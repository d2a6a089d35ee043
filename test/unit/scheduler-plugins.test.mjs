// Each plugin against upstream's rules, with scores computed by hand (integer arithmetic as in Go).
import test from 'node:test';
import assert from 'node:assert/strict';
import { scheduler } from '../../dist/core.js';
import { node, pod, bound, V135, verdicts, scores } from '../helpers/scheduler.mjs';

const { SchedulerSnapshot, schedulePod, toleratesTaint } = scheduler;
const NOT_MATCH = "node(s) didn't match Pod's node affinity/selector";

test('TaintToleration: toleration ↔ taint matching', () => {
  const taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
  const t = (o) => ({ key: '', operator: '', value: '', effect: '', ...o });
  assert.equal(toleratesTaint(t({ key: 'k', operator: 'Equal', value: 'v', effect: 'NoSchedule' }), taint), true);
  assert.equal(toleratesTaint(t({ key: 'k', operator: 'Equal', value: 'w', effect: 'NoSchedule' }), taint), false);
  assert.equal(toleratesTaint(t({ key: 'k', value: 'v' }), taint), true); // empty operator is Equal, empty effect any
  assert.equal(toleratesTaint(t({ key: 'k', operator: 'Exists' }), taint), true);
  assert.equal(toleratesTaint(t({ operator: 'Exists' }), taint), true); // empty key with Exists: every taint
  assert.equal(toleratesTaint(t({ key: 'k', operator: 'Exists', effect: 'NoExecute' }), taint), false);
  assert.equal(toleratesTaint(t({ key: 'other', operator: 'Exists' }), taint), false);
  assert.equal(toleratesTaint(t({ key: 'k', operator: 'Gt', value: 'v' }), taint), false);
});

test('TaintToleration: PreferNoSchedule only scores (reverse-normalized, weight 3)', () => {
  const snap = new SchedulerSnapshot([node('soft', { taints: [{ key: 'spot', value: 'yes', effect: 'PreferNoSchedule' }] }), node('clean')], []);
  const r = schedulePod(pod('p'), snap, V135);
  assert.deepEqual(scores(r, 'TaintToleration'), { soft: [1, 0], clean: [0, 300] });
  assert.equal(r.node, 'clean');
  const tolerant = pod('p', { tolerations: [{ key: 'spot', operator: 'Exists', effect: 'PreferNoSchedule' }] });
  assert.deepEqual(scores(schedulePod(tolerant, snap, V135), 'TaintToleration'), { soft: [0, 300], clean: [0, 300] });
});

test('NodeAffinity: operators, ORed terms, empty terms, nodeSelector', () => {
  const snap = new SchedulerSnapshot(
    [node('a', { labels: { disk: 'ssd', cores: '8' } }), node('b', { labels: { disk: 'hdd', cores: '4' } }), node('c', { labels: { cores: 'x' } })],
    [],
  );
  const withTerms = (terms) => pod('p', { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } });
  const expr = (key, operator, values) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
  const passing = (p) => Object.entries(verdicts(schedulePod(p, snap, V135), 'NodeAffinity')).filter(([, v]) => v === 'passed').map(([n]) => n);
  assert.deepEqual(passing(withTerms([expr('cores', 'Gt', ['4'])])), ['a']); // 'x' is no integer: no match
  assert.deepEqual(passing(withTerms([expr('cores', 'Lt', ['5'])])), ['b']);
  assert.deepEqual(passing(withTerms([expr('disk', 'NotIn', ['ssd'])])), ['b', 'c']); // absent label matches NotIn
  assert.deepEqual(passing(withTerms([expr('disk', 'DoesNotExist')])), ['c']);
  assert.deepEqual(passing(withTerms([expr('disk', 'Exists')])), ['a', 'b']);
  assert.deepEqual(passing(withTerms([expr('disk', 'In', ['ssd']), expr('cores', 'Lt', ['5'])])), ['a', 'b']);
  assert.deepEqual(passing(withTerms([{ matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }, { key: 'cores', operator: 'Gt', values: ['1'] }] }])), ['b']);
  assert.deepEqual(passing(withTerms([{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] }])), ['b', 'c']);
  assert.deepEqual(passing(pod('p', { nodeSelector: { disk: 'hdd' } })), ['b']);
  const none = schedulePod(withTerms([{}]), snap, V135);
  assert.deepEqual(verdicts(none, 'NodeAffinity'), { a: NOT_MATCH, b: NOT_MATCH, c: NOT_MATCH });
  assert.equal(none.message, `0/3 nodes are available: 3 ${NOT_MATCH}. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
});

test('NodeAffinity: matchFields metadata.name In narrows the nodes (PreFilterResult)', () => {
  const snap = new SchedulerSnapshot([node('a'), node('b', { cpu: '1' }), node('c')], []);
  const pinned = (name) =>
    pod('ds', {
      requests: { cpu: '500m' },
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] }] } } },
    });
  const r = schedulePod(pinned('c'), snap, V135);
  assert.equal(r.node, 'c');
  assert.deepEqual(r.nodes.map((n) => n.node), ['c']);
  snap.addPod(bound(pod('busy', { requests: { cpu: '800m' } }), 'b'));
  assert.equal(
    schedulePod(pinned('b'), snap, V135).message,
    "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
  );
});

test('NodeAffinity: preferred terms score Σ weights, normalized by the highest (weight 2)', () => {
  const snap = new SchedulerSnapshot([node('n1', { labels: { zone: 'z1' } }), node('n2', { labels: { disk: 'ssd' } })], []);
  const preferred = [
    { weight: 20, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['z1'] }] } },
    { weight: 80, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
  ];
  const r = schedulePod(pod('p', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } }), snap, V135);
  assert.deepEqual(scores(r, 'NodeAffinity'), { n1: [20, 50], n2: [80, 200] });
});

test('NodePorts: protocol, port and hostIP (0.0.0.0 conflicts with every IP)', () => {
  const snap = new SchedulerSnapshot([node('w1')], []);
  snap.addPod(bound(pod('web', { ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }, { containerPort: 90, hostPort: 9090 }] }), 'w1'));
  const verdict = (port) => verdicts(schedulePod(pod('p', { ports: [{ containerPort: 1, ...port }] }), snap, V135), 'NodePorts').w1;
  const conflict = "node(s) didn't have free ports for the requested pod ports";
  assert.equal(verdict({ hostPort: 8080, hostIP: '10.0.0.2' }), 'passed');
  assert.equal(verdict({ hostPort: 8080, hostIP: '10.0.0.1' }), conflict);
  assert.equal(verdict({ hostPort: 8080 }), conflict);
  assert.equal(verdict({ hostPort: 8080, protocol: 'UDP' }), 'passed');
  assert.equal(verdict({ hostPort: 9090, hostIP: '10.0.0.5' }), conflict);
  assert.equal(verdict({}), 'skipped');
});

test('NodeResourcesFit: every insufficient resource, extended resources and hugepages', () => {
  const n = node('w1', { cpu: '1', memory: '1Gi' });
  n.status.allocatable['nvidia.com/gpu'] = '1';
  n.status.allocatable['hugepages-2Mi'] = '4Mi';
  n.status.allocatable['ephemeral-storage'] = '10Gi';
  const snap = new SchedulerSnapshot([n], []);
  const r = schedulePod(pod('p', { requests: { memory: '2Gi', cpu: '2', 'nvidia.com/gpu': '2', 'hugepages-2Mi': '2Mi', 'ephemeral-storage': '20Gi', 'example.com/foo': '1' } }), snap, V135);
  assert.equal(verdicts(r, 'NodeResourcesFit').w1, 'Insufficient cpu, Insufficient memory, Insufficient ephemeral-storage, Insufficient nvidia.com/gpu, Insufficient example.com/foo');
});

test('NodeResourcesFit LeastAllocated and BalancedAllocation, by hand', () => {
  // a already holds cpu 1 / memory 2Gi; the pod asks cpu 500m / memory 2Gi; nodes have 4 cpu / 8Gi.
  const snap = new SchedulerSnapshot([node('a'), node('b')], []);
  snap.addPod(bound(pod('old', { requests: { cpu: '1', memory: '2Gi' } }), 'a'));
  const r = schedulePod(pod('p', { requests: { cpu: '500m', memory: '2Gi' } }), snap, V135);
  // a: cpu (4000−1500)·100/4000 = 62, memory (8−4)·100/8 = 50 → 56; b: 87 and 75 → 81.
  assert.deepEqual(scores(r, 'NodeResourcesFit'), { a: [56, 56], b: [81, 81] });
  // a: |1500/4000 − 4/8| / 2 = 0.0625 → 93; b: |500/4000 − 2/8| / 2 = 0.0625 → 93.
  assert.deepEqual(scores(r, 'NodeResourcesBalancedAllocation'), { a: [93, 93], b: [93, 93] });
  assert.deepEqual(r.nodes.map((n) => [n.node, n.total]), [['a', 300 + 56 + 93], ['b', 300 + 81 + 93]]);
  assert.equal(r.node, 'b');
  // Containers without requests count 100m / 200Mi for LeastAllocated; BalancedAllocation skips such pods.
  const empty = schedulePod(pod('e'), snap, V135);
  // b: cpu 3900·100/4000 = 97, memory (8Gi − 200Mi)·100/8Gi = 97 → 97.
  assert.deepEqual(scores(empty, 'NodeResourcesFit').b, [97, 97]);
  assert.equal(empty.skippedScores.includes('NodeResourcesBalancedAllocation'), true);
});

test('NodeResourcesFit MostAllocated and RequestedToCapacityRatio', () => {
  const snap = new SchedulerSnapshot([node('a'), node('b')], []);
  snap.addPod(bound(pod('old', { requests: { cpu: '1', memory: '2Gi' } }), 'a'));
  const p = pod('p', { requests: { cpu: '500m', memory: '2Gi' } });
  const most = schedulePod(p, snap, { ...V135, profile: { scoringStrategy: { type: 'MostAllocated' } } });
  // a: 1500·100/4000 = 37, 4·100/8 = 50 → 43; b: 12 and 25 → 18.
  assert.deepEqual(scores(most, 'NodeResourcesFit'), { a: [43, 43], b: [18, 18] });
  const shape = [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }];
  const ratio = schedulePod(p, snap, { ...V135, profile: { scoringStrategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape } } } });
  // a: utilizations 37 and 50 → round(87/2) = 44; b: 12 and 25 → round(37/2) = 19.
  assert.deepEqual(scores(ratio, 'NodeResourcesFit'), { a: [44, 44], b: [19, 19] });
  const weighted = schedulePod(p, snap, { ...V135, profile: { scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }] } } });
  // a: (62·3 + 50) / 4 = 59; b: (87·3 + 75) / 4 = 84.
  assert.deepEqual(scores(weighted, 'NodeResourcesFit'), { a: [59, 59], b: [84, 84] });
});

test('ImageLocality: size × share of nodes, clamped to [23Mi, 1000Mi × containers]', () => {
  const image = { names: ['web:latest'], sizeBytes: 500 * 1024 * 1024 };
  const snap = new SchedulerSnapshot([node('has', { images: [image] }), node('lacks')], []);
  // `web` is pulled as web:latest: 500Mi × 1/2 = 262144000; 100·(262144000 − 24117248)/(1048576000 − 24117248) = 23.
  const r = schedulePod(pod('p', { image: 'web' }), snap, V135);
  assert.deepEqual(scores(r, 'ImageLocality'), { has: [23, 23], lacks: [0, 0] });
  assert.equal(r.node, 'has');
});

test('PodTopologySpread filter: skew, missing label', () => {
  const snap = new SchedulerSnapshot([node('n1', { labels: { zone: 'z1' } }), node('n2', { labels: { zone: 'z2' } }), node('n3')], []);
  for (const i of [1, 2]) snap.addPod(bound(pod(`web-${i}`, { labels: { app: 'web' } }), 'n1'));
  const spread = [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }];
  const r = schedulePod(pod('web-3', { labels: { app: 'web' }, topologySpreadConstraints: spread }), snap, V135);
  assert.deepEqual(verdicts(r, 'PodTopologySpread'), {
    n1: "node(s) didn't match pod topology spread constraints", // 2 + 1 − 0 > 1
    n2: 'passed', // 0 + 1 − 0 ≤ 1
    n3: "node(s) didn't match pod topology spread constraints (missing required label)",
  });
  assert.equal(r.node, 'n2');
  // A pod the selector doesn't match adds no self-match: 2 + 0 − 0 > 1 still.
  const other = schedulePod(pod('x', { labels: { app: 'other' }, topologySpreadConstraints: spread }), snap, V135);
  assert.equal(verdicts(other, 'PodTopologySpread').n1, "node(s) didn't match pod topology spread constraints");
});

test('PodTopologySpread score: system default constraints from the ReplicaSet selecting the pod', () => {
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } } } };
  const snap = new SchedulerSnapshot([node('n1'), node('n2')], [rs]);
  for (const i of [1, 2]) snap.addPod(bound(pod(`web-${i}`, { labels: { app: 'web' } }), 'n1'));
  const r = schedulePod(pod('web-3', { labels: { app: 'web' } }), snap, V135);
  // hostname (maxSkew 3): n1 2·ln(2+2) + 2 = 4.77 → 5, n2 0 + 2 = 2; zone absent on both nodes.
  // Normalized 100·(max + min − s)/max: n1 100·2/5 = 40, n2 100·5/5 = 100; weight 2.
  assert.deepEqual(scores(r, 'PodTopologySpread'), { n1: [5, 80], n2: [2, 200] });
  assert.equal(r.node, 'n2');
});

test('InterPodAffinity filter: affinity, anti-affinity, existing pods anti-affinity', () => {
  const snap = new SchedulerSnapshot([node('n1', { labels: { zone: 'z1' } }), node('n2', { labels: { zone: 'z2' } })], []);
  const term = (app, topologyKey = 'zone') => ({ labelSelector: { matchLabels: { app } }, topologyKey });
  snap.addPod(bound(pod('db', { labels: { app: 'db' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('batch', 'kubernetes.io/hostname')] } } }), 'n1'));
  const anti = schedulePod(pod('web', { labels: { app: 'web' }, affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } }), snap, V135);
  assert.deepEqual(verdicts(anti, 'InterPodAffinity'), { n1: "node(s) didn't match pod anti-affinity rules", n2: 'passed' });
  const near = schedulePod(pod('web', { labels: { app: 'web' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('db')] } } }), snap, V135);
  assert.deepEqual(verdicts(near, 'InterPodAffinity'), { n1: 'passed', n2: "node(s) didn't match pod affinity rules" });
  const batch = schedulePod(pod('b', { labels: { app: 'batch' } }), snap, V135);
  assert.deepEqual(verdicts(batch, 'InterPodAffinity'), { n1: "node(s) didn't satisfy existing pods anti-affinity rules", n2: 'passed' });
  // The first pod of a self-affine group may go to any node with the topology label.
  const first = schedulePod(pod('c1', { labels: { app: 'cache' }, affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term('cache')] } } }), snap, V135);
  assert.deepEqual(verdicts(first, 'InterPodAffinity'), { n1: 'passed', n2: 'passed' });
});

test('InterPodAffinity score: preferred terms per topology domain, min–max normalized (weight 2)', () => {
  const snap = new SchedulerSnapshot([node('n1', { labels: { zone: 'z1' } }), node('n2', { labels: { zone: 'z1' } }), node('n3', { labels: { zone: 'z2' } })], []);
  snap.addPod(bound(pod('db', { labels: { app: 'db' } }), 'n1'));
  const preferred = [{ weight: 40, podAffinityTerm: { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'zone' } }];
  const r = schedulePod(pod('web', { affinity: { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: preferred } } }), snap, V135);
  assert.deepEqual(scores(r, 'InterPodAffinity'), { n1: [40, 200], n2: [40, 200], n3: [0, 0] });
});

test('volumes: missing claim, PV node affinity, WaitForFirstConsumer without a volume', () => {
  const nodes = [node('n1'), node('n2')];
  const claimPod = (claimName) => pod('p', { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] });
  assert.equal(
    schedulePod(claimPod('data'), new SchedulerSnapshot(nodes, []), V135).message,
    '0/2 nodes are available: persistentvolumeclaim "data" not found. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
  const pvc = (name, spec) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } });
  const pv = {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name: 'pv-local' },
    spec: { capacity: { storage: '1Gi' }, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } } },
  };
  const bound = schedulePod(claimPod('data'), new SchedulerSnapshot(nodes, [pvc('data', { volumeName: 'pv-local' }), pv]), V135);
  assert.equal(bound.node, 'n1');
  assert.deepEqual(verdicts(bound, 'VolumeBinding'), { n1: 'passed', n2: 'node(s) had volume node affinity conflict' });
  assert.deepEqual(verdicts(bound, 'NodeVolumeLimits'), { n1: 'not evaluated', n2: 'not evaluated' });
  assert.deepEqual(bound.notEvaluated, ['NodeVolumeLimits: CSI volume limits (CSINode) are not modelled']);
  const local = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };
  assert.equal(
    schedulePod(claimPod('data'), new SchedulerSnapshot(nodes, [pvc('data', { storageClassName: 'local' }), local]), V135).message,
    "0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
  );
  const immediate = { ...local, metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com', volumeBindingMode: 'Immediate' };
  assert.equal(
    schedulePod(claimPod('data'), new SchedulerSnapshot(nodes, [pvc('data', { storageClassName: 'fast' }), immediate]), V135).message,
    '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});
