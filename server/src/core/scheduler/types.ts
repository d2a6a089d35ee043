/**
 * The contract between the cluster simulator (core/cluster) and the scheduler (core/scheduler).
 * The simulator owns the cluster state; the scheduler only reads it and answers where one pod goes.
 */

/** A KubeSchedulerConfiguration-like profile from the ClusterProfile (`scheduler:`), upstream semantics. */
export interface SchedulerProfile {
  /** Plugin names turned off (e.g. `ImageLocality`), in every extension point. */
  disabled?: string[];
  /** Score weights by plugin name, replacing the defaults. */
  weights?: Record<string, number>;
  /** NodeResourcesFit scoring strategy (`LeastAllocated` by default). */
  scoringStrategy?: {
    type: 'LeastAllocated' | 'MostAllocated' | 'RequestedToCapacityRatio';
    resources?: Array<{ name: string; weight: number }>;
    requestedToCapacityRatio?: { shape: Array<{ utilization: number; score: number }> };
  };
  /**
   * percentageOfNodesToScore: with 100+ nodes, filtering stops after this share of feasible nodes
   * (0 or unset: upstream's adaptive 50 − nodes/125, at least 5%, at least 100 nodes; 100: all).
   */
  percentageOfNodesToScore?: number;
}

export interface ScheduleOptions {
  /** Target Kubernetes version (`1.35`): message wording follows it (taints 1.33 vs 1.35, DRA prefix 1.34+). */
  kubernetesVersion: string;
  profile?: SchedulerProfile;
  /**
   * Which results keep their per-node reports (ScheduleResult.nodes): `all` (the default: the editor's
   * hover and Explain panel, `kubeplan schedule`), or only `unschedulable` ones, whose findings name the
   * main rejection. A simulation of thousands of pods that reads no report keeps none (about 20 kB a
   * pod on 100 nodes).
   */
  nodeReports?: 'all' | 'unschedulable';
}

/** One node's verdict for one pod, as `kubeplan schedule --format json` prints it. */
export interface NodeReport {
  node: string;
  /**
   * Filter plugin → `passed`, the plugin's reason(s) joined by `, `, `not run` (after the first
   * failure), `skipped` (its PreFilter said there is nothing to check for this pod) or `not evaluated`
   * (a check this model cannot make: see ScheduleResult.notEvaluated).
   */
  filter: Record<string, string>;
  /** Score plugin → raw score (only for feasible nodes when 2+ are feasible). */
  scores: Record<string, number>;
  /** Score plugin → normalized × weight. */
  finalScores: Record<string, number>;
  total: number;
}

export interface ScheduleResult {
  /** The chosen node, or null when the pod is unschedulable (or waits on scheduling gates). */
  node: string | null;
  /** The FitError text `kubectl describe pod` would show, when unschedulable. */
  message?: string;
  /** Nodes with the same best total, when there was a tie (the pick is deterministic: see docs). */
  tie?: string[];
  /**
   * The nodes looked at: all of them when the pod is unschedulable; otherwise the ones filtered (with
   * 100+ nodes upstream stops at percentageOfNodesToScore feasible nodes, and so do we). Empty for a
   * scheduled pod when ScheduleOptions.nodeReports is `unschedulable`.
   */
  nodes: NodeReport[];
  /** Preemption would evict `victims` (namespace/name) on this node; the pod is nominated, not bound. */
  nominatedNode?: string;
  victims?: string[];
  /** Score plugins whose PreScore skipped this pod (they give no score). */
  skippedScores?: string[];
  /** `Plugin: why` for checks this model cannot make (the verdict may differ on a real cluster). */
  notEvaluated?: string[];
  /** The gates the pod waits on, when it has any (PodScheduled reason SchedulingGated). */
  schedulingGates?: string[];
}
