/**
 * IPVS mode: the virtual servers (`ipvsadm -Ln`), the ipsets (`ipset save` style) and the iptables rules
 * that reference them. Upstream: pkg/proxy/ipvs/proxier.go (syncService, syncEndpoint,
 * writeIptablesRules, ipsetWithIptablesChain), pkg/proxy/ipvs/ipset.go (set names and comments).
 * The ipset listing leaves out the version-dependent `bucketsize`/`initval` options.
 */
import { canonicalIP, joinHostPort } from './ip';
import { ruleContext, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES } from './rules';
import { nodeIPOf, nodePortAddresses } from './nodePortAddresses';
import { sourceRangesHoldNode } from './topology';
import { restoreRule } from './restore';
import type { Endpoint, Match, ProxyConfig, ProxyModel, Rule, ServicePort, Table, Target } from './types';

type SetType = 'hash:ip,port' | 'hash:ip,port,ip' | 'hash:ip,port,net' | 'bitmap:port' | 'hash:ip';

/** kube-proxy's sets in its ipsetInfo order, with their comments. */
const SETS: Array<[string, SetType, string]> = [
  ['KUBE-LOOP-BACK', 'hash:ip,port,ip', 'Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'],
  ['KUBE-CLUSTER-IP', 'hash:ip,port', 'Kubernetes service cluster ip + port for masquerade purpose'],
  ['KUBE-EXTERNAL-IP', 'hash:ip,port', 'Kubernetes service external ip + port for masquerade and filter purpose'],
  ['KUBE-EXTERNAL-IP-LOCAL', 'hash:ip,port', 'Kubernetes service external ip + port with externalTrafficPolicy=local'],
  ['KUBE-LOAD-BALANCER', 'hash:ip,port', 'Kubernetes service lb portal'],
  ['KUBE-LOAD-BALANCER-FW', 'hash:ip,port', 'Kubernetes service load balancer ip + port for load balancer with sourceRange'],
  ['KUBE-LOAD-BALANCER-LOCAL', 'hash:ip,port', 'Kubernetes service load balancer ip + port with externalTrafficPolicy=local'],
  ['KUBE-LOAD-BALANCER-SOURCE-IP', 'hash:ip,port,ip', 'Kubernetes service load balancer ip + port + source IP for packet filter purpose'],
  ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'hash:ip,port,net', 'Kubernetes service load balancer ip + port + source cidr for packet filter purpose'],
  ['KUBE-NODE-PORT-TCP', 'bitmap:port', 'Kubernetes nodeport TCP port for masquerade purpose'],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'bitmap:port', 'Kubernetes nodeport TCP port with externalTrafficPolicy=local'],
  ['KUBE-NODE-PORT-UDP', 'bitmap:port', 'Kubernetes nodeport UDP port for masquerade purpose'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'bitmap:port', 'Kubernetes nodeport UDP port with externalTrafficPolicy=local'],
  ['KUBE-NODE-PORT-SCTP-HASH', 'hash:ip,port', "Kubernetes nodeport SCTP port for masquerade purpose with type 'hash ip:port'"],
  ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'hash:ip,port', "Kubernetes nodeport SCTP port with externalTrafficPolicy=local with type 'hash ip:port'"],
  ['KUBE-HEALTH-CHECK-NODE-PORT', 'bitmap:port', 'Kubernetes health check node port'],
  ['KUBE-IPVS-IPS', 'hash:ip', 'Addresses on the ipvs interface'],
];

/**
 * IPv6 sets are named KUBE-6-… so both families can coexist, cut to ipset's 31 characters
 * (pkg/proxy/ipvs/ipset.go NewIPSet: KUBE-6-LOAD-BALANCER-SOURCE-CID, KUBE-6-NODE-PORT-LOCAL-SCTP-HAS).
 */
const setName = (name: string, family: 4 | 6) => (family === 6 ? name.replace(/^KUBE-/, 'KUBE-6-').slice(0, 31) : name);

export interface VirtualServer {
  protocol: string;
  address: string;
  port: number;
  scheduler: string;
  persistent?: number;
  realServers: Endpoint[];
}

/**
 * The real servers of a virtual server (syncEndpoint): a Local policy uses the local endpoints, and all
 * cluster endpoints when none is local (kubernetes#97081: pods of this node can still reach the service).
 */
function policyEndpoints(sp: ServicePort, local: boolean): Endpoint[] {
  return local && sp.localEndpoints.length > 0 ? sp.localEndpoints : sp.clusterEndpoints;
}
const externalEndpoints = (sp: ServicePort) => policyEndpoints(sp, sp.externalPolicyLocal);

export function virtualServers(model: ProxyModel, config: ProxyConfig): VirtualServer[] {
  const scheduler = config.ipvsScheduler || 'rr';
  const nodeIPs = nodePortIPs(model, config);
  const out: VirtualServer[] = [];
  for (const sp of model.servicePorts) {
    const vs = (address: string, port: number, realServers: Endpoint[]) =>
      out.push({ protocol: sp.protocol, address, port, scheduler, persistent: sp.affinitySeconds, realServers });
    vs(sp.clusterIP, sp.port, policyEndpoints(sp, sp.internalPolicyLocal));
    for (const ip of sp.externalIPs) vs(ip, sp.port, externalEndpoints(sp));
    for (const ip of sp.loadBalancerVIPs) vs(ip, sp.port, externalEndpoints(sp));
    if (sp.nodePort) for (const ip of nodeIPs) vs(ip, sp.nodePort, externalEndpoints(sp));
  }
  return out.sort((a, b) => compareAddress(a.address, b.address) || a.port - b.port || (a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
}

/** The node addresses NodePort virtual servers are made for (never loopback ones in IPVS mode). */
function nodePortIPs(model: ProxyModel, config: ProxyConfig): string[] {
  const nodeIP = nodeIPOf(config, model.family);
  if (!nodeIP) return [];
  const addresses = nodePortAddresses(config, model.family);
  return addresses.matchAll ? [nodeIP] : addresses.nodeIPs.filter((ip) => ip === nodeIP);
}

function compareAddress(a: string, b: string): number {
  const key = (ip: string) => (ip.includes(':') ? ip : ip.split('.').map((o) => o.padStart(3, '0')).join('.'));
  const [x, y] = [key(a), key(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `ipvsadm -Ln` (ipvsadm 1.31's list format; real servers with weight 1 and masquerading). */
export function ipvsadmList(model: ProxyModel, config: ProxyConfig): string {
  const lines = ['IP Virtual Server version 1.2.1 (size=4096)', 'Prot LocalAddress:Port Scheduler Flags', '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn'];
  for (const vs of virtualServers(model, config)) {
    lines.push(`${vs.protocol}  ${joinHostPort(vs.address, vs.port)} ${vs.scheduler}${vs.persistent !== undefined ? ` persistent ${vs.persistent}` : ''}`);
    for (const ep of vs.realServers) lines.push(`  -> ${ep.key.padEnd(28)} ${'Masq'.padEnd(7)} ${'1'.padEnd(6)} ${'0'.padEnd(10)} ${'0'.padEnd(10)}`);
  }
  return lines.join('\n') + '\n';
}

/** The entries of every kube-proxy set. */
export function ipsetEntries(model: ProxyModel, config: ProxyConfig): Map<string, string[]> {
  const sets = new Map<string, Set<string>>(SETS.map(([name]) => [name, new Set<string>()]));
  const add = (name: string, entry: string) => sets.get(name)!.add(entry);
  const configured = nodeIPOf(config, model.family);
  const nodeIP = configured === undefined ? undefined : canonicalIP(configured);
  const nodeIPs = nodePortIPs(model, config);
  for (const sp of model.servicePorts) {
    const proto = sp.protocol.toLowerCase();
    const ipPort = (ip: string, port: number) => `${ip},${proto}:${port}`;
    for (const ep of sp.endpoints) if (ep.local) add('KUBE-LOOP-BACK', `${ep.ip},${proto}:${ep.port},${ep.ip}`);
    add('KUBE-CLUSTER-IP', ipPort(sp.clusterIP, sp.port));
    add('KUBE-IPVS-IPS', sp.clusterIP);
    // KUBE-IPVS-IPS holds the addresses bound to kube-ipvs0: not those the node already has (shouldBind).
    for (const ip of sp.externalIPs) {
      add(sp.externalPolicyLocal ? 'KUBE-EXTERNAL-IP-LOCAL' : 'KUBE-EXTERNAL-IP', ipPort(ip, sp.port));
      if (ip !== nodeIP) add('KUBE-IPVS-IPS', ip);
    }
    for (const ip of sp.loadBalancerVIPs) {
      add('KUBE-LOAD-BALANCER', ipPort(ip, sp.port));
      if (ip !== nodeIP) add('KUBE-IPVS-IPS', ip);
      if (sp.externalPolicyLocal) add('KUBE-LOAD-BALANCER-LOCAL', ipPort(ip, sp.port));
      if (sp.loadBalancerSourceRanges.length) {
        add('KUBE-LOAD-BALANCER-FW', ipPort(ip, sp.port));
        for (const cidr of sp.loadBalancerSourceRanges) add('KUBE-LOAD-BALANCER-SOURCE-CIDR', `${ipPort(ip, sp.port)},${cidr}`);
        if (sourceRangesHoldNode(sp, nodeIP)) add('KUBE-LOAD-BALANCER-SOURCE-IP', `${ipPort(ip, sp.port)},${ip}`);
      }
    }
    // Without a node address for NodePorts, kube-proxy skips the NodePort and health-check entries.
    if (sp.nodePort && nodeIPs.length === 0) continue;
    if (sp.nodePort) {
      const p = sp.protocol;
      if (p === 'SCTP') {
        for (const ip of nodeIPs) {
          add('KUBE-NODE-PORT-SCTP-HASH', ipPort(ip, sp.nodePort));
          if (sp.externalPolicyLocal) add('KUBE-NODE-PORT-LOCAL-SCTP-HASH', ipPort(ip, sp.nodePort));
        }
      } else {
        add(`KUBE-NODE-PORT-${p}`, String(sp.nodePort));
        if (sp.externalPolicyLocal) add(`KUBE-NODE-PORT-LOCAL-${p}`, String(sp.nodePort));
      }
    }
    if (sp.healthCheckNodePort) add('KUBE-HEALTH-CHECK-NODE-PORT', String(sp.healthCheckNodePort));
  }
  return new Map([...sets].map(([name, entries]) => [name, [...entries].sort()]));
}

/** `ipset save`-style listing of kube-proxy's sets: `create` then `add` lines per set. */
export function ipsetSave(model: ProxyModel, config: ProxyConfig): string {
  const entries = ipsetEntries(model, config);
  const family = model.family === 4 ? 'inet' : 'inet6';
  const lines: string[] = [];
  for (const [name, type] of SETS) {
    const n = setName(name, model.family);
    lines.push(type === 'bitmap:port' ? `create ${n} ${type} range 0-65535 comment` : `create ${n} ${type} family ${family} hashsize 1024 maxelem 65536 comment`);
    for (const e of entries.get(name) ?? []) lines.push(`add ${n} ${e}`);
  }
  return lines.join('\n') + '\n';
}

/** IPVS mode's own chains (its filter table has KUBE-NODE-PORT, not iptables mode's KUBE-NODEPORTS). */
const KUBE_NODE_PORT = 'KUBE-NODE-PORT';
const KUBE_SOURCE_RANGES_FIREWALL = 'KUBE-SOURCE-RANGES-FIREWALL';

/** ipsetWithIptablesChain: set, table, from chain, target, match flags, `-p` protocol (kube-proxy's order). */
const SET_JUMPS: Array<[string, Table, string, string, string, string?]> = [
  ['KUBE-LOOP-BACK', 'nat', KUBE_POSTROUTING, 'MASQUERADE', 'dst,dst,src'],
  ['KUBE-LOAD-BALANCER', 'nat', KUBE_SERVICES, 'KUBE-LOAD-BALANCER', 'dst,dst'],
  ['KUBE-LOAD-BALANCER-LOCAL', 'nat', 'KUBE-LOAD-BALANCER', 'RETURN', 'dst,dst'],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'tcp'],
  ['KUBE-NODE-PORT-TCP', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'tcp'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst', 'udp'],
  ['KUBE-NODE-PORT-UDP', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst', 'udp'],
  ['KUBE-NODE-PORT-LOCAL-SCTP-HASH', 'nat', KUBE_NODE_PORT, 'RETURN', 'dst,dst', 'sctp'],
  ['KUBE-NODE-PORT-SCTP-HASH', 'nat', KUBE_NODE_PORT, KUBE_MARK_MASQ, 'dst,dst', 'sctp'],
  ['KUBE-LOAD-BALANCER-FW', 'filter', KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL, 'dst,dst'],
  ['KUBE-LOAD-BALANCER-SOURCE-CIDR', 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src'],
  ['KUBE-LOAD-BALANCER-SOURCE-IP', 'filter', KUBE_SOURCE_RANGES_FIREWALL, 'RETURN', 'dst,dst,src'],
];

/** iptablesChains: the chains IPVS mode declares, per table, in its order. */
const IPVS_CHAINS: Record<Table, string[]> = {
  nat: [KUBE_SERVICES, KUBE_POSTROUTING, KUBE_NODE_PORT, 'KUBE-LOAD-BALANCER', KUBE_MARK_MASQ],
  filter: [KUBE_FORWARD, KUBE_NODE_PORT, KUBE_PROXY_FIREWALL, KUBE_SOURCE_RANGES_FIREWALL, 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'],
};

/**
 * The iptables rules IPVS mode installs (writeIptablesRules), as kube-proxy hands them to
 * iptables-restore: `*nat` then `*filter`, each table's chains then its rules in write order.
 */
export function ipvsIptables(model: ProxyModel, config: ProxyConfig): string {
  const ctx = ruleContext(model, config);
  const family = model.family;
  const entries = ipsetEntries(model, config);
  const nonEmpty = (name: string) => (entries.get(name)?.length ?? 0) > 0;
  const S = (name: string) => setName(name, family);
  const comment = (name: string): Match => ({ m: 'comment', text: SETS.find(([n]) => n === name)![2] });
  const set = (name: string, flags: string): Match => ({ m: 'set', name: S(name), flags });
  const rules: Rule[] = [];
  const r = (table: Table, chain: string, matches: Match[], target: Target) => rules.push({ table, chain, matches, target });

  // Connections from localhost leave the service chain at once.
  r('nat', KUBE_SERVICES, [{ m: 'src', cidr: family === 4 ? '127.0.0.0/8' : '::1/128' }], { j: 'RETURN' });
  for (const [name, table, from, to, flags, proto] of SET_JUMPS) {
    if (!nonEmpty(name)) continue;
    // kube-proxy writes `-p tcp` alone here: the port is matched by the set, not the tcp module.
    const p: Match[] = proto ? [{ m: 'protocol', proto }] : [];
    r(table, from, [...p, comment(name), set(name, flags)], { j: to });
  }
  if (nonEmpty('KUBE-CLUSTER-IP')) {
    const head = [comment('KUBE-CLUSTER-IP')];
    if (ctx.masqueradeAll) r('nat', KUBE_SERVICES, [...head, set('KUBE-CLUSTER-IP', 'dst,dst')], { j: KUBE_MARK_MASQ });
    else if (ctx.clusterCIDR) r('nat', KUBE_SERVICES, [...head, set('KUBE-CLUSTER-IP', 'dst,dst'), { m: 'src', cidr: ctx.clusterCIDR, not: true }], { j: KUBE_MARK_MASQ });
    else r('nat', KUBE_SERVICES, [...head, set('KUBE-CLUSTER-IP', 'src,dst')], { j: KUBE_MARK_MASQ });
  }
  const externalIPRules = (head: Match[]) => {
    // Off-machine traffic (not from a bridge, not local) and traffic to addresses that are local stay.
    r('nat', KUBE_SERVICES, [...head, { m: 'physdev', notIsIn: true }, { m: 'addrtype', dir: 'src', type: 'LOCAL', not: true }], { j: 'ACCEPT' });
    r('nat', KUBE_SERVICES, [...head, { m: 'addrtype', dir: 'dst', type: 'LOCAL' }], { j: 'ACCEPT' });
  };
  if (nonEmpty('KUBE-EXTERNAL-IP')) {
    const head = [comment('KUBE-EXTERNAL-IP'), set('KUBE-EXTERNAL-IP', 'dst,dst')];
    r('nat', KUBE_SERVICES, head, { j: KUBE_MARK_MASQ });
    externalIPRules(head);
  }
  if (nonEmpty('KUBE-EXTERNAL-IP-LOCAL')) externalIPRules([comment('KUBE-EXTERNAL-IP-LOCAL'), set('KUBE-EXTERNAL-IP-LOCAL', 'dst,dst')]);
  r('nat', KUBE_SERVICES, [{ m: 'addrtype', dir: 'dst', type: 'LOCAL' }], { j: KUBE_NODE_PORT });
  r('nat', 'KUBE-LOAD-BALANCER', [], { j: KUBE_MARK_MASQ });
  r('filter', KUBE_SOURCE_RANGES_FIREWALL, [], { j: 'DROP' });
  // A node outside every source range may not reach the LB address either (kubernetes#119656).
  for (const sp of model.servicePorts) {
    if (sp.loadBalancerSourceRanges.length === 0 || sourceRangesHoldNode(sp, ctx.nodeIP)) continue;
    for (const vip of sp.loadBalancerVIPs) {
      r('filter', 'KUBE-IPVS-OUT-FILTER', [{ m: 'src', cidr: vip }, { m: 'ipvs', vaddr: vip, vproto: sp.protocol.toLowerCase(), vport: sp.port }], { j: 'DROP' });
    }
  }
  // Accept traffic to IPVS virtual servers, in case later rules would block it.
  if (nonEmpty('KUBE-CLUSTER-IP')) r('nat', KUBE_SERVICES, [set('KUBE-CLUSTER-IP', 'dst,dst')], { j: 'ACCEPT' });
  if (nonEmpty('KUBE-LOAD-BALANCER')) r('nat', KUBE_SERVICES, [set('KUBE-LOAD-BALANCER', 'dst,dst')], { j: 'ACCEPT' });
  r('filter', KUBE_FORWARD, [{ m: 'comment', text: 'kubernetes forwarding rules' }, { m: 'mark', mark: `${ctx.mark}/${ctx.mark}` }], { j: 'ACCEPT' });
  r('filter', KUBE_FORWARD, [{ m: 'comment', text: 'kubernetes forwarding conntrack rule' }, { m: 'conntrack', states: 'RELATED,ESTABLISHED' }], { j: 'ACCEPT' });
  r('filter', KUBE_NODE_PORT, [comment('KUBE-HEALTH-CHECK-NODE-PORT'), set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst')], { j: 'ACCEPT' });
  // Block host ports reached through a VIP (kubernetes#72236).
  for (const [name, flags] of [['KUBE-LOAD-BALANCER', 'dst,dst'], ['KUBE-CLUSTER-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP', 'dst,dst'], ['KUBE-EXTERNAL-IP-LOCAL', 'dst,dst'], ['KUBE-HEALTH-CHECK-NODE-PORT', 'dst']]) {
    r('filter', 'KUBE-IPVS-FILTER', [set(name, flags)], { j: 'RETURN' });
  }
  r('filter', 'KUBE-IPVS-FILTER', [{ m: 'conntrack', states: 'NEW' }, set('KUBE-IPVS-IPS', 'dst')], { j: 'REJECT' });
  r('nat', KUBE_POSTROUTING, [{ m: 'mark', mark: `${ctx.mark}/${ctx.mark}`, not: true }], { j: 'RETURN' });
  r('nat', KUBE_POSTROUTING, [], { j: 'MARK', xorMark: ctx.mark });
  r('nat', KUBE_POSTROUTING, [{ m: 'comment', text: 'kubernetes service traffic requiring SNAT' }], { j: 'MASQUERADE', randomFully: ctx.randomFully || undefined });
  r('nat', KUBE_MARK_MASQ, [], { j: 'MARK', orMark: ctx.mark });

  const tableText = (name: Table) =>
    [`*${name}`, ...IPVS_CHAINS[name].map((c) => `:${c} - [0:0]`), ...rules.filter((rule) => rule.table === name).map(restoreRule), 'COMMIT'].join('\n') + '\n';
  return tableText('nat') + tableText('filter');
}

export function ipvsRules(model: ProxyModel, config: ProxyConfig): { ipvsadm: string; ipsets: string; iptables: string } {
  return { ipvsadm: ipvsadmList(model, config), ipsets: ipsetSave(model, config), iptables: ipvsIptables(model, config) };
}
