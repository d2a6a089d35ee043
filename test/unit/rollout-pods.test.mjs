// The ReplicaSet's deletion order (core/cluster/rollout, docs/simulation.md): ActivePodsWithRanks.Less
// (pkg/controller/controller_utils_test.go TestSortingActivePodsWithRanks) and getPodsToDelete
// (pkg/controller/replicaset/replica_set_test.go TestGetPodsToDelete).
import test from 'node:test';
import assert from 'node:assert/strict';
import { rollout } from '../../dist/core.js';

const { activePodsWithRanksLess: less, getPodsToDelete } = rollout;

const HOUR = 3600 * 1000;
const now = Date.UTC(2026, 5, 1, 12, 0, 0);
const then1Month = now - 30 * 24 * HOUR;
const then2Hours = now - 2 * HOUR;
const then5Hours = now - 5 * HOUR;
const then8Hours = now - 8 * HOUR;
const zero = 0;
// The test's pod(): restarts and the Ready time are only set on ready pods.
const pod = (name, nodeName, phase, ready, restarts, readySince, created, deletionCost) =>
  ({ name, nodeName, phase, ready, restarts: ready ? restarts : 0, readySince: ready ? readySince : 0, creationTimestamp: created, ...(deletionCost === undefined ? {} : { deletionCost }) });

const unscheduledPod = pod('unscheduled', '', 'Pending', false, 0, zero, zero);
const scheduledPendingPod = pod('pending', 'node', 'Pending', false, 0, zero, zero);
const unknownPhasePod = pod('unknown-phase', 'node', 'Unknown', false, 0, zero, zero);
const runningNotReadyPod = pod('not-ready', 'node', 'Running', false, 0, zero, zero);
const runningReadyNoLastTransitionTimePod = pod('ready-no-last-transition-time', 'node', 'Running', true, 0, zero, zero);
const runningReadyNow = pod('ready-now', 'node', 'Running', true, 0, now, now);
const runningReadyThen = pod('ready-then', 'node', 'Running', true, 0, then1Month, then1Month);
const runningReadyNowHighRestarts = pod('ready-high-restarts', 'node', 'Running', true, 9001, now, now);
const runningReadyNowCreatedThen = pod('ready-now-created-then', 'node', 'Running', true, 0, now, then1Month);
const lowPodDeletionCost = pod('low-deletion-cost', 'node', 'Running', true, 0, now, then1Month, 10);
const highPodDeletionCost = pod('high-deletion-cost', 'node', 'Running', true, 0, now, then1Month, 100);
const unscheduled5Hours = pod('unscheduled-5-hours', '', 'Pending', false, 0, then5Hours, then5Hours);
const unscheduled8Hours = pod('unscheduled-10-hours', '', 'Pending', false, 0, then8Hours, then8Hours);
const ready2Hours = pod('ready-2-hours', '', 'Running', true, 0, then2Hours, then1Month);
const ready5Hours = pod('ready-5-hours', '', 'Running', true, 0, then5Hours, then1Month);
const ready10Hours = pod('ready-10-hours', '', 'Running', true, 0, then8Hours, then1Month);

const ranked = (p, rank) => ({ ...p, rank });

test('controller_utils_test.go TestSortingActivePodsWithRanks: equality (rank 1 each)', () => {
  const pairs = [
    [unscheduledPod], [scheduledPendingPod], [unknownPhasePod], [runningNotReadyPod], [runningReadyNowCreatedThen],
    [runningReadyNow], [runningReadyThen], [runningReadyNowHighRestarts], [runningReadyNowCreatedThen],
    [unscheduled5Hours, unscheduled8Hours], [ready5Hours, ready10Hours],
  ];
  for (const [p1, p2 = p1] of pairs) {
    assert.equal(less(ranked(p1, 1), ranked(p2, 1), now), false, `${p1.name} < ${p2.name}`);
    assert.equal(less(ranked(p2, 1), ranked(p1, 1), now), false, `${p2.name} < ${p1.name}`);
  }
});

test('controller_utils_test.go TestSortingActivePodsWithRanks: inequality (PodDeletionCost and LogarithmicScaleDown on)', () => {
  const cases = [
    [[unscheduledPod, 1], [scheduledPendingPod, 2]],
    [[unscheduledPod, 2], [scheduledPendingPod, 1]],
    [[scheduledPendingPod, 1], [unknownPhasePod, 2]],
    [[unknownPhasePod, 1], [runningNotReadyPod, 2]],
    [[runningNotReadyPod, 1], [runningReadyNoLastTransitionTimePod, 1]],
    [[runningReadyNoLastTransitionTimePod, 1], [runningReadyNow, 1]],
    [[runningReadyNow, 2], [runningReadyNoLastTransitionTimePod, 1]],
    [[runningReadyNow, 1], [runningReadyThen, 1]],
    [[runningReadyNow, 2], [runningReadyThen, 1]],
    [[runningReadyNowHighRestarts, 1], [runningReadyNow, 1]],
    [[runningReadyNow, 2], [runningReadyNowHighRestarts, 1]],
    [[runningReadyNow, 1], [runningReadyNowCreatedThen, 1]],
    [[runningReadyNowCreatedThen, 2], [runningReadyNow, 1]],
    [[lowPodDeletionCost, 2], [highPodDeletionCost, 1]],
    // (upstream's case with PodDeletionCost disabled is not ported: the gate is GA in 1.35.)
    [[ready2Hours, 1], [ready5Hours, 1]],
  ];
  for (const [[lesser, lr], [greater, gr]] of cases) {
    assert.equal(less(ranked(lesser, lr), ranked(greater, gr), now), true, `${lesser.name}(${lr}) < ${greater.name}(${gr})`);
    assert.equal(less(ranked(greater, gr), ranked(lesser, lr), now), false, `not ${greater.name}(${gr}) < ${lesser.name}(${lr})`);
  }
});

test('ActivePodsWithRanks.Less: equal log2 ranks fall back to the UID; without now the times compare directly', () => {
  const a = { ...ready5Hours, uid: 'a' };
  const b = { ...ready10Hours, uid: 'b' };
  assert.equal(less(a, b, now), true);
  assert.equal(less(b, a, now), false);
  assert.equal(less(a, b, 0), true); // ready more recently first
  assert.equal(less(b, a, 0), false);
  // Succeeded and Failed have no ordinal (0, like Pending).
  assert.equal(less({ nodeName: 'n', phase: 'Failed' }, { nodeName: 'n', phase: 'Unknown' }), true);
  assert.equal(less({ nodeName: 'n', phase: 'Failed' }, { nodeName: 'n', phase: 'Pending' }), false);
  assert.equal(rollout.podDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '-5' }), -5);
  assert.equal(rollout.podDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '2147483648' }), 0);
  assert.equal(rollout.podDeletionCost({ 'controller.kubernetes.io/pod-deletion-cost': '1e3' }), 0);
  assert.equal(rollout.podDeletionCost(undefined), 0);
});

// replica_set_test.go TestGetPodsToDelete's pods.
const readyPod = (name, nodeName) => ({ name, nodeName, phase: 'Running', ready: true });
const unscheduledPendingPod = { name: 'unscheduled-pending-pod', phase: 'Pending', ready: false };
const scheduledPendingPodRS = { name: 'scheduled-pending-pod', nodeName: 'fake-node', phase: 'Pending', ready: false };
const scheduledRunningNotReadyPod = { name: 'scheduled-running-not-ready-pod', nodeName: 'fake-node', phase: 'Running', ready: false };
const scheduledRunningReadyPodOnNode1 = readyPod('scheduled-running-ready-pod-on-node-1', 'fake-node-1');
const scheduledRunningReadyPodOnNode2 = readyPod('scheduled-running-ready-pod-on-node-2', 'fake-node-2');

test('replica_set_test.go TestGetPodsToDelete', () => {
  const various = [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPodRS, unscheduledPendingPod];
  // [name, pods, related (undefined: the pods), diff, expected]
  const cases = [
    ['len(pods) = 0 (i.e., diff = 0 too)', [], undefined, 0, []],
    ['diff = len(pods)', [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1], undefined, 2, [scheduledRunningNotReadyPod, scheduledRunningReadyPodOnNode1]],
    ['diff < len(pods)', [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod], undefined, 1, [scheduledRunningNotReadyPod]],
    ['various pod phases and conditions, diff = len(pods)', various, undefined, 6, various],
    ['various pod phases and conditions, diff = len(pods), relatedPods empty', various, [], 6, various],
    ['scheduled vs unscheduled, diff < len(pods)', [scheduledPendingPodRS, unscheduledPendingPod], undefined, 1, [unscheduledPendingPod]],
    ['ready vs not-ready, diff < len(pods)', [scheduledRunningReadyPodOnNode1, scheduledRunningNotReadyPod, scheduledRunningNotReadyPod], undefined, 2, [scheduledRunningNotReadyPod, scheduledRunningNotReadyPod]],
    ['ready and colocated with another ready pod vs not colocated, diff < len(pods)', [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2], [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningReadyPodOnNode2], 1, [scheduledRunningReadyPodOnNode2]],
    ['pending vs running, diff < len(pods)', [scheduledPendingPodRS, scheduledRunningNotReadyPod], undefined, 1, [scheduledPendingPodRS]],
    ['various pod phases and conditions, diff < len(pods)', [scheduledRunningReadyPodOnNode1, scheduledRunningReadyPodOnNode2, scheduledRunningNotReadyPod, scheduledPendingPodRS, unscheduledPendingPod], undefined, 3, [unscheduledPendingPod, scheduledPendingPodRS, scheduledRunningNotReadyPod]],
  ];
  for (const [name, pods, related, diff, expected] of cases) {
    const got = getPodsToDelete(pods, related ?? pods, diff);
    assert.deepEqual(got.map((p) => p.name), expected.map((p) => p.name), name);
    got.forEach((p, i) => assert.equal(p, expected[i], `${name}: the input objects are returned`));
  }
});

test('getPodsRankedByRelatedPodsOnSameNode: only active related pods count, per node', () => {
  const related = [
    { nodeName: 'a', phase: 'Running' },
    { nodeName: 'a', phase: 'Succeeded' },
    { nodeName: 'a', phase: 'Running', deleting: true },
    { nodeName: 'b', phase: 'Pending' },
    { nodeName: 'b', phase: 'Running' },
    { phase: 'Pending' },
  ];
  const ranks = rollout.getPodsRankedByRelatedPodsOnSameNode([{ nodeName: 'a' }, { nodeName: 'b' }, { nodeName: 'c' }, {}], related).map((p) => p.rank);
  assert.deepEqual(ranks, [1, 2, 0, 1]);
});
