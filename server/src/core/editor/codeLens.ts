import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import { describeResourceList } from '../resources/resourceList';
import { fileWorkloads } from '../workspace/fileWorkloads';
import type { WorkloadResources } from '../resources/workloadResources';
import type { SimulationResult } from '../cluster/simulate';
import type { Rollout } from '../cluster/plan';
import { podsWord, schedulingByWorkload, type WorkloadScheduling } from '../cluster/workloadScheduling';
import type { RenderedView } from '../render/renamed';

export interface CodeLens {
  range: Range;
  title: string;
  /** The workload (`Kind/namespace/name`) whose scheduling the lens explains when clicked. */
  explain?: string;
}

/** `requests cpu 3, memory 3Gi · limits cpu 3, memory 3Gi · Guaranteed · ×2 replicas = cpu 6, memory 6Gi` */
export function resourcesLensTitle(r: WorkloadResources): string {
  if (!Array.isArray(r.workload.podSpec.containers)) return `requests: cannot compute: ${r.uncounted[0]}`;
  const requests = r.pod.requests.size ? `requests ${describeResourceList(r.pod.requests)}` : 'requests none';
  const limits = r.pod.limits.size ? `limits ${describeResourceList(r.pod.limits)}` : 'limits none';
  const replicas = r.workload.replicas;
  let scale = '';
  if (replicas === undefined) scale = ' · one pod per node';
  else if (r.workload.kind !== 'Pod') {
    const word = r.workload.kind === 'Job' || r.workload.kind === 'CronJob' ? 'in parallel' : replicas === 1 ? 'replica' : 'replicas';
    scale = ` · ×${replicas} ${word}` + (r.totalRequests?.size && replicas !== 1 ? ` = ${describeResourceList(r.totalRequests)}` : '');
  }
  const defaults = r.limitRangeDefaults.length ? ` · LimitRanger sets ${r.limitRangeDefaults.length} default${r.limitRangeDefaults.length === 1 ? '' : 's'}` : '';
  const missing = r.uncounted.length ? ` · not counted: ${r.uncounted.join('; ')}` : '';
  return `${requests} · ${limits} · ${r.qosClass}${scale}${defaults}${missing}`;
}

/**
 * Above each workload's kind: its resources, then, given the workspace's simulation, where
 * kube-scheduler puts its pods (none until the simulation has seen the workload). `rendered`: the
 * objects the simulation has for this file's, when a kustomize overlay renders them (renamed, patched).
 */
export function codeLenses(analyzer: Analyzer, text: string, defaultNamespace = 'default', kubernetesVersion?: string, simulation?: SimulationResult, rendered?: RenderedView): CodeLens[] {
  const scheduling = simulation && schedulingByWorkload(simulation);
  const rename = rendered?.rename ?? ((ref: string) => ref);
  const renderedResources = new Map<string, WorkloadResources>();
  for (const t of rendered?.texts ?? []) for (const w of fileWorkloads(analyzer, t, defaultNamespace, kubernetesVersion)) renderedResources.set(refOf(w.resources), w.resources);
  return fileWorkloads(analyzer, text, defaultNamespace, kubernetesVersion).flatMap((w) => {
    const ref = rename(refOf(w.resources));
    // What the overlay applies (its patches, its replicas: entry), when the file is part of one.
    const lenses: CodeLens[] = [{ range: w.kindRange, title: resourcesLensTitle(renderedResources.get(ref) ?? w.resources) }];
    const placed = scheduling?.get(ref);
    if (placed) lenses.push({ range: w.kindRange, title: schedulingLensTitle(placed), explain: placed.workload });
    const rollout = simulation && rolloutOfUpdate(simulation, ref);
    if (rollout) lenses.push({ range: w.kindRange, title: rolloutLensTitle(rollout) });
    return lenses;
  });
}

/** The rollout of a workload the apply updates (a created one's pods are the scheduling lens's). */
function rolloutOfUpdate(simulation: SimulationResult, ref: string): Rollout | undefined {
  const rollout = simulation.rollouts.get(ref);
  return rollout && simulation.changes.some((c) => c.object === ref && c.action === 'update') ? rollout : undefined;
}

/** `~ rollout: 4 steps, completes` or `rollout stalls at step 2: 0/4 nodes are available: 3 Insufficient cpu.` */
export function rolloutLensTitle(r: Rollout): string {
  return r.completes ? `~ rollout: ${r.steps.length} step${r.steps.length === 1 ? '' : 's'}, completes` : `rollout stalls at step ${r.stalledAtStep}: ${r.reason}`;
}

const refOf = (r: WorkloadResources): string => `${r.workload.kind}/${r.workload.namespace}/${r.workload.name}`;

/** Nodes in the order pods went there, `×n` when several pods went to the same node. */
function nodeList(nodes: string[]): string {
  const counts = new Map<string, number>();
  for (const n of nodes) counts.set(n, (counts.get(n) ?? 0) + 1);
  return [...counts].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(', ');
}

/**
 * The scheduling lens: `schedulable: 3/3 replicas → worker-1, worker-2, worker-3` when every pod
 * was bound, else `2/3 replicas schedulable — Explain`.
 */
function schedulingLensTitle(s: WorkloadScheduling): string {
  const kind = s.workload.split('/')[0];
  // A StatefulSet's replicas OrderedReady has not created count as not schedulable yet.
  const total = s.pods.length + (s.waiting?.pods.length ?? 0);
  const bound = s.pods.filter((p) => p.result.node).map((p) => p.result.node!);
  if (bound.length === total) return `schedulable: ${total}/${total} ${podsWord(kind, total)} → ${nodeList(bound)}`;
  return `${bound.length}/${total} ${podsWord(kind, total)} schedulable — Explain`;
}
