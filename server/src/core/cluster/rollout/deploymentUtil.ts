/**
 * The Deployment controller's surge/unavailability arithmetic
 * (pkg/controller/deployment/util/deployment_util.go, Kubernetes 1.35).
 */
import { getScaledValueFromIntOrPercent, type IntOrString } from './intOrPercent';

/** The part of a Deployment's spec the rollout arithmetic reads (pass it after API defaulting). */
export interface DeploymentRolloutSpec {
  /** spec.replicas (the API defaults it to 1). */
  replicas?: number;
  strategy?: {
    /** "RollingUpdate" or "Recreate" (the API defaults it to RollingUpdate). */
    type?: string;
    rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString };
  };
}

export interface Fenceposts {
  surge: number;
  unavailable: number;
}

/**
 * ResolveFenceposts (deployment_util.go): maxSurge scaled against desired rounding up,
 * maxUnavailable rounding down, a missing value counting as 0; if both come out 0 (e.g. "1%" of 2
 * rounds down to 0), unavailable becomes 1 so the rollout can progress. Throws upstream's
 * GetScaledValueFromIntOrPercent error for a bad value (e.g. "oops", "5").
 */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** IsRollingUpdate (deployment_util.go); a missing type is the API default, RollingUpdate. */
export function isRollingUpdate(deployment: DeploymentRolloutSpec): boolean {
  return (deployment.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
}

const replicasOf = (deployment: DeploymentRolloutSpec): number => deployment.replicas ?? 1;

/**
 * MaxUnavailable (deployment_util.go): 0 for Recreate or 0 replicas; otherwise the resolved
 * unavailable fencepost capped at spec.replicas. A bad value counts as 0 (upstream ignores the error,
 * which validation rules out).
 */
export function maxUnavailable(deployment: DeploymentRolloutSpec): number {
  if (!isRollingUpdate(deployment) || replicasOf(deployment) === 0) return 0;
  const replicas = replicasOf(deployment);
  const rolling = deployment.strategy?.rollingUpdate;
  let unavailable: number;
  try {
    unavailable = resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicas).unavailable;
  } catch {
    unavailable = 0;
  }
  return Math.min(unavailable, replicas);
}

/** MinAvailable (deployment_util.go): replicas − MaxUnavailable for a rolling update, else 0. */
export function minAvailable(deployment: DeploymentRolloutSpec): number {
  if (!isRollingUpdate(deployment)) return 0;
  return replicasOf(deployment) - maxUnavailable(deployment);
}

/**
 * MaxSurge (deployment_util.go): 0 for Recreate; otherwise the resolved surge fencepost (not capped,
 * and computed even for 0 replicas). A bad value counts as 0, as upstream ignores the error.
 */
export function maxSurge(deployment: DeploymentRolloutSpec): number {
  if (!isRollingUpdate(deployment)) return 0;
  const rolling = deployment.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, replicasOf(deployment)).surge;
  } catch {
    return 0;
  }
}

/**
 * NewRSNewReplicas (deployment_util.go): the new ReplicaSet's target size. RollingUpdate: up to
 * replicas + maxSurge (rounded up) pods in total over `allRSReplicas` (every ReplicaSet's
 * spec.replicas, as the caller passes them), never above spec.replicas; unchanged when the total is
 * already at the limit. Recreate: spec.replicas. Throws for an unknown strategy type
 * ("deployment type X isn't supported") or a bad/missing maxSurge.
 */
export function newRSNewReplicas(deployment: DeploymentRolloutSpec, allRSReplicas: readonly number[], newRSReplicas: number): number {
  const type = deployment.strategy?.type ?? 'RollingUpdate';
  const replicas = replicasOf(deployment);
  switch (type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(deployment.strategy?.rollingUpdate?.maxSurge, replicas, true);
      const currentPodCount = allRSReplicas.reduce((sum, n) => sum + n, 0);
      const maxTotalPods = replicas + surge;
      if (currentPodCount >= maxTotalPods) return newRSReplicas;
      const scaleUpCount = Math.min(maxTotalPods - currentPodCount, replicas - newRSReplicas);
      return newRSReplicas + scaleUpCount;
    }
    case 'Recreate':
      return replicas;
    default:
      throw new Error(`deployment type ${type} isn't supported`);
  }
}
