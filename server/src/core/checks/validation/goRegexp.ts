/**
 * Whether Go's regexp.Compile accepts a pattern, and its error if not, in Go's words
 * (`error parsing regexp: missing argument to repetition operator: \`+\``). A port of the parser in
 * Go's regexp/syntax/parse.go (Perl flags, as regexp.Compile uses) that keeps only what decides
 * errors: the groups, what a repetition applies to, escapes and character classes. Not ported: the
 * size and nesting limits (`expression too large`, `expression nests too deeply`), hit only by huge
 * patterns, and Unicode class names JavaScript cannot confirm, which are taken as valid.
 */
export function goRegexpError(pattern: string): string | undefined {
  try {
    new GoParser(pattern).parse();
    return undefined;
  } catch (e) {
    if (e instanceof GoRegexpError) return e.message;
    throw e;
  }
}

class GoRegexpError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

const ErrInvalidCharRange = 'invalid character class range';
const ErrInvalidEscape = 'invalid escape sequence';
const ErrInvalidNamedCapture = 'invalid named capture';
const ErrInvalidPerlOp = 'invalid or unsupported Perl syntax';
const ErrInvalidRepeatOp = 'invalid nested repetition operator';
const ErrInvalidRepeatSize = 'invalid repeat count';
const ErrMissingBracket = 'missing closing ]';
const ErrMissingParen = 'missing closing )';
const ErrMissingRepeatArgument = 'missing argument to repetition operator';
const ErrTrailingBackslash = 'trailing backslash at end of expression';
const ErrUnexpectedParen = 'unexpected )';

/** maxRepeat in parse.go: the largest count of one x{n,m}, and of nested counts multiplied. */
const maxRepeat = 1000;

/** A parsed piece: a counted repetition ({n,m}) keeps its counts, for repeatIsValid. */
interface Node {
  min?: number;
  max?: number;
  counted?: boolean;
  subs: Node[];
}

/** One open group: the pieces parsed since its `(` (the stack above opLeftParen / opVerticalBar). */
interface Frame {
  items: Node[];
  done: Node[];
}

const POSIX_GROUPS = new Set(
  ['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit'].flatMap((n) => [`[:${n}:]`, `[:^${n}:]`]),
);
const PERL_GROUPS = new Set(['\\d', '\\D', '\\s', '\\S', '\\w', '\\W']);

const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isOctal = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '7';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);
const unhex = (c: string): number => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);
/** The first code point of s (Go's nextRune; an empty string gives U+FFFD, as DecodeRuneInString does). */
const firstRune = (s: string): string => (s === '' ? '\uFFFD' : String.fromCodePoint(s.codePointAt(0)!));

/** Unicode class names Go knows (unicodeTable); what JavaScript cannot confirm counts as known. */
function knownUnicodeClass(name: string): boolean {
  if (/^(any|assigned|ascii)$/i.test(name)) return true;
  for (const source of [`\\p{${name}}`, `\\p{Script=${name}}`, `\\p{General_Category=${name}}`]) {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      // try the next spelling
    }
  }
  // Go canonicalizes names (case, `_`, `-`, spaces); anything JavaScript does not take is accepted
  // rather than reported falsely, unless it cannot be a name at all.
  return /^[A-Za-z][A-Za-z0-9_ -]*$/.test(name);
}

class GoParser {
  private readonly frames: Frame[] = [{ items: [], done: [] }];

  constructor(private readonly whole: string) {}

  private get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private push(n: Node = { subs: [] }): void {
    this.frame.items.push(n);
  }

  parse(): void {
    let t = this.whole;
    let lastRepeat = '';
    while (t !== '') {
      let repeat = '';
      const c = t[0];
      if (c === '(') {
        if (t.length >= 2 && t[1] === '?') t = this.parsePerlFlags(t);
        else {
          this.frames.push({ items: [], done: [] });
          t = t.slice(1);
        }
      } else if (c === '|') {
        this.frame.done.push({ subs: this.frame.items });
        this.frame.items = [];
        t = t.slice(1);
      } else if (c === ')') {
        if (this.frames.length < 2) throw new GoRegexpError(ErrUnexpectedParen, this.whole);
        const f = this.frames.pop()!;
        this.push({ subs: [...f.done, { subs: f.items }] });
        t = t.slice(1);
      } else if (c === '^' || c === '$' || c === '.') {
        this.push();
        t = t.slice(1);
      } else if (c === '[') {
        t = this.parseClass(t);
      } else if (c === '*' || c === '+' || c === '?') {
        const before = t;
        t = this.repeat(undefined, before, t.slice(1), lastRepeat);
        repeat = before;
      } else if (c === '{') {
        const before = t;
        const r = parseRepeat(t);
        if (!r) {
          this.push();
          t = t.slice(1);
        } else {
          const { min, max, rest } = r;
          if (min < 0 || min > maxRepeat || max > maxRepeat || (max >= 0 && min > max)) {
            throw new GoRegexpError(ErrInvalidRepeatSize, before.slice(0, before.length - rest.length));
          }
          t = this.repeat({ min, max }, before, rest, lastRepeat);
          repeat = before;
        }
      } else if (c === '\\') {
        t = this.parseBackslash(t);
      } else {
        this.push();
        t = t.slice(firstRune(t).length);
      }
      lastRepeat = repeat;
    }
    if (this.frames.length !== 1) throw new GoRegexpError(ErrMissingParen, this.whole);
  }

  /** parser.repeat: `before` starts at the operator, `after` follows it. */
  private repeat(count: { min: number; max: number } | undefined, before: string, after: string, lastRepeat: string): string {
    if (after.length > 0 && after[0] === '?') after = after.slice(1);
    if (lastRepeat !== '') throw new GoRegexpError(ErrInvalidRepeatOp, lastRepeat.slice(0, lastRepeat.length - after.length));
    const items = this.frame.items;
    if (items.length === 0) throw new GoRegexpError(ErrMissingRepeatArgument, before.slice(0, before.length - after.length));
    const node: Node = count ? { counted: true, min: count.min, max: count.max, subs: [items[items.length - 1]] } : { subs: [items[items.length - 1]] };
    items[items.length - 1] = node;
    if (count && (count.min >= 2 || count.max >= 2) && !repeatIsValid(node, maxRepeat)) {
      throw new GoRegexpError(ErrInvalidRepeatSize, before.slice(0, before.length - after.length));
    }
    return after;
  }

  /** The `\` cases of parse(): anchors, \Q…\E, Unicode and Perl classes, then parseEscape. */
  private parseBackslash(t: string): string {
    if (t.length >= 2) {
      switch (t[1]) {
        case 'A':
        case 'b':
        case 'B':
        case 'z':
          this.push();
          return t.slice(2);
        case 'C':
          throw new GoRegexpError(ErrInvalidEscape, t.slice(0, 2));
        case 'Q': {
          const end = t.indexOf('\\E', 2);
          const lit = end < 0 ? t.slice(2) : t.slice(2, end);
          if (lit !== '') this.push();
          return end < 0 ? '' : t.slice(end + 2);
        }
      }
    }
    if (t.length >= 2 && (t[1] === 'p' || t[1] === 'P')) {
      const rest = this.parseUnicodeClass(t);
      this.push();
      return rest;
    }
    if (PERL_GROUPS.has(t.slice(0, 2))) {
      this.push();
      return t.slice(2);
    }
    const rest = parseEscape(t);
    this.push();
    return rest;
  }

  /** parsePerlFlags: named captures, `(?flags)`, `(?flags:`; anything else is unsupported Perl syntax. */
  private parsePerlFlags(s: string): string {
    const startsWithP = s.length > 4 && s[2] === 'P' && s[3] === '<';
    const startsWithName = s.length > 3 && s[2] === '<';
    if (startsWithP || startsWithName) {
      const exprStart = startsWithName ? 3 : 4;
      const end = s.indexOf('>');
      if (end < 0) throw new GoRegexpError(ErrInvalidNamedCapture, s);
      const capture = s.slice(0, end + 1);
      const name = s.slice(exprStart, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) throw new GoRegexpError(ErrInvalidNamedCapture, capture);
      this.frames.push({ items: [], done: [] });
      return s.slice(end + 1);
    }
    let t = s.slice(2);
    let sign = 1;
    let sawFlag = false;
    while (t !== '') {
      const c = firstRune(t);
      t = t.slice(c.length);
      if (c === 'i' || c === 'm' || c === 's' || c === 'U') {
        sawFlag = true;
        continue;
      }
      if (c === '-') {
        if (sign < 0) break;
        sign = -1;
        sawFlag = false;
        continue;
      }
      if (c === ':' || c === ')') {
        if (sign < 0 && !sawFlag) break;
        if (c === ':') this.frames.push({ items: [], done: [] });
        return t;
      }
      break;
    }
    throw new GoRegexpError(ErrInvalidPerlOp, s.slice(0, s.length - t.length));
  }

  /** parseUnicodeClass at `\p` or `\P`: a one-letter name or `{Name}`, optionally `^`-negated. */
  private parseUnicodeClass(s: string): string {
    const c = firstRune(s.slice(2));
    let seq: string;
    let name: string;
    let rest: string;
    if (c !== '{') {
      seq = s.slice(0, 2 + (s.length > 2 ? c.length : 0));
      name = seq.slice(2);
      rest = s.slice(seq.length);
    } else {
      const end = s.indexOf('}');
      if (end < 0) throw new GoRegexpError(ErrInvalidCharRange, s);
      seq = s.slice(0, end + 1);
      rest = s.slice(end + 1);
      name = s.slice(3, end);
    }
    if (name !== '' && name[0] === '^') name = name.slice(1);
    if (name === '' || !knownUnicodeClass(name)) throw new GoRegexpError(ErrInvalidCharRange, seq);
    return rest;
  }

  /** parseClass: `[...]` with POSIX, Unicode and Perl classes, escapes and ranges. */
  private parseClass(s: string): string {
    let t = s.slice(1);
    if (t !== '' && t[0] === '^') t = t.slice(1);
    let first = true;
    while (t === '' || t[0] !== ']' || first) {
      first = false;
      if (t.length > 2 && t[0] === '[' && t[1] === ':') {
        const i = t.indexOf(':]', 2);
        if (i >= 0) {
          const name = t.slice(0, i + 2);
          if (!POSIX_GROUPS.has(name)) throw new GoRegexpError(ErrInvalidCharRange, name);
          t = t.slice(i + 2);
          continue;
        }
      }
      if (t.length >= 2 && t[0] === '\\' && (t[1] === 'p' || t[1] === 'P')) {
        t = this.parseUnicodeClass(t);
        continue;
      }
      if (PERL_GROUPS.has(t.slice(0, 2))) {
        t = t.slice(2);
        continue;
      }
      const rng = t;
      let lo: number;
      [lo, t] = parseClassChar(t, s);
      let hi = lo;
      if (t.length >= 2 && t[0] === '-' && t[1] !== ']') {
        t = t.slice(1);
        [hi, t] = parseClassChar(t, s);
        if (hi < lo) throw new GoRegexpError(ErrInvalidCharRange, rng.slice(0, rng.length - t.length));
      }
    }
    this.push();
    return t.slice(1);
  }
}

/** parseRepeat: `{n}`, `{n,}` or `{n,m}`; undefined when it is not one (then `{` is a literal). */
function parseRepeat(s: string): { min: number; max: number; rest: string } | undefined {
  let t = s.slice(1);
  const a = parseInt10(t);
  if (!a) return undefined;
  let min = a.n;
  let max: number;
  t = a.rest;
  if (t === '') return undefined;
  if (t[0] !== ',') max = min;
  else {
    t = t.slice(1);
    if (t === '') return undefined;
    if (t[0] === '}') max = -1;
    else {
      const b = parseInt10(t);
      if (!b) return undefined;
      max = b.n;
      t = b.rest;
      if (max < 0) min = -1;
    }
  }
  if (t === '' || t[0] !== '}') return undefined;
  return { min, max, rest: t.slice(1) };
}

/** parseInt: decimal digits without a leading zero; -1 when too big. */
function parseInt10(s: string): { n: number; rest: string } | undefined {
  if (s === '' || !isDigit(s[0])) return undefined;
  if (s.length >= 2 && s[0] === '0' && isDigit(s[1])) return undefined;
  let i = 0;
  while (i < s.length && isDigit(s[i])) i++;
  let n = 0;
  for (const d of s.slice(0, i)) {
    if (n >= 1e8) {
      n = -1;
      break;
    }
    n = n * 10 + Number(d);
  }
  return { n, rest: s.slice(i) };
}

function repeatIsValid(re: Node, n: number): boolean {
  if (re.counted) {
    let m = re.max!;
    if (m === 0) return true;
    if (m < 0) m = re.min!;
    if (m > n) return false;
    if (m > 0) n = Math.trunc(n / m);
  }
  return re.subs.every((sub) => repeatIsValid(sub, n));
}

/** parseClassChar: one character of a class, escaped or not. */
function parseClassChar(s: string, wholeClass: string): [number, string] {
  if (s === '') throw new GoRegexpError(ErrMissingBracket, wholeClass);
  if (s[0] === '\\') {
    const rest = parseEscape(s);
    return [escapeValue(s, rest), rest];
  }
  const c = firstRune(s);
  return [c.codePointAt(0)!, s.slice(c.length)];
}

/** The code point an escape that parseEscape accepted stands for (for class ranges). */
function escapeValue(s: string, rest: string): number {
  const body = s.slice(1, s.length - rest.length);
  const c = body[0];
  if (isOctal(c)) return parseInt(body, 8);
  if (c === 'x') return parseInt(body.slice(1).replace(/[{}]/g, ''), 16);
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  return named[c] ?? body.codePointAt(0)!;
}

/** parseEscape: the escape at the start of s; returns what follows it. */
function parseEscape(s: string): string {
  let t = s.slice(1);
  if (t === '') throw new GoRegexpError(ErrTrailingBackslash, '');
  const c = firstRune(t);
  t = t.slice(c.length);
  const fail = (): never => {
    throw new GoRegexpError(ErrInvalidEscape, s.slice(0, s.length - t.length));
  };
  if (c.length === 1 && c.charCodeAt(0) < 0x80 && !isAlnum(c)) return t;
  if (c >= '1' && c <= '7') {
    // A single non-zero digit is a backreference: unsupported.
    if (!isOctal(t[0])) return fail();
  }
  if (c >= '0' && c <= '7') {
    for (let i = 1; i < 3 && isOctal(t[0]); i++) t = t.slice(1);
    return t;
  }
  if (c === 'x') {
    if (t === '') return fail();
    const d = firstRune(t);
    t = t.slice(d.length);
    if (d === '{') {
      let nhex = 0;
      let r = 0;
      for (;;) {
        if (t === '') return fail();
        const h = firstRune(t);
        t = t.slice(h.length);
        if (h === '}') break;
        const v = unhex(h);
        if (v < 0) return fail();
        r = r * 16 + v;
        if (r > 0x10ffff) return fail();
        nhex++;
      }
      if (nhex === 0) return fail();
      return t;
    }
    const e = firstRune(t);
    t = t.slice(t === '' ? 0 : e.length);
    if (unhex(d) < 0 || unhex(e) < 0) return fail();
    return t;
  }
  if ('afnrtv'.includes(c)) return t;
  return fail();
}
