import { obj } from '../../model/obj';
import { defaultNormalizeScore, unresolvable, type CycleState, type Plugin } from '../framework';
import { matchesRequiredNodeAffinity, parseNodeSelectorTerm, termMatches, type NodeSelectorTerm } from '../nodeSelector';

/** pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
export const errReasonConflict = 'pod affinity terms conflict';

interface PreferredTerm {
  weight: number;
  term: NodeSelectorTerm | undefined;
}

function preferredTerms(state: CycleState): PreferredTerm[] {
  const list = obj(obj(state.pod.spec.affinity)?.nodeAffinity)?.preferredDuringSchedulingIgnoredDuringExecution;
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const t = obj(raw);
    const weight = typeof t?.weight === 'number' ? t.weight : 0;
    return weight === 0 ? [] : [{ weight, term: parseNodeSelectorTerm(t?.preference) }];
  });
}

export const NodeAffinity: Plugin = {
  name: 'NodeAffinity',
  preFilter(state) {
    const a = state.pod.nodeAffinity;
    if (!a.nodeSelector && !a.terms) return { skip: true };
    // Terms naming nodes with matchFields metadata.name In [...] narrow the nodes to look at.
    const terms = obj(obj(obj(state.pod.spec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms;
    if (!Array.isArray(terms)) return undefined;
    let names: Set<string> | undefined;
    for (const raw of terms) {
      let termNames: Set<string> | undefined;
      const fields = obj(raw)?.matchFields;
      for (const f of Array.isArray(fields) ? fields : []) {
        const r = obj(f);
        if (r?.key !== 'metadata.name' || r.operator !== 'In') continue;
        const values = new Set(Array.isArray(r.values) ? r.values.map(String) : []);
        termNames = termNames ? new Set([...termNames].filter((n) => values.has(n))) : values;
      }
      // A term without a node name allows every node (terms are ORed).
      if (!termNames) return undefined;
      names = new Set([...(names ?? []), ...termNames]);
    }
    if (names && names.size === 0) return { status: unresolvable(errReasonConflict) };
    return names ? { nodeNames: names } : undefined;
  },
  filter(state, node) {
    return matchesRequiredNodeAffinity(state.pod.nodeAffinity, node.labels, node.name) ? undefined : unresolvable(ErrReasonPod);
  },
  preScore(state) {
    const terms = preferredTerms(state);
    state.data.set('NodeAffinity', terms);
    return terms.length > 0;
  },
  // Score: the sum of the weights of the preferred terms the node matches.
  score(state, node) {
    const terms = state.data.get('NodeAffinity') as PreferredTerm[];
    let score = 0;
    for (const t of terms) if (termMatches(t.term, node.labels, node.name)) score += t.weight;
    return score;
  },
  normalizeScore(_state, scores) {
    defaultNormalizeScore(scores, false);
  },
};
