import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { JsonPath } from '../yaml/nodeAt';
import type { ParsedChunk } from '../yaml/parseChunk';

/** What is under the cursor in one document: the path of the field, and whether it is its key. */
export interface CursorTarget {
  path: JsonPath;
  onKey: boolean;
  /** The key or value node under the cursor. */
  node: Node;
}

/** Finds the innermost key or scalar value containing `offset` (relative to the document). */
export function targetAt(parsed: ParsedChunk, offset: number): CursorTarget | undefined {
  let current: unknown = parsed.doc.contents;
  const path: JsonPath = [];
  for (let depth = 0; depth < 1000; depth++) {
    if (isMap(current)) {
      const pair = (current.items as Pair[]).find((p) => isPair(p) && (within(p.key as Node, offset, true) || within(p.value as Node, offset, false)));
      if (!pair) return undefined;
      const key = pair.key as Node;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) return undefined;
      path.push(name);
      if (within(key, offset, true)) return { path, onKey: true, node: key };
      current = pair.value;
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => within(item as Node, offset, false));
      if (index === -1) return undefined;
      path.push(index);
      current = current.items[index];
    } else if (isScalar(current) && within(current, offset, false)) {
      return { path, onKey: false, node: current };
    } else {
      return undefined;
    }
  }
  return undefined;
}

function within(node: Node | null | undefined, offset: number, inclusiveEnd: boolean): boolean {
  const r = node?.range;
  if (!r) return false;
  return offset >= r[0] && (inclusiveEnd ? offset <= r[1] : offset < r[1] || (offset === r[1] && isScalar(node)));
}
