import { obj } from '../model/obj';

/** Labels as the API stores them: string → string (YAML scalars read as their text). */
export type Labels = Record<string, string>;

export function labelsOf(value: unknown): Labels {
  const out: Labels = {};
  const o = obj(value);
  if (o) for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined && typeof v !== 'object') out[k] = String(v);
  return out;
}

/** A compiled label selector (k8s.io/apimachinery/pkg/labels). */
export interface Selector {
  matches(labels: Labels): boolean;
  /** What it was compiled from (absent for NOTHING/EVERYTHING): lets callers use a label index. */
  requirements?: Requirement[];
  /** labels.Everything(): no requirement at all. */
  empty: boolean;
}

interface Requirement {
  key: string;
  operator: string;
  values: string[];
}

export const NOTHING: Selector = { matches: () => false, empty: false };
export const EVERYTHING: Selector = { matches: () => true, empty: true };

export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

export function selectorOf(requirements: Requirement[]): Selector {
  if (requirements.length === 0) return EVERYTHING;
  const matches = (labels: Labels): boolean => {
    for (const r of requirements) if (!requirementMatches(r, labels)) return false;
    return true;
  };
  return { matches, empty: false, requirements };
}

/** The requirements of a metav1.LabelSelector; undefined when it is invalid (an unknown operator). */
export function labelSelectorRequirements(raw: unknown): Requirement[] | undefined {
  const s = obj(raw);
  if (!s) return undefined;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(labelsOf(s.matchLabels))) reqs.push({ key, operator: 'In', values: [value] });
  if (Array.isArray(s.matchExpressions)) {
    for (const e of s.matchExpressions) {
      const x = obj(e);
      if (!x || typeof x.key !== 'string' || !['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(String(x.operator))) return undefined;
      reqs.push({ key: x.key, operator: String(x.operator), values: Array.isArray(x.values) ? x.values.map(String) : [] });
    }
  }
  return reqs;
}

/**
 * metav1.LabelSelectorAsSelector: a missing selector selects nothing, an empty one everything.
 * `extra` are requirements merged in (matchLabelKeys, mismatchLabelKeys).
 */
export function labelSelector(raw: unknown, extra: Requirement[] = []): Selector {
  if (raw === undefined || raw === null) return NOTHING;
  const reqs = labelSelectorRequirements(raw);
  return reqs ? selectorOf([...reqs, ...extra]) : NOTHING;
}

/** labels.SelectorFromSet: every pair must be present (an empty set selects everything). */
export function selectorFromSet(set: Labels): Selector {
  return selectorOf(Object.entries(set).map(([key, value]) => ({ key, operator: 'In', values: [value] })));
}

/** matchLabelKeys / mismatchLabelKeys: requirements on the values the pod itself carries. */
export function labelKeyRequirements(keys: unknown, podLabels: Labels, operator: 'In' | 'NotIn'): Requirement[] {
  if (!Array.isArray(keys)) return [];
  return keys.flatMap((k) => (typeof k === 'string' && k in podLabels ? [{ key: k, operator, values: [podLabels[k]] }] : []));
}

export type { Requirement };
