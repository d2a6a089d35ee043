/**
 * Go's net/url (Go 1.25 with its security releases: bracketed hosts must hold an IPv6 address
 * (1.25.2), an IP-literal must start the host (1.25.8), a query past 10000 parameters parses as
 * empty (1.25.6)), as the API server's CEL URL library uses it: Parse and ParseRequestURI with
 * their exact errors, and the URL's Scheme, Host, Hostname, Port, EscapedPath, Query and String.
 * Everything works on the UTF-8 bytes of the input, as Go does (goString.ts).
 */
import { fromBytes, goQuote, toBytes } from './goString';
import { NetipError, parseAddrBytes } from './netip';

/** A url.Error: `message` is Go's err.Error(), e.g. `parse "x": invalid URI for request`. */
export class URLError extends Error {}

/** The error inside a url.Error (its Err). */
class ParseFailure extends Error {}

const enum Mode {
  Path = 1,
  PathSegment,
  Host,
  Zone,
  UserPassword,
  QueryComponent,
  Fragment,
}

const isAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHex = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const unhex = (c: number): number => (c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10);

/** shouldEscape: whether byte `c` must be %-escaped in a URL section (RFC 3986 as Go applies it). */
function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case Mode.Path:
        return ch === '?';
      case Mode.PathSegment:
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case Mode.UserPassword:
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case Mode.QueryComponent:
        return true;
      case Mode.Fragment:
        return false;
    }
  }
  if (mode === Mode.Fragment && '!()*'.includes(ch)) return false;
  return true;
}

const escapeError = (s: string): ParseFailure => new ParseFailure(`invalid URL escape ${goQuote(s)}`);

/** unescape: %XX decoded (and + as space in query components); Go's errors for bad escapes and host bytes. */
function unescape(s: string, mode: Mode): string {
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      n++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) throw escapeError(s.slice(i, i + 3));
      if (mode === Mode.Host && unhex(s.charCodeAt(i + 1)) < 8 && s.slice(i, i + 3) !== '%25') throw escapeError(s.slice(i, i + 3));
      if (mode === Mode.Zone) {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (s.slice(i, i + 3) !== '%25' && v !== 0x20 && shouldEscape(v, Mode.Host)) throw escapeError(s.slice(i, i + 3));
      }
      i += 3;
    } else if (c === 0x2b) {
      hasPlus = mode === Mode.QueryComponent;
      i++;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new ParseFailure(`invalid character ${goQuote(s[i])} in host name`);
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      out += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c === 0x2b) {
      out += mode === Mode.QueryComponent ? ' ' : '+';
    } else {
      out += s[i];
    }
  }
  return out;
}

const UPPERHEX = '0123456789ABCDEF';

/** escape: the bytes shouldEscape names as %XX (space as + in query components). */
function escape(s: string, mode: Mode): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20 && mode === Mode.QueryComponent) out += '+';
    else if (shouldEscape(c, mode)) out += `%${UPPERHEX[c >> 4]}${UPPERHEX[c & 15]}`;
    else out += s[i];
  }
  return out;
}

/** A url.URL; its fields are byte strings. */
export class URL {
  scheme = '';
  opaque = '';
  user: { username: string; password: string; passwordSet: boolean } | null = null;
  host = '';
  path = '';
  rawPath = '';
  omitHost = false;
  forceQuery = false;
  rawQuery = '';
  fragment = '';
  rawFragment = '';

  /** URL.Scheme. */
  getScheme(): string {
    return fromBytes(this.scheme);
  }
  /** URL.Host. */
  getHost(): string {
    return fromBytes(this.host);
  }
  /** URL.Hostname: the host without port and IPv6 brackets. */
  hostname(): string {
    return fromBytes(splitHostPort(this.host)[0]);
  }
  /** URL.Port: the port digits, or "". */
  port(): string {
    return fromBytes(splitHostPort(this.host)[1]);
  }
  /** URL.EscapedPath. */
  escapedPath(): string {
    return fromBytes(this.escapedPathBytes());
  }
  private escapedPathBytes(): string {
    if (this.rawPath !== '' && validEncoded(this.rawPath, Mode.Path)) {
      try {
        if (unescape(this.rawPath, Mode.Path) === this.path) return this.rawPath;
      } catch {
        // not a valid escaping: computed below
      }
    }
    if (this.path === '*') return '*';
    return escape(this.path, Mode.Path);
  }
  private escapedFragment(): string {
    if (this.rawFragment !== '' && validEncoded(this.rawFragment, Mode.Fragment)) {
      try {
        if (unescape(this.rawFragment, Mode.Fragment) === this.fragment) return this.rawFragment;
      } catch {
        // not a valid escaping: computed below
      }
    }
    return escape(this.fragment, Mode.Fragment);
  }
  /** URL.Query: ParseQuery of RawQuery, its error dropped. */
  query(): Map<string, string[]> {
    const values = new Map<string, string[]>();
    for (const [k, vs] of parseQuery(this.rawQuery)) values.set(fromBytes(k), vs.map(fromBytes));
    return values;
  }
  /** URL.String: the URL reassembled. */
  toString(): string {
    let buf = '';
    if (this.scheme !== '') buf += `${this.scheme}:`;
    if (this.opaque !== '') {
      buf += this.opaque;
    } else {
      if (this.scheme !== '' || this.host !== '' || this.user !== null) {
        if (!(this.omitHost && this.host === '' && this.user === null)) {
          if (this.host !== '' || this.path !== '' || this.user !== null) buf += '//';
          if (this.user !== null) {
            buf += escape(this.user.username, Mode.UserPassword);
            if (this.user.passwordSet) buf += `:${escape(this.user.password, Mode.UserPassword)}`;
            buf += '@';
          }
          if (this.host !== '') buf += escape(this.host, Mode.Host);
        }
      }
      const path = this.escapedPathBytes();
      if (path !== '' && path[0] !== '/' && this.host !== '') buf += '/';
      if (buf === '' && path.split('/', 1)[0].includes(':')) buf += './';
      buf += path;
    }
    if (this.forceQuery || this.rawQuery !== '') buf += `?${this.rawQuery}`;
    if (this.fragment !== '') buf += `#${this.escapedFragment()}`;
    return fromBytes(buf);
  }
}

/** validEncoded: no byte that escaping would change, sub-delims, brackets and % allowed. */
function validEncoded(s: string, mode: Mode): boolean {
  for (let i = 0; i < s.length; i++) {
    if (`!$&'()*+,;=:@[]%`.includes(s[i])) continue;
    if (shouldEscape(s.charCodeAt(i), mode)) return false;
  }
  return true;
}

/** validOptionalPort: "" or ":" followed by digits. */
function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

/** splitHostPort (URL.Hostname/Port): a numeric port after the last colon, brackets removed. */
function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort;
  let port = '';
  const colon = host.lastIndexOf(':');
  if (colon !== -1 && validOptionalPort(host.slice(colon))) [host, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, port];
}

/** getScheme: a leading [a-zA-Z][a-zA-Z0-9+.-]* followed by ':'. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new ParseFailure('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const containsCTLByte = (s: string): boolean => /[\x00-\x1f\x7f]/.test(s);

/** Go's strings.Cut. */
function cut(s: string, sep: string): [string, string, boolean] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, '', false] : [s.slice(0, i), s.slice(i + sep.length), true];
}

/** parse: viaRequest allows only absolute URIs and absolute paths. */
function parse(raw: string, viaRequest: boolean): URL {
  if (containsCTLByte(raw)) throw new ParseFailure('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new ParseFailure('empty url');
  const url = new URL();
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  let rest: string;
  [url.scheme, rest] = getScheme(raw);
  url.scheme = url.scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    [rest, url.rawQuery] = cut(rest, '?');
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest;
      return url;
    }
    if (viaRequest) throw new ParseFailure('invalid URI for request');
    if (cut(rest, '/')[0].includes(':')) throw new ParseFailure('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    parseAuthority(url, authority);
  } else if (url.scheme !== '' && rest.startsWith('/')) {
    url.omitHost = true;
  }
  setPath(url, rest);
  return url;
}

function parseAuthority(url: URL, authority: string): void {
  const at = authority.lastIndexOf('@');
  url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!validUserinfo(userinfo)) throw new ParseFailure('net/url: invalid userinfo');
  if (!userinfo.includes(':')) {
    url.user = { username: unescape(userinfo, Mode.UserPassword), password: '', passwordSet: false };
  } else {
    const [username, password] = cut(userinfo, ':');
    url.user = { username: unescape(username, Mode.UserPassword), password: unescape(password, Mode.UserPassword), passwordSet: true };
  }
}

/** parseHost: host[:port]; an IP-literal must start the host and hold an IPv6 address. */
function parseHost(host: string): string {
  const open = host.lastIndexOf('[');
  if (open > 0) throw new ParseFailure('invalid IP-literal');
  if (open === 0) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new ParseFailure("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new ParseFailure(`invalid port ${goQuote(colonPort)} after host`);
    const unescapedColonPort = unescape(colonPort, Mode.Host);
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf('%25');
    const unescapedHostname =
      zone >= 0 ? unescape(hostname.slice(0, zone), Mode.Host) + unescape(hostname.slice(zone), Mode.Zone) : unescape(hostname, Mode.Host);
    let family: number;
    try {
      family = parseAddrBytes(unescapedHostname).family;
    } catch (e) {
      if (e instanceof NetipError) throw new ParseFailure(`invalid host: ${e.message}`);
      throw e;
    }
    if (family === 4) throw new ParseFailure('invalid IP-literal');
    return `[${unescapedHostname}]${unescapedColonPort}`;
  }
  const colon = host.lastIndexOf(':');
  if (colon !== -1) {
    const colonPort = host.slice(colon);
    if (!validOptionalPort(colonPort)) throw new ParseFailure(`invalid port ${goQuote(colonPort)} after host`);
  }
  return unescape(host, Mode.Host);
}

/** setPath: Path decoded; RawPath kept only when the default escaping differs. */
function setPath(url: URL, p: string): void {
  url.path = unescape(p, Mode.Path);
  url.rawPath = escape(url.path, Mode.Path) === p ? '' : p;
}

function setFragment(url: URL, f: string): void {
  url.fragment = unescape(f, Mode.Fragment);
  url.rawFragment = escape(url.fragment, Mode.Fragment) === f ? '' : f;
}

/** validUserinfo: RFC 3986 userinfo characters (and '@', which Go tolerates). */
const validUserinfo = (s: string): boolean => /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);

function wrap<T>(raw: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof ParseFailure) throw new URLError(`parse ${goQuote(raw)}: ${e.message}`);
    throw e;
  }
}

/** url.Parse: any URI reference; the fragment is cut first. Throws URLError. */
export function goParseURL(rawURL: string): URL {
  const raw = toBytes(rawURL);
  const [u, frag] = cut(raw, '#');
  const url = wrap(u, () => parse(u, false));
  if (frag === '') return url;
  wrap(raw, () => setFragment(url, frag));
  return url;
}

/** url.ParseRequestURI: an absolute URI or an absolute path, no fragment cut. Throws URLError. */
export function goParseRequestURI(rawURL: string): URL {
  const raw = toBytes(rawURL);
  return wrap(raw, () => parse(raw, true));
}

/** Go's defaultMaxParams (urlmaxqueryparams unset). */
const MAX_QUERY_PARAMS = 10000;

/** url.ParseQuery's values (byte strings), in first-seen key order; undecodable settings skipped. */
function parseQuery(query: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  if (query.split('&').length > MAX_QUERY_PARAMS) return m;
  for (const setting of query.split('&')) {
    if (setting.includes(';') || setting === '') continue;
    const [k, v] = cut(setting, '=');
    let key: string;
    let value: string;
    try {
      key = unescape(k, Mode.QueryComponent);
      value = unescape(v, Mode.QueryComponent);
    } catch {
      continue;
    }
    const list = m.get(key);
    if (list) list.push(value);
    else m.set(key, [value]);
  }
  return m;
}
