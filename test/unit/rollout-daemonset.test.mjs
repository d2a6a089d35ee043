// The DaemonSet's RollingUpdate (core/cluster/rollout, docs/simulation.md): updatedDesiredNodeCounts
// (pkg/controller/daemon/update_test.go TestGetUnavailableNumbers) and the rollingUpdate step, driven
// sync by sync as update_test.go's TestDaemonSetUpdates* tests drive the controller.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rollout } from '../../dist/core.js';

const { updatedDesiredNodeCounts, daemonSetRollingUpdate } = rollout;

const unavailableStrategy = (value) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: value } });
const surgeStrategy = (value) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: value } });
const node = (name, pods = [], shouldRun = true) => ({ name, shouldRun, pods });
const readyPod = (name, updated = true) => ({ name, updated, available: true });

test('update_test.go TestGetUnavailableNumbers', () => {
  // [name, strategy, nodes, maxSurge, maxUnavailable, desiredNumberScheduled, emptyNodes]
  const cases = [
    ['No nodes', unavailableStrategy(0), [], 0, 0, 0, 0],
    ['Two nodes with ready pods', unavailableStrategy(1), [node('node-0', [readyPod('pod-0')]), node('node-1', [readyPod('pod-1')])], 0, 1, 2, 0],
    ['Two nodes, one node without pods', unavailableStrategy(0), [node('node-0', [readyPod('pod-0')]), node('node-1')], 0, 1, 2, 1],
    ['Two nodes, one node without pods, surge', surgeStrategy(0), [node('node-0', [readyPod('pod-0')]), node('node-1')], 0, 1, 2, 1],
    ['Two nodes with pods, MaxUnavailable in percents', unavailableStrategy('50%'), [node('node-0', [readyPod('pod-0')]), node('node-1', [readyPod('pod-1')])], 0, 1, 2, 0],
    ['Two nodes with pods, MaxUnavailable in percents, surge', surgeStrategy('50%'), [node('node-0', [readyPod('pod-0')]), node('node-1', [readyPod('pod-1')])], 1, 0, 2, 0],
    ['Two nodes with pods, MaxUnavailable is 100%, surge', surgeStrategy('100%'), [node('node-0', [readyPod('pod-0')]), node('node-1', [readyPod('pod-1')])], 2, 0, 2, 0],
    ['Two nodes with pods, MaxUnavailable in percents, pod terminating', unavailableStrategy('50%'), [node('node-0', [readyPod('pod-0')]), node('node-1', [{ ...readyPod('pod-1'), terminating: true }]), node('node-2')], 0, 2, 3, 1],
  ];
  for (const [name, strategy, nodes, maxSurge, maxUnavailable, desiredNumberScheduled, emptyNodes] of cases) {
    assert.deepEqual(updatedDesiredNodeCounts(strategy, nodes), { maxSurge, maxUnavailable, desiredNumberScheduled }, name);
    assert.equal(nodes.filter((n) => n.shouldRun && n.pods.length === 0).length, emptyNodes, name);
  }
});

test('SurgeCount / UnavailableCount: both round up; OnDelete is 0; a missing maxUnavailable is an error', () => {
  assert.equal(rollout.daemonSetUnavailableCount(unavailableStrategy('10%'), 5), 1);
  assert.equal(rollout.daemonSetUnavailableCount(unavailableStrategy('30%'), 5), 2);
  assert.equal(rollout.daemonSetSurgeCount(surgeStrategy('30%'), 5), 2);
  assert.equal(rollout.daemonSetSurgeCount(unavailableStrategy(1), 5), 0);
  assert.equal(rollout.daemonSetUnavailableCount({ type: 'OnDelete', rollingUpdate: { maxUnavailable: 3 } }, 5), 0);
  assert.throws(() => rollout.daemonSetUnavailableCount({ type: 'RollingUpdate', rollingUpdate: {} }, 5), { message: 'nil value for IntOrString' });
  assert.throws(() => rollout.daemonSetSurgeCount(surgeStrategy('2'), 5), { message: 'invalid value for IntOrString: invalid type: string is not a percentage' });
});

/**
 * The controller as update_test.go drives it: each sync, the manage loop creates a pod (of the
 * current template, not yet available) on every node that should run one and has none, then
 * rollingUpdate deletes and surges. The template changes by marking every pod old.
 */
function cluster(count, strategy, shouldRun = () => true) {
  let serial = 0;
  const nodes = Array.from({ length: count }, (_, i) => ({ name: `node-${i}`, shouldRun: shouldRun(i), pods: [] }));
  const newPod = () => ({ name: `pod-${serial++}`, updated: true, available: false });
  const c = {
    strategy,
    nodes,
    sync() {
      let creates = 0;
      let deletes = 0;
      for (const n of nodes) {
        if (n.shouldRun && n.pods.length === 0) {
          n.pods.push(newPod());
          creates++;
        }
      }
      const step = daemonSetRollingUpdate(c.strategy, nodes);
      for (const n of nodes) {
        const before = n.pods.length;
        n.pods = n.pods.filter((p) => !step.podsToDelete.includes(p.name));
        deletes += before - n.pods.length;
      }
      for (const name of step.nodesToCreate) {
        nodes.find((n) => n.name === name).pods.push(newPod());
        creates++;
      }
      return [creates, deletes];
    },
    markPodsReady() {
      for (const n of nodes) for (const p of n.pods) p.available = true;
    },
    newTemplate() {
      for (const n of nodes) for (const p of n.pods) p.updated = false;
    },
    readyPods() {
      return nodes.flatMap((n) => n.pods.filter((p) => p.available).map((p) => p.name));
    },
  };
  /** Rounds of two syncs, the pods made Ready after each round, as upstream's tests step them: the syncs' [created, deleted]. */
  c.rounds = (n) => {
    const syncs = [];
    for (let round = 0; round < n; round++) {
      syncs.push(c.sync(), c.sync());
      c.markPodsReady();
    }
    return syncs;
  };
  return c;
}

test('update_test.go TestDaemonSetUpdatesPods (5 nodes, maxUnavailable 2)', () => {
  const c = cluster(5, unavailableStrategy(2));
  assert.deepEqual(c.sync(), [5, 0]);
  c.markPodsReady();
  c.newTemplate();
  const syncs = c.rounds(4);
  assert.deepEqual(syncs, [[0, 2], [2, 0], [0, 2], [2, 0], [0, 1], [1, 0], [0, 0], [0, 0]]);
});

test('update_test.go TestDaemonSetUpdatesPodsWithMaxSurge (5 nodes, maxSurge 2)', () => {
  const c = cluster(5, surgeStrategy(2));
  assert.deepEqual(c.sync(), [5, 0]);
  c.markPodsReady();
  c.newTemplate();
  const syncs = c.rounds(4);
  // (maxSurge, 0), (0, 0), (maxSurge, maxSurge), (0, 0), (5 % maxSurge, maxSurge), (0, 0), (0, 5 % maxSurge), (0, 0)
  assert.deepEqual(syncs, [[2, 0], [0, 0], [2, 2], [0, 0], [1, 2], [0, 0], [0, 1], [0, 0]]);
});

test('update_test.go TestDaemonSetUpdatesPodsNotMatchTainstWithMaxSurge (node-0 no longer tolerated, maxSurge 1)', () => {
  const c = cluster(5, surgeStrategy(1));
  assert.deepEqual(c.sync(), [5, 0]);
  c.markPodsReady();
  // The update drops the toleration: node-0 should no longer run the pod (its NoSchedule taint keeps the old pod running).
  c.nodes[0].shouldRun = false;
  c.newTemplate();
  const syncs = c.rounds(5);
  assert.deepEqual(syncs, [[1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [1, 1], [0, 0], [0, 1], [0, 0]]);
  assert.deepEqual(c.nodes.map((n) => n.pods.length), [0, 1, 1, 1, 1]);
});

test('update_test.go TestDaemonSetUpdatesWhenNewPodIsNotReady (5 nodes, maxUnavailable 3)', () => {
  const c = cluster(5, unavailableStrategy(3));
  assert.deepEqual(c.sync(), [5, 0]);
  c.markPodsReady();
  c.newTemplate();
  assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 3], [3, 0], [0, 0]]);
});

test('update_test.go TestDaemonSetUpdatesSaveOldHealthyPods (20 nodes)', () => {
  const c = cluster(20, unavailableStrategy(10));
  assert.deepEqual(c.sync(), [20, 0]);
  c.markPodsReady();
  c.newTemplate();
  assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 10], [10, 0], [0, 0]]);
  const oldReady = c.readyPods();
  assert.equal(oldReady.length, 10);
  // upstream draws maxUnavailable at random in [0, 10): every value keeps the 10 ready pods.
  for (let maxUnavailable = 0; maxUnavailable < 10; maxUnavailable++) {
    c.strategy = unavailableStrategy(maxUnavailable);
    c.newTemplate();
    assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 10], [10, 0], [0, 0]], `maxUnavailable ${maxUnavailable}`);
    assert.deepEqual(c.readyPods(), oldReady);
  }
  c.strategy = unavailableStrategy(11);
  c.newTemplate();
  assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 11], [11, 0], [0, 0]]);
  assert.equal(c.readyPods().length, 9);
});

test('update_test.go TestDaemonSetUpdatesAllOldNotReadyPodsAndNewNotReadyPods (100 nodes, maxUnavailable 10)', () => {
  const c = cluster(100, unavailableStrategy(10));
  assert.deepEqual(c.sync(), [100, 0]);
  c.markPodsReady();
  c.newTemplate();
  for (let i = 0; i < 10; i++) {
    assert.deepEqual([c.sync(), c.sync()], [[0, 10], [10, 0]]);
    c.markPodsReady();
  }
  assert.deepEqual(c.sync(), [0, 0]);
  // upstream then marks the latter 90 pods not ready and the first 12 with the older hash:
  // 10 available old pods, 2 unavailable old pods, 88 unavailable new pods.
  const pods = c.nodes.flatMap((n) => n.pods);
  pods.forEach((p, i) => {
    if (i >= 10) p.available = false;
    if (i < 12) p.updated = false;
  });
  const oldUnavailable = pods.slice(10, 12).map((p) => p.name);
  assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 2], [2, 0], [0, 0]]);
  const left = c.nodes.flatMap((n) => n.pods.map((p) => p.name));
  assert.deepEqual(oldUnavailable.filter((name) => left.includes(name)), []);
});

test('update_test.go TestDaemonSetUpdatesAllOldPodsNotReady (5 nodes never ready, maxUnavailable 3)', () => {
  const c = cluster(5, unavailableStrategy(3));
  assert.deepEqual(c.sync(), [5, 0]);
  c.newTemplate();
  assert.deepEqual([c.sync(), c.sync(), c.sync()], [[0, 5], [5, 0], [0, 0]]);
});

test('update_test.go TestDaemonSetUpdatesAllOldPodsNotReadyMaxSurge, first sync (maxSurge 3): every unavailable old pod is surged at once', () => {
  // (The rest of that test relies on the manage loop deleting old pods next to new ones and on
  // minReadySeconds timing, outside this function.)
  const c = cluster(5, surgeStrategy(3));
  assert.deepEqual(c.sync(), [5, 0]);
  c.newTemplate();
  assert.deepEqual(c.sync(), [5, 0]);
});

test('update_test.go TestDaemonSetUpdatesNoTemplateChanged', () => {
  const c = cluster(5, unavailableStrategy(3));
  assert.deepEqual(c.sync(), [5, 0]);
  assert.deepEqual(c.sync(), [0, 0]);
});

test('daemonSetRollingUpdate: surge replaces an unavailable old pod at once, and deletes one on a node it should leave', () => {
  const nodes = [
    node('a', [{ name: 'a-old', updated: false, available: false }]),
    node('b', [{ name: 'b-old', updated: false, available: false }], false),
    node('c', [readyPod('c-old', false)]),
  ];
  assert.deepEqual(daemonSetRollingUpdate(surgeStrategy(1), nodes), { maxSurge: 1, maxUnavailable: 0, desiredNumberScheduled: 2, podsToDelete: ['b-old'], nodesToCreate: ['a', 'c'] });
  // Two old pods on a node (not ok): counted as unavailable (maxSurge 0) or as surge.
  const crowded = [node('a', [readyPod('x', false), readyPod('y', false)]), node('b', [readyPod('b-old', false)])];
  assert.deepEqual(daemonSetRollingUpdate(unavailableStrategy(1), crowded).podsToDelete, []);
  assert.deepEqual(daemonSetRollingUpdate(surgeStrategy(1), crowded).nodesToCreate, []);
  assert.deepEqual(rollout.findUpdatedPodsOnNode([readyPod('x', false), { ...readyPod('y', false), terminating: true }, readyPod('z')]), { newPod: readyPod('z'), oldPod: readyPod('x', false) });
});
