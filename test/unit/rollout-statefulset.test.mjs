// The StatefulSet's ordered management and RollingUpdate (core/cluster/rollout, docs/simulation.md):
// getStatefulSetMaxUnavailable (pkg/controller/statefulset/stateful_set_utils_test.go
// TestGetStatefulSetMaxUnavailable), the 1.35 maxUnavailable rolling update
// (stateful_set_control_test.go TestStatefulSetControlRollingUpdateWithMaxUnavailable and
// ...InOrderedModeVerifyInvariant), and processReplica/processCondemned's gates.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rollout } from '../../dist/core.js';

const { statefulSetMaxUnavailable, statefulSetUpdateOrder, statefulSetMayProceed, statefulSetSync, updateStatefulSetAfterInvariantEstablished } = rollout;

test('stateful_set_utils_test.go TestGetStatefulSetMaxUnavailable', () => {
  const cases = [
    [undefined, 10, 1],
    [3, 10, 3],
    [3, 0, 3],
    [0, 0, 1],
    ['10%', 25, 2],
    ['100%', 5, 5],
    ['50%', 5, 2],
    ['10%', 5, 1],
    ['1%', 0, 1],
    ['0%', 0, 1],
  ];
  for (const [value, replicas, expected] of cases) assert.equal(statefulSetMaxUnavailable(value, replicas), expected, `${value} of ${replicas}`);
  assert.throws(() => statefulSetMaxUnavailable('2', 5), { message: 'invalid value for IntOrString: invalid type: string is not a percentage' });
});

test('the update order: highest ordinal first, down to the partition', () => {
  assert.deepEqual(statefulSetUpdateOrder(5), [4, 3, 2, 1, 0]);
  assert.deepEqual(statefulSetUpdateOrder(6, 3), [5, 4, 3]);
  assert.deepEqual(statefulSetUpdateOrder(3, 3), []);
  assert.deepEqual(statefulSetUpdateOrder(3, 5), []);
  assert.deepEqual(statefulSetUpdateOrder(3, 1, 10), [12, 11]);
});

const running = (updated = false) => ({ updated, phase: 'Running', ready: true });

test('stateful_set_control_test.go TestStatefulSetControlRollingUpdateWithMaxUnavailableInOrderedModeVerifyInvariant (6 pods, partition 3, maxUnavailable 2)', () => {
  const spec = { replicas: 6, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3, maxUnavailable: 2 } } };
  // [terminating ordinals, ordinals deleted]
  const cases = [
    [[], [5, 4]],
    [[5], [4]],
    [[3], [5]],
    [[4], [5]],
    [[5, 4], []],
    [[5, 3], []],
    [[4, 3], []],
    [[5, 4, 3], []],
    [[2], [5]], // below the partition: still counts as unavailable
    [[1], [5]],
  ];
  for (const [terminating, expected] of cases) {
    const pods = Array.from({ length: 6 }, (_, i) => ({ ...running(), terminating: terminating.includes(i) }));
    const deleted = updateStatefulSetAfterInvariantEstablished(spec, pods);
    assert.deepEqual(deleted, expected, `terminating ${terminating}`);
    // upstream's check: 6 − max(2 − terminating, 0) pods remain.
    assert.equal(6 - deleted.length, 6 - Math.max(2 - terminating.length, 0));
  }
});

/** A StatefulSet's pods driven sync by sync: create/delete applied at once, as the fake object manager does. */
function statefulSet(spec, count) {
  const pods = Array.from({ length: count }, () => running());
  return {
    pods,
    sync() {
      const step = statefulSetSync(spec, pods);
      for (const i of step.delete) pods[i] = undefined;
      for (const i of step.create) pods[i] = { updated: i >= (spec.updateStrategy?.rollingUpdate?.partition ?? 0), phase: 'Pending', ready: false };
      return step;
    },
    setRunning(i) {
      pods[i].phase = 'Running';
    },
    setReady(i) {
      pods[i].ready = true;
    },
    present() {
      return pods.flatMap((p, i) => (p === undefined ? [] : [i]));
    },
  };
}

const maxUnavailableSpec = (podManagementPolicy) => ({ replicas: 6, podManagementPolicy, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 3, maxUnavailable: 2 } } });

test('stateful_set_control_test.go TestStatefulSetControlRollingUpdateWithMaxUnavailable, OrderedReady', () => {
  const s = statefulSet(maxUnavailableSpec('OrderedReady'), 6);
  // maxUnavailable 2: pods 5 and 4 are deleted, 0-3 remain.
  assert.deepEqual(s.sync(), { create: [], delete: [5, 4] });
  assert.deepEqual(s.present(), [0, 1, 2, 3]);
  // Only one pod is created at a time.
  assert.deepEqual(s.sync(), { create: [4], delete: [], blocked: { ordinal: 4, reason: 'create' } });
  assert.deepEqual(s.present(), [0, 1, 2, 3, 4]);
  s.setRunning(4);
  s.setReady(4);
  assert.deepEqual(s.sync(), { create: [5], delete: [], blocked: { ordinal: 5, reason: 'create' } });
  assert.equal(s.present().length, 6);
  // Pod 5 ready: the update goes on with pod 3.
  s.setRunning(5);
  s.setReady(5);
  assert.deepEqual(s.sync(), { create: [], delete: [3] });
  assert.deepEqual(s.present(), [0, 1, 2, 4, 5]);
  assert.deepEqual(s.sync(), { create: [3], delete: [], blocked: { ordinal: 3, reason: 'create' } });
  assert.equal(s.present().length, 6);
  // Pods 3/4/5 ready: nothing else is updated (0-2 are below the partition).
  s.setRunning(3);
  s.setReady(3);
  assert.deepEqual(s.sync(), { create: [], delete: [] });
  assert.deepEqual(s.pods.map((p) => p.updated), [false, false, false, true, true, true]);
});

test('stateful_set_control_test.go TestStatefulSetControlRollingUpdateWithMaxUnavailable, Parallel', () => {
  const s = statefulSet(maxUnavailableSpec('Parallel'), 6);
  assert.deepEqual(s.sync(), { create: [], delete: [5, 4] });
  assert.deepEqual(s.present(), [0, 1, 2, 3]);
  // Both pods are created in the same sync; both unavailable, nothing more is deleted.
  assert.deepEqual(s.sync(), { create: [4, 5], delete: [] });
  assert.equal(s.present().length, 6);
  // Pod 4 ready, pod 5 running but not ready: pod 3 is updated anyway (1 unavailable < 2).
  s.setRunning(4);
  s.setRunning(5);
  s.setReady(4);
  assert.deepEqual(s.sync(), { create: [], delete: [3] });
  assert.deepEqual(s.present(), [0, 1, 2, 4, 5]);
  assert.deepEqual(s.sync(), { create: [3], delete: [] });
  assert.equal(s.present().length, 6);
  s.setRunning(3);
  s.setRunning(5);
  s.setReady(5);
  s.setReady(3);
  assert.deepEqual(s.sync(), { create: [], delete: [] });
});

test('processReplica: OrderedReady waits at each ordinal for Running, Ready and available; Parallel never waits', () => {
  assert.equal(statefulSetMayProceed(undefined, 'OrderedReady'), 'create');
  assert.equal(statefulSetMayProceed({ updated: true, phase: 'Failed', ready: false }, 'OrderedReady'), 'failed');
  assert.equal(statefulSetMayProceed({ ...running(), terminating: true }, 'OrderedReady'), 'terminating');
  assert.equal(statefulSetMayProceed({ updated: true, phase: 'Pending', ready: false }, 'OrderedReady'), 'runningAndReady');
  assert.equal(statefulSetMayProceed({ updated: true, phase: 'Running', ready: false }, 'OrderedReady'), 'runningAndReady');
  assert.equal(statefulSetMayProceed({ ...running(), available: false }, 'OrderedReady'), 'available');
  assert.equal(statefulSetMayProceed(running(), 'OrderedReady'), undefined);
  assert.equal(statefulSetMayProceed(undefined, 'Parallel'), undefined);
  assert.equal(statefulSetMayProceed({ updated: true, phase: 'Pending', ready: false }, 'Parallel'), undefined);
});

test('statefulSetSync: scale up (OrderedReady one at a time, Parallel all), scale down highest ordinal first', () => {
  const spec = (replicas, podManagementPolicy) => ({ replicas, podManagementPolicy, updateStrategy: { type: 'RollingUpdate' } });
  assert.deepEqual(statefulSetSync(spec(3, 'OrderedReady'), []), { create: [0], delete: [], blocked: { ordinal: 0, reason: 'create' } });
  assert.deepEqual(statefulSetSync(spec(3, 'OrderedReady'), [running(true)]), { create: [1], delete: [], blocked: { ordinal: 1, reason: 'create' } });
  assert.deepEqual(statefulSetSync(spec(3, 'OrderedReady'), [{ updated: true, phase: 'Running', ready: false }]), { create: [], delete: [], blocked: { ordinal: 0, reason: 'runningAndReady' } });
  assert.deepEqual(statefulSetSync(spec(3, 'Parallel'), []), { create: [0, 1, 2], delete: [] });
  // A failed replica is deleted (recreated next sync); OrderedReady stops there.
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), [{ updated: true, phase: 'Failed', ready: false }, running(true)]), { create: [], delete: [0], blocked: { ordinal: 0, reason: 'failed' } });
  // Scale 4 → 2: OrderedReady deletes 3, then waits for it to terminate; Parallel deletes 3 and 2 at once.
  const four = () => [running(true), running(true), running(true), running(true)];
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), four()), { create: [], delete: [3] });
  const terminating = four();
  terminating[3].terminating = true;
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), terminating), { create: [], delete: [], blocked: { ordinal: 3, reason: 'condemnedTerminating' } });
  assert.deepEqual(statefulSetSync(spec(2, 'Parallel'), four()), { create: [], delete: [3, 2] });
  // The first unhealthy pod (replicas first, then condemned from the highest ordinal) may be deleted even when not ready.
  const unready = four();
  unready[3].ready = false;
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), unready), { create: [], delete: [3] });
  const unready2 = four();
  unready2[2].ready = false;
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), unready2), { create: [], delete: [3] });
  unready2[3] = undefined;
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), unready2), { create: [], delete: [2] });
  // Scale-down waits for every remaining replica to be Running, Ready and available.
  const notAvailable = four();
  notAvailable[1].available = false;
  assert.deepEqual(statefulSetSync(spec(2, 'OrderedReady'), notAvailable), { create: [], delete: [], blocked: { ordinal: 1, reason: 'available' } });
});

test('statefulSetSync: the default RollingUpdate (maxUnavailable 1) replaces one pod at a time, highest first; OnDelete never', () => {
  const spec = { replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } } };
  assert.deepEqual(statefulSetSync(spec, [running(), running(), running()]), { create: [], delete: [2] });
  assert.deepEqual(statefulSetSync(spec, [running(), running(), { updated: true, phase: 'Running', ready: false }]), { create: [], delete: [], blocked: { ordinal: 2, reason: 'runningAndReady' } });
  assert.deepEqual(statefulSetSync(spec, [running(), running(), running(true)]), { create: [], delete: [1] });
  assert.deepEqual(statefulSetSync({ replicas: 3, updateStrategy: { type: 'OnDelete' } }, [running(), running(), running()]), { create: [], delete: [] });
  // Parallel with an unavailable pod below the partition: the budget is used up, nothing is deleted.
  const parallel = { replicas: 3, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } };
  assert.deepEqual(statefulSetSync(parallel, [{ updated: false, phase: 'Running', ready: false }, running(), running()]), { create: [], delete: [] });
});
