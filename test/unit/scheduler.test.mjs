// The scheduler's FitError messages, golden against real events, and the cycle around them:
// bound pods, scheduling gates, preemption, ties, profiles, incremental snapshots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { scheduler } from '../../dist/core.js';
import { node, pod, bound, V133, V135, verdicts } from '../helpers/scheduler.mjs';

const { SchedulerSnapshot, schedulePod } = scheduler;
const CONTROL_PLANE = [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }];

test('real 1.35 event: generic taint wording, unresolvable cpu, DRA prefix', () => {
  const snap = new SchedulerSnapshot([node('cp', { taints: CONTROL_PLANE }), node('w1', { cpu: '2' }), node('w2', { cpu: '2' })], []);
  const r = schedulePod(pod('big', { requests: { cpu: '3' } }), snap, V135);
  assert.equal(r.node, null);
  assert.equal(
    r.message,
    '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
  );
  assert.deepEqual(verdicts(r, 'TaintToleration'), { cp: 'node(s) had untolerated taint(s)', w1: 'passed', w2: 'passed' });
  assert.deepEqual(verdicts(r, 'NodeResourcesFit'), { cp: 'not run', w1: 'Insufficient cpu', w2: 'Insufficient cpu' });
});

test('real 1.33 event: the taint named, empty value, no DRA prefix', () => {
  const snap = new SchedulerSnapshot(
    [node('cp', { taints: CONTROL_PLANE }), node('w1', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] })],
    [],
  );
  assert.equal(
    schedulePod(pod('p'), snap, V133).message,
    '0/2 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
  );
});

test('counts sort as plain strings; nodes without victims say so', () => {
  const nodes = [...Array.from({ length: 10 }, (_, i) => node(`t${i}`, { taints: CONTROL_PLANE })), node('w1', { cpu: '2' }), node('w2', { cpu: '2' })];
  const snap = new SchedulerSnapshot(nodes, []);
  for (const w of ['w1', 'w2']) snap.addPod(bound(pod(`busy-${w}`, { requests: { cpu: '1500m' } }), w));
  assert.equal(
    schedulePod(pod('p', { requests: { cpu: '1' } }), snap, V135).message,
    '0/12 nodes are available: 10 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
  );
});

test('preemptionPolicy Never, and no nodes at all', () => {
  const snap = new SchedulerSnapshot([node('w1', { cpu: '2' })], []);
  snap.addPod(bound(pod('busy', { requests: { cpu: '1500m' } }), 'w1'));
  const p = pod('p', { requests: { cpu: '1' }, priority: 100, preemptionPolicy: 'Never' });
  assert.equal(schedulePod(p, snap, V135).message, '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.');
  assert.equal(schedulePod(p, snap, V133).message, '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  assert.deepEqual(schedulePod(p, new SchedulerSnapshot([], []), V135), { node: null, message: 'no nodes available to schedule pods', nodes: [] });
});

test('preemption nominates a node and keeps the more important pods', () => {
  const priorityClass = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 };
  const snap = new SchedulerSnapshot([node('w1', { cpu: '2' })], [priorityClass]);
  snap.addPod(bound(pod('p5', { requests: { cpu: '800m' }, priority: 5 }), 'w1'));
  snap.addPod(bound(pod('p1', { requests: { cpu: '800m' }, priority: 1 }), 'w1'));
  const r = schedulePod(pod('urgent', { requests: { cpu: '1' }, priorityClassName: 'high' }), snap, V135);
  assert.equal(r.node, null);
  assert.equal(r.nominatedNode, 'w1');
  assert.deepEqual(r.victims, ['default/p1']);
  // A successful PostFilter adds nothing to the message.
  assert.equal(r.message, '0/1 nodes are available: 1 Insufficient cpu.');
});

test('a globalDefault PriorityClass gives pods their priority', () => {
  const classes = [{ kind: 'PriorityClass', metadata: { name: 'normal' }, value: 50, globalDefault: true }];
  const snap = new SchedulerSnapshot([node('w1', { cpu: '2' })], classes);
  snap.addPod(bound(pod('old', { requests: { cpu: '1500m' }, priority: 0 }), 'w1'));
  const r = schedulePod(pod('new', { requests: { cpu: '1' } }), snap, V135);
  assert.equal(r.nominatedNode, 'w1');
  assert.deepEqual(r.victims, ['default/old']);
});

test('bound pods are not scheduled; gated pods wait', () => {
  const snap = new SchedulerSnapshot([node('w1')], []);
  assert.deepEqual(schedulePod(pod('p', { nodeName: 'elsewhere' }), snap, V135), { node: 'elsewhere', nodes: [] });
  assert.deepEqual(schedulePod(pod('p', { schedulingGates: [{ name: 'example.com/quota' }] }), snap, V135), {
    node: null,
    message: 'Scheduling is blocked due to non-empty scheduling gates',
    schedulingGates: ['example.com/quota'],
    nodes: [],
  });
});

test('each placed pod counts for the next: Too many pods', () => {
  const snap = new SchedulerSnapshot([node('w1', { pods: '1' })], []);
  const first = schedulePod(pod('a'), snap, V135);
  assert.equal(first.node, 'w1');
  snap.addPod(bound(pod('a'), first.node));
  assert.equal(
    schedulePod(pod('b'), snap, V135).message,
    '0/1 nodes are available: 1 Too many pods. no new claims to deallocate, preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
  );
  // Finished pods hold nothing.
  const snap2 = new SchedulerSnapshot([node('w1', { pods: '1' })], []);
  snap2.addPod({ ...bound(pod('done'), 'w1'), status: { phase: 'Succeeded' } });
  assert.equal(schedulePod(pod('b'), snap2, V135).node, 'w1');
});

test('a node without pods in allocatable fits nothing, and preemption cannot help (1.34+)', () => {
  const snap = new SchedulerSnapshot([node('w1', { pods: '0' })], []);
  assert.equal(
    schedulePod(pod('p'), snap, V135).message,
    '0/1 nodes are available: 1 Too many pods. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
});

test('ties are reported and broken by node name', () => {
  const snap = new SchedulerSnapshot([node('w2'), node('w1'), node('w3', { cpu: '2' })], []);
  const r = schedulePod(pod('p', { requests: { cpu: '1' } }), snap, V135);
  assert.deepEqual(r.tie, ['w1', 'w2']);
  assert.equal(r.node, 'w1');
  assert.deepEqual(r.skippedScores, ['NodeAffinity', 'VolumeBinding', 'PodTopologySpread', 'InterPodAffinity']);
  assert.deepEqual(
    r.nodes.map((n) => [n.node, n.total]),
    [
      // TaintToleration 100×3 + LeastAllocated + BalancedAllocation + ImageLocality 0.
      ['w2', 300 + 86 + 87 + 0],
      ['w1', 300 + 86 + 87 + 0],
      ['w3', 300 + 73 + 75 + 0],
    ],
  );
});

test('one feasible node: no scoring', () => {
  const snap = new SchedulerSnapshot([node('w1'), node('cp', { taints: CONTROL_PLANE })], []);
  const r = schedulePod(pod('p'), snap, V135);
  assert.equal(r.node, 'w1');
  assert.deepEqual(r.nodes.find((n) => n.node === 'w1').scores, {});
});

test('NodeUnschedulable unless tolerated', () => {
  const snap = new SchedulerSnapshot([node('w1', { unschedulable: true })], []);
  assert.equal(
    schedulePod(pod('p'), snap, V135).message,
    '0/1 nodes are available: 1 node(s) were unschedulable. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
  );
  const tolerant = pod('p', { tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
  assert.equal(schedulePod(tolerant, snap, V135).node, 'w1');
});

test('profile: disabled plugins are gone, weights replace the defaults', () => {
  const snap = new SchedulerSnapshot([node('cp', { taints: CONTROL_PLANE }), node('w1', { cpu: '2' })], []);
  const options = { ...V135, profile: { disabled: ['TaintToleration', 'DefaultPreemption', 'DynamicResources'], weights: { NodeResourcesFit: 5 } } };
  const r = schedulePod(pod('p', { requests: { cpu: '1' } }), snap, options);
  assert.equal('TaintToleration' in r.nodes[0].filter, false);
  assert.equal('DynamicResources' in r.nodes[0].filter, false);
  // cp: (4000−1000)·100/4000 = 75 cpu, 97 memory → 86 ×5; w1: 50 and 97 → 73 ×5.
  assert.deepEqual(r.nodes.map((n) => [n.node, n.finalScores.NodeResourcesFit]), [['cp', 430], ['w1', 365]]);
  assert.equal(r.node, 'cp');
  // Without DefaultPreemption (nor DRA) the message has no PostFilter part.
  assert.equal(schedulePod(pod('p', { requests: { cpu: '8' } }), snap, options).message, '0/2 nodes are available: 2 Insufficient cpu.');
});

test('100+ nodes: filtering stops at the adaptive share of feasible nodes, the start rotates', () => {
  assert.equal(scheduler.numFeasibleNodesToFind(undefined, 99), 99);
  assert.equal(scheduler.numFeasibleNodesToFind(undefined, 5000), 500); // 50 − 5000/125 = 10%
  assert.equal(scheduler.numFeasibleNodesToFind(undefined, 10000), 500); // at least 5%
  assert.equal(scheduler.numFeasibleNodesToFind(undefined, 150), 100); // at least 100
  assert.equal(scheduler.numFeasibleNodesToFind(100, 5000), 5000);
  const snap = new SchedulerSnapshot(Array.from({ length: 150 }, (_, i) => node(`n${String(i).padStart(3, '0')}`)), []);
  const first = schedulePod(pod('a'), snap, V135);
  assert.equal(first.nodes.length, 100);
  assert.equal(first.nodes[0].node, 'n000');
  const second = schedulePod(pod('b'), snap, V135);
  assert.equal(second.nodes[0].node, 'n100');
  assert.equal(second.nodes.length, 100);
});
