/**
 * Which pods a ReplicaSet deletes when it has too many
 * (pkg/controller/replicaset/replica_set.go getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode).
 */
import { activePodsWithRanksLess, type RankedPod } from './podRanks';

/** controller.IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: RankedPod): boolean {
  return pod.phase !== 'Succeeded' && pod.phase !== 'Failed' && pod.deleting !== true;
}

/**
 * getPodsRankedByRelatedPodsOnSameNode (replica_set.go): each pod's rank is the number of active
 * pods in relatedPods on its node (the unscheduled ones share the node "").
 */
export function getPodsRankedByRelatedPodsOnSameNode<P extends RankedPod>(podsToRank: readonly P[], relatedPods: readonly RankedPod[]): (P & { rank: number })[] {
  const podsOnNode = new Map<string, number>();
  for (const pod of relatedPods) {
    if (isPodActive(pod)) podsOnNode.set(pod.nodeName ?? '', (podsOnNode.get(pod.nodeName ?? '') ?? 0) + 1);
  }
  return podsToRank.map((pod) => ({ ...pod, rank: podsOnNode.get(pod.nodeName ?? '') ?? 0 }));
}

/**
 * getPodsToDelete (replica_set.go): the first `diff` pods once ranked by related pods on the same
 * node and sorted by ActivePodsWithRanks.Less; when diff ≥ len(pods), the first diff pods unsorted.
 * Returns the input pod objects (not copies). `now` (ms) scales the time comparisons; the sort is
 * stable, where Go's sort.Sort is not (equivalent pods may come out in another order upstream).
 */
export function getPodsToDelete<P extends RankedPod>(filteredPods: readonly P[], relatedPods: readonly RankedPod[], diff: number, now = 0): P[] {
  if (diff < filteredPods.length) {
    const ranked = getPodsRankedByRelatedPodsOnSameNode(filteredPods, relatedPods);
    const order = filteredPods.map((_, i) => i);
    order.sort((i, j) => (activePodsWithRanksLess(ranked[i], ranked[j], now) ? -1 : activePodsWithRanksLess(ranked[j], ranked[i], now) ? 1 : 0));
    return order.slice(0, diff).map((i) => filteredPods[i]);
  }
  return filteredPods.slice(0, diff);
}
