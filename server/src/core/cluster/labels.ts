import { obj, type Obj } from '../model/obj';

export type Labels = Record<string, string>;

export function labelsOf(o: Obj): Labels {
  const labels = obj(obj(o.metadata)?.labels) ?? {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** A map selector (Service, ReplicationController): every pair must be there; an empty one selects nothing here. */
export function matchesMap(selector: unknown, labels: Labels): boolean {
  const s = obj(selector);
  if (!s || Object.keys(s).length === 0) return false;
  return Object.entries(s).every(([k, v]) => labels[k] === String(v));
}

/**
 * A metav1.LabelSelector: matchLabels and matchExpressions ANDed (In, NotIn, Exists, DoesNotExist);
 * an empty selector matches everything (k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go).
 */
export function matchesLabelSelector(selector: unknown, labels: Labels): boolean {
  const s = obj(selector);
  if (!s) return false;
  for (const [k, v] of Object.entries(obj(s.matchLabels) ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(s.matchExpressions) ? s.matchExpressions : []) {
    const x = obj(e);
    if (!x || typeof x.key !== 'string') return false;
    const values = Array.isArray(x.values) ? x.values.map(String) : [];
    const has = x.key in labels;
    switch (x.operator) {
      case 'In':
        if (!has || !values.includes(labels[x.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[x.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
