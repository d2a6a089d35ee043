import { defaultNormalizeScore, unresolvable, type Plugin } from '../framework';
import { blocksScheduling, findUntoleratedTaint, tolerationsTolerateTaint } from '../taints';

/**
 * pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go. The reason names the taint
 * until 1.34; from 1.35 it is generic (kubernetes/kubernetes#134740: taints may be sensitive).
 */
export const ErrReasonNotMatch = 'node(s) had untolerated taint(s)';
export const untoleratedTaintReason = (key: string, value: string): string => `node(s) had untolerated taint {${key}: ${value}}`;

export const TaintToleration: Plugin = {
  name: 'TaintToleration',
  filter(state, node) {
    const taint = findUntoleratedTaint(node.taints, state.pod.tolerations, blocksScheduling);
    if (!taint) return undefined;
    return unresolvable(state.minor >= 35 ? ErrReasonNotMatch : untoleratedTaintReason(taint.key, taint.value));
  },
  // Score: the PreferNoSchedule taints not tolerated by the tolerations with an empty or PreferNoSchedule effect.
  score(state, node) {
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      const tolerations = state.pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule');
      if (!tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  },
  normalizeScore(_state, scores) {
    defaultNormalizeScore(scores, true);
  },
};
