import { cidrContains, formatIPv4, parseCidr, parseIPv4, type Cidr } from './ipv4';

/**
 * The API server's ClusterIP and NodePort allocators. Upstream picks a free value at random, first in
 * the upper band of the range (the lower "static" band is left for values users choose); we take the
 * upper band's values in order instead, so the same workspace always gets the same addresses.
 * Upstream: pkg/registry/core/service/ipallocator, pkg/registry/core/service/portallocator.
 */

/** min(max(lo, size/factor), hi): the size of the static band (calculateRangeOffset upstream). */
const rangeOffset = (size: number, lo: number, hi: number, factor: number): number => Math.min(Math.max(lo, Math.floor(size / factor)), hi);

export class ClusterIPAllocator {
  readonly cidr: Cidr;
  private readonly used = new Set<number>();
  /** Usable addresses: all but the network and broadcast addresses; index 0 is base + 1. */
  private readonly max: number;
  private readonly offset: number;
  private next = 0;

  constructor(readonly range: string) {
    this.cidr = parseCidr(range) ?? parseCidr('10.96.0.0/12')!;
    this.max = Math.max(0, this.cidr.size - 2);
    this.offset = rangeOffset(this.max, 16, 256, 16);
  }

  release(ip: string): void {
    const n = parseIPv4(ip);
    if (n !== undefined) this.used.delete(n);
  }

  /** Reserves a chosen address: an error text as the API server words it, or undefined. */
  allocate(ip: string): string | undefined {
    const n = parseIPv4(ip);
    if (n === undefined) return `failed to allocate IP ${ip}: not a valid IP address`;
    if (!cidrContains(this.cidr, n) || n === this.cidr.base || n === this.cidr.base + this.cidr.size - 1) {
      return `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.range}`;
    }
    if (this.used.has(n)) return `failed to allocate IP ${ip}: provided IP is already allocated`;
    this.used.add(n);
    return undefined;
  }

  /** The next free address of the upper band, then of the lower one. */
  allocateNext(): string | undefined {
    const upper = this.max - this.offset;
    for (let i = 0; i < upper; i++) {
      const index = this.offset + ((this.next + i) % upper);
      const ip = this.cidr.base + 1 + index;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        this.next = index - this.offset + 1;
        return formatIPv4(ip);
      }
    }
    for (let index = 0; index < Math.min(this.offset, this.max); index++) {
      const ip = this.cidr.base + 1 + index;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        return formatIPv4(ip);
      }
    }
    return undefined;
  }
}

export class NodePortAllocator {
  private readonly used = new Set<number>();
  private readonly offset: number;
  private next = 0;

  constructor(readonly range: [number, number]) {
    this.offset = rangeOffset(range[1] - range[0] + 1, 16, 128, 32);
  }

  release(port: number): void {
    this.used.delete(port);
  }

  allocate(port: number): string | undefined {
    if (port < this.range[0] || port > this.range[1]) return `provided port is not in the valid range. The range of valid ports is ${this.range[0]}-${this.range[1]}`;
    if (this.used.has(port)) return 'provided port is already allocated';
    this.used.add(port);
    return undefined;
  }

  allocateNext(): number | undefined {
    const size = this.range[1] - this.range[0] + 1;
    const upper = size - this.offset;
    for (let i = 0; i < upper; i++) {
      const port = this.range[0] + this.offset + ((this.next + i) % upper);
      if (!this.used.has(port)) {
        this.used.add(port);
        this.next = port - this.range[0] - this.offset + 1;
        return port;
      }
    }
    for (let port = this.range[0]; port < this.range[0] + this.offset; port++) {
      if (!this.used.has(port)) {
        this.used.add(port);
        return port;
      }
    }
    return undefined;
  }
}
