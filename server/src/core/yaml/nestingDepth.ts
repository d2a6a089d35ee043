import { CST } from 'yaml';

/**
 * A lower bound of how deeply a document nests, read from the lexer's tokens before the parser runs.
 *
 * The yaml library's Parser closes block collections recursively (`pop` → `step` → `pop`…), so a
 * document of ~2,000 nested block collections followed by a less-indented key overflows the stack
 * inside the parser itself, before any check on its output can run. The lexer is iterative; from its
 * tokens this counts, at each token, the block collections that lines with a block indicator (`-`,
 * `?`, `:`) at a smaller indentation leave open, the ones this line opens (`- - x`, `- k: v`) and the
 * flow collections open around it. Each counted level is a real collection, so the count never
 * exceeds the true depth (it equals the depth the parser's tokens show in the common shapes); the
 * parser's own stack is at most about twice the count (a sequence may sit at its parent mapping's
 * indentation), so a limit far below the overflow point is safe to check here.
 */

/** Source-less markers the lexer emits (document start, flow error end, scalar follows). */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

export interface DepthScan {
  /** The lexemes, to feed the parser (`Parser.next`) without lexing twice. */
  lexemes: string[];
  /** Where the count first passes the limit: [start, end) offsets, or undefined. */
  beyond?: [number, number];
}

export function scanNesting(limit: number, lexer: Iterable<string>): DepthScan {
  const lexemes: string[] = [];
  const open: number[] = []; // indentations of earlier lines that are items of a block collection
  let offset = 0;
  let indent = 0;
  let lineStart = true;
  let indicators = 0; // block indicators on this line, outside flow collections
  let flow = 0;
  let scalarNext = false;
  let beyond: [number, number] | undefined;
  const startLine = (): void => {
    lineStart = false;
    if (flow > 0) return;
    // Collections at this indentation or deeper are closed, or this line is one of their items.
    while (open.length && open[open.length - 1] >= indent) open.pop();
  };
  const endLine = (): void => {
    if (indicators > 0 && flow === 0) open.push(indent);
    lineStart = true;
    indent = 0;
    indicators = 0;
  };
  for (const lexeme of lexer) {
    lexemes.push(lexeme);
    if (beyond) continue;
    if (scalarNext) {
      // A plain or block scalar's whole source (continuation lines and block content included).
      scalarNext = false;
      offset += lexeme.length;
      // A block scalar's content runs to the end of its last line: the next token starts a line.
      if (lexeme.endsWith('\n')) endLine();
      continue;
    }
    if (lexeme === SCALAR) {
      scalarNext = true;
      if (lineStart) startLine();
      continue;
    }
    if (lexeme === DOCUMENT || lexeme === FLOW_END) continue;
    const type = CST.tokenType(lexeme);
    if (type === 'newline') {
      endLine();
    } else if (type === 'space') {
      if (lineStart) indent = lexeme.length;
    } else if (type === 'doc-start' || type === 'doc-end') {
      open.length = 0;
      flow = 0;
      indicators = 0;
    } else if (type !== 'comment') {
      if (lineStart) startLine();
      if (type === 'seq-item-ind' || type === 'explicit-key-ind' || type === 'map-value-ind') {
        if (flow === 0) indicators++;
      } else if (type === 'flow-map-start' || type === 'flow-seq-start') {
        flow++;
      } else if (type === 'flow-map-end' || type === 'flow-seq-end') {
        flow = Math.max(0, flow - 1);
      }
      if (open.length + indicators + flow > limit) beyond = [offset, offset + Math.max(1, lexeme.length)];
    }
    offset += lexeme.length;
  }
  return { lexemes, ...(beyond ? { beyond } : {}) };
}
