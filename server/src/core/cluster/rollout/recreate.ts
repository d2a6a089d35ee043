/**
 * One sync of a Deployment's Recreate strategy (pkg/controller/deployment/recreate.go, Kubernetes 1.35).
 */

/** An old ReplicaSet for Recreate: its spec.replicas, status.replicas and the phases of the pods it owns. */
export interface RecreateOldReplicaSet {
  replicas: number;
  /** status.replicas: the pods the ReplicaSet controller last counted (terminating ones excluded). */
  statusReplicas: number;
  /** The phases of the pods the ReplicaSet owns (Pending, Running, Succeeded, Failed, Unknown). */
  podPhases?: readonly string[];
}

/**
 * oldPodsRunning (recreate.go): true while any old ReplicaSet reports status.replicas > 0, or owns a
 * pod not in a terminal phase (Pending, Running and the deprecated Unknown count; Succeeded and
 * Failed do not). A pod being deleted keeps its phase until it is gone, so it counts.
 */
export function oldPodsRunning(oldRSs: readonly RecreateOldReplicaSet[]): boolean {
  if (oldRSs.reduce((sum, rs) => sum + rs.statusReplicas, 0) > 0) return true;
  return oldRSs.some((rs) => (rs.podPhases ?? []).some((phase) => phase !== 'Failed' && phase !== 'Succeeded'));
}

export type RecreatePhase = 'scaleDownOld' | 'waitForOldPods' | 'scaleUpNew' | 'complete';

export interface RecreateStep {
  phase: RecreatePhase;
  /** The old ReplicaSets' replicas after the step, in input order. */
  oldReplicas: number[];
  /** The new ReplicaSet's replicas after the step (0 while it does not exist). */
  newReplicas: number;
  /** The step creates the new ReplicaSet (it is only created once no old pod runs). */
  createNewRS: boolean;
}

/**
 * One rolloutRecreate sync (recreate.go): 1. scale every old ReplicaSet with replicas > 0 to 0
 * (scaleDownOldReplicaSetsForRecreate) and stop; 2. while oldPodsRunning, wait; 3. create the new
 * ReplicaSet if missing and scale it to spec.replicas (scaleUpNewReplicaSetForRecreate).
 * 'complete' is a sync that changed nothing.
 */
export function recreateStep(desiredReplicas: number, newRS: { replicas: number } | undefined, oldRSs: readonly RecreateOldReplicaSet[]): RecreateStep {
  const current = oldRSs.map((rs) => rs.replicas);
  if (current.some((n) => n !== 0)) {
    return { phase: 'scaleDownOld', oldReplicas: current.map(() => 0), newReplicas: newRS?.replicas ?? 0, createNewRS: false };
  }
  if (oldPodsRunning(oldRSs)) return { phase: 'waitForOldPods', oldReplicas: current, newReplicas: newRS?.replicas ?? 0, createNewRS: false };
  const changed = newRS === undefined || newRS.replicas !== desiredReplicas;
  return { phase: changed ? 'scaleUpNew' : 'complete', oldReplicas: current, newReplicas: desiredReplicas, createNewRS: newRS === undefined };
}
