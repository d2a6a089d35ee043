import type { JsonPath } from '../yaml/nodeAt';
import type { Workload } from '../resources/workloads';
import type { SimulationResult } from '../cluster/simulate';
import { NOT_A_FAILURE, rejectionOf, schedulingByWorkload } from '../cluster/workloadScheduling';
import type { Rename } from '../render/renamed';

/** The Filter plugins that read a pod spec field (its path below the pod spec). */
const PLUGINS_OF: Record<string, string[]> = {
  nodeSelector: ['NodeAffinity'],
  affinity: ['NodeAffinity', 'InterPodAffinity'],
  'affinity.nodeAffinity': ['NodeAffinity'],
  'affinity.podAffinity': ['InterPodAffinity'],
  'affinity.podAntiAffinity': ['InterPodAffinity'],
  tolerations: ['TaintToleration'],
  topologySpreadConstraints: ['PodTopologySpread'],
};

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * On `nodeSelector`, `affinity` (and its node/pod/anti-affinity keys), `tolerations` or
 * `topologySpreadConstraints` of a workload's pod template: each node's verdict of the plugins that
 * read it, for the workload's first pod in the simulation. A node another plugin rejected first
 * says so, since upstream stops at the first failing Filter.
 */
export function schedulingHover(simulation: SimulationResult, workload: Workload, path: JsonPath, rename: Rename = (ref) => ref): string | undefined {
  const inSpec = workload.podSpecPath.every((seg, i) => path[i] === seg);
  const plugins = inSpec ? PLUGINS_OF[path.slice(workload.podSpecPath.length).join('.')] : undefined;
  if (!plugins) return undefined;
  const ref = rename(`${workload.kind}/${workload.namespace}/${workload.name}`);
  const first = schedulingByWorkload(simulation).get(ref)?.pods[0];
  if (!first || first.result.nodes.length === 0) return undefined;
  const columns = plugins.filter((p) => p in first.result.nodes[0].filter);
  if (columns.length === 0) return undefined;
  const verdict = (filter: Record<string, string>, plugin: string, earlier: { plugin: string; reason: string } | undefined): string => {
    const v = filter[plugin];
    if (v === 'passed') return 'matches';
    if (v === 'skipped') return 'matches (nothing to check)';
    if (v === 'not run') return earlier ? `not checked: ${earlier.plugin} rejected the node first (${earlier.reason})` : 'not checked';
    return v === 'not evaluated' ? 'not evaluated' : `no: ${v}`;
  };
  const rows = first.result.nodes.map((n) => {
    const earlier = rejectionOf(n);
    return `| ${n.node} | ${columns.map((p) => cell(verdict(n.filter, p, earlier))).join(' | ')} |`;
  });
  const total = first.result.nodes.length;
  const passing = columns.map((p) => {
    const verdicts = first.result.nodes.map((n) => n.filter[p]);
    const group = (label: string, accept: (v: string) => boolean): string[] => {
      const nodes = first.result.nodes.filter((n, i) => accept(verdicts[i])).map((n) => n.node);
      return nodes.length ? [`${nodes.length} ${label} (${nodes.join(', ')})`] : [];
    };
    const parts = [
      ...group(total === 1 ? 'matches' : 'match', (v) => v === 'passed' || v === 'skipped'),
      ...group('rejected', (v) => !NOT_A_FAILURE.has(v)),
      ...group('not checked', (v) => v === 'not run'),
      ...group('not evaluated', (v) => v === 'not evaluated'),
    ];
    return `${p} on ${total} node${total === 1 ? '' : 's'}: ${parts.join(', ')}`;
  });
  const where = first.result.node ? `scheduled on ${first.result.node}` : 'unschedulable';
  return [
    `**kube-scheduler**, simulated for pod \`${first.pod}\` (${where}): ${passing.join('; ')}`,
    [`| node | ${columns.join(' | ')} |`, `|---|${columns.map(() => '---|').join('')}`, ...rows].join('\n'),
  ].join('\n\n');
}
