import type { Plugin } from '../framework';

/**
 * pkg/scheduler/framework/plugins/nodevolumelimits/csi.go ("node(s) exceed max volume count"). The
 * limits come from CSINode objects and CSI drivers, which the simulation doesn't model: pods with
 * claims report this plugin as not evaluated.
 */
export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

export const NodeVolumeLimits: Plugin = {
  name: 'NodeVolumeLimits',
  preFilter(state) {
    return state.pod.claims.length === 0 ? { skip: true } : { notEvaluated: 'CSI volume limits (CSINode) are not modelled' };
  },
};
