/** IPv4 addresses as numbers, and CIDR blocks: what the allocators and pod IPAM count in. */

export interface Cidr {
  base: number;
  bits: number;
  /** Number of addresses in the block. */
  size: number;
}

export function parseIPv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

export const formatIPv4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export function parseCidr(text: string): Cidr | undefined {
  const [ip, len] = text.split('/');
  const base = parseIPv4(ip);
  const bits = Number(len);
  if (base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32 || len === undefined) return undefined;
  const size = 2 ** (32 - bits);
  return { base: base - (base % size), bits, size };
}

export const formatCidr = (c: Cidr): string => `${formatIPv4(c.base)}/${c.bits}`;

export const cidrContains = (c: Cidr, ip: number): boolean => ip >= c.base && ip < c.base + c.size;
