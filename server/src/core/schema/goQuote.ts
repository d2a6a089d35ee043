/**
 * Go's strconv.Quote (quote.go appendQuotedWith / appendEscapedRune): a double-quoted string with
 * Go escapes; printable runes (unicode.IsPrint: letters, marks, numbers, punctuation, symbols,
 * the ASCII space) are kept, invalid UTF-8 bytes become \xNN. Takes the string's UTF-8 bytes when
 * a byte slice of it may split a rune (net/url's error messages do).
 */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const NAMED: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeRune(r: number): string {
  if (r === 0x22) return '\\"';
  if (r === 0x5c) return '\\\\';
  const c = String.fromCodePoint(r);
  if (PRINTABLE.test(c)) return c;
  if (NAMED[r]) return NAMED[r];
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  if (r < 0x10000) return `\\u${hex(r, 4)}`;
  return `\\U${hex(r, 8)}`;
}

/** Decodes one UTF-8 sequence at `i`: [rune, length], or [-1, 1] for an invalid byte. */
function decodeRune(b: Uint8Array, i: number): [number, number] {
  const c = b[i];
  if (c < 0x80) return [c, 1];
  const [n, min] = c >= 0xf0 && c < 0xf5 ? [3, 0x10000] : c >= 0xe0 && c < 0xf0 ? [2, 0x800] : c >= 0xc2 && c < 0xe0 ? [1, 0x80] : [0, 0];
  if (n === 0 || i + n >= b.length) return [-1, 1];
  let r = c & (0x3f >> n);
  for (let k = 1; k <= n; k++) {
    const x = b[i + k];
    if (x === undefined || (x & 0xc0) !== 0x80) return [-1, 1];
    r = (r << 6) | (x & 0x3f);
  }
  if (r < min || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return [-1, 1];
  return [r, n + 1];
}

export function goQuote(s: string | Uint8Array): string {
  const b = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const [r, n] = decodeRune(b, i);
    out += r < 0 ? `\\x${hex(b[i], 2)}` : escapeRune(r);
    i += n;
  }
  return `${out}"`;
}
