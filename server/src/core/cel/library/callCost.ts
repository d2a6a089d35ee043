import { charge, STRING_TRAVERSAL_COST_FACTOR } from '../cost';
import { isBytes, isList, isMap, listItems, mapEntries } from './values';

/**
 * The runtime cost of the Kubernetes libraries' calls: k8s.io/apiserver/pkg/cel/library/cost.go
 * (`CallCost`, `traversalCost`, `actualSize`) and cel-go's interpreter/runtimecost.go defaults.
 */
const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/** cost.go traversalCost (of a value, not cost.ts's `math.Ceil(size × factor)`): strings and bytes by their bytes (truncated), lists and maps by their members. */
export function valueTraversalCost(v: unknown): number {
  if (typeof v === 'string') return Math.trunc(utf8Length(v) * STRING_TRAVERSAL_COST_FACTOR);
  if (isBytes(v)) return Math.trunc(v.length * STRING_TRAVERSAL_COST_FACTOR);
  if (isList(v)) return listItems(v).reduce<number>((sum, x) => sum + valueTraversalCost(x), 0);
  if (isMap(v)) return mapEntries(v).reduce<number>((sum, [k, x]) => sum + valueTraversalCost(k) + valueTraversalCost(x), 0);
  return 1;
}

/** Adds a call's cost as upstream computes it (cost.go CallCost, or runtimecost.go's default). */
export const callCost = (n: number): void => charge(n);
