/**
 * A StatefulSet's ordered pod management and RollingUpdate
 * (pkg/controller/statefulset/stateful_set_control.go updateStatefulSet, processReplica,
 * processCondemned, updateStatefulSetAfterInvariantEstablished, getStatefulSetMaxUnavailable;
 * stateful_set_utils.go; Kubernetes 1.35, where MaxUnavailableStatefulSet is beta and on by default).
 */
import { getScaledValueFromIntOrPercent, type IntOrString } from './intOrPercent';

/** A StatefulSet pod as the controller's gates read it. */
export interface StatefulSetPodState {
  /** The pod's controller-revision-hash is the update revision. */
  updated: boolean;
  /** status.phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase: string;
  /** The Ready condition is True. */
  ready: boolean;
  /** Ready for at least minReadySeconds (podutil.IsPodAvailable); defaults to `ready`. */
  available?: boolean;
  /** metadata.deletionTimestamp is set. */
  terminating?: boolean;
}

export type PodManagementPolicy = 'OrderedReady' | 'Parallel';

/** isRunningAndReady (stateful_set_utils.go): phase Running and the Ready condition True. */
export function isRunningAndReady(pod: StatefulSetPodState): boolean {
  return pod.phase === 'Running' && pod.ready;
}

/** isRunningAndAvailable (stateful_set_utils.go): Running and available for minReadySeconds. */
export function isRunningAndAvailable(pod: StatefulSetPodState): boolean {
  return pod.phase === 'Running' && (pod.available ?? pod.ready);
}

/** isHealthy (stateful_set_utils.go): Running and Ready and not terminating. */
export function isHealthy(pod: StatefulSetPodState): boolean {
  return isRunningAndReady(pod) && pod.terminating !== true;
}

/** isUnavailable (stateful_set_utils.go): terminating, or not Running and available. */
export function isUnavailable(pod: StatefulSetPodState): boolean {
  return pod.terminating === true || !isRunningAndAvailable(pod);
}

/**
 * getStatefulSetMaxUnavailable (stateful_set_control.go): maxUnavailable (default 1) scaled against
 * spec.replicas rounding DOWN, and at least 1 (so "10%" of 5 is 1). Throws upstream's
 * GetScaledValueFromIntOrPercent error for a bad value.
 */
export function statefulSetMaxUnavailable(maxUnavailable: IntOrString | undefined, replicas: number): number {
  return Math.max(getScaledValueFromIntOrPercent(maxUnavailable ?? 1, replicas, false), 1);
}

/**
 * The RollingUpdate order: ordinals from the highest (start + replicas − 1) down to start + partition;
 * the ordinals below the partition keep the current revision.
 */
export function statefulSetUpdateOrder(replicas: number, partition = 0, startOrdinal = 0): number[] {
  const order: number[] = [];
  for (let i = replicas - 1; i >= Math.max(partition, 0); i--) order.push(startOrdinal + i);
  return order;
}

export type StatefulSetWait = 'create' | 'failed' | 'terminating' | 'runningAndReady' | 'available';

/**
 * processReplica's gate (stateful_set_control.go) for the replica at one ordinal: undefined when the
 * controller may go on to the next ordinal, or why it stops. OrderedReady (monotonic) stops after
 * creating a pod, at a Failed/Succeeded pod (deleted, recreated next sync), at a terminating pod, at
 * a pod not Running and Ready, and at a pod not yet available (minReadySeconds). Parallel only stops
 * at nothing: it goes through every ordinal in the same sync.
 */
export function statefulSetMayProceed(pod: StatefulSetPodState | undefined, policy: PodManagementPolicy): StatefulSetWait | undefined {
  if (policy === 'Parallel') return undefined;
  if (pod === undefined) return 'create';
  if (pod.phase === 'Failed' || pod.phase === 'Succeeded') return 'failed';
  if (pod.terminating === true) return 'terminating';
  if (!isRunningAndReady(pod)) return 'runningAndReady';
  if (!isRunningAndAvailable(pod)) return 'available';
  return undefined;
}

export interface StatefulSetSpecView {
  replicas: number;
  podManagementPolicy?: PodManagementPolicy;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
}

export interface StatefulSetSyncStep {
  /** Ordinals whose pod is created this sync (missing, in [0, replicas)). */
  create: number[];
  /** Ordinals whose pod is deleted this sync: failed replicas, condemned (scale-down) and rolling-update targets. */
  delete: number[];
  /** Where an OrderedReady sync stopped, and why. */
  blocked?: { ordinal: number; reason: StatefulSetWait | 'condemnedTerminating' };
}

/**
 * One updateStatefulSet sync over the pods by ordinal (index = ordinal, start 0; undefined = no pod),
 * condemned pods being those at ordinals ≥ replicas:
 *  1. replicas in ascending ordinal: delete Failed/Succeeded pods, create missing ones; OrderedReady
 *     stops at the first pod that is created, failed, terminating, not Running and Ready, or not available;
 *  2. condemned pods in descending ordinal: OrderedReady waits for a terminating one, and for one not
 *     Running-Ready-available unless it is the first unhealthy pod; it deletes one per sync, Parallel all;
 *  3. RollingUpdate (not OnDelete), the 1.35 maxUnavailable path: count unavailable replicas (created
 *     this sync counts as unavailable); if fewer than maxUnavailable, delete up to the difference,
 *     highest ordinal first down to the partition, pods of the old revision not already terminating.
 */
export function statefulSetSync(spec: StatefulSetSpecView, pods: readonly (StatefulSetPodState | undefined)[]): StatefulSetSyncStep {
  const monotonic = (spec.podManagementPolicy ?? 'OrderedReady') === 'OrderedReady';
  const create: number[] = [];
  const del: number[] = [];
  const replicas: StatefulSetPodState[] = [];
  for (let i = 0; i < spec.replicas; i++) {
    const existing = pods[i];
    if (existing !== undefined && (existing.phase === 'Failed' || existing.phase === 'Succeeded')) {
      if (existing.terminating !== true) del.push(i);
      if (monotonic) return { create, delete: del, blocked: { ordinal: i, reason: 'failed' } };
      replicas.push({ ...existing, terminating: true });
      continue;
    }
    if (existing === undefined) {
      create.push(i);
      if (monotonic) return { create, delete: del, blocked: { ordinal: i, reason: 'create' } };
      replicas.push({ updated: true, phase: 'Pending', ready: false });
      continue;
    }
    const wait = statefulSetMayProceed(existing, spec.podManagementPolicy ?? 'OrderedReady');
    if (wait !== undefined) return { create, delete: del, blocked: { ordinal: i, reason: wait } };
    replicas.push(existing);
  }

  const condemned = pods.flatMap((pod, i) => (i >= spec.replicas && pod !== undefined ? [{ pod, ordinal: i }] : [])).reverse();
  let firstUnhealthy: number | undefined;
  for (let i = 0; i < replicas.length && firstUnhealthy === undefined; i++) if (!isHealthy(replicas[i])) firstUnhealthy = i;
  for (const { pod, ordinal } of condemned) if (firstUnhealthy === undefined && !isHealthy(pod)) firstUnhealthy = ordinal;
  for (const { pod, ordinal } of condemned) {
    if (pod.terminating === true) {
      if (monotonic) return { create, delete: del, blocked: { ordinal, reason: 'condemnedTerminating' } };
      continue;
    }
    if (monotonic && ordinal !== firstUnhealthy && !isRunningAndReady(pod)) return { create, delete: del, blocked: { ordinal, reason: 'runningAndReady' } };
    if (monotonic && ordinal !== firstUnhealthy && !isRunningAndAvailable(pod)) return { create, delete: del, blocked: { ordinal, reason: 'available' } };
    del.push(ordinal);
    if (monotonic) return { create, delete: del };
  }

  if (spec.updateStrategy?.type === 'OnDelete') return { create, delete: del };
  return { create, delete: [...del, ...updateStatefulSetAfterInvariantEstablished(spec, replicas)] };
}

/**
 * updateStatefulSetAfterInvariantEstablished (stateful_set_control.go; the RollingUpdate path of 1.35,
 * MaxUnavailableStatefulSet on): count the unavailable pods among the replicas (terminating, or not
 * Running and available); if fewer than maxUnavailable (statefulSetMaxUnavailable; 1 without a
 * rollingUpdate block), delete up to the difference, from the highest ordinal down to the partition,
 * pods of the old revision not already terminating. Returns the ordinals deleted, highest first.
 */
export function updateStatefulSetAfterInvariantEstablished(spec: StatefulSetSpecView, replicas: readonly StatefulSetPodState[]): number[] {
  const rolling = spec.updateStrategy?.rollingUpdate;
  const partition = rolling?.partition ?? 0;
  const maxUnavailable = rolling === undefined ? 1 : statefulSetMaxUnavailable(rolling.maxUnavailable, spec.replicas);
  const unavailablePods = replicas.filter(isUnavailable).length;
  if (unavailablePods >= maxUnavailable) return [];
  const podsToDelete = maxUnavailable - unavailablePods;
  const deleted: number[] = [];
  for (let target = replicas.length - 1; target >= partition && deleted.length < podsToDelete; target--) {
    if (!replicas[target].updated && replicas[target].terminating !== true) deleted.push(target);
  }
  return deleted;
}
