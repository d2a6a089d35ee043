/**
 * A DaemonSet's RollingUpdate, node by node (pkg/controller/daemon/update.go rollingUpdate,
 * updatedDesiredNodeCounts, findUpdatedPodsOnNode; pkg/controller/daemon/util/daemonset_util.go
 * SurgeCount, UnavailableCount; Kubernetes 1.35).
 */
import { getScaledValueFromIntOrPercent, type IntOrString } from './intOrPercent';

export interface DaemonSetUpdateStrategy {
  /** "RollingUpdate" or "OnDelete" (the API defaults it to RollingUpdate). */
  type?: string;
  rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString };
}

/** A DaemonSet pod on a node. */
export interface DaemonSetPodState {
  name: string;
  /** The pod is of the DaemonSet's current template (util.IsPodUpdated: its controller-revision-hash, or template generation). */
  updated: boolean;
  /** podutil.IsPodAvailable with the DaemonSet's minReadySeconds. */
  available: boolean;
  /** metadata.deletionTimestamp is set: the pod is ignored. */
  terminating?: boolean;
}

/** A node and the DaemonSet's pods on it. */
export interface DaemonSetNodeState {
  name: string;
  /** NodeShouldRunDaemonPod: the DaemonSet's pod should run here (selector, affinity, taints). */
  shouldRun: boolean;
  pods: readonly DaemonSetPodState[];
}

/**
 * SurgeCount (daemonset_util.go): 0 unless RollingUpdate with maxSurge set; else maxSurge scaled
 * against the desired node count, rounding UP.
 */
export function daemonSetSurgeCount(strategy: DaemonSetUpdateStrategy, numberToSchedule: number): number {
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return 0;
  const r = strategy.rollingUpdate;
  if (r === undefined || r.maxSurge === undefined) return 0;
  return getScaledValueFromIntOrPercent(r.maxSurge, numberToSchedule, true);
}

/**
 * UnavailableCount (daemonset_util.go): 0 unless RollingUpdate; else maxUnavailable scaled against
 * the desired node count, rounding UP (unlike a Deployment's). A missing maxUnavailable is upstream's
 * "nil value for IntOrString" error (the API defaults it to 1).
 */
export function daemonSetUnavailableCount(strategy: DaemonSetUpdateStrategy, numberToSchedule: number): number {
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return 0;
  const r = strategy.rollingUpdate;
  if (r === undefined) return 0;
  return getScaledValueFromIntOrPercent(r.maxUnavailable, numberToSchedule, true);
}

export interface DaemonSetNodeCounts {
  maxSurge: number;
  maxUnavailable: number;
  /** The nodes that should run the pod. */
  desiredNumberScheduled: number;
}

/**
 * updatedDesiredNodeCounts (update.go): the desired node count, maxSurge and maxUnavailable over it
 * (both rounding up); when the count is positive and both are 0, maxUnavailable becomes 1.
 */
export function updatedDesiredNodeCounts(strategy: DaemonSetUpdateStrategy, nodes: readonly DaemonSetNodeState[]): DaemonSetNodeCounts {
  const desiredNumberScheduled = nodes.filter((node) => node.shouldRun).length;
  let maxUnavailable = daemonSetUnavailableCount(strategy, desiredNumberScheduled);
  const maxSurge = daemonSetSurgeCount(strategy, desiredNumberScheduled);
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

/**
 * findUpdatedPodsOnNode (update.go): the node's new and old pod, terminating pods ignored;
 * undefined (not ok) when it has two new or two old pods (the manage loop cleans that up).
 */
export function findUpdatedPodsOnNode(pods: readonly DaemonSetPodState[]): { newPod?: DaemonSetPodState; oldPod?: DaemonSetPodState } | undefined {
  let newPod: DaemonSetPodState | undefined;
  let oldPod: DaemonSetPodState | undefined;
  for (const pod of pods) {
    if (pod.terminating === true) continue;
    if (pod.updated) {
      if (newPod !== undefined) return undefined;
      newPod = pod;
    } else {
      if (oldPod !== undefined) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

export interface DaemonSetRollingUpdateStep extends DaemonSetNodeCounts {
  /** Old pods deleted this sync (by name): the manage loop then creates new pods on those nodes. */
  podsToDelete: string[];
  /** Nodes that get a new pod next to the old one this sync (surge only). */
  nodesToCreate: string[];
}

/**
 * One rollingUpdate sync (update.go), over the nodes in the given order (upstream walks a Go map, so
 * which candidates win when only some may go is unspecified there; here it is the array order).
 * The nodes taken are those that should run the pod plus any other node holding the DaemonSet's pods.
 *
 * maxSurge 0: count unavailable nodes (no pod, old and new pod, too many pods, an unavailable new
 * or old pod); delete every unavailable old pod, plus available old pods up to maxUnavailable −
 * unavailable (a node only becomes a candidate while the running count is below maxUnavailable).
 *
 * maxSurge > 0: an old pod next to an available new pod is deleted; a node with only an unavailable
 * old pod gets a new pod at once (or, if the pod should no longer run there, loses the old pod); nodes
 * with only an available old pod get a new pod, up to maxSurge − (nodes with an unavailable new pod
 * next to an old one, or too many pods); available old pods on nodes that should no longer run them
 * are deleted only while more pods are available than desired.
 */
export function daemonSetRollingUpdate(strategy: DaemonSetUpdateStrategy, nodes: readonly DaemonSetNodeState[]): DaemonSetRollingUpdateStep {
  const counts = updatedDesiredNodeCounts(strategy, nodes);
  const { maxSurge, maxUnavailable, desiredNumberScheduled } = counts;
  const considered = nodes.filter((node) => node.shouldRun || node.pods.length > 0);

  if (maxSurge === 0) {
    let numUnavailable = 0;
    const allowedReplacementPods: string[] = [];
    const candidatePodsToDelete: string[] = [];
    for (const node of considered) {
      const found = findUpdatedPodsOnNode(node.pods);
      if (found === undefined) {
        numUnavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((oldPod === undefined && newPod === undefined) || (oldPod !== undefined && newPod !== undefined)) {
        numUnavailable++;
      } else if (newPod !== undefined) {
        if (!newPod.available) numUnavailable++;
      } else if (oldPod !== undefined) {
        if (!oldPod.available) {
          // An unavailable old pod is replaced at once, and counts as unavailable.
          allowedReplacementPods.push(oldPod.name);
          numUnavailable++;
        } else if (numUnavailable >= maxUnavailable) continue;
        else candidatePodsToDelete.push(oldPod.name);
      }
    }
    const remainingUnavailable = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
    return { ...counts, podsToDelete: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remainingUnavailable)], nodesToCreate: [] };
  }

  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const node of considered) {
    const found = findUpdatedPodsOnNode(node.pods);
    if (found === undefined) {
      numSurge++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (oldPod !== undefined) {
      if (oldPod.available) numAvailable++;
    } else if (newPod !== undefined) {
      if (newPod.available) numAvailable++;
    }
    if (oldPod === undefined) continue;
    if (newPod === undefined) {
      if (!oldPod.available) {
        if (!node.shouldRun) oldPodsToDelete.push(oldPod.name);
        else allowedNewNodes.push(node.name);
      } else if (!node.shouldRun) {
        shouldNotRunPodsToDelete.push(oldPod.name);
      } else if (numSurge < maxSurge) {
        candidateNewNodes.push(node.name);
      }
      continue;
    }
    if (!newPod.available) {
      numSurge++;
      continue;
    }
    oldPodsToDelete.push(oldPod.name);
  }
  const deletable = Math.min(numAvailable - desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(maxSurge - numSurge, 0), candidateNewNodes.length);
  return { ...counts, podsToDelete: oldPodsToDelete, nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
