import { obj } from '../model/obj';

/** v1.Taint and v1.Toleration, and their matching (k8s.io/api/core/v1/toleration.go). */
export interface Taint {
  key: string;
  value: string;
  effect: string;
}
export interface Toleration {
  key: string;
  operator: string;
  value: string;
  effect: string;
}

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

export function taintsOf(list: unknown): Taint[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t) => (obj(t) ? [{ key: str(t.key), value: str(t.value), effect: str(t.effect) }] : []));
}

export function tolerationsOf(list: unknown): Toleration[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((t) => (obj(t) ? [{ key: str(t.key), operator: str(t.operator), value: str(t.value), effect: str(t.effect) }] : []));
}

/** Toleration.ToleratesTaint: an empty effect or key (with Exists) matches any; Exists ignores the value. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (t.operator === '' || t.operator === 'Equal') return t.value === taint.value;
  return t.operator === 'Exists';
}

// Plain loops: these run for every pod on every node.
export function tolerationsTolerateTaint(tolerations: Toleration[], taint: Taint): boolean {
  for (const t of tolerations) if (toleratesTaint(t, taint)) return true;
  return false;
}

/** FindMatchingUntoleratedTaint among the taints `filter` keeps, in the node's order. */
export function findUntoleratedTaint(taints: Taint[], tolerations: Toleration[], filter: (t: Taint) => boolean): Taint | undefined {
  for (const t of taints) if (filter(t) && !tolerationsTolerateTaint(tolerations, t)) return t;
  return undefined;
}

export const blocksScheduling = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';
