/**
 * Go's net/netip (Go 1.25), as the API server's CEL IP and CIDR libraries use it: ParseAddr and
 * ParsePrefix with their exact error texts, Addr's String (RFC 5952 as Go writes it) and its
 * classification methods, Prefix's Masked, Contains and String. Parsing works on the UTF-8 bytes
 * of the input, as Go does (goString.ts).
 */
import { fromBytes, goQuote, toBytes } from './goString';

/** A ParseAddr or ParsePrefix error: `message` is Go's err.Error(). */
export class NetipError extends Error {}

/** netip.Addr: 16 bytes (an IPv4 address is stored IPv4-mapped, as Go does), family, zone bytes. */
export class Addr {
  /** @param bytes 16 bytes, big-endian. */
  constructor(
    readonly bytes: Uint8Array,
    readonly family: 4 | 6,
    readonly zoneBytes = '',
  ) {}

  /** AddrFrom4. */
  static from4(a: number, b: number, c: number, d: number): Addr {
    return new Addr(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d), 4);
  }

  is4(): boolean {
    return this.family === 4;
  }
  is6(): boolean {
    return this.family === 6;
  }
  /** Is4In6: an IPv6 address in ::ffff:0:0/96. */
  is4In6(): boolean {
    const b = this.bytes;
    return this.is6() && b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  }
  bitLen(): number {
    return this.family === 4 ? 32 : 128;
  }
  zone(): string {
    return fromBytes(this.zoneBytes);
  }
  hasZone(): boolean {
    return this.zoneBytes !== '';
  }
  /** Unmap: an IPv4-mapped IPv6 address as IPv4. */
  unmap(): Addr {
    return this.is4In6() ? new Addr(this.bytes, 4) : this;
  }
  withoutZone(): Addr {
    return this.hasZone() ? new Addr(this.bytes, this.family) : this;
  }
  /** Go's == on Addr: same family, bytes and zone. */
  equals(o: Addr): boolean {
    return this.family === o.family && this.zoneBytes === o.zoneBytes && this.bytes.every((x, i) => x === o.bytes[i]);
  }

  private v4(i: number): number {
    return this.bytes[12 + i];
  }
  private v6u16(i: number): number {
    return (this.bytes[2 * i] << 8) | this.bytes[2 * i + 1];
  }

  isUnspecified(): boolean {
    return this.equals(IPV4_UNSPECIFIED) || this.equals(IPV6_UNSPECIFIED);
  }
  isLoopback(): boolean {
    const ip = this.unmap();
    if (ip.is4()) return ip.v4(0) === 127;
    return ip.bytes.every((x, i) => x === (i === 15 ? 1 : 0));
  }
  isMulticast(): boolean {
    const ip = this.unmap();
    if (ip.is4()) return (ip.v4(0) & 0xf0) === 0xe0;
    return ip.bytes[0] === 0xff;
  }
  isLinkLocalMulticast(): boolean {
    const ip = this.unmap();
    if (ip.is4()) return ip.v4(0) === 224 && ip.v4(1) === 0 && ip.v4(2) === 0;
    return (ip.v6u16(0) & 0xff0f) === 0xff02;
  }
  isLinkLocalUnicast(): boolean {
    const ip = this.unmap();
    if (ip.is4()) return ip.v4(0) === 169 && ip.v4(1) === 254;
    return (ip.v6u16(0) & 0xffc0) === 0xfe80;
  }
  isGlobalUnicast(): boolean {
    const ip = this.unmap();
    if (ip.is4() && (ip.equals(IPV4_UNSPECIFIED) || ip.equals(IPV4_BROADCAST))) return false;
    return !ip.equals(IPV6_UNSPECIFIED) && !ip.isLoopback() && !ip.isMulticast() && !ip.isLinkLocalUnicast();
  }

  /** Addr.Prefix: the top `bits` bits kept; throws Go's error for out-of-range lengths. */
  prefix(bits: number): Prefix {
    if (bits < 0) throw new NetipError('negative Prefix bits');
    if (bits > this.bitLen()) throw new NetipError(`prefix length ${bits} too large for IPv${this.family}`);
    return new Prefix(new Addr(mask(this.bytes, this.is4() ? bits + 96 : bits), this.family), bits);
  }

  /** Addr.String. */
  toString(): string {
    if (this.is4()) return this.string4();
    if (this.is4In6()) return `::ffff:${this.unmap().string4()}${this.hasZone() ? `%${this.zone()}` : ''}`;
    return this.string6();
  }
  private string4(): string {
    return `${this.v4(0)}.${this.v4(1)}.${this.v4(2)}.${this.v4(3)}`;
  }
  /** appendTo6: the longest run of two or more zero fields (the first of equal runs) becomes `::`. */
  private string6(): string {
    let zeroStart = 255;
    let zeroEnd = 255;
    for (let i = 0; i < 8; i++) {
      let j = i;
      while (j < 8 && this.v6u16(j) === 0) j++;
      const l = j - i;
      if (l >= 2 && l > zeroEnd - zeroStart) [zeroStart, zeroEnd] = [i, j];
    }
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (i === zeroStart) {
        out += '::';
        i = zeroEnd;
        if (i >= 8) break;
      } else if (i > 0) {
        out += ':';
      }
      out += this.v6u16(i).toString(16);
    }
    return this.hasZone() ? `${out}%${this.zone()}` : out;
  }
}

const IPV4_UNSPECIFIED = Addr.from4(0, 0, 0, 0);
const IPV4_BROADCAST = Addr.from4(255, 255, 255, 255);
const IPV6_UNSPECIFIED = new Addr(new Uint8Array(16), 6);

/** The top `bits` bits of 16 bytes. */
function mask(bytes: Uint8Array, bits: number): Uint8Array {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - 8 * i));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/** netip.Prefix: an address without zone and a valid prefix length. */
export class Prefix {
  constructor(
    readonly addr: Addr,
    readonly bits: number,
  ) {}

  /** Masked: the canonical form, host bits cleared. */
  masked(): Prefix {
    return this.addr.prefix(this.bits);
  }
  /** Contains: same family, no zone, equal in the top `bits` bits. */
  contains(ip: Addr): boolean {
    if (ip.hasZone() || ip.bitLen() !== this.addr.bitLen()) return false;
    const offset = ip.is4() ? 96 : 0;
    const a = mask(ip.bytes, this.bits + offset);
    const b = mask(this.addr.bytes, this.bits + offset);
    return a.every((x, i) => x === b[i]);
  }
  /** Go's == on Prefix. */
  equals(o: Prefix): boolean {
    return this.bits === o.bits && this.addr.equals(o.addr);
  }
  toString(): string {
    return `${this.addr.toString()}/${this.bits}`;
  }
}

/** PrefixFrom: zone dropped, no masking; undefined for Go's invalid Prefix (bits outside 0..BitLen). */
export function prefixFrom(ip: Addr, bits: number): Prefix | undefined {
  return bits >= 0 && bits <= ip.bitLen() ? new Prefix(ip.withoutZone(), bits) : undefined;
}

// ---- ParseAddr (netip.go: ParseAddr, parseIPv4Fields, parseIPv6) ----

function addrError(input: string, msg: string, at = ''): NetipError {
  const head = `ParseAddr(${goQuote(input)}): ${msg}`;
  return new NetipError(at ? `${head} (at ${goQuote(at)})` : head);
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** parseIPv4Fields: in[off:end] as four decimal octets into `fields` at `at`. */
function parseIPv4Fields(input: string, off: number, end: number, fields: Uint8Array, at: number): void {
  let val = 0;
  let pos = 0;
  let digLen = 0;
  const s = input.slice(off, end);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      if (digLen === 1 && val === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c - 0x30);
      digLen++;
      if (val > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (c === 0x2e) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) throw addrError(input, 'IPv4 address too long');
      fields[at + pos] = val;
      pos++;
      val = 0;
      digLen = 0;
    } else {
      throw addrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (pos < 3) throw addrError(input, 'IPv4 address too short');
  fields[at + 3] = val;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function parseIPv6(input: string): Addr {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct !== -1) {
    [s, zone] = [s.slice(0, pct), s.slice(pct + 1)];
    if (zone === '') throw addrError(input, 'zone must be a non-empty string');
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return new Addr(ip, 6, zone);
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const d = hexValue(s.charCodeAt(off));
      if (d < 0) break;
      acc = acc * 16 + d;
      if (off > 3) throw addrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) throw addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      let end = input.length;
      if (zone.length > 0) end -= zone.length + 1;
      parseIPv4Fields(input, end - s.length, end, ip, i);
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) throw addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    throw addrError(input, 'the :: must expand to at least one field of zeros');
  }
  return new Addr(ip, 6, zone);
}

/** ParseAddr on a byte string (net/url parses bracketed hosts after unescaping bytes). */
export function parseAddrBytes(s: string): Addr {
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case '.': {
        const fields = new Uint8Array(4);
        parseIPv4Fields(s, 0, s.length, fields, 0);
        return Addr.from4(fields[0], fields[1], fields[2], fields[3]);
      }
      case ':':
        return parseIPv6(s);
      case '%':
        throw addrError(s, 'missing IPv6 address');
    }
  }
  throw addrError(s, 'unable to parse IP');
}

/** netip.ParseAddr; throws NetipError with Go's message. */
export const parseAddr = (s: string): Addr => parseAddrBytes(toBytes(s));

// ---- ParsePrefix ----

const INT64_MAX = 9223372036854775807n;

/** netip.ParsePrefix; throws NetipError with Go's message. */
export function parsePrefix(input: string): Prefix {
  const s = toBytes(input);
  const fail = (msg: string): NetipError => new NetipError(`netip.ParsePrefix(${goQuote(s)}): ${msg}`);
  const slash = s.lastIndexOf('/');
  if (slash < 0) throw fail("no '/'");
  let ip: Addr;
  try {
    ip = parseAddrBytes(s.slice(0, slash));
  } catch (e) {
    if (e instanceof NetipError) throw fail(e.message);
    throw e;
  }
  if (ip.is6() && ip.hasZone()) throw fail('IPv6 zones cannot be present in a prefix');
  const bitsStr = s.slice(slash + 1);
  const badBits = (): NetipError => fail(`bad bits after slash: ${goQuote(bitsStr)}`);
  // strconv.Atoi accepts a sign and leading zeros; ParsePrefix refuses them before calling it.
  if (bitsStr.length > 1 && (bitsStr.charCodeAt(0) < 0x31 || bitsStr.charCodeAt(0) > 0x39)) throw badBits();
  if (!/^[0-9]+$/.test(bitsStr) || BigInt(bitsStr) > INT64_MAX) throw badBits();
  const bits = Number(bitsStr);
  if (bits > ip.bitLen()) throw fail('prefix length out of range');
  return new Prefix(ip.withoutZone(), bits);
}
