import { obj, type Obj } from '../model/obj';
import { minorOf, unresolvable, type CycleState, type Status } from './framework';
import { ErrNoNodesAvailable, fitErrorMessage } from './fitError';
import type { NodeInfo } from './nodeInfo';
import { NoNewClaimsToDeallocate } from './plugins/DynamicResources';
import type { PodInfo } from './podInfo';
import { defaultPreemption } from './preemption';
import { buildProfile, type Profile } from './registry';
import { runFilters, runPreFilter } from './runtime';
import type { SchedulerSnapshot } from './snapshot';
import type { NodeReport, ScheduleOptions, ScheduleResult } from './types';

/** The PodScheduled condition's message for a gated pod (pkg/registry/core/pod/strategy.go). */
export const SchedulingGatedMessage = 'Scheduling is blocked due to non-empty scheduling gates';

/** numFeasibleNodesToFind (schedule_one.go): below 100 nodes, all; else a share, at least 100. */
export function numFeasibleNodesToFind(percentage: number | undefined, numAllNodes: number): number {
  if (numAllNodes < 100) return numAllNodes;
  let p = percentage ?? 0;
  if (p <= 0) p = Math.max(5, 50 - Math.trunc(numAllNodes / 125));
  return Math.max(100, Math.trunc((numAllNodes * Math.min(p, 100)) / 100));
}

const podKey = (p: PodInfo) => `${p.namespace}/${p.name}`;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One scheduling cycle of the default profile for `pod` (schedule_one.go: schedulePod, then
 * PostFilter when no node fits). The snapshot is only read, except for the rotating start index.
 */
export function schedulePod(pod: Obj, snapshot: SchedulerSnapshot, options: ScheduleOptions): ScheduleResult {
  const spec = obj(pod.spec) ?? {};
  // NodeName semantics: a pod naming its node is bound already and never scheduled.
  if (typeof spec.nodeName === 'string' && spec.nodeName) return { node: spec.nodeName, nodes: [] };
  const gates = Array.isArray(spec.schedulingGates) ? spec.schedulingGates.map((g) => String(obj(g)?.name ?? '')) : [];
  if (gates.length) return { node: null, message: SchedulingGatedMessage, schedulingGates: gates, nodes: [] };
  if (snapshot.nodes.length === 0) return { node: null, message: ErrNoNodesAvailable, nodes: [] };

  const minor = minorOf(options.kubernetesVersion);
  const profile = buildProfile(options.profile, minor);
  const state: CycleState = { pod: snapshot.podInfo(pod), snapshot, minor, removed: new Set(), data: new Map() };
  const pre = runPreFilter(state, profile.filters);
  const notEvaluated = [...pre.notEvaluated].map(([plugin, why]) => `${plugin}: ${why}`);
  const extra = notEvaluated.length ? { notEvaluated } : {};
  const statuses = new Map<NodeInfo, Status>();
  const reports: NodeReport[] = [];
  const report = (node: NodeInfo, filter: Record<string, string>): NodeReport => {
    const r = { node: node.name, filter, scores: {}, finalScores: {}, total: 0 };
    reports.push(r);
    return r;
  };

  if (pre.failed) {
    for (const node of snapshot.nodes) {
      statuses.set(node, pre.failed.status);
      report(node, Object.fromEntries(profile.filters.map((p) => [p.name, p.name === pre.failed!.plugin ? pre.failed!.status.reasons.join(', ') : 'not run'])));
    }
    return { ...unschedulable(state, profile, statuses, pre.failed.status.reasons.join(', ')), nodes: reports, ...extra };
  }

  const candidates = pre.nodeNames ? snapshot.nodes.filter((n) => pre.nodeNames!.has(n.name)) : snapshot.nodes;
  const feasible: NodeInfo[] = [];
  const feasibleReports: NodeReport[] = [];
  if (candidates.length) {
    const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, candidates.length);
    const start = snapshot.nextStartNodeIndex % candidates.length;
    let processed = 0;
    // Every node that passes has the same filter column: one shared record, not one per node.
    let passed: Record<string, string> | undefined;
    for (; processed < candidates.length && feasible.length < toFind; processed++) {
      const node = candidates[(start + processed) % candidates.length];
      const failed = runFilters(state, profile.filters, pre, node);
      if (failed) {
        const filter: Record<string, string> = {};
        runFilters(state, profile.filters, pre, node, filter);
        report(node, filter);
        statuses.set(node, failed.status);
      } else {
        passed ??= Object.fromEntries(profile.filters.map((p) => [p.name, pre.skipped.has(p.name) ? 'skipped' : pre.notEvaluated.has(p.name) ? 'not evaluated' : 'passed']));
        feasible.push(node);
        feasibleReports.push(report(node, passed));
      }
    }
    snapshot.nextStartNodeIndex = (start + processed) % candidates.length;
  }

  if (feasible.length === 0) {
    // Nodes outside a PreFilterResult are rejected by the plugins that narrowed the set.
    const reason = unresolvable(`node(s) didn't satisfy plugin(s) [${pre.nodeNamesPlugins.join(' ')}]`);
    for (const node of snapshot.nodes) {
      if (statuses.has(node)) continue;
      statuses.set(node, reason);
      report(node, Object.fromEntries(profile.filters.map((p) => [p.name, pre.nodeNamesPlugins.includes(p.name) ? reason.reasons[0] : 'not run'])));
    }
    return { ...unschedulable(state, profile, statuses), nodes: reports, ...extra };
  }
  if (feasible.length === 1) return { node: feasible[0].name, nodes: reports, ...extra };

  const skippedScores: string[] = [];
  for (const { plugin, weight } of profile.scores) {
    if (!plugin.score || (plugin.preScore && !plugin.preScore(state, feasible))) {
      skippedScores.push(plugin.name);
      continue;
    }
    const raw = feasible.map((n) => plugin.score!(state, n));
    const normalized = raw.slice();
    plugin.normalizeScore?.(state, normalized, feasible);
    feasibleReports.forEach((r, i) => {
      r.scores[plugin.name] = raw[i];
      r.finalScores[plugin.name] = normalized[i] * weight;
      r.total += normalized[i] * weight;
    });
  }
  // Upstream picks at random among the best totals; we take the first by node name and say so.
  let best = -Infinity;
  for (const r of feasibleReports) best = Math.max(best, r.total);
  const top = feasibleReports.filter((r) => r.total === best).map((r) => r.node).sort(byName);
  return { node: top[0], nodes: reports, ...(top.length > 1 ? { tie: top } : {}), ...(skippedScores.length ? { skippedScores } : {}), ...extra };
}

/** The FitError, after the PostFilter plugins: DynamicResources (1.34+) then DefaultPreemption. */
function unschedulable(state: CycleState, profile: Profile, statuses: Map<NodeInfo, Status>, preFilterMsg?: string): Omit<ScheduleResult, 'nodes'> {
  const post: string[] = [];
  if (profile.dynamicResources) post.push(NoNewClaimsToDeallocate);
  if (profile.defaultPreemption) {
    const outcome = defaultPreemption(state, profile, statuses);
    if (outcome.nominatedNode) {
      // A successful PostFilter adds no message: the pod waits, nominated, for its victims to go.
      return { node: null, message: fitErrorMessage(statuses.size, statuses.values(), preFilterMsg), nominatedNode: outcome.nominatedNode, victims: outcome.victims!.map(podKey) };
    }
    post.push(outcome.message!);
  }
  return { node: null, message: fitErrorMessage(statuses.size, statuses.values(), preFilterMsg, post.join(', ') || undefined) };
}
