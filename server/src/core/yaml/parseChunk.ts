import { LineIndex } from '../text/lineIndex';
import { Composer, Document, isAlias, isScalar, Lexer, Parser, Schema, visit, type CST, type Node, type Tags } from 'yaml';
import { scanNesting } from './nestingDepth';
import { fastParse } from './fastParse';

/**
 * The YAML dialect Kubernetes reads: sigs.k8s.io/yaml decodes with go-yaml v2, i.e. YAML 1.1 scalars
 * (`yes`/`no`/`on`/`off`/`y`/`n` are booleans, `010` is octal, `1_000` is 1000, merge keys `<<`),
 * but timestamps stay strings when decoded into untyped values (go-yaml v2 decode.go keeps them as
 * strings "for backward compatibility") and there are no sexagesimal numbers (`22:22` is a string).
 */
const DROPPED = new Set(['timestamp', 'intTime', 'floatTime', 'tag:yaml.org,2002:timestamp']);
const keepTags = (tags: Tags): Tags =>
  tags.filter((t) => (typeof t === 'string' ? !DROPPED.has(t) : !DROPPED.has(t.tag) && !('format' in t && t.format === 'TIME')));

/** Built once: a Schema per document would cost ~10% of parsing a small one. */
const kubernetesSchema = new Schema({ schema: 'yaml-1.1', customTags: keepTags, merge: true });

/** Most aliases a document may expand: a billion-laughs file stops here with a diagnostic. */
export const MAX_ALIAS_COUNT = 1000;
/**
 * Deepest nesting analysed. The yaml library parses block collections and builds its tree
 * recursively: ~2,000 levels overflow the stack inside its parser, and past ~800 levels in a fresh
 * process the composer can exhaust the stack inside V8's regexp compiler, which aborts the process
 * instead of throwing. So depth is measured on the lexer's tokens before the parser runs
 * (nestingDepth.ts), and exactly on the parser's tokens before the tree is built.
 */
export const MAX_DEPTH = 200;

export interface YamlProblem {
  code: 'syntax' | 'duplicate-key' | 'tab' | 'alias' | 'depth' | 'internal';
  message: string;
  /** Offsets relative to the chunk. */
  start: number;
  end: number;
}

export interface ParsedChunk {
  doc: Document.Parsed;
  /** The document as Kubernetes would decode it, or undefined when it could not be built. */
  value: unknown;
  problems: YamlProblem[];
}

const COMPOSE_OPTIONS = {
  schema: kubernetesSchema,
  merge: true,
  prettyErrors: false,
  // Checked after composing (duplicateKeys): the library's check compares each key with every earlier
  // one, and a 150,000-key ConfigMap took six minutes.
  uniqueKeys: false,
  keepSourceTokens: false,
  logLevel: 'error',
} as const;

/**
 * Whether a document decodes as kubectl reads it: no problem but duplicate keys, which
 * sigs.k8s.io/yaml (go-yaml v2) accepts, keeping the last value, as the value here does.
 */
export const decodes = (p: ParsedChunk): boolean => p.problems.every((problem) => problem.code === 'duplicate-key');

export function parseChunk(text: string): ParsedChunk {
  // The plain subset most manifests are written in is read in one pass (fastParse.ts), into the same
  // nodes and value; anything else, and any error, is the yaml library's.
  return fastParseChunk(text) ?? parseWithLibrary(text);
}

/** parseChunk's fast path alone: undefined when the document is not in its subset. */
export function fastParseChunk(text: string): ParsedChunk | undefined {
  const fast = fastParse(text, newDocument);
  return fast && { doc: fast.doc, value: fast.value, problems: [] };
}

/** A document as the composer starts one (its contents and range set by the caller). */
const newDocument = (): Document.Parsed => new Document(undefined, COMPOSE_OPTIONS) as Document.Parsed;

/** parseChunk by the yaml library alone: any document, its errors. */
export function parseWithLibrary(text: string): ParsedChunk {
  // What parseDocument does, in stages, so that the depth is measured iteratively on the lexer's
  // tokens before the (recursive) parser runs, and on the parser's before the (recursive) composer.
  const scan = scanNesting(MAX_DEPTH, new Lexer().lex(text));
  const tokens = scan.beyond ? [] : parseLexemes(scan.lexemes);
  const deep = scan.beyond ?? depthBeyond(tokens, MAX_DEPTH);
  if (deep) {
    const message = `nesting deeper than ${MAX_DEPTH} levels: the document is not analysed`;
    return { doc: emptyDocument(), value: undefined, problems: [{ code: 'depth', message, start: deep[0], end: deep[1] }] };
  }
  const docs = [...new Composer(COMPOSE_OPTIONS).compose(tokens, true, text.length)];
  const doc = docs[0];
  const problems = yamlErrors(doc, text, duplicateKeys(doc));
  if (docs.length > 1) {
    const start = docs[1].range[0];
    problems.push({ code: 'syntax', message: "content after the document end marker '...': start each document with ---", start, end: start + 1 });
  }
  let value: unknown;
  try {
    const unresolved = MAYBE_ALIAS.test(text) ? unresolvedAlias(doc) : undefined;
    if (unresolved) problems.push(unresolved);
    else value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    problems.push(e instanceof RangeError && /call stack/.test(e.message) ? tooDeep(text) : aliasBomb(doc, text));
  }
  return { doc, value, problems };
}

/**
 * A `*` where an alias can start (after a line start, a space or a flow indicator, before an anchor
 * character): a text without one has no alias, and its tree is not walked for them. A `*` of a
 * Markdown list in a description (`* item`) is not one.
 */
const MAYBE_ALIAS = /(?:^|[\s[{,])\*[^\s,[\]{}]/;

/** The document of a text that is not analysed. */
export const emptyDocument = (): Document.Parsed => new Document(null, COMPOSE_OPTIONS) as Document.Parsed;

/** The parser's tokens, fed the lexemes already read (Parser.parse would lex the text again). */
function parseLexemes(lexemes: string[]): CST.Token[] {
  const parser = new Parser();
  const out: CST.Token[] = [];
  for (const lexeme of lexemes) for (const token of parser.next(lexeme)) out.push(token);
  for (const token of parser.end()) out.push(token);
  return out;
}

/**
 * Keys that repeat an earlier key of the same mapping, as the yaml library's uniqueKeys check finds
 * them (scalars equal by value, other keys by identity), with a set per mapping instead of a scan.
 */
function duplicateKeys(doc: Document.Parsed): Array<{ pos: [number, number]; code: 'DUPLICATE_KEY'; message: string }> {
  const found: Array<{ pos: [number, number]; code: 'DUPLICATE_KEY'; message: string }> = [];
  visit(doc, {
    Map(_key, map) {
      if (map.items.length < 2) return;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        const id = isScalar(key) ? (typeof key.value === 'object' && key.value !== null ? key : `${typeof key.value}:${String(key.value)}`) : key;
        if (seen.has(id)) {
          const start = (key as Node | null)?.range?.[0] ?? 0;
          found.push({ pos: [start, start + 1], code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
        } else seen.add(id);
      }
    },
  });
  return found;
}

const INDENTATION_ERRORS = new Set(['BAD_INDENT', 'BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'MISSING_CHAR']);

/** The parser's errors, one per line (a single mistake often yields several), in plain words. */
function yamlErrors(doc: Document.Parsed, text: string, duplicates: Array<{ pos: [number, number]; code: string; message: string }>): YamlProblem[] {
  const problems: YamlProblem[] = [];
  if (doc.errors.length === 0 && duplicates.length === 0) return problems;
  const errors = [...doc.errors, ...duplicates].sort((a, b) => a.pos[0] - b.pos[0]);
  const index = new LineIndex(text);
  const lines = new Set<number>();
  for (const e of errors) {
    const line = index.position(e.pos[0]).line;
    if (lines.has(line)) continue;
    lines.add(line);
    const start = e.pos[0];
    let end = Math.max(e.pos[1], start + 1);
    let message = e.message.split('\n')[0];
    let code: YamlProblem['code'] = 'syntax';
    if (e.code === 'DUPLICATE_KEY') {
      code = 'duplicate-key';
      const key = /^[^:\n]*/.exec(text.slice(start))![0].trimEnd();
      end = start + Math.max(key.length, 1);
      message = `duplicate key ${JSON.stringify(key.replace(/^["']|["']$/g, ''))}: kubectl apply keeps the last value (sigs.k8s.io/yaml), the earlier one is lost; kustomize and strict YAML readers reject the file`;
    } else if (e.code === 'TAB_AS_INDENT') {
      code = 'tab';
      message = 'tab used for indentation: YAML allows only spaces';
    } else if (INDENTATION_ERRORS.has(e.code)) {
      message += ' (check the indentation of this line and the one before)';
    }
    problems.push({ code, message, start, end });
  }
  return problems;
}

/** Where nesting passes `limit`, on the parser's tokens (not recursive, unlike building the tree). */
function depthBeyond(tokens: CST.Token[], limit: number): [number, number] | undefined {
  const stack: Array<[CST.Token | null | undefined, number]> = tokens.map((t) => [t, 0]);
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth >= limit) return [token.offset, token.offset + 1];
      for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
        stack.push([item.value, depth + 1]);
        stack.push([item.key, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Recursion past the stack's depth (tens of thousands of levels) ends analysis of the document. */
export function tooDeep(text: string): YamlProblem {
  return { code: 'depth', message: 'nesting too deep to analyse: the document is not analysed further', start: 0, end: Math.min(text.length, 1) };
}

function aliasBomb(doc: Document.Parsed, text: string): YamlProblem {
  const alias = firstAlias(doc);
  return {
    code: 'alias',
    message: `aliases expand to more than ${MAX_ALIAS_COUNT} nodes (an alias bomb?): the document is not analysed`,
    start: alias?.[0] ?? 0,
    end: alias?.[1] ?? Math.min(text.length, 1),
  };
}

function unresolvedAlias(doc: Document.Parsed): YamlProblem | undefined {
  const anchors = new Set<string>();
  let problem: YamlProblem | undefined;
  visit(doc, (_key, node, path) => {
    const n = node as Node;
    if (isAlias(n)) {
      const [start, end] = n.range ?? [0, 1];
      if (!anchors.has(n.source)) {
        problem = { code: 'alias', message: `unresolved alias *${n.source}: no anchor &${n.source} before it`, start, end };
        return visit.BREAK;
      }
      // An alias inside the node its anchor names would make an endless structure (go-yaml refuses it).
      if (path.some((ancestor) => (ancestor as { anchor?: string }).anchor === n.source)) {
        problem = { code: 'alias', message: `alias *${n.source} is inside the node &${n.source} names: a recursive structure`, start, end };
        return visit.BREAK;
      }
    } else if (n && typeof n === 'object' && 'anchor' in n && n.anchor) {
      anchors.add(n.anchor as string);
    }
    return undefined;
  });
  return problem;
}

function firstAlias(doc: Document.Parsed): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_k, n) {
      found = [n.range?.[0] ?? 0, n.range?.[1] ?? 1];
      return visit.BREAK;
    },
  });
  return found;
}
