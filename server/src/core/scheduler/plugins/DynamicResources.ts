import type { Plugin } from '../framework';

/**
 * pkg/scheduler/framework/plugins/dynamicresources (DRA, on by default from 1.34): pods with
 * resourceClaims need ResourceSlices and DeviceClasses, which are not modelled. Its PostFilter says
 * `no new claims to deallocate` before preemption runs.
 */
export const NoNewClaimsToDeallocate = 'no new claims to deallocate';

export const DynamicResources: Plugin = {
  name: 'DynamicResources',
  preFilter(state) {
    const claims = state.pod.spec.resourceClaims;
    return Array.isArray(claims) && claims.length > 0 ? { notEvaluated: 'resource claims (DRA) are not modelled' } : { skip: true };
  },
};
