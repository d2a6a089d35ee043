import { addQuantity, compareQuantity, formatQuantity, parseQuantity, scaleQuantity, type Quantity } from './quantity';

/** v1.ResourceList: resource name → quantity, in insertion order (Go maps have none; we print sorted). */
export type ResourceList = Map<string, Quantity>;

/** Reads a `requests`/`limits` map from YAML; entries that are not valid quantities are left out. */
export function readResourceList(value: unknown): ResourceList {
  const list: ResourceList = new Map();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, raw] of Object.entries(value)) {
      const q = parseQuantity(raw);
      if (q) list.set(name, q);
    }
  }
  return list;
}

/** addResourceList (component-helpers): a new key takes a copy (and its format), others are summed. */
export function addResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) list.set(name, list.has(name) ? addQuantity(list.get(name)!, q) : { ...q });
}

/** maxResourceList: each key takes the larger quantity. */
export function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [name, q] of other) {
    const current = list.get(name);
    if (!current || compareQuantity(q, current) > 0) list.set(name, { ...q });
  }
}

export const copyResourceList = (list: ResourceList): ResourceList => new Map([...list].map(([k, q]) => [k, { ...q }]));

export function scaleResourceList(list: ResourceList, n: number): ResourceList {
  return new Map([...list].map(([k, q]) => [k, scaleQuantity(q, n)]));
}

/** cpu, memory, ephemeral-storage first, then the rest by name: the order users read. */
export function resourceNames(list: ResourceList): string[] {
  const rank = (n: string) => (n === 'cpu' ? 0 : n === 'memory' ? 1 : n === 'ephemeral-storage' ? 2 : 3);
  return [...list.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** `cpu 3, memory 3Gi` */
export function describeResourceList(list: ResourceList): string {
  return resourceNames(list).map((n) => `${n} ${formatQuantity(list.get(n)!)}`).join(', ');
}

/** As JSON: resource → quantity string, in reading order. */
export function resourceListJson(list: ResourceList): Record<string, string> {
  return Object.fromEntries(resourceNames(list).map((n) => [n, formatQuantity(list.get(n)!)]));
}
