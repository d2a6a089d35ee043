import { goParseAddr } from './goNetip';
import { goQuote } from './goQuote';

/**
 * Go's url.ParseRequestURI (net/url/url.go, Go 1.25 with the October 2025 check that a bracketed
 * host is an IPv6 address), for its error: 'parse "<url>": <reason>', or undefined when the URL
 * parses. Go works on bytes: the URL is handled as a string of its UTF-8 bytes (one code unit each).
 */
const quoteBytes = (bytes: string): string => goQuote(Buffer.from(bytes, 'latin1'));

type Mode = 'path' | 'host' | 'zone' | 'userPassword';

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** shouldEscape (the modes ParseRequestURI reaches). */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    if (mode === 'path') return ch === '?';
    if (mode === 'userPassword') return '@/?:'.includes(ch);
  }
  return true;
}

/** unescape's validation: the EscapeError/InvalidHostError message, or the unescaped bytes. */
function unescape(s: string, mode: Mode): { error: string } | { value: string } {
  let out = '';
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (s[i] === '%') {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) return { error: `invalid URL escape ${quoteBytes(s.slice(i, i + 3))}` };
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === 'host' && v >> 4 < 8 && s.slice(i, i + 3) !== '%25') return { error: `invalid URL escape ${quoteBytes(s.slice(i, i + 3))}` };
      if (mode === 'zone' && s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, 'host')) {
        return { error: `invalid URL escape ${quoteBytes(s.slice(i, i + 3))}` };
      }
      out += String.fromCharCode(v);
      i += 3;
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) {
        return { error: `invalid character ${quoteBytes(s[i])} in host name` };
      }
      out += s[i];
      i++;
    }
  }
  return { value: out };
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

function validUserinfo(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (!isAlnum(s.charCodeAt(i)) && !"-._:~!$&'()*+,;=%@".includes(s[i])) return false;
  }
  return true;
}

function parseHost(host: string): string | undefined {
  const open = host.lastIndexOf('[');
  if (open !== -1) {
    const close = host.lastIndexOf(']');
    if (close < 0) return "missing ']' in host";
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return `invalid port ${quoteBytes(colonPort)} after host`;
    const port = unescape(colonPort, 'host');
    if ('error' in port) return port.error;
    const hostname = host.slice(open + 1, close);
    const zone = hostname.indexOf('%25');
    let unescaped = '';
    for (const [part, mode] of (zone >= 0 ? [[hostname.slice(0, zone), 'host'], [hostname.slice(zone), 'zone']] : [[hostname, 'host']]) as [string, Mode][]) {
      const u = unescape(part, mode);
      if ('error' in u) return u.error;
      unescaped += u.value;
    }
    const addr = goParseAddr(unescaped, quoteBytes);
    if ('error' in addr) return `invalid host: ${addr.error}`;
    return addr.family === 4 ? 'invalid IP-literal' : undefined;
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && !validOptionalPort(host.slice(colon))) return `invalid port ${quoteBytes(host.slice(colon))} after host`;
  const u = unescape(host, 'host');
  return 'error' in u ? u.error : undefined;
}

function parseAuthority(authority: string): string | undefined {
  const at = authority.lastIndexOf('@');
  const hostError = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (hostError !== undefined || at < 0) return hostError;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) return 'net/url: invalid userinfo';
  const colon = userinfo.indexOf(':');
  for (const part of colon < 0 ? [userinfo] : [userinfo.slice(0, colon), userinfo.slice(colon + 1)]) {
    const u = unescape(part, 'userPassword');
    if ('error' in u) return u.error;
  }
  return undefined;
}

/** parse(rawURL, viaRequest=true). */
function parseError(raw: string): string | undefined {
  for (let i = 0; i < raw.length; i++) {
    const b = raw.charCodeAt(i);
    if (b < 0x20 || b === 0x7f) return 'net/url: invalid control character in URL';
  }
  if (raw === '') return 'empty url';
  if (raw === '*') return undefined;
  let scheme = '';
  let rest = raw;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) break;
      continue;
    }
    if (c === ':') {
      if (i === 0) return 'missing protocol scheme';
      scheme = raw.slice(0, i);
      rest = raw.slice(i + 1);
    }
    break;
  }
  if (rest.endsWith('?') && rest.split('?').length === 2) rest = rest.slice(0, -1);
  else if (rest.includes('?')) rest = rest.slice(0, rest.indexOf('?'));
  if (!rest.startsWith('/')) return scheme !== '' ? undefined : 'invalid URI for request';
  if (scheme !== '' && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const err = parseAuthority(authority);
    if (err !== undefined) return err;
  }
  const path = unescape(rest, 'path');
  return 'error' in path ? path.error : undefined;
}

export function parseRequestURIError(raw: string): string | undefined {
  const err = parseError(Buffer.from(raw, 'utf8').toString('latin1'));
  return err === undefined ? undefined : `parse ${goQuote(raw)}: ${err}`;
}
