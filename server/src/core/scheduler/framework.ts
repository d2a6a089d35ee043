import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { SchedulerSnapshot } from './snapshot';

/** framework.MaxNodeScore. */
export const MAX_NODE_SCORE = 100;

/**
 * fwk.Status for a rejection. Unschedulable: preemption may help; UnschedulableAndUnresolvable: it
 * cannot (the node is left out of preemption: "Preemption is not helpful for scheduling").
 */
export interface Status {
  code: 'Unschedulable' | 'UnschedulableAndUnresolvable';
  reasons: string[];
}
export const unschedulable = (...reasons: string[]): Status => ({ code: 'Unschedulable', reasons });
export const unresolvable = (...reasons: string[]): Status => ({ code: 'UnschedulableAndUnresolvable', reasons });

/** One scheduling attempt's state (fwk.CycleState): the pod, the cluster, and each plugin's PreFilter/PreScore data. */
export interface CycleState {
  pod: PodInfo;
  snapshot: SchedulerSnapshot;
  /** Target Kubernetes minor (35 for 1.35). */
  minor: number;
  /** Pods taken out for a preemption dry run: plugins counting pods across nodes skip them. */
  removed: Set<PodInfo>;
  data: Map<string, unknown>;
}

/** What PreFilter says: nothing (run Filter), Skip, a rejection for every node, a node subset, or "not modelled". */
export type PreFilterResult = undefined | { skip: true } | { status: Status } | { nodeNames: Set<string> } | { notEvaluated: string };

export interface Plugin {
  readonly name: string;
  preFilter?(state: CycleState): PreFilterResult;
  filter?(state: CycleState, node: NodeInfo): Status | undefined;
  /** PreScore over the feasible nodes; false means Skip (the plugin gives no score). */
  preScore?(state: CycleState, nodes: NodeInfo[]): boolean;
  score?(state: CycleState, node: NodeInfo): number;
  normalizeScore?(state: CycleState, scores: number[], nodes: NodeInfo[]): void;
}

/** pluginhelper.DefaultNormalizeScore: scale to [0, max] by the highest score, reversed if asked. */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  for (let i = 0; i < scores.length; i++) {
    if (max === 0) {
      if (reverse) scores[i] = MAX_NODE_SCORE;
      continue;
    }
    const s = Math.trunc((MAX_NODE_SCORE * scores[i]) / max);
    scores[i] = reverse ? MAX_NODE_SCORE - s : s;
  }
}

/** Go's integer division of non-negative operands. */
export const idiv = (a: number, b: number): number => Math.trunc(a / b);

