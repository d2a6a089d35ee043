import { obj } from '../../model/obj';
import { MAX_NODE_SCORE, unresolvable, unschedulable, type CycleState, type Plugin } from '../framework';
import { labelKeyRequirements, labelSelector, selectorOf, type Requirement, type Selector } from '../labels';
import type { NodeInfo } from '../nodeInfo';
import { matchesRequiredNodeAffinity } from '../nodeSelector';
import type { PodInfo } from '../podInfo';
import type { SchedulerSnapshot } from '../snapshot';
import { blocksScheduling, findUntoleratedTaint } from '../taints';

/** pkg/scheduler/framework/plugins/podtopologyspread/{filtering,scoring,common}.go */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;
const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const MAX_INT32 = 2147483647;

interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

/** The pod's constraints for one whenUnsatisfiable action, matchLabelKeys merged into the selector. */
function podConstraints(pod: PodInfo, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  const list = pod.spec.topologySpreadConstraints;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const c = obj(raw);
    if (!c || c.whenUnsatisfiable !== action) return [];
    return [
      {
        maxSkew: typeof c.maxSkew === 'number' ? c.maxSkew : 1,
        topologyKey: String(c.topologyKey ?? ''),
        selector: labelSelector(c.labelSelector, labelKeyRequirements(c.matchLabelKeys, pod.labels, 'In')),
        minDomains: typeof c.minDomains === 'number' ? c.minDomains : 1,
        nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
        nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
      },
    ];
  });
}

/**
 * helper.DefaultSelector: the Services, ReplicationControllers, ReplicaSets and StatefulSets selecting
 * the pod, their selectors ANDed. Empty when nothing selects the pod.
 */
export function defaultSelector(pod: PodInfo, snapshot: SchedulerSnapshot): Requirement[] {
  const reqs: Requirement[] = [];
  for (const kind of ['Service', 'ReplicationController', 'ReplicaSet', 'StatefulSet']) {
    for (const r of snapshot.selectorsSelecting(kind, pod.namespace, pod.labels)) reqs.push(...r);
  }
  return reqs;
}

/** The pod's labels as one string: pods of one workload share it, and with it their default selector. */
const labelsKey = (labels: Record<string, string>): string => {
  let key = '';
  for (const k of Object.keys(labels).sort()) key += `${k}=${labels[k]}\u0000`;
  return key;
};

/**
 * The system default constraints (defaults.go), used for scoring a pod that has none. They depend
 * only on the pod's namespace and labels and on the selecting objects: computed once per workload.
 */
function systemDefaultConstraints(pod: PodInfo, snapshot: SchedulerSnapshot): Constraint[] {
  return snapshot.memo(`systemDefaultConstraints\u0000${pod.namespace}\u0000${labelsKey(pod.labels)}`, () => {
    const reqs = defaultSelector(pod, snapshot);
    if (reqs.length === 0) return [];
    const base = { selector: selectorOf(reqs), minDomains: 1, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Ignore' };
    return [
      { ...base, maxSkew: 3, topologyKey: LABEL_HOSTNAME },
      { ...base, maxSkew: 5, topologyKey: 'topology.kubernetes.io/zone' },
    ];
  });
}

const hasAllKeys = (node: NodeInfo, constraints: Constraint[]) => constraints.every((c) => c.topologyKey in node.labels);

/** MatchNodeInclusionPolicies: nodeAffinityPolicy Honor (default) and nodeTaintsPolicy Honor filter the nodes counted. */
function includesNode(c: Constraint, pod: PodInfo, node: NodeInfo): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !matchesRequiredNodeAffinity(pod.nodeAffinity, node.labels, node.name)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.taints, pod.tolerations, blocksScheduling)) return false;
  return true;
}

/**
 * countPodsMatchSelector: the bound pods of the pod's namespace the constraint selects, not terminating.
 * Consecutive constraints sharing a selector (the two system defaults) share the list within a cycle.
 */
function matchingPods(state: CycleState, c: Constraint): PodInfo[] {
  const last = state.data.get('PodTopologySpread/matching') as { selector: Selector; pods: PodInfo[] } | undefined;
  if (last?.selector === c.selector) return last.pods;
  const pods = state.snapshot.podsMatching(state.pod.namespace, c.selector).filter((p) => !p.terminating && !state.removed.has(p));
  state.data.set('PodTopologySpread/matching', { selector: c.selector, pods });
  return pods;
}

interface FilterState {
  constraints: Constraint[];
  matchNum: Array<Map<string, number>>;
}

/** The nodes Score leaves out (lacking a key of the pod's own constraints), and per constraint the domains of the others (none for hostname: counted per node). */
interface ScoredDomains {
  ignored: Set<string>;
  values: string[][];
}

function scoredDomains(nodes: NodeInfo[], constraints: Constraint[], requireAll: boolean): ScoredDomains {
  const ignored = new Set<string>();
  const values = constraints.map(() => new Set<string>());
  for (const node of nodes) {
    if (requireAll && !hasAllKeys(node, constraints)) {
      ignored.add(node.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const key = constraints[i].topologyKey;
      if (key !== LABEL_HOSTNAME) values[i].add(node.labels[key] ?? '');
    }
  }
  return { ignored, values: values.map((s) => [...s]) };
}

/** The same over every node of the cluster (when every node passed Filter): the same for each pod with these keys. */
function clusterDomains(snapshot: SchedulerSnapshot, constraints: Constraint[], requireAll: boolean): ScoredDomains {
  return snapshot.memo(`PodTopologySpread/domains\u0000${requireAll}\u0000${constraints.map((c) => c.topologyKey).join('\u0000')}`, () => scoredDomains(snapshot.nodes, constraints, requireAll));
}

interface ScoreState {
  constraints: Constraint[];
  ignored: Set<string>;
  /** Per constraint: matching pods per domain (per node name for kubernetes.io/hostname). */
  counts: Array<Map<string, number>>;
  weights: number[];
}


export const PodTopologySpread: Plugin = {
  name: 'PodTopologySpread',
  preFilter(state) {
    const constraints = podConstraints(state.pod, 'DoNotSchedule');
    if (constraints.length === 0) return { skip: true };
    const matchNum = constraints.map(() => new Map<string, number>());
    // Every domain of a node carrying all the keys exists, even with no matching pod (it sets the minimum).
    for (const node of state.snapshot.nodes) {
      if (!hasAllKeys(node, constraints)) continue;
      constraints.forEach((c, i) => {
        const v = node.labels[c.topologyKey];
        if (includesNode(c, state.pod, node) && !matchNum[i].has(v)) matchNum[i].set(v, 0);
      });
    }
    constraints.forEach((c, i) => {
      for (const p of matchingPods(state, c)) {
        const node = state.snapshot.nodeByName.get(p.nodeName);
        if (!node || !hasAllKeys(node, constraints) || !includesNode(c, state.pod, node)) continue;
        const v = node.labels[c.topologyKey];
        matchNum[i].set(v, (matchNum[i].get(v) ?? 0) + 1);
      }
    });
    state.data.set('PodTopologySpread/filter', { constraints, matchNum } satisfies FilterState);
    return undefined;
  },
  // Filter: matching pods in the node's domain + 1 if the pod matches itself − the global minimum ≤ maxSkew.
  filter(state, node) {
    const s = state.data.get('PodTopologySpread/filter') as FilterState;
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = node.labels[c.topologyKey];
      if (v === undefined) return unresolvable(ErrReasonNodeLabelNotMatch);
      let min = MAX_INT32;
      for (const n of s.matchNum[i].values()) if (n < min) min = n;
      if (s.matchNum[i].size < c.minDomains) min = 0;
      const self = c.selector.matches(state.pod.labels) ? 1 : 0;
      if ((s.matchNum[i].get(v) ?? 0) + self - min > c.maxSkew) return unschedulable(ErrReasonConstraintsNotMatch);
    }
    return undefined;
  },
  preScore(state, nodes) {
    const own = Array.isArray(state.pod.spec.topologySpreadConstraints) && state.pod.spec.topologySpreadConstraints.length > 0;
    const constraints = own ? podConstraints(state.pod, 'ScheduleAnyway') : systemDefaultConstraints(state.pod, state.snapshot);
    if (constraints.length === 0) return false;
    // With the system defaults, nodes lacking a key are still scored.
    const requireAll = own;
    const domains = nodes.length === state.snapshot.nodes.length ? clusterDomains(state.snapshot, constraints, requireAll) : scoredDomains(nodes, constraints, requireAll);
    const ignored = domains.ignored;
    const countsByDomain = domains.values.map((values) => new Map(values.map((v) => [v, 0])));
    const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? nodes.length - ignored.size : countsByDomain[i].size) + 2));
    constraints.forEach((c, i) => {
      for (const p of matchingPods(state, c)) {
        const node = state.snapshot.nodeByName.get(p.nodeName);
        if (!node || (requireAll && !hasAllKeys(node, constraints))) continue;
        if (c.topologyKey === LABEL_HOSTNAME) {
          // Counted per node, whatever the node inclusion policies say (upstream counts node.Pods in Score).
          countsByDomain[i].set(node.name, (countsByDomain[i].get(node.name) ?? 0) + 1);
          continue;
        }
        if (!includesNode(c, state.pod, node)) continue;
        const v = node.labels[c.topologyKey] ?? '';
        const n = countsByDomain[i].get(v);
        if (n !== undefined) countsByDomain[i].set(v, n + 1);
      }
    });
    state.data.set('PodTopologySpread/score', { constraints, ignored, counts: countsByDomain, weights } satisfies ScoreState);
    return true;
  },
  // Score: Σ matching pods in the node's domain × ln(domains + 2) + (maxSkew − 1), rounded; lower is better.
  score(state, node) {
    const s = state.data.get('PodTopologySpread/score') as ScoreState;
    if (s.ignored.has(node.name)) return 0;
    let score = 0;
    // A loop, not forEach: Score runs for every pod on every node, and a closure would be allocated each time.
    for (let i = 0; i < s.constraints.length; i++) {
      const c = s.constraints[i];
      const v = node.labels[c.topologyKey];
      if (v === undefined) continue;
      const cnt = s.counts[i].get(c.topologyKey === LABEL_HOSTNAME ? node.name : v) ?? 0;
      score += cnt * s.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalizeScore(state, scores, nodes) {
    const s = state.data.get('PodTopologySpread/score') as ScoreState;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    nodes.forEach((n, i) => {
      if (s.ignored.has(n.name)) return;
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    });
    nodes.forEach((n, i) => {
      if (s.ignored.has(n.name)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.trunc((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    });
  },
};
