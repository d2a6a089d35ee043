import { MAX_NODE_SCORE, type Plugin } from '../framework';
import { allocatableAndRequest, type AllocatableRequest } from './NodeResourcesFit';

/**
 * pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go: favours nodes whose cpu and
 * memory would be used in equal shares (real requests, the pod's included); 1 − standard deviation.
 */
const RESOURCES = ['cpu', 'memory'];
const fractions = new Float64Array(RESOURCES.length);
const pair: AllocatableRequest = { allocatable: 0, request: 0 };

export const NodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  // A pod requesting nothing is skipped, so best-effort pods don't pile up on one node (#129138).
  preScore(state) {
    return RESOURCES.some((r) => (state.pod.requests[r] ?? 0) > 0);
  },
  score(state, node) {
    // At most one share per resource, in fixed slots: nothing allocated per node scored.
    let count = 0;
    for (const r of RESOURCES) {
      const { allocatable, request } = allocatableAndRequest(state, node, r, true, pair);
      if (allocatable === 0) continue;
      fractions[count++] = Math.min(1, request / allocatable);
    }
    // Two resources: the standard deviation is half their difference (one share alone deviates by 0).
    const std = count === 2 ? Math.abs((fractions[0] - fractions[1]) / 2) : 0;
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
