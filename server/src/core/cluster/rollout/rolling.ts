/**
 * One sync of a Deployment's RollingUpdate strategy over plain numbers
 * (pkg/controller/deployment/rolling.go, Kubernetes 1.35).
 */
import { maxUnavailable, newRSNewReplicas, type DeploymentRolloutSpec } from './deploymentUtil';

/** A ReplicaSet as the rollout arithmetic sees it. */
export interface ReplicaSetCounts {
  /** Used in error texts and as the creation-order tie-break (upstream sorts by name on equal timestamps). */
  name?: string;
  /** spec.replicas */
  replicas: number;
  /** status.availableReplicas; replicas − available is what upstream treats as unhealthy. */
  available: number;
  /** metadata.creationTimestamp (any monotonic number); without it, the array order is the creation order. */
  creationTimestamp?: number;
}

/**
 * reconcileNewReplicaSet (rolling.go): the new ReplicaSet's replicas after the scale-up step. Equal to
 * spec.replicas: unchanged; above it: scaled down to spec.replicas; below: NewRSNewReplicas over every
 * ReplicaSet's replicas (new and old). `scaled` is whether the value changed (a scale call was made).
 */
export function reconcileNewReplicaSet(deployment: DeploymentRolloutSpec, newRS: ReplicaSetCounts, oldRSs: readonly ReplicaSetCounts[]): { replicas: number; scaled: boolean } {
  const desired = deployment.replicas ?? 1;
  if (newRS.replicas === desired) return { replicas: newRS.replicas, scaled: false };
  const target = newRS.replicas > desired ? desired : newRSNewReplicas(deployment, [newRS.replicas, ...oldRSs.map((rs) => rs.replicas)], newRS.replicas);
  return { replicas: target, scaled: target !== newRS.replicas };
}

/** The old ReplicaSets' indexes oldest first (controller.ReplicaSetsByCreationTimestamp: timestamp, then name). */
function byCreation(oldRSs: readonly ReplicaSetCounts[]): number[] {
  return oldRSs
    .map((_, i) => i)
    .sort((a, b) => {
      const ta = oldRSs[a].creationTimestamp ?? a;
      const tb = oldRSs[b].creationTimestamp ?? b;
      if (ta !== tb) return ta - tb;
      const na = oldRSs[a].name ?? '';
      const nb = oldRSs[b].name ?? '';
      return na < nb ? -1 : na > nb ? 1 : a - b;
    });
}

export interface CleanupResult {
  /** The old ReplicaSets' replicas after the cleanup, in input order. */
  replicas: number[];
  /** How many replicas were removed in total. */
  cleanupCount: number;
  /** Upstream's error when an old ReplicaSet has more available pods than replicas (the cleanup stops there). */
  error?: string;
}

/**
 * cleanupUnhealthyReplicas (rolling.go): oldest first, scale each old ReplicaSet down by its
 * unhealthy count (replicas − available), in total at most maxCleanupCount. A ReplicaSet whose
 * available exceeds its replicas is upstream's "invalid request to scale down" error: the loop
 * stops and the earlier scale-downs stand.
 */
export function cleanupUnhealthyReplicas(oldRSs: readonly ReplicaSetCounts[], maxCleanupCount: number): CleanupResult {
  const replicas = oldRSs.map((rs) => rs.replicas);
  let totalScaledDown = 0;
  for (const i of byCreation(oldRSs)) {
    if (totalScaledDown >= maxCleanupCount) break;
    const rs = oldRSs[i];
    if (rs.replicas === 0 || rs.replicas === rs.available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - totalScaledDown, rs.replicas - rs.available);
    const newReplicasCount = rs.replicas - scaledDownCount;
    if (newReplicasCount > rs.replicas) {
      return { replicas, cleanupCount: totalScaledDown, error: `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.name ?? ''} ${rs.replicas} -> ${newReplicasCount}` };
    }
    replicas[i] = newReplicasCount;
    totalScaledDown += scaledDownCount;
  }
  return { replicas, cleanupCount: totalScaledDown };
}

/**
 * scaleDownOldReplicaSetsForRollingUpdate (rolling.go): with A = the available pods of every
 * ReplicaSet (new and old) and minAvailable = replicas − MaxUnavailable, remove A − minAvailable old
 * replicas, oldest ReplicaSet first (each at most to 0); nothing when A ≤ minAvailable. Availability
 * is the ReplicaSets' status, which a scale-down in the same sync does not change.
 */
export function scaleDownOldReplicaSetsForRollingUpdate(deployment: DeploymentRolloutSpec, newRS: ReplicaSetCounts | undefined, oldRSs: readonly ReplicaSetCounts[]): { replicas: number[]; scaledDownCount: number } {
  const replicas = oldRSs.map((rs) => rs.replicas);
  const minAvailable = (deployment.replicas ?? 1) - maxUnavailable(deployment);
  const availablePodCount = oldRSs.reduce((sum, rs) => sum + rs.available, newRS?.available ?? 0);
  if (availablePodCount <= minAvailable) return { replicas, scaledDownCount: 0 };
  const totalScaleDownCount = availablePodCount - minAvailable;
  let totalScaledDown = 0;
  for (const i of byCreation(oldRSs)) {
    if (totalScaledDown >= totalScaleDownCount) break;
    if (replicas[i] === 0) continue;
    const scaleDownCount = Math.min(replicas[i], totalScaleDownCount - totalScaledDown);
    replicas[i] -= scaleDownCount;
    totalScaledDown += scaleDownCount;
  }
  return { replicas, scaledDownCount: totalScaledDown };
}

export interface ReconcileOldResult {
  /** The old ReplicaSets' replicas after the step, in input order. */
  replicas: number[];
  /** Replicas removed by cleanupUnhealthyReplicas. */
  cleanupCount: number;
  /** Replicas removed by scaleDownOldReplicaSetsForRollingUpdate. */
  scaledDownCount: number;
  /** Whether anything was scaled down (upstream's return value). */
  scaled: boolean;
}

/**
 * reconcileOldReplicaSets (rolling.go): maxScaledDown = all replicas − minAvailable − the new
 * ReplicaSet's unavailable pods (its replicas − available); when positive, first
 * cleanupUnhealthyReplicas(maxScaledDown), then scaleDownOldReplicaSetsForRollingUpdate over the
 * cleaned-up replicas. A cleanup error ends the step with nothing more scaled (upstream returns
 * false, nil), keeping the scale-downs already made.
 */
export function reconcileOldReplicaSets(deployment: DeploymentRolloutSpec, newRS: ReplicaSetCounts, oldRSs: readonly ReplicaSetCounts[]): ReconcileOldResult {
  const unchanged: ReconcileOldResult = { replicas: oldRSs.map((rs) => rs.replicas), cleanupCount: 0, scaledDownCount: 0, scaled: false };
  const oldPodsCount = oldRSs.reduce((sum, rs) => sum + rs.replicas, 0);
  if (oldPodsCount === 0) return unchanged;
  const allPodsCount = oldPodsCount + newRS.replicas;
  const minAvailable = (deployment.replicas ?? 1) - maxUnavailable(deployment);
  const newRSUnavailablePodCount = newRS.replicas - newRS.available;
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return unchanged;
  // Only the active old ReplicaSets (replicas > 0) take part, their availability included.
  const active = oldRSs.flatMap((rs, i) => (rs.replicas > 0 ? [i] : []));
  const cleanup = cleanupUnhealthyReplicas(active.map((i) => oldRSs[i]), maxScaledDown);
  const replicas = oldRSs.map((rs) => rs.replicas);
  active.forEach((i, k) => (replicas[i] = cleanup.replicas[k]));
  if (cleanup.error !== undefined) return { ...unchanged, replicas };
  const cleaned = active.map((i, k) => ({ ...oldRSs[i], replicas: cleanup.replicas[k] }));
  const scaledDown = scaleDownOldReplicaSetsForRollingUpdate(deployment, newRS, cleaned);
  active.forEach((i, k) => (replicas[i] = scaledDown.replicas[k]));
  return {
    replicas,
    cleanupCount: cleanup.cleanupCount,
    scaledDownCount: scaledDown.scaledDownCount,
    scaled: cleanup.cleanupCount + scaledDown.scaledDownCount > 0,
  };
}

export interface RollingUpdateStep {
  /** The new ReplicaSet's replicas after the step. */
  newReplicas: number;
  /** The old ReplicaSets' replicas after the step, in input order. */
  oldReplicas: number[];
  /** The new ReplicaSet was scaled (then, as upstream, the old ones are not touched in this sync). */
  scaledUp: boolean;
  /** Old ReplicaSets were scaled down. */
  scaledDown: boolean;
  cleanupCount: number;
  scaledDownCount: number;
}

/**
 * One rolloutRolling sync (rolling.go): reconcileNewReplicaSet; if that scaled, stop; otherwise
 * reconcileOldReplicaSets over the old ReplicaSets (those with 0 replicas take no part, as
 * FilterActiveReplicaSets drops them). Old ReplicaSets: oldest first by creationTimestamp, or array order.
 */
export function rollingUpdateStep(deployment: DeploymentRolloutSpec, newRS: ReplicaSetCounts, oldRSs: readonly ReplicaSetCounts[]): RollingUpdateStep {
  const up = reconcileNewReplicaSet(deployment, newRS, oldRSs);
  if (up.scaled) {
    return { newReplicas: up.replicas, oldReplicas: oldRSs.map((rs) => rs.replicas), scaledUp: true, scaledDown: false, cleanupCount: 0, scaledDownCount: 0 };
  }
  const down = reconcileOldReplicaSets(deployment, newRS, oldRSs);
  return { newReplicas: up.replicas, oldReplicas: down.replicas, scaledUp: false, scaledDown: down.scaled, cleanupCount: down.cleanupCount, scaledDownCount: down.scaledDownCount };
}
