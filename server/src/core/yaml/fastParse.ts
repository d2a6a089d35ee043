import { Document, isScalar, Scalar, YAMLMap, type Node, type Schema, type YAMLSeq } from 'yaml';
import { nodeConstructors, type NodeConstructors } from './fastNodes';

/**
 * The common path of parsing: a document in the plain subset of YAML that generated and hand-written
 * manifests mostly use — block mappings and sequences, flow collections on one line, one-line plain
 * and quoted scalars, literal block scalars (`|`, `|-`), comment lines at the top — read in one pass
 * over the text into the yaml library's own nodes (the same classes, values, ranges, `type`, `source`,
 * `spaceBefore`, `flow`, `format`, `commentBefore` its composer sets) and the JS value `toJS` would
 * give. Anything else (another comment, an anchor, an alias, a tag, a folded or multi-line scalar, a
 * tab, a carriage return, a duplicate or non-string key, `<<`, odd spacing, an error) gives up and
 * returns undefined: the caller parses with the yaml library. Plain scalars resolve through the
 * schema's own tags (YAML 1.1 as parseChunk.ts configures it), as the composer resolves them.
 *
 * Equivalence with the library is tested over every document of the corpus and of the repository's
 * YAML files, and over edge cases (test/unit/fastParse.test.mjs).
 */

const GIVE_UP = Symbol('give up');
function giveUp(): never {
  throw GIVE_UP;
}

/** Deepest nesting the fast path reads (the library's path measures deeper documents). */
const MAX_LEVELS = 64;

interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  resolve: (value: string, onError: (message: string) => void, options: unknown) => unknown;
}

type Parsed = { doc: Document.Parsed; value: unknown };

export function fastParse(text: string, newDocument: () => Document.Parsed): Parsed | undefined {
  try {
    return new FastParser(text, newDocument()).document();
  } catch {
    // Giving up, or anything unforeseen (a tag's resolve throwing): the library's path decides, and
    // reports what it finds.
    return undefined;
  }
}

/** A double-quoted scalar's escapes (the yaml library's table; `\x`, `\u`, `\U` apart). */
const ESCAPES: Record<string, string | undefined> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** Characters that cannot start a plain scalar here (or that the fast path leaves to the library). */
const NOT_PLAIN_START = new Set([...'?:,[]{}#&*!|>\'"%@`\t\r']);

const NEWLINE = 10;
const SPACE = 32;
const HASH = 35;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const tagsOf = new WeakMap<Schema, { tags: ScalarTag[]; any: RegExp | undefined }>();

/**
 * The tags a plain scalar is tested against, in the schema's order, and their tests as one regular
 * expression: most scalars are strings, and one test tells so where ten would.
 */
function scalarTags(schema: Schema): { tags: ScalarTag[]; any: RegExp | undefined } {
  let found = tagsOf.get(schema);
  if (!found) {
    const tags = (schema.tags as unknown as ScalarTag[]).filter((t) => t.default === true && t.test);
    const any = tags.every((t) => t.test!.flags === '') ? new RegExp(tags.map((t) => `(?:${t.test!.source})`).join('|')) : undefined;
    tagsOf.set(schema, (found = { tags, any }));
  }
  return found;
}

class FastParser {
  private pos = 0;
  private readonly schema: Schema;
  private readonly tags: ScalarTag[];
  /** Whether any of `tags` may match (else a plain scalar is a string). */
  private readonly anyTag: RegExp | undefined;
  private readonly strTag: ScalarTag;
  private readonly options: unknown;
  private readonly nodes: NodeConstructors;
  private readonly onError = (): never => giveUp();

  constructor(
    private readonly text: string,
    private readonly doc: Document.Parsed,
  ) {
    this.schema = doc.schema;
    ({ tags: this.tags, any: this.anyTag } = scalarTags(this.schema));
    this.strTag = (this.schema as unknown as Record<symbol, ScalarTag>)[Symbol.for('yaml.scalar')];
    this.options = doc.options;
    this.nodes = nodeConstructors(this.schema);
    if (!this.strTag) giveUp();
  }

  document(): Parsed {
    const { text, doc } = this;
    if (text.includes('\t') || text.includes('\r')) giveUp();
    // Comment lines at the top (a license, what the file is) are kept where the composer keeps them:
    // before `---`, on the document; after it, on the root mapping; without it, on the first key.
    const before = this.commentLines();
    let start = 0;
    if (text.startsWith('---', this.pos)) {
      if (text[this.pos + 3] !== '\n') giveUp();
      doc.directives.docStart = true;
      start = this.pos;
      this.pos += 4;
    } else if (before !== undefined) start = -1;
    const after = this.commentLines();
    if (this.blankLines()) giveUp();
    const indent = this.indentAt(this.pos);
    if (indent !== 0 || this.pos >= text.length) giveUp();
    const [node, value] = this.blockCollection(0, 0);
    // Only blank lines may follow. (After an empty value, where the library's range of the document
    // ends is not what it is elsewhere: left to the library.)
    for (let p = this.pos; p < text.length; p++) if (text[p] !== '\n') giveUp();
    if (text[node.range![2]] === '\n') giveUp();
    if (before !== undefined || after !== undefined) {
      if (!(node instanceof YAMLMap)) giveUp();
      if (doc.directives.docStart) {
        if (before !== undefined) doc.commentBefore = before;
        if (after !== undefined) node.commentBefore = after;
      } else (node.items[0].key as Scalar).commentBefore = before;
    }
    doc.contents = node as never;
    doc.range = [start === -1 ? node.range![0] : start, node.range![2], text.length];
    return { doc, value };
  }

  /** Lines of comments from `pos` (each a `#` at the line's start), as the composer joins them. */
  private commentLines(): string | undefined {
    const { text } = this;
    let comment: string | undefined;
    while (text[this.pos] === '#') {
      let e = text.indexOf('\n', this.pos);
      if (e === -1) giveUp();
      const line = text.slice(this.pos + 1, e);
      if (line === '') giveUp(); // the composer makes it ' '
      comment = comment === undefined ? line : `${comment}\n${line}`;
      this.pos = e + 1;
    }
    return comment;
  }

  /** Skips empty lines at a line start; whether there were any. */
  private blankLines(): boolean {
    const start = this.pos;
    while (this.text[this.pos] === '\n') this.pos++;
    return this.pos > start;
  }

  /** Spaces at `p` (a line start); gives up on a line of only spaces, a comment, a document marker. */
  private indentAt(p: number): number {
    const { text } = this;
    let q = p;
    while (text[q] === ' ') q++;
    const c = text[q];
    if ((c === '\n' && q > p) || c === '#') giveUp();
    if (q === p && (text.startsWith('---', p) || text.startsWith('...', p))) giveUp();
    return q - p;
  }

  private isSeqItem(p: number): boolean {
    return this.text[p] === '-' && (this.text[p + 1] === ' ' || this.text[p + 1] === '\n' || p + 1 === this.text.length);
  }

  /** A block mapping or sequence at a line start whose indentation is `indent`. */
  private blockCollection(indent: number, depth: number): [Node, unknown] {
    if (depth > MAX_LEVELS) giveUp();
    this.pos += indent;
    return this.isSeqItem(this.pos) ? this.blockSeq(indent, depth) : this.blockMap(indent, depth);
  }

  /**
   * The next line at a line start: blank lines skipped when the line that follows them is at `indent`
   * (it continues the collection), else left for an outer collection. Undefined at the end or a
   * lesser indentation; gives up on a greater one.
   */
  private nextLine(indent: number, seq: boolean): { spaceBefore: boolean } | undefined {
    const { text } = this;
    let p = this.pos;
    while (text[p] === '\n') p++;
    if (p >= text.length) return undefined;
    const n = this.indentAt(p);
    if (n < indent) return undefined;
    if (n > indent) giveUp();
    // A sequence at its key's indentation ends at that mapping's next key.
    if (seq && !this.isSeqItem(p + n)) return undefined;
    const spaceBefore = p > this.pos;
    this.pos = p + n;
    return { spaceBefore };
  }

  private blockMap(indent: number, depth: number): [Node, unknown] {
    const { text } = this;
    const map = new this.nodes.YAMLMap();
    const obj: Record<string, unknown> = {};
    const start = this.pos;
    let spaceBefore = false;
    for (;;) {
      if (this.isSeqItem(this.pos)) giveUp();
      const key = this.scalar(false, true);
      if (spaceBefore) key.spaceBefore = true;
      const name = key.value;
      if (typeof name !== 'string' || name === '<<' || name === '__proto__' || Object.prototype.hasOwnProperty.call(obj, name)) giveUp();
      if (text[this.pos] !== ':') giveUp();
      this.pos++;
      let node: Node;
      let value: unknown;
      if (text[this.pos] === '\n' || this.pos === text.length) {
        const colon = this.pos;
        if (this.pos < text.length) this.pos++;
        let p = this.pos;
        while (text[p] === '\n') p++;
        const n = p < text.length ? this.indentAt(p) : -1;
        if (n > indent || (n === indent && this.isSeqItem(p + n))) {
          if (p > this.pos) giveUp(); // a blank line before a nested collection
          [node, value] = this.blockCollection(n, depth + 1);
        } else {
          // An empty value: null, where the line ends.
          this.pos = colon;
          node = this.plain('', colon, colon, colon);
          value = (node as Scalar).value;
          if (this.pos < text.length) this.pos++;
        }
      } else {
        if (text[this.pos] !== ' ') giveUp();
        while (text[this.pos] === ' ') this.pos++;
        [node, value] = this.inlineValue(depth, indent);
      }
      map.items.push(new this.nodes.Pair(key, node));
      obj[name] = value;
      const next = this.nextLine(indent, false);
      if (!next) break;
      spaceBefore = next.spaceBefore;
    }
    const end = (map.items[map.items.length - 1].value as Node).range![2];
    map.range = [start, end, end];
    return [map, obj];
  }

  private blockSeq(indent: number, depth: number): [Node, unknown] {
    const { text } = this;
    const seq = new this.nodes.YAMLSeq();
    const arr: unknown[] = [];
    const start = this.pos;
    let spaceBefore = false;
    for (;;) {
      if (!this.isSeqItem(this.pos)) giveUp();
      this.pos++;
      if (text[this.pos] !== ' ') giveUp();
      while (text[this.pos] === ' ') this.pos++;
      const column = this.pos - (text.lastIndexOf('\n', this.pos - 1) + 1);
      let node: Node;
      let value: unknown;
      const c = text[this.pos];
      if (c === '[' || c === '{' || this.isSeqItem(this.pos)) {
        if (c === '-') giveUp();
        [node, value] = this.inlineValue(depth, indent);
      } else if (this.keyFollows()) {
        if (depth + 1 > MAX_LEVELS) giveUp();
        [node, value] = this.blockMap(column, depth + 1);
      } else {
        [node, value] = this.inlineValue(depth, indent);
      }
      if (spaceBefore) node.spaceBefore = true;
      seq.items.push(node);
      arr.push(value);
      const next = this.nextLine(indent, true);
      if (!next) break;
      spaceBefore = next.spaceBefore;
    }
    const end = (seq.items[seq.items.length - 1] as Node).range![2];
    seq.range = [start, end, end];
    return [seq, arr];
  }

  /** Whether the line from here is `key: …` (a one-line plain or quoted key, then `:` and a space or the line's end). */
  private keyFollows(): boolean {
    const { text } = this;
    const c = text[this.pos];
    let p: number;
    if (c === '"' || c === "'") {
      p = text.indexOf(c, this.pos + 1);
      const nl = text.indexOf('\n', this.pos);
      if (p === -1 || (nl !== -1 && p > nl)) return false;
      p++;
      return text[p] === ':' && (text[p + 1] === ' ' || text[p + 1] === '\n' || p + 1 === text.length);
    }
    // Searches bounded by the line: a long list of scalars must not scan the rest of the text per item.
    const nl = text.indexOf('\n', this.pos);
    const lineEnd = nl === -1 ? text.length : nl;
    let colon = this.pos;
    while (colon < lineEnd && text[colon] !== ':') colon++;
    if (colon === lineEnd) return false;
    if (colon + 1 === lineEnd || text[colon + 1] === ' ') return true;
    // `a:b: c` and the like: leave to the library.
    for (let p = colon + 1; p < lineEnd; p++) if (text[p] === ':' && (p + 1 === lineEnd || text[p + 1] === ' ')) giveUp();
    return false;
  }

  /** A value that ends its line: a flow collection or a one-line scalar; `pos` is left at the next line. */
  private inlineValue(depth: number, parent: number): [Node, unknown] {
    const { text } = this;
    const c = text[this.pos];
    if (c === '|') return this.literal(parent);
    let node: Node;
    let value: unknown;
    if (c === '[' || c === '{') {
      [node, value] = this.flow(depth + 1);
    } else {
      node = this.scalar(false, false);
      value = (node as Scalar).value;
    }
    // Only spaces may follow on the line; the node's end takes them and the line break.
    let p = this.pos;
    while (text[p] === ' ') p++;
    if (p < text.length && text[p] !== '\n') giveUp();
    if (p < text.length) p++;
    // A more indented line next would continue a scalar, or be an error: nextLine gives up on it.
    node.range![2] = p;
    this.pos = p;
    return [node, value];
  }

  /**
   * A literal block scalar (`|` or `|-`, indentation detected) of a collection at indentation
   * `parent`, `pos` at its `|`; left at the line after its content. Leading or trailing empty lines,
   * a less indented line, `|+`, an indentation indicator: left to the library.
   */
  private literal(parent: number): [Node, unknown] {
    const { text } = this;
    const start = this.pos;
    let p = start + 1;
    const strip = text[p] === '-';
    if (strip) p++;
    if (text[p] !== '\n') giveUp();
    p++;
    let trim = -1;
    let value = '';
    let last = -1; // the end of the last line of content
    let blank = false;
    while (p < text.length) {
      let e = text.indexOf('\n', p);
      if (e === -1) giveUp(); // no line break after the last line
      let s = p;
      while (text[s] === ' ') s++;
      const empty = s === e;
      if (!empty) {
        const n = s - p;
        if (trim === -1) {
          if (n <= parent) break;
          trim = n;
        } else if (n < trim) {
          if (n > parent) giveUp();
          break;
        }
      } else if (trim === -1) giveUp();
      blank = empty;
      value += (last === -1 ? '' : '\n') + text.slice(Math.min(p + trim, e), e);
      last = e;
      p = e + 1;
    }
    if (trim === -1 || blank) giveUp();
    if (!strip) value += '\n';
    const end = last + 1;
    const node = new this.nodes.Scalar(this.strTag.resolve(value, this.onError, this.options));
    node.range = [start, end, end];
    node.source = value;
    node.type = Scalar.BLOCK_LITERAL;
    this.pos = end;
    return [node, value];
  }

  /** A flow collection on one line, `pos` at its `[` or `{`; left after its closing bracket. */
  private flow(depth: number): [Node, unknown] {
    if (depth > MAX_LEVELS) giveUp();
    const { text } = this;
    const start = this.pos;
    const isMap = text[start] === '{';
    const close = isMap ? '}' : ']';
    const coll = isMap ? new this.nodes.YAMLMap() : new this.nodes.YAMLSeq();
    coll.flow = true;
    const obj: Record<string, unknown> = {};
    const arr: unknown[] = [];
    this.pos++;
    this.spaces();
    while (text[this.pos] !== close) {
      let node: Node;
      let value: unknown;
      if (isMap) {
        const key = this.scalar(true, true);
        const name = key.value;
        if (typeof name !== 'string' || name === '<<' || name === '__proto__' || Object.prototype.hasOwnProperty.call(obj, name)) giveUp();
        if (text[this.pos] !== ':' || text[this.pos + 1] !== ' ') giveUp();
        this.pos += 2;
        this.spaces();
        [node, value] = this.flowItem(depth);
        (coll as YAMLMap).items.push(new this.nodes.Pair(key, node));
        obj[name] = value;
      } else {
        [node, value] = this.flowItem(depth);
        (coll as YAMLSeq).items.push(node);
        arr.push(value);
      }
      // The item's end takes the spaces before `,` or the closing bracket.
      this.spaces();
      node.range![2] = this.pos;
      if (text[this.pos] === ',') {
        this.pos++;
        this.spaces();
        if (text[this.pos] === close) giveUp();
      } else if (text[this.pos] !== close) giveUp();
    }
    this.pos++;
    coll.range = [start, this.pos, this.pos];
    return [coll, isMap ? obj : arr];
  }

  private flowItem(depth: number): [Node, unknown] {
    const c = this.text[this.pos];
    if (c === '[' || c === '{') return this.flow(depth + 1);
    const node = this.scalar(true, false);
    return [node, node.value];
  }

  private spaces(): void {
    while (this.text[this.pos] === ' ') this.pos++;
  }

  /**
   * A one-line scalar at `pos`: quoted, or plain up to the line's end, a `: ` (a key) or, in a flow
   * collection, a flow indicator; its range ends where its text does (callers extend the node's end).
   */
  private scalar(inFlow: boolean, isKey: boolean): Scalar {
    const { text } = this;
    const start = this.pos;
    const c = text[start];
    if (c === '"' || c === "'") {
      const [value, p] = c === '"' ? this.doubleQuoted(start) : this.singleQuoted(start);
      this.pos = p;
      const node = new this.nodes.Scalar(this.strTag.resolve(value, this.onError, this.options));
      node.range = [start, p, p];
      node.source = value;
      node.type = c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
      return node;
    }
    if (c === undefined || c === '\n' || c === ' ' || NOT_PLAIN_START.has(c) || (c === '-' && (text[start + 1] === ' ' || text[start + 1] === '\n'))) giveUp();
    let p = start;
    let end = start; // after the last non-space character
    // Character codes, not one-character strings: this loop reads every character of every plain scalar.
    const length = text.length;
    for (; p < length; ) {
      const ch = text.charCodeAt(p);
      if (ch === NEWLINE) break;
      if (ch === COLON) {
        const after = p + 1 < length ? text.charCodeAt(p + 1) : NEWLINE;
        if (after === SPACE || after === NEWLINE || (inFlow && (after === COMMA || after === CLOSE_BRACKET || after === CLOSE_BRACE))) break;
      } else if (ch === HASH) {
        if (text.charCodeAt(p - 1) === SPACE) giveUp();
      } else if (inFlow && (ch === COMMA || ch === CLOSE_BRACKET || ch === CLOSE_BRACE || ch === OPEN_BRACKET || ch === OPEN_BRACE)) {
        if (ch === OPEN_BRACKET || ch === OPEN_BRACE) giveUp();
        break;
      }
      p++;
      if (ch !== SPACE) end = p;
    }
    if (isKey && end !== p) giveUp(); // `key : value`
    const source = text.slice(start, end);
    this.pos = end;
    return this.plain(source, start, end, end);
  }

  /** A one-line '…' from `start`: its value and where it ends. */
  private singleQuoted(start: number): [string, number] {
    const { text } = this;
    let p = start + 1;
    let value = '';
    for (;;) {
      const q = text.indexOf("'", p);
      const nl = text.indexOf('\n', p);
      if (q === -1 || (nl !== -1 && nl < q)) giveUp();
      value += text.slice(p, q);
      if (text[q + 1] !== "'") return [value, q + 1];
      value += "'";
      p = q + 2;
    }
  }

  /** A one-line "…" from `start`, its escapes as the library reads them: its value and where it ends. */
  private doubleQuoted(start: number): [string, number] {
    const { text } = this;
    let p = start + 1;
    let value = '';
    for (;;) {
      let q = p;
      for (let ch = text[q]; ch !== '"' && ch !== '\\'; ch = text[++q]) if (ch === '\n' || ch === undefined) giveUp();
      value += text.slice(p, q);
      if (text[q] === '"') return [value, q + 1];
      const e = text[q + 1];
      const code = ESCAPES[e];
      if (code !== undefined) {
        value += code;
        p = q + 2;
      } else if (e === 'x' || e === 'u' || e === 'U') {
        const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = text.slice(q + 2, q + 2 + length);
        if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) giveUp();
        const point = parseInt(hex, 16);
        if (point > 0x10ffff) giveUp();
        value += String.fromCodePoint(point);
        p = q + 2 + length;
      } else giveUp();
    }
  }

  /** A plain scalar, resolved as the composer resolves one: the first default tag whose test matches. */
  private plain(source: string, start: number, end: number, nodeEnd: number): Scalar {
    let tag = this.strTag;
    if (!this.anyTag || this.anyTag.test(source)) for (const t of this.tags) {
      if (t.test!.test(source)) {
        tag = t;
        break;
      }
    }
    const res = tag.resolve(source, this.onError, this.options);
    const node = isScalar(res) ? res : new this.nodes.Scalar(res);
    node.range = [start, end, nodeEnd];
    node.source = source;
    node.type = Scalar.PLAIN;
    if (tag.format) node.format = tag.format;
    return node;
  }
}
