import type { SimulateRun } from './simulateCommand';

/** One pod the scheduler considered, as `kubeplan schedule --format json` prints it. */
export interface PodSchedule {
  pod: string;
  /** The controller owning the pod (`ReplicaSet/web-5d8f…`), null for a bare Pod. */
  owner: string | null;
  node: string | null;
  message: string | null;
  tie: string[] | null;
  nominatedNode: string | null;
  victims: string[] | null;
  nodes: Array<{ node: string; filter: Record<string, string>; scores: Record<string, number>; finalScores: Record<string, number>; total: number }>;
}

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every pod of the simulation the scheduler tried, in the order it tried them. */
export function scheduleReport(run: SimulateRun): PodSchedule[] {
  const pods = new Map((run.result.objects.filter((o) => o.kind === 'Pod') as O[]).map((p) => [`Pod/${p.metadata?.namespace}/${p.metadata?.name}`, p]));
  const out: PodSchedule[] = [];
  for (const [ref, r] of run.result.scheduling) {
    const pod = pods.get(ref);
    const refs: O[] = Array.isArray(pod?.metadata?.ownerReferences) ? pod!.metadata.ownerReferences : [];
    const owner = refs.find((o) => o.controller === true) ?? refs[0];
    out.push({
      pod: ref.slice('Pod/'.length),
      owner: owner ? `${owner.kind}/${owner.name}` : null,
      node: r.node,
      message: r.message ?? null,
      tie: r.tie ?? null,
      nominatedNode: r.nominatedNode ?? null,
      victims: r.victims ?? null,
      nodes: r.nodes.map((n) => ({ node: n.node, filter: n.filter, scores: n.scores, finalScores: n.finalScores, total: n.total })),
    });
  }
  return out;
}

export const formatScheduleJson = (pods: PodSchedule[]): string => JSON.stringify({ pods }, null, 2) + '\n';

/** Verdicts that are not a node's rejection. */
const NOT_A_FAILURE = new Set(['passed', 'not run', 'skipped', 'not evaluated']);

/**
 * One line per pod; under an unschedulable pod, each node with the filter plugin that rejected it;
 * then the totals.
 */
export function formatScheduleText(pods: PodSchedule[]): string {
  const lines: string[] = [];
  for (const p of pods) {
    if (p.node) {
      lines.push(`${p.pod} → ${p.node}${p.tie && p.tie.length > 1 ? ` (tie: ${p.tie.join(', ')})` : ''}`);
      continue;
    }
    lines.push(`${p.pod}: unschedulable: ${p.message ?? ''}`);
    if (p.nominatedNode) lines.push(`  nominated to ${p.nominatedNode}, preempting ${(p.victims ?? []).join(', ') || 'nothing'}`);
    const rows = p.nodes.map((n) => {
      const failed = Object.entries(n.filter).find(([, v]) => !NOT_A_FAILURE.has(v));
      return failed ? [n.node, failed[0], failed[1]] : [n.node, '', 'passed'];
    });
    if (rows.length) {
      const w0 = Math.max(4, ...rows.map((r) => r[0].length)) + 2;
      const w1 = Math.max(6, ...rows.map((r) => r[1].length)) + 2;
      for (const r of [['NODE', 'FILTER', 'REASON'], ...rows]) lines.push(`  ${r[0].padEnd(w0)}${r[1].padEnd(w1)}${r[2]}`.trimEnd());
    }
  }
  const unschedulable = pods.filter((p) => !p.node).length;
  lines.push(`${pods.length} pod${pods.length === 1 ? '' : 's'}: ${pods.length - unschedulable} scheduled, ${unschedulable} unschedulable`);
  return lines.join('\n') + '\n';
}
