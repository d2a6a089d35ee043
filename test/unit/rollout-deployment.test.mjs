// Deployment rollout arithmetic (core/cluster/rollout, docs/simulation.md): int-or-percent scaling
// (apimachinery intstr_test.go), ResolveFenceposts / MaxUnavailable / NewRSNewReplicas
// (pkg/controller/deployment/util/deployment_util_test.go), the RollingUpdate steps
// (pkg/controller/deployment/rolling_test.go) and Recreate (recreate.go, recreate_test.go TestOldPodsRunning).
import test from 'node:test';
import assert from 'node:assert/strict';
import { rollout } from '../../dist/core.js';

const { getScaledValueFromIntOrPercent, resolveFenceposts, maxUnavailable, maxSurge, newRSNewReplicas } = rollout;

test('intstr_test.go TestGetIntFromIntOrPercent', () => {
  // [input, total, roundUp, expected value or the error text]
  const cases = [
    [123, 0, false, 123],
    ['90%', 100, true, 90],
    ['90%', 95, true, 86],
    ['90%', 95, false, 85],
    ['%', 0, false, 'invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax'],
    ['90#', 0, false, 'invalid value for IntOrString: invalid type: string is not a percentage'],
    ['#%', 0, false, 'invalid value for IntOrString: invalid value "#%": strconv.Atoi: parsing "#": invalid syntax'],
    ['90', 0, false, 'invalid value for IntOrString: invalid type: string is not a percentage'],
  ];
  for (const [input, total, roundUp, expected] of cases) {
    if (typeof expected === 'number') assert.equal(getScaledValueFromIntOrPercent(input, total, roundUp), expected, `${input} of ${total}`);
    else assert.throws(() => getScaledValueFromIntOrPercent(input, total, roundUp), { message: expected }, `${input}`);
  }
});

test('intstr_test.go TestGetIntFromIntOrString (getIntOrPercentValueSafely) and TestGetValueFromIntOrPercentNil', () => {
  // total 100 makes a percentage its own value.
  assert.equal(getScaledValueFromIntOrPercent(200, 100, false), 200);
  assert.equal(getScaledValueFromIntOrPercent('40%', 100, false), 40);
  for (const bad of ['200', '30%0', '%', 'a%', 'a', '40#', '40%%']) assert.throws(() => getScaledValueFromIntOrPercent(bad, 100, false), /^Error: invalid value for IntOrString: /, bad);
  assert.throws(() => getScaledValueFromIntOrPercent('40%%', 100, false), { message: 'invalid value for IntOrString: invalid value "40%%": strconv.Atoi: parsing "40%": invalid syntax' });
  assert.throws(() => getScaledValueFromIntOrPercent(undefined, 0, false), { message: 'nil value for IntOrString' });
  // strconv.Atoi: a sign is accepted, spaces are not, and the range is Go's int64.
  assert.equal(getScaledValueFromIntOrPercent('+50%', 10, false), 5);
  assert.equal(getScaledValueFromIntOrPercent('-50%', 10, false), -5);
  assert.throws(() => getScaledValueFromIntOrPercent(' 5%', 10, false), { message: 'invalid value for IntOrString: invalid value " 5%": strconv.Atoi: parsing " 5": invalid syntax' });
  assert.throws(() => getScaledValueFromIntOrPercent('9223372036854775808%', 10, false), { message: 'invalid value for IntOrString: invalid value "9223372036854775808%": strconv.Atoi: parsing "9223372036854775808": value out of range' });
});

test('deployment_util_test.go TestResolveFenceposts', () => {
  // [maxSurge, maxUnavailable, desired, surge, unavailable, error]
  const cases = [
    ['0%', '0%', 0, 0, 1, false],
    ['39%', '39%', 10, 4, 3, false],
    ['oops', '39%', 10, 0, 0, true],
    ['55%', 'urg', 10, 0, 0, true],
    [undefined, '39%', 10, 0, 3, false],
    ['39%', undefined, 10, 4, 0, false],
    [undefined, undefined, 10, 0, 1, false],
  ];
  for (const [surge, unavailable, desired, expectSurge, expectUnavailable, error] of cases) {
    if (error) assert.throws(() => resolveFenceposts(surge, unavailable, desired), /^Error: invalid value for IntOrString: invalid type: string is not a percentage$/);
    else assert.deepEqual(resolveFenceposts(surge, unavailable, desired), { surge: expectSurge, unavailable: expectUnavailable }, `${surge}/${unavailable} of ${desired}`);
  }
  // The comment's examples: "1%" of 2 rounds down to 0, so unavailable becomes 1; "1%" surge rounds up to 1.
  assert.deepEqual(resolveFenceposts('0%', '1%', 2), { surge: 0, unavailable: 1 });
  assert.deepEqual(resolveFenceposts('1%', '25%', 2), { surge: 1, unavailable: 0 });
  assert.deepEqual(resolveFenceposts('25%', '25%', 8), { surge: 2, unavailable: 2 });
  assert.deepEqual(resolveFenceposts('25%', '25%', 10), { surge: 3, unavailable: 2 });
});

const rollingDeployment = (replicas, maxSurge, maxUnavailable) => ({ replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } } });

test('deployment_util_test.go TestMaxUnavailable (maxSurge 1)', () => {
  const cases = [
    ['maxUnavailable less than replicas', rollingDeployment(10, 1, 5), 5],
    ['maxUnavailable equal replicas', rollingDeployment(10, 1, 10), 10],
    ['maxUnavailable greater than replicas', rollingDeployment(5, 1, 10), 5],
    ['maxUnavailable with replicas is 0', rollingDeployment(0, 1, 10), 0],
    ['maxUnavailable with Recreate deployment strategy', { strategy: { type: 'Recreate' } }, 0],
    ['maxUnavailable less than replicas with percents', rollingDeployment(10, 1, '50%'), 5],
    ['maxUnavailable equal replicas with percents', rollingDeployment(10, 1, '100%'), 10],
    ['maxUnavailable greater than replicas with percents', rollingDeployment(5, 1, '100%'), 5],
  ];
  for (const [name, deployment, expected] of cases) assert.equal(maxUnavailable(deployment), expected, name);
});

test('MaxSurge: 0 for Recreate, resolved (rounding up) even for 0 replicas, a bad value reads as 0', () => {
  assert.equal(maxSurge({ replicas: 10, strategy: { type: 'Recreate' } }), 0);
  assert.equal(maxSurge(rollingDeployment(10, '25%', '25%')), 3);
  assert.equal(maxSurge(rollingDeployment(0, 2, 0)), 2);
  assert.equal(maxSurge(rollingDeployment(10, 'oops', 1)), 0);
  assert.equal(maxUnavailable(rollingDeployment(10, 1, 'oops')), 0);
  // Both 0 after rounding: unavailable 1, for MaxUnavailable too.
  assert.equal(maxUnavailable(rollingDeployment(3, 0, '10%')), 1);
  assert.equal(rollout.minAvailable(rollingDeployment(3, 0, '10%')), 2);
  assert.equal(rollout.minAvailable({ replicas: 3, strategy: { type: 'Recreate' } }), 0);
});

test('deployment_util_test.go TestNewRSNewReplicas (allRSs is one ReplicaSet of 5, maxUnavailable 1)', () => {
  const deployment = (type, replicas, surge) => ({ replicas, strategy: { type, rollingUpdate: { maxUnavailable: 1, maxSurge: surge } } });
  assert.equal(newRSNewReplicas(deployment('RollingUpdate', 1, 1), [5], 5), 5, 'can not scale up - to newRSReplicas');
  assert.equal(newRSNewReplicas(deployment('RollingUpdate', 6, 10), [5], 2), 6, 'scale up - to depReplicas');
  assert.equal(newRSNewReplicas(deployment('Recreate', 3, 1), [5], 1), 3, 'recreate - to depReplicas');
  assert.throws(() => newRSNewReplicas(deployment('BlueGreen', 3, 1), [5], 1), { message: "deployment type BlueGreen isn't supported" });
  assert.throws(() => newRSNewReplicas(deployment('RollingUpdate', 3, '3'), [5], 1), { message: 'invalid value for IntOrString: invalid type: string is not a percentage' });
});

test('rolling_test.go TestDeploymentController_reconcileNewReplicaSet (maxUnavailable 0)', () => {
  // [deploymentReplicas, maxSurge, oldReplicas, newReplicas, scaleExpected, expectedNewReplicas]
  const cases = [
    [10, 0, 10, 0, false, 0],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false, 2],
    [10, 2, 2, 11, true, 10],
  ];
  for (const [replicas, surge, oldReplicas, newReplicas, scaled, expected] of cases) {
    const result = rollout.reconcileNewReplicaSet(rollingDeployment(replicas, surge, 0), { replicas: newReplicas, available: 0 }, [{ replicas: oldReplicas, available: 0 }]);
    assert.deepEqual(result, { replicas: expected, scaled }, `${replicas} surge ${surge} old ${oldReplicas} new ${newReplicas}`);
  }
});

test('rolling_test.go TestDeploymentController_reconcileOldReplicaSets (maxSurge 0)', () => {
  // [deploymentReplicas, maxUnavailable, oldReplicas, newReplicas, readyPodsFromOldRS, readyPodsFromNewRS, scaleExpected, expectedOldReplicas]
  const cases = [
    [10, 0, 10, 0, 10, 0, true, 9],
    [10, 2, 10, 0, 10, 0, true, 8],
    [10, 2, 10, 0, 8, 0, true, 8], // unhealthy replicas from old replica sets cleaned up
    [10, 2, 10, 0, 9, 0, true, 8], // 1 unhealthy cleaned up, 1 ready scaled down
    [10, 2, 8, 2, 8, 0, false, 8], // the new RS's unavailable pods block scaling down old RSs further
  ];
  for (const [replicas, unavailable, oldReplicas, newReplicas, oldReady, newReady, scaled, expected] of cases) {
    const result = rollout.reconcileOldReplicaSets(rollingDeployment(replicas, 0, unavailable), { replicas: newReplicas, available: newReady }, [{ replicas: oldReplicas, available: oldReady }]);
    assert.equal(result.scaled, scaled);
    assert.deepEqual(result.replicas, [expected]);
  }
  // The cleanup/scale-down split of cases 3 and 4.
  assert.deepEqual(rollout.reconcileOldReplicaSets(rollingDeployment(10, 0, 2), { replicas: 0, available: 0 }, [{ replicas: 10, available: 8 }]), { replicas: [8], cleanupCount: 2, scaledDownCount: 0, scaled: true });
  assert.deepEqual(rollout.reconcileOldReplicaSets(rollingDeployment(10, 0, 2), { replicas: 0, available: 0 }, [{ replicas: 10, available: 9 }]), { replicas: [8], cleanupCount: 1, scaledDownCount: 1, scaled: true });
});

test('rolling_test.go TestDeploymentController_cleanupUnhealthyReplicas (old RS of 10)', () => {
  // [readyPods, maxCleanupCount, cleanupCountExpected]
  const cases = [
    [8, 1, 1],
    [8, 3, 2],
    [8, 0, 0],
    [10, 3, 0],
  ];
  for (const [ready, max, expected] of cases) {
    assert.deepEqual(rollout.cleanupUnhealthyReplicas([{ replicas: 10, available: ready }], max), { replicas: [10 - expected], cleanupCount: expected });
  }
  // Oldest first, across ReplicaSets; more available than replicas is upstream's error, earlier scale-downs stand.
  assert.deepEqual(
    rollout.cleanupUnhealthyReplicas([{ name: 'b', replicas: 3, available: 1, creationTimestamp: 2 }, { name: 'a', replicas: 4, available: 2, creationTimestamp: 1 }], 3),
    { replicas: [2, 2], cleanupCount: 3 },
  );
  assert.deepEqual(
    rollout.cleanupUnhealthyReplicas([{ name: 'old', replicas: 3, available: 1 }, { name: 'odd', replicas: 2, available: 4 }], 10),
    { replicas: [1, 2], cleanupCount: 2, error: 'when cleaning up unhealthy replicas, got invalid request to scale down odd 2 -> 4' },
  );
});

test('rolling_test.go TestDeploymentController_scaleDownOldReplicaSetsForRollingUpdate (maxSurge 0, allRSs = the old RS)', () => {
  // [deploymentReplicas, maxUnavailable, readyPods, oldReplicas, expectedOldReplicas (unchanged when no scaling expected)]
  const cases = [
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, 10],
    [10, 2, 10, 0, 0],
    [10, 2, 1, 10, 10],
  ];
  for (const [replicas, unavailable, ready, oldReplicas, expected] of cases) {
    const result = rollout.scaleDownOldReplicaSetsForRollingUpdate(rollingDeployment(replicas, 0, unavailable), undefined, [{ replicas: oldReplicas, available: ready }]);
    assert.deepEqual(result, { replicas: [expected], scaledDownCount: oldReplicas - expected });
  }
  // Oldest first, each at most to 0.
  assert.deepEqual(
    rollout.scaleDownOldReplicaSetsForRollingUpdate(rollingDeployment(10, 0, 4), { replicas: 0, available: 0 }, [{ replicas: 7, available: 7, creationTimestamp: 20 }, { replicas: 3, available: 3, creationTimestamp: 10 }]),
    { replicas: [6, 0], scaledDownCount: 4 },
  );
});

test('rollingUpdateStep: a 10-replica rollout with maxSurge 25% / maxUnavailable 25% (3 / 2), new pods available at once', () => {
  const deployment = rollingDeployment(10, '25%', '25%');
  let newRS = 0;
  let old = 10;
  const steps = [];
  for (let i = 0; i < 20 && (newRS !== 10 || old !== 0); i++) {
    const step = rollout.rollingUpdateStep(deployment, { replicas: newRS, available: newRS }, [{ replicas: old, available: old }]);
    newRS = step.newReplicas;
    old = step.oldReplicas[0];
    steps.push([newRS, old, step.scaledUp ? 'up' : step.scaledDown ? 'down' : '-']);
  }
  assert.deepEqual(steps, [
    [3, 10, 'up'], [3, 5, 'down'], [8, 5, 'up'], [8, 0, 'down'], [10, 0, 'up'],
  ]);
  // Nothing available on the new side: the old side goes down to minAvailable only.
  const stuck = rollout.rollingUpdateStep(deployment, { replicas: 3, available: 0 }, [{ replicas: 10, available: 10 }]);
  assert.deepEqual(stuck, { newReplicas: 3, oldReplicas: [8], scaledUp: false, scaledDown: true, cleanupCount: 0, scaledDownCount: 2 });
  const after = rollout.rollingUpdateStep(deployment, { replicas: 3, available: 0 }, [{ replicas: 8, available: 8 }]);
  assert.deepEqual(after, { newReplicas: 5, oldReplicas: [8], scaledUp: true, scaledDown: false, cleanupCount: 0, scaledDownCount: 0 });
  const blocked = rollout.rollingUpdateStep(deployment, { replicas: 5, available: 0 }, [{ replicas: 8, available: 8 }]);
  assert.deepEqual(blocked, { newReplicas: 5, oldReplicas: [8], scaledUp: false, scaledDown: false, cleanupCount: 0, scaledDownCount: 0 });
});

test('rollingUpdateStep: old ReplicaSets at 0 replicas take no part, even with pods still available', () => {
  const step = rollout.rollingUpdateStep(rollingDeployment(4, 0, 1), { replicas: 4, available: 4 }, [{ replicas: 0, available: 2 }, { replicas: 1, available: 1 }]);
  assert.deepEqual(step, { newReplicas: 4, oldReplicas: [0, 0], scaledUp: false, scaledDown: true, cleanupCount: 0, scaledDownCount: 1 });
});

test('recreate_test.go TestOldPodsRunning', () => {
  // [name, old ReplicaSets, expected]
  const cases = [
    ['no old RSs', [], false],
    ['old RSs with running pods', [{ replicas: 0, statusReplicas: 0, podPhases: ['Running'] }, { replicas: 0, statusReplicas: 0, podPhases: ['Running'] }], true],
    ['old RSs without pods but with non-zero status replicas', [{ replicas: 0, statusReplicas: 1 }], true],
    ['old RSs without pods or non-zero status replicas', [{ replicas: 0, statusReplicas: 0 }], false],
    ['old RSs with zero status replicas but pods in terminal state are present', [{ replicas: 0, statusReplicas: 0, podPhases: ['Failed', 'Succeeded'] }], false],
    ['old RSs with zero status replicas but pod in unknown phase present', [{ replicas: 0, statusReplicas: 0, podPhases: ['Unknown'] }], true],
    ['old RSs with zero status replicas with pending pod present', [{ replicas: 0, statusReplicas: 0, podPhases: ['Pending'] }], true],
    ['old RSs with zero status replicas with running pod present', [{ replicas: 0, statusReplicas: 0, podPhases: ['Running'] }], true],
    ['old RSs with zero status replicas but pods in terminal state and pending are present', [{ replicas: 0, statusReplicas: 0, podPhases: ['Failed', 'Succeeded'] }, { replicas: 0, statusReplicas: 0, podPhases: [] }, { replicas: 0, statusReplicas: 0, podPhases: ['Pending'] }], true],
  ];
  for (const [name, oldRSs, expected] of cases) assert.equal(rollout.oldPodsRunning(oldRSs), expected, name);
});

test('recreateStep: scale old to 0, wait for the old pods to go, then create and scale the new ReplicaSet', () => {
  const s1 = rollout.recreateStep(3, undefined, [{ replicas: 3, statusReplicas: 3, podPhases: ['Running', 'Running', 'Running'] }, { replicas: 0, statusReplicas: 0 }]);
  assert.deepEqual(s1, { phase: 'scaleDownOld', oldReplicas: [0, 0], newReplicas: 0, createNewRS: false });
  const s2 = rollout.recreateStep(3, undefined, [{ replicas: 0, statusReplicas: 0, podPhases: ['Running'] }, { replicas: 0, statusReplicas: 0 }]);
  assert.deepEqual(s2, { phase: 'waitForOldPods', oldReplicas: [0, 0], newReplicas: 0, createNewRS: false });
  const s3 = rollout.recreateStep(3, undefined, [{ replicas: 0, statusReplicas: 0, podPhases: ['Succeeded'] }, { replicas: 0, statusReplicas: 0 }]);
  assert.deepEqual(s3, { phase: 'scaleUpNew', oldReplicas: [0, 0], newReplicas: 3, createNewRS: true });
  const s4 = rollout.recreateStep(3, { replicas: 1 }, [{ replicas: 0, statusReplicas: 0 }]);
  assert.deepEqual(s4, { phase: 'scaleUpNew', oldReplicas: [0], newReplicas: 3, createNewRS: false });
  const s5 = rollout.recreateStep(3, { replicas: 3 }, [{ replicas: 0, statusReplicas: 0 }]);
  assert.deepEqual(s5, { phase: 'complete', oldReplicas: [0], newReplicas: 3, createNewRS: false });
});
