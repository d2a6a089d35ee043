import { isMap, isPair, isScalar, isSeq, isAlias, type Document, type Node, type Pair } from 'yaml';

export type JsonPath = Array<string | number>;

/** Where a JSON path lands in the YAML source: its key (for map entries) and its value. */
export interface Located {
  key?: Node;
  value?: Node;
  /** The deepest existing ancestor when the path itself does not exist. */
  parentPath: JsonPath;
}

/** Follows a JSON path through the YAML AST (aliases followed), stopping at the deepest node found. */
export function nodeAt(doc: Document, path: JsonPath): Located {
  let current: unknown = doc.contents;
  let key: Node | undefined;
  const walked: JsonPath = [];
  for (const segment of path) {
    if (isAlias(current)) current = current.resolve(doc);
    if (isMap(current)) {
      const pair = findPair(current.items as Pair[], segment);
      if (!pair) return { key, value: current as Node, parentPath: walked };
      key = pair.key as Node;
      current = pair.value;
    } else if (isSeq(current) && typeof segment === 'number' && segment < current.items.length) {
      key = undefined;
      current = current.items[segment];
    } else {
      return { key, value: current as Node | undefined, parentPath: walked };
    }
    walked.push(segment);
  }
  return { key, value: current as Node | undefined, parentPath: walked };
}

/** The pair of a key; of a key written twice, the last one: its value is the one kubectl keeps. */
function findPair(items: Pair[], segment: string | number): Pair | undefined {
  const name = String(segment);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!isPair(item)) continue;
    const k = item.key;
    if (isScalar(k) ? String(k.value) === name : k === segment) return item;
  }
  return undefined;
}
