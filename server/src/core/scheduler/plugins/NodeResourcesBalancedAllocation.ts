import { MAX_NODE_SCORE, type Plugin } from '../framework';
import { allocatableAndRequest } from './NodeResourcesFit';

/**
 * pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go: favours nodes whose cpu and
 * memory would be used in equal shares (real requests, the pod's included); 1 − standard deviation.
 */
const RESOURCES = ['cpu', 'memory'];

export const NodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  // A pod requesting nothing is skipped, so best-effort pods don't pile up on one node (#129138).
  preScore(state) {
    return RESOURCES.some((r) => (state.pod.requests[r] ?? 0) > 0);
  },
  score(state, node) {
    const fractions: number[] = [];
    let total = 0;
    for (const r of RESOURCES) {
      const [alloc, req] = allocatableAndRequest(state, node, r, true);
      if (alloc === 0) continue;
      const f = Math.min(1, req / alloc);
      fractions.push(f);
      total += f;
    }
    let std = 0;
    if (fractions.length === 2) {
      std = Math.abs((fractions[0] - fractions[1]) / 2);
    } else if (fractions.length > 2) {
      const mean = total / fractions.length;
      std = Math.sqrt(fractions.reduce((s, f) => s + (f - mean) * (f - mean), 0) / fractions.length);
    }
    return Math.trunc((1 - std) * MAX_NODE_SCORE);
  },
};
