/**
 * --nodeport-addresses as one IP family's proxier reads it. Upstream: pkg/proxy/util/nodeport_addresses.go
 * (NewNodePortAddresses, GetNodeIPs) and cmd/kube-proxy/app/server.go (`primary`: the node's IPs).
 */
import { bytesOf, cidrContains, ipFamily, isLoopback } from './ip';
import type { ProxyConfig } from './types';

export interface NodePortAddresses {
  /** NodePorts on every local address: no CIDR of this family was given, or a zero CIDR was. */
  matchAll: boolean;
  /** Otherwise, the node's addresses inside the CIDRs (of those kubeplan models: the node IP and loopback). */
  nodeIPs: string[];
  /** An IPv4 CIDR is a loopback one or holds 127.0.0.1: localhost NodePorts stay enabled. */
  containsIPv4Loopback: boolean;
}

const LOOPBACK_START = '127.0.0.1';

/** The node's address of one IP family (its IPv4 `nodeIP` or its `nodeIPv6`). */
export const nodeIPOf = (config: ProxyConfig, family: 4 | 6): string | undefined => (family === 4 ? config.nodeIP : config.nodeIPv6);

export function nodePortAddresses(config: ProxyConfig, family: 4 | 6): NodePortAddresses {
  // `primary`, valid only alone, stands for the node IP of each family (not a loopback one). Entries that
  // are not `address/length` are left out (kube-proxy's configuration validation refuses them).
  const given = config.nodePortAddresses ?? [];
  const expanded = given.length === 1 && given[0] === 'primary' ? primaryCIDRs(config) : given.map((c) => c.trim()).filter(isCIDR);
  const cidrs = expanded.filter((c) => ipFamily(c.split('/')[0]) === family);
  if (cidrs.length === 0) cidrs.push(family === 4 ? '0.0.0.0/0' : '::/0');
  let containsIPv4Loopback = false;
  let matchAll = false;
  for (const cidr of cidrs) {
    if (family === 4 && (isLoopback(cidr.split('/')[0]) || cidrContains(cidr, LOOPBACK_START))) containsIPv4Loopback = true;
    // A zero CIDR matches everything; what follows it is ignored.
    if (/^(0\.0\.0\.0|::)\/0$/.test(cidr)) {
      matchAll = true;
      break;
    }
  }
  const addresses = [nodeIPOf(config, family), family === 4 ? LOOPBACK_START : '::1'].filter((ip): ip is string => !!ip);
  return { matchAll, nodeIPs: matchAll ? [] : addresses.filter((ip) => cidrs.some((c) => cidrContains(c, ip))), containsIPv4Loopback };
}

function isCIDR(text: string): boolean {
  const [addr, len, extra] = text.split('/');
  const bytes = bytesOf(addr);
  return extra === undefined && bytes !== undefined && /^\d{1,3}$/.test(len ?? '') && Number(len) <= bytes.length * 8;
}

function primaryCIDRs(config: ProxyConfig): string[] {
  const out: string[] = [];
  if (config.nodeIP && !isLoopback(config.nodeIP)) out.push(`${config.nodeIP}/32`);
  if (config.nodeIPv6 && !isLoopback(config.nodeIPv6)) out.push(`${config.nodeIPv6}/128`);
  return out;
}
