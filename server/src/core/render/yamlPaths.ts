import { isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export type Segment = string | number;

const within = (n: unknown, offset: number): boolean => {
  const r = (n as Node | null | undefined)?.range;
  return !!r && r[0] <= offset && offset < Math.max(r[1], r[0] + 1);
};

/** The key path of the node at `offset`, and whether the offset is on a key (as an unknown field's finding is). */
export function pathAt(doc: Document, offset: number): { path: Segment[]; onKey: boolean } {
  const path: Segment[] = [];
  let node: unknown = doc.contents;
  for (;;) {
    if (isMap(node)) {
      const pair = (node.items as Pair[]).find((p) => within(p.key, offset) || within(p.value, offset));
      if (!pair || !isScalar(pair.key)) return { path, onKey: false };
      path.push(String(pair.key.value));
      if (within(pair.key, offset)) return { path, onKey: true };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => within(item, offset));
      if (i < 0) return { path, onKey: false };
      path.push(i);
      node = node.items[i];
    } else {
      return { path, onKey: false };
    }
  }
}

/** A path found in a source document: the key that holds it (absent for list items) and its value. */
export interface Found {
  key?: Node;
  value: Node;
}

/**
 * Follows `path` from `start` as kustomize merges: a list item by its `name` when the rendered item
 * has one (containers, ports, volumes, env), else by position. `rendered` is the value the path is
 * taken in, in the rendered object. Undefined when the source does not have the path.
 */
export function follow(start: unknown, path: Segment[], rendered: unknown): Found | undefined {
  let node = start;
  let key: Node | undefined;
  let r = rendered;
  for (const seg of path) {
    if (isMap(node) && typeof seg === 'string') {
      const pair = [...(node.items as Pair[])].reverse().find((p) => isScalar(p.key) && String(p.key.value) === seg); // kubectl keeps the last of a key written twice
      if (!pair) return undefined;
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = Array.isArray(r) ? (r[seg] as { name?: unknown } | undefined) : undefined;
      const name = item && typeof item === 'object' && typeof item.name === 'string' ? item.name : undefined;
      const i = name === undefined ? seg : node.items.findIndex((n) => isMap(n) && n.get('name') === name);
      if (i < 0 || i >= node.items.length) return undefined;
      key = undefined;
      node = node.items[i];
    } else {
      return undefined;
    }
    r = r !== null && typeof r === 'object' ? (r as Record<Segment, unknown>)[seg] : undefined;
  }
  return node && typeof node === 'object' ? { key, value: node as Node } : undefined;
}

/** The value at `path` in plain data. */
export function valueAt(data: unknown, path: Segment[]): unknown {
  let v = data;
  for (const seg of path) v = v !== null && typeof v === 'object' ? (v as Record<Segment, unknown>)[seg] : undefined;
  return v;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value of a node, as plain data. */
export const plain = (doc: Document, node: Node): unknown => node.toJS(doc);
