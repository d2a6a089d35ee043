/** IP address helpers: family, canonical text (what iptables-save and Go's net.IP print), CIDR membership. */

/**
 * Already canonical IPv4 text (four decimal octets ≤ 255, no leading zeros): the common case, checked
 * by scanning characters so that the hundred thousand endpoints of a large cluster allocate nothing.
 */
function isCanonicalIPv4(ip: string): boolean {
  let octets = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= ip.length; i++) {
    const c = i < ip.length ? ip.charCodeAt(i) : 46; // a virtual '.' closes the last octet
    if (c === 46) {
      if (digits === 0 || value > 255 || ++octets > 4) return false;
      value = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits === 1 && value === 0) return false; // leading zero
      if (++digits > 3) return false;
      value = value * 10 + (c - 48);
    } else return false;
  }
  return octets === 4;
}

export function ipFamily(ip: string): 4 | 6 | undefined {
  if (isCanonicalIPv4(ip) || parseIPv4(ip)) return 4;
  if (parseIPv6(ip)) return 6;
  return undefined;
}

export function parseIPv4(ip: string): number[] | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  return bytes.every((b) => b >= 0 && b <= 255) ? bytes : undefined;
}

/** Sixteen bytes, or undefined. Accepts `::` compression and a dotted IPv4 tail. */
export function parseIPv6(ip: string): number[] | undefined {
  if (!ip.includes(':')) return undefined;
  let text = ip;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    text = `${text.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => (/^[0-9a-fA-F]{1,4}$/.test(h) ? parseInt(h, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if ([...head, ...rest].some((v) => Number.isNaN(v))) return undefined;
  const fill = 8 - head.length - rest.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return undefined;
  const words = [...head, ...new Array<number>(fill).fill(0), ...rest];
  return words.flatMap((w) => [w >> 8, w & 255]);
}

/** RFC 5952 text (inet_ntop): lower case, the longest run of two or more zero groups compressed. */
export function formatIPv6(bytes: number[]): string {
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((bytes[i] << 8) | bytes[i + 1]);
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const hex = words.map((w) => w.toString(16));
  if (bestLen < 2) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** The canonical text of an address (Go's net.IP.String), or the input when it is not one. */
export function canonicalIP(ip: string): string {
  if (isCanonicalIPv4(ip)) return ip;
  const v4 = parseIPv4(ip);
  if (v4) return v4.join('.');
  const v6 = parseIPv6(ip);
  return v6 ? formatIPv6(v6) : ip;
}

/** The 4 or 16 bytes of an address, or undefined. */
export function bytesOf(ip: string): number[] | undefined {
  return parseIPv4(ip) ?? parseIPv6(ip);
}

/** The CIDRs of one family in a `v4,v6` setting (a dual-stack cluster CIDR or Service CIDR). */
export const cidrsOfFamily = (setting: string | undefined, family: 4 | 6): string[] =>
  (setting ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c && ipFamily(c.split('/')[0]) === family);

/** 127.0.0.0/8 or ::1 (Go's net.IP.IsLoopback). */
export const isLoopback = (ip: string): boolean => cidrContains(ipFamily(ip) === 6 ? '::1/128' : '127.0.0.0/8', ip);

/** `a.b.c.d/len` with the host bits cleared, as iptables stores and prints it; a bare address gets /32 or /128. */
export function canonicalCIDR(cidr: string): string {
  if (isCanonicalIPv4(cidr)) return `${cidr}/32`;
  const [addr, lenText] = cidr.trim().split('/');
  const bytes = bytesOf(addr);
  if (!bytes) return cidr;
  const bits = bytes.length * 8;
  const len = lenText === undefined ? bits : Number(lenText);
  const masked = bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, len - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  return `${bytes.length === 4 ? masked.join('.') : formatIPv6(masked)}/${len}`;
}

export function cidrContains(cidr: string, ip: string): boolean {
  const [addr, lenText] = cidr.trim().split('/');
  const net = bytesOf(addr);
  const host = bytesOf(ip);
  if (!net || !host || net.length !== host.length) return false;
  const len = lenText === undefined ? net.length * 8 : Number(lenText);
  for (let i = 0; i < net.length; i++) {
    const keep = Math.max(0, Math.min(8, len - i * 8));
    const mask = (0xff << (8 - keep)) & 0xff;
    if ((net[i] & mask) !== (host[i] & mask)) return false;
  }
  return true;
}

/** `ip:port`, or `[ip]:port` for IPv6 (Go's net.JoinHostPort). */
export function joinHostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}
