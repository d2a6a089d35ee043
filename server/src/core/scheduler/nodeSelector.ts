import { obj, type Obj } from '../model/obj';
import { requirementMatches as labelRequirementMatches, type Labels } from './labels';

/**
 * Node selector matching as component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go does it:
 * terms are ORed; inside a term, matchExpressions (labels) and matchFields (only `metadata.name`)
 * are ANDed; an empty or invalid term matches nothing.
 */

interface NodeRequirement {
  key: string;
  operator: string;
  values: string[];
}

/** A parsed NodeSelectorTerm, or undefined when it is invalid (then it matches nothing). */
export interface NodeSelectorTerm {
  expressions: NodeRequirement[];
  fields: NodeRequirement[];
}

const INT64 = /^[+-]?[0-9]+$/;

function parseRequirements(list: unknown, fields: boolean): NodeRequirement[] | undefined {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) return undefined;
  const out: NodeRequirement[] = [];
  for (const raw of list) {
    const r = obj(raw);
    if (!r || typeof r.key !== 'string') return undefined;
    const operator = String(r.operator);
    const values = Array.isArray(r.values) ? r.values.map(String) : [];
    if (fields) {
      // Only metadata.name with In/NotIn and exactly one value is a valid field requirement.
      if (r.key !== 'metadata.name' || (operator !== 'In' && operator !== 'NotIn') || values.length !== 1) return undefined;
    } else if (operator === 'Gt' || operator === 'Lt') {
      if (values.length !== 1 || !INT64.test(values[0])) return undefined;
    } else if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(operator)) {
      return undefined;
    }
    out.push({ key: r.key, operator, values });
  }
  return out;
}

export function parseNodeSelectorTerm(raw: unknown): NodeSelectorTerm | undefined {
  const t = obj(raw);
  if (!t) return undefined;
  const expressions = parseRequirements(t.matchExpressions, false);
  const fields = parseRequirements(t.matchFields, true);
  return expressions && fields ? { expressions, fields } : undefined;
}

/** Label selector operators as labels.ts reads them, plus the node-only Gt/Lt (int64 comparisons). */
function requirementMatches(r: NodeRequirement, labels: Labels): boolean {
  if (r.operator !== 'Gt' && r.operator !== 'Lt') return labelRequirementMatches(r, labels);
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  // The label must parse as an int64 too; compare as BigInt to keep all 64 bits.
  if (!has || !INT64.test(labels[r.key])) return false;
  const label = BigInt(labels[r.key]);
  const value = BigInt(r.values[0]);
  return r.operator === 'Gt' ? label > value : label < value;
}

export function termMatches(term: NodeSelectorTerm | undefined, labels: Labels, nodeName: string): boolean {
  if (!term || (term.expressions.length === 0 && term.fields.length === 0)) return false;
  if (!term.expressions.every((r) => requirementMatches(r, labels))) return false;
  return term.fields.every((r) => requirementMatches(r, { 'metadata.name': nodeName }));
}

/** The pod's nodeSelector and required node affinity (GetRequiredNodeAffinity). */
export interface RequiredNodeAffinity {
  nodeSelector?: Labels;
  /** undefined: no required node affinity. */
  terms?: Array<NodeSelectorTerm | undefined>;
}

export function requiredNodeAffinity(spec: Obj): RequiredNodeAffinity {
  const out: RequiredNodeAffinity = {};
  const ns = obj(spec.nodeSelector);
  if (ns) out.nodeSelector = Object.fromEntries(Object.entries(ns).map(([k, v]) => [k, String(v)]));
  const required = obj(obj(obj(spec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution);
  if (required) out.terms = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms.map(parseNodeSelectorTerm) : [];
  return out;
}

/** RequiredNodeAffinity.Match: nodeSelector pairs all equal AND one of the terms matches. */
export function matchesRequiredNodeAffinity(a: RequiredNodeAffinity, labels: Labels, nodeName: string): boolean {
  if (a.nodeSelector) for (const [k, v] of Object.entries(a.nodeSelector)) if (labels[k] !== v) return false;
  if (a.terms) return a.terms.some((t) => termMatches(t, labels, nodeName));
  return true;
}
