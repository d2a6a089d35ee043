import { goQuote } from './goQuote';

/**
 * Go's netip.ParseAddr (net/netip/netip.go: parseIPv4Fields, parseIPv6), for its error messages:
 * 'ParseAddr("…"): <what> (at "…")'. Returns the address family, or the error message. Works on
 * code units: net/url hands it a string of bytes (one unit each) and its own quoting.
 */
export type ParsedAddr = { family: 4 | 6 } | { error: string };

/** How a string is quoted in messages (net/url passes its byte strings). */
let quote: (s: string) => string = goQuote;
const fail = (input: string, msg: string, at = ''): ParsedAddr => ({
  error: `ParseAddr(${quote(input)}): ${msg}${at === '' ? '' : ` (at ${quote(at)})`}`,
});

/** parseIPv4Fields over in[off:end]: undefined when valid. */
function ipv4FieldsError(input: string, off: number, end: number): ParsedAddr | undefined {
  const s = input.slice(off, end);
  let val = 0;
  let pos = 0;
  let digLen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digLen === 1 && val === 0) return fail(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c.charCodeAt(0) - 48);
      digLen++;
      if (val > 255) return fail(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return fail(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return fail(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digLen = 0;
    } else {
      return fail(input, 'unexpected character', s.slice(i));
    }
  }
  return pos < 3 ? fail(input, 'IPv4 address too short') : undefined;
}

const hexValue = (c: string): number => {
  const x = c.charCodeAt(0);
  if (x >= 48 && x <= 57) return x - 48;
  if (x >= 97 && x <= 102) return x - 87;
  if (x >= 65 && x <= 70) return x - 55;
  return -1;
};

function parseIPv6(input: string): ParsedAddr {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return fail(input, 'zone must be a non-empty string');
  }
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { family: 6 };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const h = hexValue(s[off]);
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3) return fail(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) return fail(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) return fail(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) return fail(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) return fail(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const end = input.length - (zone.length > 0 ? zone.length + 1 : 0);
      const err = ipv4FieldsError(input, end - s.length, end);
      if (err) return err;
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') return fail(input, 'unexpected character, want colon', s);
    if (s.length === 1) return fail(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return fail(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return fail(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) return fail(input, 'address string too short');
  } else if (ellipsis >= 0) {
    return fail(input, 'the :: must expand to at least one field of zeros');
  }
  return { family: 6 };
}

export function goParseAddr(s: string, quoteWith: (s: string) => string = goQuote): ParsedAddr {
  quote = quoteWith;
  for (const c of s) {
    if (c === '.') return ipv4FieldsError(s, 0, s.length) ?? { family: 4 };
    if (c === ':') return parseIPv6(s);
    if (c === '%') return fail(s, 'missing IPv6 address');
  }
  return fail(s, 'unable to parse IP');
}
