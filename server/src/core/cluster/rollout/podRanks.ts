/**
 * The order in which a ReplicaSet prefers pods for deletion
 * (pkg/controller/controller_utils.go ActivePodsWithRanks.Less, Kubernetes 1.35, where
 * PodDeletionCost and LogarithmicScaleDown are GA and always on).
 */

/** The pod fields the deletion order reads. Times are milliseconds since the epoch; 0 or absent is Go's zero time. */
export interface RankedPod {
  /** Used only by the caller to identify the pod. */
  name?: string;
  /** spec.nodeName; empty or absent: unscheduled. */
  nodeName?: string;
  /** status.phase: Pending, Running, Succeeded, Failed, Unknown. */
  phase?: string;
  /** The Ready condition is True. */
  ready?: boolean;
  /** The Ready condition's lastTransitionTime (read only when ready). */
  readySince?: number;
  /** The highest restartCount of the pod's containers. */
  restarts?: number;
  /** metadata.creationTimestamp */
  creationTimestamp?: number;
  /** The controller.kubernetes.io/pod-deletion-cost annotation, parsed (absent or invalid: 0). */
  deletionCost?: number;
  /** metadata.uid: the tie-break between times of the same logarithmic rank. */
  uid?: string;
  /** metadata.deletionTimestamp is set (only getPodsToDelete's related-pod count reads it). */
  deleting?: boolean;
  /** The colocation rank (how many active related pods share the node); getPodsToDelete computes it. */
  rank?: number;
}

/** podPhaseToOrdinal: Pending 0 < Unknown 1 < Running 2; any other phase is 0 (a missing map key). */
function phaseOrdinal(phase: string | undefined): number {
  return phase === 'Unknown' ? 1 : phase === 'Running' ? 2 : 0;
}

/** afterOrZero: a zero time comes first, otherwise the later time comes first. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/**
 * logarithmicRankDiff: floor(log2(now − t)) of each duration in nanoseconds (−1 for a non-positive
 * duration), the first minus the second.
 */
function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number): number => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.trunc(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Times compared as upstream does with LogarithmicScaleDown: zero/now-less → afterOrZero, equal log rank → UID. */
function timeLess(t1: number, t2: number, uid1: string, uid2: string, now: number): boolean {
  if (now === 0 || t1 === 0 || t2 === 0) return afterOrZero(t1, t2);
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

/**
 * ActivePodsWithRanks.Less (controller_utils.go): whether `a` should be deleted before `b`.
 *  1. unscheduled < scheduled; 2. Pending < Unknown < Running; 3. not ready < ready;
 *  4. lower pod-deletion-cost first; 5. higher rank first; 6. both ready: ready more recently first
 *  (log2 scale against `now`, ties by UID); 7. more container restarts first; 8. created more
 *  recently first (same log2 scale). Otherwise false. `now` in ms; 0 compares times without scaling.
 */
export function activePodsWithRanksLess(a: RankedPod, b: RankedPod, now = 0): boolean {
  const nodeA = a.nodeName ?? '';
  const nodeB = b.nodeName ?? '';
  if (nodeA !== nodeB && (nodeA === '' || nodeB === '')) return nodeA === '';
  const phaseA = phaseOrdinal(a.phase);
  const phaseB = phaseOrdinal(b.phase);
  if (phaseA !== phaseB) return phaseA < phaseB;
  const readyA = a.ready === true;
  const readyB = b.ready === true;
  if (readyA !== readyB) return !readyA;
  const costA = a.deletionCost ?? 0;
  const costB = b.deletionCost ?? 0;
  if (costA !== costB) return costA < costB;
  const rankA = a.rank ?? 0;
  const rankB = b.rank ?? 0;
  if (rankA !== rankB) return rankA > rankB;
  const uidA = a.uid ?? '';
  const uidB = b.uid ?? '';
  if (readyA && readyB) {
    const t1 = a.readySince ?? 0;
    const t2 = b.readySince ?? 0;
    if (t1 !== t2) return timeLess(t1, t2, uidA, uidB, now);
  }
  const restartsA = a.restarts ?? 0;
  const restartsB = b.restarts ?? 0;
  if (restartsA !== restartsB) return restartsA > restartsB;
  const c1 = a.creationTimestamp ?? 0;
  const c2 = b.creationTimestamp ?? 0;
  if (c1 !== c2) return timeLess(c1, c2, uidA, uidB, now);
  return false;
}

/**
 * getPodDeletionCost (pkg/apis/core/helper GetDeletionCostFromPodAnnotations): the annotation as an
 * int32 (strconv.ParseInt base 10, 32 bits); absent or invalid reads as 0, as Less ignores the error.
 */
export function podDeletionCost(annotations: Readonly<Record<string, string>> | undefined): number {
  const value = annotations?.['controller.kubernetes.io/pod-deletion-cost'];
  if (value === undefined || !/^[+-]?[0-9]+$/.test(value)) return 0;
  const n = Number(value);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}
