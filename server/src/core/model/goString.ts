/**
 * Go strings are bytes. net/netip and net/url index, slice and compare the UTF-8 encoding of their
 * input, and strconv.Quote prints a byte that is not part of valid UTF-8 as `\xNN`. The ports of
 * those packages therefore work on byte strings: JavaScript strings whose char codes are the bytes
 * (0–255), converted from and to ordinary strings at their edges.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder(); // not fatal: invalid UTF-8 reads as U+FFFD
const ASCII = /^[\x00-\x7f]*$/;

/** The UTF-8 bytes of `s`, one char per byte. */
export function toBytes(s: string): string {
  if (ASCII.test(s)) return s;
  let out = '';
  for (const b of encoder.encode(s)) out += String.fromCharCode(b);
  return out;
}

/** The string whose UTF-8 encoding is the byte string `b` (invalid sequences become U+FFFD). */
export function fromBytes(b: string): string {
  if (ASCII.test(b)) return b;
  return decoder.decode(Uint8Array.from(b, (c) => c.charCodeAt(0)));
}

const RUNE_ERROR = 0xfffd;

/** unicode/utf8.DecodeRuneInString on a byte string: the rune at `i` and its width (RuneError, 1 if invalid). */
export function decodeRune(b: string, i: number): [number, number] {
  const c0 = b.charCodeAt(i);
  if (c0 < 0x80) return [c0, 1];
  const cont = (j: number, lo = 0x80, hi = 0xbf): number => {
    const c = i + j < b.length ? b.charCodeAt(i + j) : -1;
    return c >= lo && c <= hi ? c & 0x3f : -1;
  };
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    const c1 = cont(1);
    return c1 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x1f) << 6) | c1, 2];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    const c1 = c0 === 0xe0 ? cont(1, 0xa0) : c0 === 0xed ? cont(1, 0x80, 0x9f) : cont(1);
    const c2 = cont(2);
    return c1 < 0 || c2 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x0f) << 12) | (c1 << 6) | c2, 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    const c1 = c0 === 0xf0 ? cont(1, 0x90) : c0 === 0xf4 ? cont(1, 0x80, 0x8f) : cont(1);
    const c2 = cont(2);
    const c3 = cont(3);
    return c1 < 0 || c2 < 0 || c3 < 0 ? [RUNE_ERROR, 1] : [((c0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3, 4];
  }
  return [RUNE_ERROR, 1];
}

const GRAPHIC = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
function isPrint(r: number): boolean {
  if (r <= 0xff) return (r >= 0x20 && r <= 0x7e) || (r >= 0xa1 && r !== 0xad);
  return GRAPHIC.test(String.fromCodePoint(r));
}

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const SHORT_ESCAPES: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** strconv.Quote of the byte string `b` (fmt's %q on a string). */
export function goQuote(b: string): string {
  let out = '"';
  for (let i = 0; i < b.length; ) {
    const [r, width] = decodeRune(b, i);
    if (width === 1 && r === RUNE_ERROR) {
      out += `\\x${hex(b.charCodeAt(i), 2)}`;
    } else if (r === 0x22 || r === 0x5c) {
      out += `\\${String.fromCharCode(r)}`;
    } else if (isPrint(r)) {
      out += String.fromCodePoint(r);
    } else if (SHORT_ESCAPES[r]) {
      out += SHORT_ESCAPES[r];
    } else if (r < 0x20 || r === 0x7f) {
      out += `\\x${hex(r, 2)}`;
    } else if (r < 0x10000) {
      out += `\\u${hex(r, 4)}`;
    } else {
      out += `\\U${hex(r, 8)}`;
    }
    i += width;
  }
  return `${out}"`;
}

/** strconv.Quote of an ordinary string. */
export const quote = (s: string): string => goQuote(toBytes(s));
