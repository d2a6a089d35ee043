import type { Environment } from '@marcbachmann/cel-js';
import { traversalCost } from '../cost';
import { callCost, valueTraversalCost } from './callCost';
import { formatMacro } from './stringFormatMacro';
import { actualSize, celError, codePointLength, listItems } from './values';

/**
 * cel-go's ext.Strings as the API server configures it (environment/base.go: version 0 up to 1.28,
 * version 2 from 1.29, which adds format and strings.quote), with the cel-go release of each
 * Kubernetes minor (1.29–1.31: 0.17–0.20, 1.32–1.33: 0.22–0.23, 1.34–1.35: 0.26). Indices count
 * code points; lowerAscii/upperAscii change ASCII letters only; trim removes Go's white space.
 * cel-js's own overloads of these functions are dropped at build time (scripts/build.mjs).
 */
class StringsNamespace {}

const runes = (s: string): string[] => Array.from(s);
const outOfRange = (i: bigint | number): Error => celError(`index out of range: ${i}`);

/** unicode.IsSpace. */
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** indexOfOffset; `minor` picks the cel-go release (before 0.22 an offset at or past the end is an error). */
function indexOfOffset(s: string, sub: string, offset: bigint, minor: number): bigint {
  if (sub === '') return offset;
  const r = runes(s);
  const sr = runes(sub);
  if (offset < 0n || (minor < 32 && offset >= BigInt(r.length))) throw outOfRange(offset);
  if (offset >= BigInt(r.length)) return -1n;
  for (let i = Number(offset); i < r.length - (sr.length - 1); i++) {
    if (sr.every((c, j) => r[i + j] === c)) return BigInt(i);
  }
  return -1n;
}

/** lastIndexOfOffset. */
function lastIndexOfOffset(s: string, sub: string, offset: bigint, minor: number): bigint {
  if (sub === '') return offset;
  const r = runes(s);
  const sr = runes(sub);
  if (offset < 0n || (minor < 32 && offset >= BigInt(r.length))) throw outOfRange(offset);
  if (offset >= BigInt(r.length)) return -1n;
  let off = Number(offset);
  if (off > r.length - sr.length) off = r.length - sr.length;
  for (let i = off; i >= 0; i--) {
    if (sr.every((c, j) => r[i + j] === c)) return BigInt(i);
  }
  return -1n;
}

/** strings.Replace. */
function replace(s: string, old: string, by: string, n: number): string {
  if (old === by || n === 0) return s;
  if (old === '') {
    const r = runes(s);
    const m = r.length + 1;
    const count = n < 0 || m < n ? m : n;
    let out = '';
    for (let i = 0; i < count; i++) out += by + (i < r.length && i < count - 1 ? r[i] : '');
    return out + r.slice(count - 1).join('');
  }
  const parts = s.split(old);
  const m = parts.length - 1;
  if (m === 0) return s;
  const count = n < 0 || m < n ? m : n;
  return parts.slice(0, count + 1).join(by) + (count < m ? old + parts.slice(count + 1).join(old) : '');
}

/** strings.SplitN (n < 0: all). */
function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const r = runes(s);
    const k = n < 0 || n > r.length ? r.length : n;
    return k === 0 ? [] : [...r.slice(0, k - 1), r.slice(k - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || n >= parts.length) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

const asciiCase = (s: string, upper: boolean): string => s.replace(upper ? /[a-z]+/g : /[A-Z]+/g, (m) => (upper ? m.toUpperCase() : m.toLowerCase()));

/** sanitize: invalid code points (lone surrogates here) become U+FFFD. */
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** ext/strings.go quote: CEL's escapes, the rest as is. */
function quote(s: string): string {
  const escapes: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"' };
  return `"${wellFormed(s).replace(/[\x07\b\f\n\r\t\v\\"]/g, (c) => escapes[c])}"`;
}

/** joinValSeparator: only strings ("join: invalid input: <value>" otherwise, as cel-go prints it). */
function join(list: unknown[], sep: string): string {
  const items = listItems(list);
  for (const v of items) if (typeof v !== 'string') throw celError(`join: invalid input: ${String(v)}`);
  const result = items.join(sep);
  callCost(traversalCost(actualSize(result) * 2));
  return result;
}

/** int(n) of an int64 count: beyond 2^53 behaves as "no limit" for replace and split, as upstream. */
const toInt = (n: bigint): number => (n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : n < -BigInt(Number.MAX_SAFE_INTEGER) ? -Number.MAX_SAFE_INTEGER : Number(n));

function register(env: Environment, minor: number): void {
  // cost.go: "lowerAscii", "upperAscii", "substring", "trim" traverse the string once; "replace",
  // "split" twice; "indexOf", "lastIndexOf" cost traversalCost(the string); the others are O(1).
  const once = (s: string) => callCost(traversalCost(actualSize(s)));
  const twice = (s: string) => callCost(traversalCost(actualSize(s) * 2));

  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    const r = runes(s);
    if (i < 0n || i > BigInt(r.length)) throw outOfRange(i);
    return i === BigInt(r.length) ? '' : r[Number(i)];
  });
  env.registerFunction('string.indexOf(string): int', (s: string, sub: string) => {
    callCost(valueTraversalCost(s));
    return indexOfOffset(s, sub, 0n, minor);
  });
  env.registerFunction('string.indexOf(string, int): int', (s: string, sub: string, offset: bigint) => {
    callCost(valueTraversalCost(s));
    return indexOfOffset(s, sub, offset, minor);
  });
  env.registerFunction('string.lastIndexOf(string): int', (s: string, sub: string) => {
    callCost(valueTraversalCost(s));
    const n = codePointLength(s);
    if (sub === '') return BigInt(n);
    // cel-go 0.26 (1.34): a search string longer (in bytes) than the string is not found.
    if (minor >= 34 && Buffer.byteLength(s) < Buffer.byteLength(sub)) return -1n;
    return lastIndexOfOffset(s, sub, BigInt(n - 1), minor);
  });
  env.registerFunction('string.lastIndexOf(string, int): int', (s: string, sub: string, offset: bigint) => {
    callCost(valueTraversalCost(s));
    return lastIndexOfOffset(s, sub, offset, minor);
  });
  env.registerFunction('string.lowerAscii(): string', (s: string) => {
    once(s);
    return asciiCase(s, false);
  });
  env.registerFunction('string.upperAscii(): string', (s: string) => {
    once(s);
    return asciiCase(s, true);
  });
  env.registerFunction('string.replace(string, string): string', (s: string, old: string, by: string) => {
    twice(s);
    return replace(s, old, by, -1);
  });
  env.registerFunction('string.replace(string, string, int): string', (s: string, old: string, by: string, n: bigint) => {
    twice(s);
    return replace(s, old, by, toInt(n));
  });
  env.registerFunction('string.split(string): list<string>', (s: string, sep: string) => {
    twice(s);
    return splitN(s, sep, -1);
  });
  env.registerFunction('string.split(string, int): list<string>', (s: string, sep: string, n: bigint) => {
    twice(s);
    return splitN(s, sep, toInt(n));
  });
  env.registerFunction('string.substring(int): string', (s: string, start: bigint) => {
    once(s);
    const r = runes(s);
    if (start < 0n || start > BigInt(r.length)) throw outOfRange(start);
    return r.slice(Number(start)).join('');
  });
  env.registerFunction('string.substring(int, int): string', (s: string, start: bigint, end: bigint) => {
    once(s);
    const r = runes(s);
    if (start > end) throw celError(`invalid substring range. start: ${start}, end: ${end}`);
    if (start < 0n || start > BigInt(r.length)) throw outOfRange(start);
    if (end < 0n || end > BigInt(r.length)) throw outOfRange(end);
    return r.slice(Number(start), Number(end)).join('');
  });
  env.registerFunction('string.trim(): string', (s: string) => {
    once(s);
    return s.replace(SPACE, '');
  });
  env.registerFunction('list<string>.join(): string', (list: string[]) => join(list, ''));
  env.registerFunction('list<string>.join(string): string', (list: string[], sep: string) => join(list, sep));

  if (minor < 29) return;
  env.registerType('StringsNamespace', StringsNamespace);
  env.registerConstant('strings', 'StringsNamespace', new StringsNamespace());
  env.registerFunction('StringsNamespace.quote(string): string', (_: StringsNamespace, s: string) => {
    once(s); // runtimecost.go: ExtQuoteString traverses its argument
    return quote(s);
  });
  env.registerFunction('string.format(ast): string', formatMacro(minor));
}

export const stringsLibrary = { name: 'cel.lib.ext.strings', since: 0, register };
