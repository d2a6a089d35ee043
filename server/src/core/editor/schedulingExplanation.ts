import type { NodeReport } from '../scheduler/types';
import { waitingText, type WorkloadScheduling } from '../cluster/workloadScheduling';

/** One pod in the Explain Scheduling view: kube-scheduler-simulator's result table, as data. */
export interface PodExplanation {
  /** `namespace/name`. */
  pod: string;
  node: string | null;
  /** The FitError (`FailedScheduling` message) when unschedulable. */
  message: string | null;
  /** Nodes with the same best total, when there was a tie. */
  tie: string[] | null;
  nominatedNode: string | null;
  victims: string[] | null;
  /** Filter plugins in the order they ran: the table's filter columns. */
  filters: string[];
  /** Score plugins that gave scores: the table's score columns. */
  scores: string[];
  skippedScores: string[];
  notEvaluated: string[];
  schedulingGates: string[];
  /** One row per node looked at. */
  nodes: NodeReport[];
}

export interface SchedulingExplanation {
  workload: string;
  pods: PodExplanation[];
  /** A StatefulSet's replicas OrderedReady has not created: `web-1 not created: waiting for web-0 …`. */
  notCreated: string | null;
}

/** Every pod of a workload with each node's Filter verdicts and Score plugins' raw and final scores. */
export function explainScheduling(s: WorkloadScheduling): SchedulingExplanation {
  return {
    workload: s.workload,
    pods: s.pods.map(({ pod, result: r }) => {
      const scores: string[] = [];
      for (const n of r.nodes) for (const plugin of Object.keys(n.scores)) if (!scores.includes(plugin)) scores.push(plugin);
      return {
        pod,
        node: r.node,
        message: r.message ?? null,
        tie: r.tie ?? null,
        nominatedNode: r.nominatedNode ?? null,
        victims: r.victims ?? null,
        filters: Object.keys(r.nodes[0]?.filter ?? {}),
        scores,
        skippedScores: r.skippedScores ?? [],
        notEvaluated: r.notEvaluated ?? [],
        schedulingGates: r.schedulingGates ?? [],
        nodes: r.nodes,
      };
    }),
    notCreated: s.waiting ? waitingText(s.waiting) : null,
  };
}
