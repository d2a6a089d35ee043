import type { Obj } from '../model/obj';

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
}

export interface ScheduleOptions {
  /** Target Kubernetes version (`1.35`): message wording follows it (taints 1.33 vs 1.35, DRA prefix 1.34+). */
  kubernetesVersion: string;
  profile?: SchedulerProfile;
}

/** One node's verdict for one pod, as `kubeplan schedule --format json` prints it. */
export interface NodeReport {
  node: string;
  /** Filter plugin → `passed`, the plugin's reason(s) joined by `, `, or `not run` (after the first failure). */
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
  nodes: NodeReport[];
}
