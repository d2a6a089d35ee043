/**
 * An anonymous set of addresses and CIDRs as `nft list` prints it back (kube-proxy's firewall rule
 * `ip saddr != { ranges…, VIPs… } drop`). What nft does, checked with nft 1.0.6:
 * - a single element is a plain match, without braces;
 * - as soon as one element is a prefix the set is an interval set: overlapping and adjacent elements
 *   merge, and each merged interval prints as a prefix when it is one, else as `first-last`;
 * - a set of plain addresses stays a hash set: its addresses in order.
 */
import { bytesOf, formatIPv6 } from './ip';

export function nftAddressSet(elements: string[]): string {
  const intervals = elements.map(toInterval).filter((i): i is Interval => i !== undefined);
  if (intervals.length !== elements.length) return elements.length === 1 ? elements[0] : `{ ${elements.join(', ')} }`;
  // A single element is a plain match, printed in canonical form (`1.2.3.4/32` as `1.2.3.4`).
  if (intervals.length === 1) return formatInterval(intervals[0]);
  intervals.sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  if (!elements.some((e) => e.includes('/'))) {
    const addresses = intervals.map((i) => formatAddress(i.first, i.bits));
    return `{ ${addresses.filter((a, k) => a !== addresses[k - 1]).join(', ')} }`;
  }
  const merged: Interval[] = [];
  for (const i of intervals) {
    const last = merged[merged.length - 1];
    if (last && i.first <= last.last + 1n) last.last = i.last > last.last ? i.last : last.last;
    else merged.push({ ...i });
  }
  return `{ ${merged.map(formatInterval).join(', ')} }`;
}

interface Interval {
  first: bigint;
  last: bigint;
  bits: number;
}

function toInterval(element: string): Interval | undefined {
  const [addr, lenText] = element.split('/');
  const bytes = bytesOf(addr);
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  const len = lenText === undefined ? bits : Number(lenText);
  if (!Number.isInteger(len) || len < 0 || len > bits) return undefined;
  const value = bytes.reduce((v, b) => (v << 8n) | BigInt(b), 0n);
  const hostBits = BigInt(bits - len);
  const first = (value >> hostBits) << hostBits;
  return { first, last: first + (1n << hostBits) - 1n, bits };
}

/** A prefix when the interval is one (`10.0.0.0/24`, a single address bare), else `first-last`. */
function formatInterval(i: Interval): string {
  const size = i.last - i.first + 1n;
  const hostBits = size.toString(2).length - 1;
  const isPrefix = size === 1n << BigInt(hostBits) && i.first % size === 0n;
  if (!isPrefix) return `${formatAddress(i.first, i.bits)}-${formatAddress(i.last, i.bits)}`;
  return hostBits === 0 ? formatAddress(i.first, i.bits) : `${formatAddress(i.first, i.bits)}/${i.bits - hostBits}`;
}

function formatAddress(value: bigint, bits: number): string {
  const bytes: number[] = [];
  for (let shift = bits - 8; shift >= 0; shift -= 8) bytes.push(Number((value >> BigInt(shift)) & 255n));
  return bits === 32 ? bytes.join('.') : formatIPv6(bytes);
}
