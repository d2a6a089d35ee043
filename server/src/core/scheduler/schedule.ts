import { obj, type Obj } from '../model/obj';
import { unresolvable, type CycleState, type Status } from './framework';
import { minorOf } from '../versions';
import { ErrNoNodesAvailable, fitErrorMessage } from './fitError';
import type { NodeInfo } from './nodeInfo';
import { NoNewClaimsToDeallocate } from './plugins/DynamicResources';
import type { PodInfo } from './podInfo';
import { defaultPreemption } from './preemption';
import { buildProfile, type Profile } from './registry';
import { runFilters, runPreFilter, type PreFilterOutcome } from './runtime';
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
  // One row per node looked at: its filter column, and where it is among the feasible nodes (-1: none).
  const rows: Row[] = [];
  const columns: Array<{ name: string; raw: number[]; final: number[] }> = [];
  // The weighted total per feasible node, sized once they are known (a typed array: summed for every pod on every node).
  let totals = new Float64Array(0);
  const result = (fields: Omit<ScheduleResult, 'nodes'>): ScheduleResult =>
    fields.node && options.nodeReports === 'unschedulable' ? { ...fields, ...extra, nodes: [] } : withLazyNodes({ ...fields, ...extra }, rows, columns, totals);

  if (pre.failed) {
    for (const node of snapshot.nodes) {
      statuses.set(node, pre.failed.status);
      rows.push({ node, feasible: -1, filter: Object.fromEntries(profile.filters.map((p) => [p.name, p.name === pre.failed!.plugin ? pre.failed!.status.reasons.join(', ') : 'not run'])) });
    }
    return result(unschedulable(state, profile, statuses, pre.failed.status.reasons.join(', ')));
  }

  // Without reports for scheduled pods, a rejected node's row is written only once no node passed,
  // and the score columns are not kept.
  const allReports = options.nodeReports !== 'unschedulable';
  const candidates = pre.nodeNames ? snapshot.nodes.filter((n) => pre.nodeNames!.has(n.name)) : snapshot.nodes;
  const feasible: NodeInfo[] = [];
  if (candidates.length) {
    const toFind = numFeasibleNodesToFind(profile.percentageOfNodesToScore, candidates.length);
    const start = snapshot.nextStartNodeIndex % candidates.length;
    let processed = 0;
    // Every node that passes has the same filter column: one shared record, not one per node.
    let passed: Record<string, string> | undefined;
    const rejected: NodeInfo[] = [];
    const rejectedRow = (node: NodeInfo): Row => {
      const filter: Record<string, string> = {};
      runFilters(state, profile.filters, pre, node, filter);
      return { node, filter, feasible: -1 };
    };
    for (; processed < candidates.length && feasible.length < toFind; processed++) {
      const node = candidates[(start + processed) % candidates.length];
      const failed = runFilters(state, profile.filters, pre, node);
      if (failed) {
        statuses.set(node, failed.status);
        if (allReports) rows.push(rejectedRow(node));
        else rejected.push(node);
      } else {
        if (allReports) rows.push({ node, filter: (passed ??= passedColumn(profile, pre)), feasible: feasible.length });
        feasible.push(node);
      }
    }
    if (feasible.length === 0) for (const node of rejected) rows.push(rejectedRow(node));
    snapshot.nextStartNodeIndex = (start + processed) % candidates.length;
  }

  if (feasible.length === 0) {
    // Nodes outside a PreFilterResult are rejected by the plugins that narrowed the set.
    const reason = unresolvable(`node(s) didn't satisfy plugin(s) [${pre.nodeNamesPlugins.join(' ')}]`);
    for (const node of snapshot.nodes) {
      if (statuses.has(node)) continue;
      statuses.set(node, reason);
      rows.push({ node, feasible: -1, filter: Object.fromEntries(profile.filters.map((p) => [p.name, pre.nodeNamesPlugins.includes(p.name) ? reason.reasons[0] : 'not run'])) });
    }
    return result(unschedulable(state, profile, statuses));
  }
  if (feasible.length === 1) return result({ node: feasible[0].name });

  const skippedScores: string[] = [];
  totals = new Float64Array(feasible.length);
  for (const { plugin, weight } of profile.scores) {
    if (!plugin.score || (plugin.preScore && !plugin.preScore(state, feasible))) {
      skippedScores.push(plugin.name);
      continue;
    }
    const raw = feasible.map((n) => plugin.score!(state, n));
    // Normalized in a copy, then weighted in place: the raw and final columns are what the reports show.
    const final = allReports ? raw.slice() : raw;
    plugin.normalizeScore?.(state, final, feasible);
    for (let i = 0; i < final.length; i++) {
      final[i] *= weight;
      totals[i] += final[i];
    }
    if (allReports) columns.push({ name: plugin.name, raw, final });
  }
  // Upstream picks at random among the best totals; we take the first by node name and say so.
  let best = -Infinity;
  for (const t of totals) best = Math.max(best, t);
  const top: string[] = [];
  for (let i = 0; i < feasible.length; i++) if (totals[i] === best) top.push(feasible[i].name);
  top.sort(byName);
  return result({ node: top[0], ...(top.length > 1 ? { tie: top } : {}), ...(skippedScores.length ? { skippedScores } : {}) });
}

/** Filter columns of nodes that passed, by profile and the PreFilter skips: pods of one workload share one. */
const passedColumns = new WeakMap<Profile, Map<string, Record<string, string>>>();

function passedColumn(profile: Profile, pre: PreFilterOutcome): Record<string, string> {
  let byOutcome = passedColumns.get(profile);
  if (!byOutcome) passedColumns.set(profile, (byOutcome = new Map()));
  const verdict = (name: string) => (pre.skipped.has(name) ? 'skipped' : pre.notEvaluated.has(name) ? 'not evaluated' : 'passed');
  let key = '';
  for (const p of profile.filters) key += verdict(p.name)[0];
  let column = byOutcome.get(key);
  if (!column) {
    column = Object.fromEntries(profile.filters.map((p) => [p.name, verdict(p.name)]));
    byOutcome.set(key, column);
  }
  return column;
}

interface Row {
  node: NodeInfo;
  filter: Record<string, string>;
  /** Index among the feasible nodes, -1 when a filter rejected it. */
  feasible: number;
}

/**
 * Gives a result its per-node reports on first read (the CLI, the Explain panel; a simulation of
 * thousands of pods never reads most of them), and keeps them. An enumerable property, so JSON and
 * spreads see it. A function of its own, so that what the getter keeps alive is only the rows and
 * scores, not the scheduling cycle's state.
 */
function withLazyNodes(fields: Omit<ScheduleResult, 'nodes'>, rows: Row[], columns: Array<{ name: string; raw: number[]; final: number[] }>, totals: Float64Array): ScheduleResult {
  const out = fields as ScheduleResult;
  Object.defineProperty(out, 'nodes', {
    enumerable: true,
    configurable: true,
    get() {
      const nodes = rows.map(({ node, filter, feasible: i }) => {
        const r: NodeReport = { node: node.name, filter, scores: {}, finalScores: {}, total: i >= 0 ? (totals[i] ?? 0) : 0 };
        if (i >= 0) for (const c of columns) ((r.scores[c.name] = c.raw[i]), (r.finalScores[c.name] = c.final[i]));
        return r;
      });
      Object.defineProperty(out, 'nodes', { value: nodes, enumerable: true, writable: true, configurable: true });
      return nodes;
    },
  });
  return out;
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
