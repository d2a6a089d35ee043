/**
 * The workload controllers' rollout arithmetic as pure functions, ported from Kubernetes 1.35
 * (docs/simulation.md): int-or-percent scaling, Deployment fenceposts and the RollingUpdate/Recreate
 * steps, the ReplicaSet's deletion order, the DaemonSet's per-node rolling update and the
 * StatefulSet's ordered management and rolling update.
 */
export { getScaledValueFromIntOrPercent, goAtoi, type IntOrString } from './intOrPercent';
export { resolveFenceposts, isRollingUpdate, maxUnavailable, minAvailable, maxSurge, newRSNewReplicas, type DeploymentRolloutSpec, type Fenceposts } from './deploymentUtil';
export {
  reconcileNewReplicaSet,
  cleanupUnhealthyReplicas,
  scaleDownOldReplicaSetsForRollingUpdate,
  reconcileOldReplicaSets,
  rollingUpdateStep,
  type ReplicaSetCounts,
  type CleanupResult,
  type ReconcileOldResult,
  type RollingUpdateStep,
} from './rolling';
export { oldPodsRunning, recreateStep, type RecreateOldReplicaSet, type RecreatePhase, type RecreateStep } from './recreate';
export { activePodsWithRanksLess, podDeletionCost, type RankedPod } from './podRanks';
export { getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode, isPodActive } from './podsToDelete';
export {
  daemonSetSurgeCount,
  daemonSetUnavailableCount,
  updatedDesiredNodeCounts,
  findUpdatedPodsOnNode,
  daemonSetRollingUpdate,
  type DaemonSetUpdateStrategy,
  type DaemonSetPodState,
  type DaemonSetNodeState,
  type DaemonSetNodeCounts,
  type DaemonSetRollingUpdateStep,
} from './daemonSet';
export {
  isRunningAndReady,
  isRunningAndAvailable,
  isHealthy,
  isUnavailable,
  statefulSetMaxUnavailable,
  statefulSetUpdateOrder,
  statefulSetMayProceed,
  statefulSetSync,
  updateStatefulSetAfterInvariantEstablished,
  type StatefulSetPodState,
  type PodManagementPolicy,
  type StatefulSetWait,
  type StatefulSetSpecView,
  type StatefulSetSyncStep,
} from './statefulSet';
