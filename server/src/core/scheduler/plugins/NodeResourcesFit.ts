import { idiv, MAX_NODE_SCORE, unresolvable, unschedulable, type CycleState, type Plugin } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import { isScalarResourceName } from '../resources';
import type { SchedulerProfile } from '../types';

/** pkg/scheduler/framework/plugins/noderesources/fit.go and its scoring strategies. */
export const ErrReasonTooManyPods = 'Too many pods';
export const insufficientReason = (name: string): string => `Insufficient ${name}`;

export type ScoringStrategy = NonNullable<SchedulerProfile['scoringStrategy']>;
interface ResourceSpec {
  name: string;
  weight: number;
}
const DEFAULT_RESOURCES: ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];
/** Used when a RequestedToCapacityRatio strategy gives no shape: the LeastAllocated-like line. */
const DEFAULT_SHAPE = [
  { utilization: 0, score: 10 },
  { utilization: 100, score: 0 },
];

/**
 * calculateResourceAllocatableRequest: the node's allocatable and what it would have requested with
 * the pod, written into `out` (scoring runs for every pod on every node: no pair allocated per call).
 * `useRequested` picks real requests (BalancedAllocation) over non-zero ones (Fit scoring). An
 * extended resource the pod doesn't request gives (0, 0): left out of the score.
 */
export function allocatableAndRequest(state: CycleState, node: NodeInfo, name: string, useRequested: boolean, out: AllocatableRequest): AllocatableRequest {
  const pod = state.pod;
  const podRequest = !useRequested && name === 'cpu' ? pod.nonZeroCpu : !useRequested && name === 'memory' ? pod.nonZeroMemory : pod.requests[name] ?? 0;
  out.allocatable = 0;
  out.request = 0;
  if (podRequest === 0 && isScalarResourceName(name)) return out;
  if (name === 'cpu') {
    out.allocatable = node.allocatable.cpu ?? 0;
    out.request = (useRequested ? node.requested.cpu ?? 0 : node.nonZeroCpu) + podRequest;
  } else if (name === 'memory') {
    out.allocatable = node.allocatable.memory ?? 0;
    out.request = (useRequested ? node.requested.memory ?? 0 : node.nonZeroMemory) + podRequest;
  } else if (name === 'ephemeral-storage' || (isScalarResourceName(name) && name in node.allocatable)) {
    out.allocatable = node.allocatable[name] ?? 0;
    out.request = (node.requested[name] ?? 0) + podRequest;
  }
  return out;
}

export interface AllocatableRequest {
  allocatable: number;
  request: number;
}

/** least_allocated.go: the free share of each resource, weighted. */
const leastRequestedScore = (requested: number, capacity: number): number =>
  capacity === 0 || requested > capacity ? 0 : idiv((capacity - requested) * MAX_NODE_SCORE, capacity);
/** most_allocated.go: the used share, a request above capacity counting as full. */
const mostRequestedScore = (requested: number, capacity: number): number => (capacity === 0 ? 0 : idiv(Math.min(requested, capacity) * MAX_NODE_SCORE, capacity));

/** requested_to_capacity_ratio.go: a broken-line function of utilization; shape scores 0–10 scaled to 0–100. */
function brokenLinear(shape: Array<{ utilization: number; score: number }>): (p: number) => number {
  const points = shape.map((s) => ({ utilization: s.utilization, score: s.score * (MAX_NODE_SCORE / 10) }));
  return (p) => {
    for (let i = 0; i < points.length; i++) {
      if (p <= points[i].utilization) {
        if (i === 0) return points[0].score;
        const a = points[i - 1];
        const b = points[i];
        return a.score + idiv((b.score - a.score) * (p - a.utilization), b.utilization - a.utilization);
      }
    }
    return points[points.length - 1].score;
  };
}

export function nodeResourcesFit(strategy: ScoringStrategy | undefined): Plugin {
  const type = strategy?.type ?? 'LeastAllocated';
  const resources: ResourceSpec[] = strategy?.resources?.length ? strategy.resources : DEFAULT_RESOURCES;
  const shape = brokenLinear(strategy?.requestedToCapacityRatio?.shape?.length ? strategy.requestedToCapacityRatio.shape : DEFAULT_SHAPE);

  const pair: AllocatableRequest = { allocatable: 0, request: 0 };

  function scoreOf(state: CycleState, node: NodeInfo): number {
    let nodeScore = 0;
    let weightSum = 0;
    for (const { name, weight } of resources) {
      const { allocatable, request } = allocatableAndRequest(state, node, name, false, pair);
      if (allocatable === 0) continue;
      if (type === 'RequestedToCapacityRatio') {
        const utilization = request > allocatable ? 100 : idiv(request * 100, allocatable);
        const s = shape(utilization);
        if (s > 0) {
          nodeScore += s * weight;
          weightSum += weight;
        }
        continue;
      }
      nodeScore += (type === 'MostAllocated' ? mostRequestedScore : leastRequestedScore)(request, allocatable) * weight;
      weightSum += weight;
    }
    if (weightSum === 0) return 0;
    return type === 'RequestedToCapacityRatio' ? Math.round(nodeScore / weightSum) : idiv(nodeScore, weightSum);
  }

  return {
    name: 'NodeResourcesFit',
    filter(state, node) {
      // Allocated on the first reason only: Filter runs for every pod on every node, and most fit.
      let reasons: string[] | undefined;
      // 1.34+: a request the node could never hold, even empty, is one preemption cannot help.
      let beyondNode = false;
      if (node.pods.length + 1 > node.allowedPodNumber) {
        (reasons ??= []).push(ErrReasonTooManyPods);
        beyondNode ||= node.allowedPodNumber < 1;
      }
      const req = state.pod.requests;
      for (const name in req) {
        if (name !== 'cpu' && name !== 'memory' && name !== 'ephemeral-storage' && !isScalarResourceName(name)) continue;
        const r = req[name];
        if (!(r > 0)) continue;
        const alloc = node.allocatable[name] ?? 0;
        if (r > alloc - (node.requested[name] ?? 0)) {
          (reasons ??= []).push(insufficientReason(name));
          beyondNode ||= r > alloc;
        }
      }
      if (!reasons) return undefined;
      // Upstream checks cpu, memory, ephemeral-storage, then the scalar resources.
      const rank = (s: string) => ['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage'].indexOf(s);
      reasons.sort((a, b) => (rank(a) === -1 ? 4 : rank(a)) - (rank(b) === -1 ? 4 : rank(b)));
      return beyondNode && state.minor >= 34 ? unresolvable(...reasons) : unschedulable(...reasons);
    },
    score: scoreOf,
  };
}
