import { MAX_NODE_SCORE, unresolvable, unschedulable, type CycleState, type Plugin } from '../framework';
import type { Labels } from '../labels';
import type { NodeInfo } from '../nodeInfo';
import { termMatchesPod, type AffinityTerm, type PodInfo } from '../podInfo';

/** pkg/scheduler/framework/plugins/interpodaffinity/{filtering,scoring}.go */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
/** InterPodAffinityArgs.hardPodAffinityWeight default. */
const HARD_POD_AFFINITY_WEIGHT = 1;

/** Counts per topology pair `key\0value`. */
type TopologyCounts = Map<string, number>;
const pair = (key: string, value: string) => `${key}\0${value}`;
const bump = (m: TopologyCounts, key: string, value: string) => m.set(pair(key, value), (m.get(pair(key, value)) ?? 0) + 1);

interface FilterState {
  existingAntiAffinityCounts: TopologyCounts;
  affinityCounts: TopologyCounts;
  antiAffinityCounts: TopologyCounts;
}

const live = (state: CycleState, pods: PodInfo[]) => (state.removed.size ? pods.filter((p) => !state.removed.has(p)) : pods);
const allMatch = (terms: AffinityTerm[], pod: PodInfo, ns: Labels) => terms.every((t) => termMatchesPod(t, pod, ns));

function satisfyPodAffinity(state: CycleState, s: FilterState, node: NodeInfo): boolean {
  const terms = state.pod.requiredAffinityTerms;
  let podsExist = true;
  for (const t of terms) {
    const v = node.labels[t.topologyKey];
    if (v === undefined) return false;
    if (!((s.affinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0)) podsExist = false;
  }
  // The first pod of a group with affinity to itself may go anywhere with the topology labels.
  return podsExist || (s.affinityCounts.size === 0 && allMatch(terms, state.pod, state.snapshot.namespaceLabels(state.pod.namespace)));
}

export const InterPodAffinity: Plugin = {
  name: 'InterPodAffinity',
  preFilter(state) {
    const pod = state.pod;
    const existing = live(state, state.snapshot.podsWithRequiredAntiAffinity);
    if (pod.requiredAffinityTerms.length === 0 && pod.requiredAntiAffinityTerms.length === 0 && existing.length === 0) return { skip: true };
    const s: FilterState = { existingAntiAffinityCounts: new Map(), affinityCounts: new Map(), antiAffinityCounts: new Map() };
    const podNamespaceLabels = state.snapshot.namespaceLabels(pod.namespace);
    for (const p of existing) {
      const node = state.snapshot.nodeByName.get(p.nodeName);
      if (!node) continue;
      for (const t of p.requiredAntiAffinityTerms) {
        const v = node.labels[t.topologyKey];
        if (v !== undefined && termMatchesPod(t, pod, podNamespaceLabels)) bump(s.existingAntiAffinityCounts, t.topologyKey, v);
      }
    }
    if (pod.requiredAffinityTerms.length || pod.requiredAntiAffinityTerms.length) {
      for (const p of live(state, state.snapshot.pods)) {
        const node = state.snapshot.nodeByName.get(p.nodeName);
        if (!node) continue;
        const ns = state.snapshot.namespaceLabels(p.namespace);
        // An existing pod counts for affinity only when it matches all the terms.
        if (pod.requiredAffinityTerms.length && allMatch(pod.requiredAffinityTerms, p, ns)) {
          for (const t of pod.requiredAffinityTerms) if (t.topologyKey in node.labels) bump(s.affinityCounts, t.topologyKey, node.labels[t.topologyKey]);
        }
        for (const t of pod.requiredAntiAffinityTerms) {
          if (t.topologyKey in node.labels && termMatchesPod(t, p, ns)) bump(s.antiAffinityCounts, t.topologyKey, node.labels[t.topologyKey]);
        }
      }
    }
    state.data.set('InterPodAffinity/filter', s);
    return undefined;
  },
  filter(state, node) {
    const s = state.data.get('InterPodAffinity/filter') as FilterState;
    if (!satisfyPodAffinity(state, s, node)) return unresolvable(ErrReasonAffinityRulesNotMatch);
    for (const t of state.pod.requiredAntiAffinityTerms) {
      const v = node.labels[t.topologyKey];
      if (v !== undefined && (s.antiAffinityCounts.get(pair(t.topologyKey, v)) ?? 0) > 0) return unschedulable(ErrReasonAntiAffinityRulesNotMatch);
    }
    if (s.existingAntiAffinityCounts.size) {
      for (const [k, v] of Object.entries(node.labels)) if ((s.existingAntiAffinityCounts.get(pair(k, v)) ?? 0) > 0) return unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);
    }
    return undefined;
  },
  // PreScore: weights of preferred terms (the pod's, and existing pods' about the pod) summed per topology domain.
  preScore(state) {
    const pod = state.pod;
    const hasPreferred = pod.preferredAffinityTerms.length + pod.preferredAntiAffinityTerms.length > 0;
    const scores = new Map<string, Map<string, number>>();
    const add = (key: string, value: string, w: number) => {
      let m = scores.get(key);
      if (!m) scores.set(key, (m = new Map()));
      m.set(value, (m.get(value) ?? 0) + w);
    };
    const processTerms = (terms: AffinityTerm[], target: PodInfo, ns: Labels, node: NodeInfo, sign: number) => {
      for (const t of terms) if (t.topologyKey in node.labels && termMatchesPod(t, target, ns)) add(t.topologyKey, node.labels[t.topologyKey], t.weight * sign);
    };
    const podNamespaceLabels = state.snapshot.namespaceLabels(pod.namespace);
    // Unless the pod has preferred terms, only existing pods with affinity matter.
    for (const p of live(state, hasPreferred ? state.snapshot.pods : state.snapshot.podsWithAffinity)) {
      const node = state.snapshot.nodeByName.get(p.nodeName);
      if (!node || Object.keys(node.labels).length === 0) continue;
      const ns = state.snapshot.namespaceLabels(p.namespace);
      processTerms(pod.preferredAffinityTerms, p, ns, node, 1);
      processTerms(pod.preferredAntiAffinityTerms, p, ns, node, -1);
      for (const t of p.requiredAffinityTerms) {
        if (t.topologyKey in node.labels && termMatchesPod(t, pod, podNamespaceLabels)) add(t.topologyKey, node.labels[t.topologyKey], HARD_POD_AFFINITY_WEIGHT);
      }
      processTerms(p.preferredAffinityTerms, pod, podNamespaceLabels, node, 1);
      processTerms(p.preferredAntiAffinityTerms, pod, podNamespaceLabels, node, -1);
    }
    state.data.set('InterPodAffinity/score', scores);
    return scores.size > 0;
  },
  score(state, node) {
    const scores = state.data.get('InterPodAffinity/score') as Map<string, Map<string, number>>;
    let score = 0;
    for (const [key, values] of scores) if (key in node.labels) score += values.get(node.labels[key]) ?? 0;
    return score;
  },
  // NormalizeScore: min–max scaling to [0, 100].
  normalizeScore(_state, scores) {
    let min = Infinity;
    let max = -Infinity;
    for (const s of scores) {
      if (s < min) min = s;
      if (s > max) max = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  },
};
