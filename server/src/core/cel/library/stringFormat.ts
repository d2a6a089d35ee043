import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { quote as goQuote } from '../../model/goString';
import { formatFixed, formatFShortest, formatG, significantDigits } from './goFloat';
import { celTypeName, compareStrings, isBytes, isList, isMap, isTypeValue, listItems, mapEntries, type Evaluator } from './values';

/**
 * `<string>.format(<list>)` of cel-go's ext.Strings version 2 (ext/formatting.go: parseFormatString,
 * stringFormatter, the locale en_US through golang.org/x/text/message). %f prints through x/text's
 * en-US decimal pattern (digit grouping, "∞", "NaN"); %e through its scientific pattern with a
 * superscript exponent, 6 fraction digits whatever the precision (cel-go builds "%<precision>e",
 * a width), "\u202f×\u202f10" before x/text 0.23 (Kubernetes ≤ 1.32), "×10" after.
 */
export class FormatError extends Error {}

/** The arguments: `arg` fails past the end at run time (stringArgList), not when checking. */
export interface FormatArgs {
  size: number;
  arg(index: number): unknown;
}
export interface Clauses {
  string(arg: unknown): string;
  decimal(arg: unknown): string;
  fixed(precision: number | undefined): (arg: unknown) => string;
  scientific(precision: number | undefined): (arg: unknown) => string;
  binary(arg: unknown): string;
  hex(upper: boolean): (arg: unknown) => string;
  octal(arg: unknown): string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** parseFormatString (formatting.go). */
export function parseFormatString(format: string, clauses: Clauses, args: FormatArgs): string {
  let out = '';
  let argIndex = 0;
  for (let i = 0; i < format.length; ) {
    if (format[i] !== '%') {
      out += format[i++];
      continue;
    }
    if (format[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const arg = args.arg(argIndex);
    if (i + 1 >= format.length) throw new FormatError('unexpected end of string');
    if (argIndex >= args.size) throw new FormatError(`index ${argIndex} out of range`);
    // parseAndFormatClause / parseFormattingClause / parsePrecision
    let j = i + 1;
    let precision: number | undefined;
    if (format[j] === '.') {
      j++;
      const start = j;
      while (isDigit(format[j])) j++;
      if (j >= format.length) {
        throw new FormatError('could not parse formatting clause: error while parsing precision: could not find end of precision specifier');
      }
      const text = format.slice(start, j);
      if (text === '' || text.replace(/^0+(?=.)/, '').length > 18) {
        const why = text === '' ? 'invalid syntax' : 'value out of range';
        throw new FormatError(`could not parse formatting clause: error while parsing precision: error while converting precision to integer: strconv.Atoi: parsing ${goQuote(text)}: ${why}`);
      }
      precision = Number(text);
    }
    // rune(formatStr[i]): the clause letter is one byte.
    const verb = String.fromCharCode(Buffer.from(format[j], 'utf8')[0]);
    const clause = {
      s: clauses.string,
      d: clauses.decimal,
      f: clauses.fixed(precision),
      e: clauses.scientific(precision),
      b: clauses.binary,
      x: clauses.hex(false),
      X: clauses.hex(true),
      o: clauses.octal,
    }[verb];
    if (!clause) throw new FormatError(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
    let formatted: string;
    try {
      formatted = clause(arg);
    } catch (e) {
      if (e instanceof FormatError) throw new FormatError(`error during formatting: ${e.message}`);
      throw e;
    }
    out += formatted;
    i = j + 1;
    argIndex++;
  }
  return out;
}

const clauseError = (what: string, type: string) => new FormatError(`${what}, was given ${type}`);
export const MESSAGES = {
  string: 'string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps',
  decimal: 'decimal clause can only be used on integers',
  fixed: 'fixed-point clause can only be used on doubles',
  scientific: 'scientific clause can only be used on doubles',
  binary: 'only integers and bools can be formatted as binary',
  hex: 'only integers, byte buffers, and strings can be formatted as hex',
  octal: 'octal clause can only be used on integers',
};

const bigintOf = (v: unknown): bigint | undefined =>
  typeof v === 'bigint' ? v : v instanceof UnsignedInt ? (v.valueOf() as bigint) : undefined;
const radix = (v: bigint, base: number): string => (v < 0n ? `-${(-v).toString(base)}` : v.toString(base));

/** Go's time.RFC3339Nano in UTC (trailing zeros of the fraction dropped). */
function rfc3339Nano(d: Date): string {
  const iso = d.toISOString();
  const [main, frac] = [iso.slice(0, 19), iso.slice(20, 23).replace(/0+$/, '')];
  return `${main}${frac ? `.${frac}` : ''}Z`;
}

/** Duration.ConvertToType(StringType): seconds as a float64, shortest 'f', then "s". */
function durationString(d: Duration): string {
  const nanos = d.seconds * 1_000_000_000n + BigInt(d.nanos);
  const sec = nanos / 1_000_000_000n;
  const nsec = nanos % 1_000_000_000n;
  return `${formatFShortest(Number(sec) + Number(nsec) / 1e9)}s`;
}

const TYPE_NAMES: Record<string, string> = { null: 'null_type', optional: 'optional_type' };

/** FormatString (formatting.go): the %s text of a value. */
function formatString(v: unknown, ev?: Evaluator): string {
  if (isList(v)) return formatList(v, ev);
  if (isMap(v)) return formatMap(v, ev);
  if (v === null) return 'null';
  const s = scalarString(v);
  if (s === undefined) throw clauseError(MESSAGES.string, celTypeName(v, ev));
  return s;
}

/** ConvertToType(StringType) of the scalar types %s accepts. */
function scalarString(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
      return v.toString();
    case 'boolean':
      return String(v);
    case 'number':
      return formatG(v);
  }
  if (v instanceof UnsignedInt) return v.toString();
  if (v instanceof Date) return rfc3339Nano(v);
  if (v instanceof Duration) return durationString(v);
  if (isTypeValue(v)) return TYPE_NAMES[v.name] ?? v.name;
  if (isBytes(v)) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(v);
    } catch {
      throw new FormatError('could not convert argument "invalid UTF-8 in bytes, cannot convert to string" to string');
    }
  }
  return undefined;
}

/** clauseForType and quoteForCEL: a list or map member as CEL literal text. */
function formatMember(v: unknown, ev?: Evaluator): string {
  if (typeof v === 'bigint' || v instanceof UnsignedInt) return v.toString();
  if (typeof v === 'number') {
    const s = Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? formatFixed(v, 6) : v > 0 ? '+Inf' : '-Inf';
    return Number.isFinite(v) ? s : goQuote(s);
  }
  if (v instanceof Date) return `timestamp(${goQuote(rfc3339Nano(v))})`;
  if (v instanceof Duration) return `duration(${goQuote(durationString(v))})`;
  if (isList(v)) return formatList(v, ev);
  if (isMap(v)) return formatMap(v, ev);
  if (v === null || typeof v === 'string' || typeof v === 'boolean' || isBytes(v) || isTypeValue(v)) {
    const s = formatString(v, ev);
    return typeof v === 'string' ? goQuote(s) : isBytes(v) ? `b${goQuote(s)}` : s;
  }
  throw new FormatError(`no formatting function for ${celTypeName(v, ev)}`);
}

function formatList(list: unknown[] | Set<unknown>, ev?: Evaluator): string {
  return `[${listItems(list).map((v) => formatMember(v, ev)).join(', ')}]`;
}

function formatMap(map: Record<string, unknown> | Map<unknown, unknown>, ev?: Evaluator): string {
  const pairs = mapEntries(map).map(([k, v]) => {
    let key: string;
    if (typeof k === 'string') key = goQuote(k);
    else if (typeof k === 'boolean' || typeof k === 'bigint' || k instanceof UnsignedInt) key = String(k);
    else throw new FormatError(`no formatting function for map key of type ${celTypeName(k, ev)}`);
    return [key, formatMember(v, ev)] as const;
  });
  pairs.sort((a, b) => compareStrings(a[0], b[0]));
  return `{${pairs.map(([k, v]) => `${k}:${v}`).join(', ')}}`;
}

const SUPERSCRIPT = ['\u2070', '\u00b9', '\u00b2', '\u00b3', '\u2074', '\u2075', '\u2076', '\u2077', '\u2078', '\u2079'];
const group3 = (int: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** x/text en-US, "%.<precision>f": grouped digits, "∞", "NaN"; the sign only below zero. */
function xtextFixed(x: number, precision: number): string {
  if (Number.isNaN(x)) return 'NaN';
  const neg = x < 0 ? '-' : '';
  if (!Number.isFinite(x)) return `${neg}∞`;
  const [int, frac] = formatFixed(Math.abs(x), precision).split('.');
  return `${neg}${group3(int)}${frac === undefined ? '' : `.${frac}`}`;
}

/** x/text en-US, "%<width>e": 6 fraction digits, a superscript exponent of at least two digits, padded to the width. */
function xtextScientific(x: number, width: number, spaced: boolean): string {
  let out: string;
  if (Number.isNaN(x)) out = 'NaN';
  else if (!Number.isFinite(x)) out = `${x < 0 ? '-' : ''}∞`;
  else {
    const { digits, exponent } = significantDigits(Math.abs(x), 7);
    const e = String(Math.abs(x === 0 ? 0 : exponent)).padStart(2, '0');
    const sup = `${exponent < 0 && x !== 0 ? '\u207b' : ''}${Array.from(e, (c) => SUPERSCRIPT[Number(c)]).join('')}`;
    out = `${x < 0 ? '-' : ''}${digits[0]}.${digits.slice(1)}${spaced ? '\u202f×\u202f' : '×'}10${sup}`;
  }
  const length = Array.from(out).length;
  return length < width ? ' '.repeat(width - length) + out : out;
}

/** stringFormatter: the clauses at run time. */
export function runtimeClauses(minor: number, ev?: Evaluator): Clauses {
  const floatArg = (v: unknown, what: string): number => {
    if (typeof v === 'string' && (v === 'NaN' || v === 'Infinity' || v === '-Infinity')) return Number(v);
    if (typeof v !== 'number') throw clauseError(what, celTypeName(v, ev));
    return v;
  };
  return {
    string: (v) => formatString(v, ev),
    decimal: (v) => {
      const n = bigintOf(v);
      if (n === undefined) throw clauseError(MESSAGES.decimal, celTypeName(v, ev));
      return n.toString();
    },
    fixed: (precision) => (v) => xtextFixed(floatArg(v, MESSAGES.fixed), precision ?? 6),
    scientific: (precision) => (v) => xtextScientific(floatArg(v, MESSAGES.scientific), precision ?? 6, minor <= 32),
    binary: (v) => {
      if (typeof v === 'boolean') return v ? '1' : '0';
      const n = bigintOf(v);
      if (n === undefined) throw clauseError(MESSAGES.binary, celTypeName(v, ev));
      return radix(n, 2);
    },
    hex: (upper) => (v) => {
      let s: string;
      const n = bigintOf(v);
      if (n !== undefined) s = radix(n, 16);
      else if (typeof v === 'string') s = Buffer.from(v, 'utf8').toString('hex');
      else if (isBytes(v)) s = Buffer.from(v).toString('hex');
      else throw clauseError(MESSAGES.hex, celTypeName(v, ev));
      return upper ? s.toUpperCase() : s;
    },
    octal: (v) => {
      const n = bigintOf(v);
      if (n === undefined) throw clauseError(MESSAGES.octal, celTypeName(v, ev));
      return radix(n, 8);
    },
  };
}
