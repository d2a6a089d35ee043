import { isCollection, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import { nodeAt, type JsonPath } from './nodeAt';

export type Span = [number, number];

/**
 * Source spans for JSON paths of one document, chosen to point at the offending key or value,
 * never at a whole block: scalars by their value, collections by their key (or, for an item in a
 * list, the item's first key).
 */
export class DocSpans {
  constructor(
    readonly doc: Document,
    readonly text: string,
  ) {}

  /** The value of `path` if it is a scalar, else where its key is. */
  value(path: JsonPath): Span {
    const found = nodeAt(this.doc, path);
    const complete = found.parentPath.length === path.length;
    if (complete && found.value && !isCollection(found.value)) return spanOf(found.value);
    return this.pointAt(found.key, found.value, complete);
  }

  /** The key of `path` (a map entry), falling back to its value or nearest ancestor. */
  key(path: JsonPath): Span {
    const found = nodeAt(this.doc, path);
    const complete = found.parentPath.length === path.length;
    return this.pointAt(found.key, found.value, complete);
  }

  /** Whether `path` is a map written in flow style (`{…}`); undefined when it is no map. */
  flowMap(path: JsonPath): boolean | undefined {
    const found = nodeAt(this.doc, path);
    if (found.parentPath.length !== path.length || !isMap(found.value)) return undefined;
    return !!found.value.flow;
  }

  /**
   * An edit that adds `entry` ("key: value") to the map at `path`: before its first key, at the same
   * indentation, in block style (the lines after the first of a multi-line entry indented from
   * there); right after `{` in flow style. Undefined when there is no such map.
   */
  insertEntry(path: JsonPath, entry: string): { start: number; end: number; newText: string } | undefined {
    const found = nodeAt(this.doc, path);
    if (found.parentPath.length !== path.length || !isMap(found.value)) return undefined;
    const map = found.value;
    if (map.flow) {
      const open = map.range![0] + 1;
      return { start: open, end: open, newText: map.items.length ? `${entry}, ` : entry };
    }
    const first = map.items.find(isPair)?.key as Node | undefined;
    if (!first?.range) return undefined;
    const at = first.range[0];
    const column = at - (this.text.lastIndexOf('\n', at - 1) + 1);
    const indent = ' '.repeat(column);
    return { start: at, end: at, newText: `${entry.replace(/\n/g, `\n${indent}`)}\n${indent}` };
  }

  /** The scalar node at `path`, if it is one. */
  scalar(path: JsonPath): Node | undefined {
    const found = nodeAt(this.doc, path);
    return found.parentPath.length === path.length && isScalar(found.value) ? found.value : undefined;
  }

  private lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    return nl === -1 ? this.text.length : nl;
  }

  private pointAt(key: Node | undefined, value: Node | undefined, complete: boolean): Span {
    if (key?.range) return spanOf(key);
    if (complete && isMap(value)) {
      const first = value.items.find(isPair);
      if (first && (first.key as Node | null)?.range) return spanOf(first.key as Node);
    }
    if (value?.range) return [value.range[0], Math.min(value.range[1], this.lineEnd(value.range[0]))];
    return [0, 1];
  }
}

function spanOf(node: Node): Span {
  const r = node.range!;
  return [r[0], Math.max(r[1], r[0] + 1)];
}
