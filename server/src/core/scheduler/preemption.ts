import { unresolvable, type CycleState, type Status } from './framework';
import { fitErrorMessage } from './fitError';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import type { Profile } from './registry';
import { runFilters, runPreFilter } from './runtime';

/**
 * DefaultPreemption's PostFilter (pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go,
 * pkg/scheduler/framework/preemption/preemption.go): on each node whose rejection is resolvable, remove
 * every lower-priority pod; if the pod then fits, give back as many as possible (most important first).
 * PodDisruptionBudgets and pod start times are not modelled; the final tie is broken by node name.
 */
export const ErrPreemptionNotHelpful = 'Preemption is not helpful for scheduling';
export const ErrNoVictims = 'No preemption victims found for incoming pod';
export const ErrPreemptionPolicyNever = 'not eligible due to preemptionPolicy=Never.';

export interface PreemptionOutcome {
  /** The PostFilter message (`preemption: …`) when no node can be freed. */
  message?: string;
  nominatedNode?: string;
  victims?: PodInfo[];
}

function fitsWithout(state: CycleState, profile: Profile, node: NodeInfo, removed: Set<PodInfo>): Status | undefined {
  const dryRun: CycleState = { ...state, removed, data: new Map() };
  const pre = runPreFilter(dryRun, profile.filters);
  if (pre.failed) return pre.failed.status;
  return runFilters(dryRun, profile.filters, pre, node.withPods(node.pods.filter((p) => !removed.has(p))))?.status;
}

/** SelectVictimsOnNode: the victims, or why the node cannot be freed. */
function selectVictimsOnNode(state: CycleState, profile: Profile, node: NodeInfo): { victims: PodInfo[] } | { status: Status } {
  const lower = node.pods.filter((p) => p.priority < state.pod.priority);
  if (lower.length === 0) return { status: unresolvable(ErrNoVictims) };
  const removed = new Set(lower);
  const status = fitsWithout(state, profile, node, removed);
  if (status) return { status };
  const victims: PodInfo[] = [];
  for (const p of [...lower].sort((a, b) => b.priority - a.priority)) {
    removed.delete(p);
    if (fitsWithout(state, profile, node, removed)) {
      removed.add(p);
      victims.push(p);
    }
  }
  return { victims };
}

/** pickOneNodeForPreemption without PDBs: lowest top victim priority, lowest priority sum, fewest victims, then name. */
function pickOne(candidates: Array<{ node: NodeInfo; victims: PodInfo[] }>) {
  const key = (c: { victims: PodInfo[] }) => [c.victims[0]?.priority ?? 0, c.victims.reduce((s, p) => s + p.priority + 2147483648, 0), c.victims.length];
  return [...candidates].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0;
  })[0];
}

export function defaultPreemption(state: CycleState, profile: Profile, statuses: Map<NodeInfo, Status>): PreemptionOutcome {
  if (state.pod.spec.preemptionPolicy === 'Never') return { message: `preemption: ${ErrPreemptionPolicyNever}` };
  const nodeStatuses: Status[] = [];
  const candidates: Array<{ node: NodeInfo; victims: PodInfo[] }> = [];
  for (const node of state.snapshot.nodes) {
    if (statuses.get(node)?.code !== 'Unschedulable') continue;
    const r = selectVictimsOnNode(state, profile, node);
    if ('status' in r) nodeStatuses.push(r.status);
    else candidates.push({ node, victims: r.victims });
  }
  if (candidates.length === 0) {
    // Nodes left out of the dry run (unresolvable rejections) count as "not helpful".
    const absent = state.snapshot.nodes.length - nodeStatuses.length;
    for (let i = 0; i < absent; i++) nodeStatuses.push(unresolvable(ErrPreemptionNotHelpful));
    return { message: `preemption: ${fitErrorMessage(state.snapshot.nodes.length, nodeStatuses)}` };
  }
  const best = pickOne(candidates);
  return { nominatedNode: best.node.name, victims: best.victims };
}
