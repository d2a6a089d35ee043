/**
 * The iptables-mode rules as data, in the order kube-proxy writes them. Upstream:
 * pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules); the rule and comment
 * strings are upstream's. tables.ts puts them in canonical order; restore.ts and save.ts render them.
 */
import { cidrsOfFamily, isLoopback } from './ip';
import { nodeIPOf, nodePortAddresses } from './nodePortAddresses';
import { policyUse, sourceRangesHoldNode } from './topology';
import type { Match, ProxyConfig, ProxyModel, Rule, ServicePort, Table, Target } from './types';

export const KUBE_SERVICES = 'KUBE-SERVICES';
export const KUBE_EXTERNAL_SERVICES = 'KUBE-EXTERNAL-SERVICES';
export const KUBE_NODEPORTS = 'KUBE-NODEPORTS';
export const KUBE_POSTROUTING = 'KUBE-POSTROUTING';
export const KUBE_MARK_MASQ = 'KUBE-MARK-MASQ';
export const KUBE_FORWARD = 'KUBE-FORWARD';
export const KUBE_PROXY_FIREWALL = 'KUBE-PROXY-FIREWALL';
export const KUBE_FIREWALL = 'KUBE-FIREWALL';
export const KUBE_PROXY_CANARY = 'KUBE-PROXY-CANARY';
/** Over this many endpoints in total, comments are left out of SVC→SEP and SEP rules. */
export const LARGE_CLUSTER_ENDPOINTS_THRESHOLD = 1000;

/** The settings that shape rules, resolved once per render. */
export interface RuleContext {
  family: 4 | 6;
  mark: string;
  masqueradeAll: boolean;
  /** The cluster CIDR of this family, when local-traffic detection is on. */
  clusterCIDR?: string;
  localhostNodePorts: boolean;
  nfacct: boolean;
  randomFully: boolean;
  conntrackTCPLiberal: boolean;
  largeCluster: boolean;
  /** The node's address of this family (LB source ranges that contain it also admit the VIPs). */
  nodeIP?: string;
  /** undefined: NodePorts on every local address; else the node addresses they are limited to. */
  nodePortIPs?: string[];
}

export function ruleContext(model: ProxyModel, config: ProxyConfig): RuleContext {
  const family = model.family;
  const clusterCIDR = cidrsOfFamily(config.clusterCIDR, family)[0];
  const nodePorts = nodePortAddresses(config, family);
  return {
    family,
    mark: config.masqueradeMark ?? '0x4000',
    masqueradeAll: config.masqueradeAll ?? false,
    clusterCIDR,
    // NewProxier: localhost NodePorts need IPv4 and a --nodeport-addresses that covers loopback.
    localhostNodePorts: family === 4 && (config.localhostNodePorts ?? true) && nodePorts.containsIPv4Loopback,
    nfacct: config.nfacct ?? true,
    randomFully: config.randomFully ?? false,
    conntrackTCPLiberal: config.conntrackTCPLiberal ?? false,
    largeCluster: model.totalEndpoints > LARGE_CLUSTER_ENDPOINTS_THRESHOLD,
    nodeIP: nodeIPOf(config, family),
    nodePortIPs: nodePorts.matchAll ? undefined : nodePorts.nodeIPs,
  };
}

const rule = (table: Table, chain: string, matches: Match[], target?: Target): Rule => ({ table, chain, matches, target });
const comment = (text: string): Match => ({ m: 'comment', text });
const jump = (j: string): Target => ({ j });

/** The rules of one service port, in kube-proxy's write order (filter and nat mixed). */
export function servicePortRules(sp: ServicePort, ctx: RuleContext): Rule[] {
  const out: Rule[] = [];
  const spn = sp.spn;
  const proto = sp.protocol.toLowerCase();
  const l4 = (port: number, dst?: string): Match[] =>
    dst === undefined ? [{ m: 'proto', proto }, { m: 'dport', port }] : [{ m: 'proto', proto }, { m: 'dst', cidr: dst }, { m: 'dport', port }];
  const { svc: clusterPolicyChain, svl: localPolicyChain, ext: externalTrafficChain, fw: fwChain } = sp.chains;
  const hasEndpoints = sp.hasEndpoints;
  const { usesClusterPolicyChain, usesLocalPolicyChain, hasInternalEndpoints, hasExternalEndpoints, usesExternalTrafficChain } = policyUse(sp);
  const internalTrafficChain = sp.internalPolicyLocal ? localPolicyChain : clusterPolicyChain;
  const externalPolicyChain = sp.externalPolicyLocal ? localPolicyChain : clusterPolicyChain;
  // iptables mode, unlike nftables, writes no firewall chain for a service without endpoints.
  const usesFWChain = hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const loadBalancerTrafficChain = usesFWChain ? fwChain : externalTrafficChain;

  const noEndpoints = `${spn} has no endpoints`;
  const noLocal = `${spn} has no local endpoints`;
  const internalFilter = !hasEndpoints ? { target: 'REJECT', comment: noEndpoints } : { target: 'DROP', comment: noLocal };
  const externalFilter = internalFilter;

  // Capture the cluster IP.
  if (hasInternalEndpoints) out.push(rule('nat', KUBE_SERVICES, [comment(`${spn} cluster IP`), ...l4(sp.port, sp.clusterIP)], jump(internalTrafficChain)));
  else out.push(rule('filter', KUBE_SERVICES, [comment(internalFilter.comment), ...l4(sp.port, sp.clusterIP)], jump(internalFilter.target)));

  // Capture external IPs.
  for (const ip of sp.externalIPs) {
    if (hasEndpoints) out.push(rule('nat', KUBE_SERVICES, [comment(`${spn} external IP`), ...l4(sp.port, ip)], jump(externalTrafficChain)));
    if (!hasExternalEndpoints) out.push(rule('filter', KUBE_EXTERNAL_SERVICES, [comment(externalFilter.comment), ...l4(sp.port, ip)], jump(externalFilter.target)));
  }

  // Capture load-balancer ingress.
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints) out.push(rule('nat', KUBE_SERVICES, [comment(`${spn} loadbalancer IP`), ...l4(sp.port, ip)], jump(loadBalancerTrafficChain)));
    if (usesFWChain) out.push(rule('filter', KUBE_PROXY_FIREWALL, [comment(`${spn} traffic not accepted by ${fwChain}`), ...l4(sp.port, ip)], jump('DROP')));
  }
  if (!hasExternalEndpoints) {
    for (const ip of sp.loadBalancerVIPs) out.push(rule('filter', KUBE_EXTERNAL_SERVICES, [comment(externalFilter.comment), ...l4(sp.port, ip)], jump(externalFilter.target)));
  }

  // Capture node ports.
  if (sp.nodePort !== 0) {
    if (hasEndpoints) {
      if (ctx.localhostNodePorts && ctx.nfacct) {
        out.push(
          rule('nat', KUBE_NODEPORTS, [comment(spn), ...l4(sp.nodePort, '127.0.0.0/8'), { m: 'nfacct', name: 'localhost_nps_accepted_pkts' }], jump(externalTrafficChain)),
        );
      }
      out.push(rule('nat', KUBE_NODEPORTS, [comment(spn), ...l4(sp.nodePort)], jump(externalTrafficChain)));
    }
    if (!hasExternalEndpoints) {
      out.push(
        rule('filter', KUBE_EXTERNAL_SERVICES, [comment(externalFilter.comment), { m: 'addrtype', dir: 'dst', type: 'LOCAL' }, ...l4(sp.nodePort)], jump(externalFilter.target)),
      );
    }
  }

  // Health-check node port: accepted whether or not this node has endpoints.
  if (sp.healthCheckNodePort !== 0) {
    out.push(
      rule('filter', KUBE_NODEPORTS, [comment(`${spn} health check node port`), { m: 'proto', proto: 'tcp' }, { m: 'dport', port: sp.healthCheckNodePort }], jump('ACCEPT')),
    );
  }

  // Internal traffic: masquerade what comes from outside the cluster.
  if (hasInternalEndpoints) {
    const head = [comment(`${spn} cluster IP`), ...l4(sp.port, sp.clusterIP)];
    if (ctx.masqueradeAll) out.push(rule('nat', internalTrafficChain, head, jump(KUBE_MARK_MASQ)));
    else if (ctx.clusterCIDR) out.push(rule('nat', internalTrafficChain, [...head, { m: 'src', cidr: ctx.clusterCIDR, not: true }], jump(KUBE_MARK_MASQ)));
  }

  // External traffic (node ports, external IPs, load balancer IPs).
  if (usesExternalTrafficChain) {
    if (!sp.externalPolicyLocal) {
      out.push(rule('nat', externalTrafficChain, [comment(`masquerade traffic for ${spn} external destinations`)], jump(KUBE_MARK_MASQ)));
    } else {
      if (ctx.clusterCIDR) {
        out.push(rule('nat', externalTrafficChain, [comment(`pod traffic for ${spn} external destinations`), { m: 'src', cidr: ctx.clusterCIDR }], jump(clusterPolicyChain)));
      }
      out.push(
        rule('nat', externalTrafficChain, [comment(`masquerade LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], jump(KUBE_MARK_MASQ)),
      );
      out.push(
        rule('nat', externalTrafficChain, [comment(`route LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], jump(clusterPolicyChain)),
      );
    }
    if (hasExternalEndpoints) out.push(rule('nat', externalTrafficChain, [], jump(externalPolicyChain)));
  }

  // Firewall chain for loadBalancerSourceRanges.
  if (usesFWChain) {
    const head = comment(`${spn} loadbalancer IP`);
    for (const cidr of sp.loadBalancerSourceRanges) out.push(rule('nat', fwChain, [head, { m: 'src', cidr }], jump(externalTrafficChain)));
    if (sourceRangesHoldNode(sp, ctx.nodeIP)) for (const ip of sp.loadBalancerVIPs) out.push(rule('nat', fwChain, [head, { m: 'src', cidr: ip }], jump(externalTrafficChain)));
    out.push(rule('nat', fwChain, [comment(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`)]));
  }

  if (usesClusterPolicyChain) serviceToEndpointRules(sp, clusterPolicyChain, sp.clusterEndpoints, ctx, out);
  if (usesLocalPolicyChain) serviceToEndpointRules(sp, localPolicyChain, sp.localEndpoints, ctx, out);

  // One chain per endpoint: masquerade hairpin traffic, remember affinity, DNAT.
  // Match and target objects shared by every endpoint rule of this port (fewer allocations at scale).
  const spnComment = comment(spn);
  const protoMatch: Match = { m: 'proto', proto };
  const markMasq = jump(KUBE_MARK_MASQ);
  for (const ep of sp.reachableEndpoints) {
    const src: Match = { m: 'src', cidr: ep.ip };
    const dnat: Target = { j: 'DNAT', to: ep.key };
    if (ctx.largeCluster) {
      out.push(rule('nat', ep.chain, [src], markMasq));
      out.push(rule('nat', ep.chain, sp.affinitySeconds !== undefined ? [{ m: 'recent', name: ep.chain, set: true }, protoMatch] : [protoMatch], dnat));
    } else {
      out.push(rule('nat', ep.chain, [spnComment, src], markMasq));
      out.push(rule('nat', ep.chain, sp.affinitySeconds !== undefined ? [spnComment, { m: 'recent', name: ep.chain, set: true }, protoMatch] : [spnComment, protoMatch], dnat));
    }
  }
  return out;
}

/** KUBE-SVC/KUBE-SVL → KUBE-SEP: affinity checks first, then one random pick per endpoint. */
function serviceToEndpointRules(sp: ServicePort, chain: string, endpoints: ServicePort['endpoints'], ctx: RuleContext, out: Rule[]): void {
  // A large cluster writes these rules by the hundred thousand: each matches list is built in place.
  const comments = !ctx.largeCluster;
  if (sp.affinitySeconds !== undefined) {
    for (const ep of endpoints) {
      const recent: Match = { m: 'recent', name: ep.chain, rcheck: true, seconds: sp.affinitySeconds };
      out.push(rule('nat', chain, comments ? [comment(`${sp.spn} -> ${ep.key}`), recent] : [recent], jump(ep.chain)));
    }
  }
  for (let i = 0; i < endpoints.length; i++) {
    const ep = endpoints[i];
    const matches: Match[] = comments ? [comment(`${sp.spn} -> ${ep.key}`)] : [];
    if (i < endpoints.length - 1) matches.push({ m: 'statistic', probability: probability(endpoints.length - i) });
    out.push(rule('nat', chain, matches, jump(ep.chain)));
  }
}

/** `%0.10f` of 1/n, as Go prints it (round half to even on the exact binary value). */
export function probability(n: number): string {
  // Upstream precomputes these too: formatting is the costly part of a large sync.
  let p = probabilities.get(n);
  if (p === undefined) probabilities.set(n, (p = formatFixed(1 / n, 10)));
  return p;
}
const probabilities = new Map<number, string>();

/** printf("%.<digits>f"): exact decimal expansion, round half to even (JS toFixed rounds ties up). */
export function formatFixed(x: number, digits: number): string {
  const exact = x.toFixed(Math.min(100, digits + 40));
  const [int, frac] = exact.split('.');
  const kept = int + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const half = rest[0] > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1)));
  const tie = rest[0] === '5' && !/[1-9]/.test(rest.slice(1));
  const roundUp = half || (tie && Number(kept[kept.length - 1]) % 2 === 1);
  let digitsOut = kept;
  if (roundUp) digitsOut = (BigInt(kept) + 1n).toString().padStart(kept.length, '0');
  const intLen = digitsOut.length - digits;
  return `${digitsOut.slice(0, intLen)}.${digitsOut.slice(intLen)}`;
}

/** The rules kube-proxy writes whatever the services: filter KUBE-FIREWALL/KUBE-FORWARD, nat masquerading. */
export function fixedRules(ctx: RuleContext): Rule[] {
  const out: Rule[] = [];
  const markMask = `${ctx.mark}/${ctx.mark}`;
  out.push(rule('nat', KUBE_POSTROUTING, [{ m: 'mark', mark: markMask, not: true }], jump('RETURN')));
  out.push(rule('nat', KUBE_POSTROUTING, [], { j: 'MARK', xorMark: ctx.mark }));
  out.push(rule('nat', KUBE_POSTROUTING, [comment('kubernetes service traffic requiring SNAT')], { j: 'MASQUERADE', randomFully: ctx.randomFully || undefined }));
  out.push(rule('nat', KUBE_MARK_MASQ, [], { j: 'MARK', orMark: ctx.mark }));
  if (ctx.family === 4 && ctx.localhostNodePorts) {
    // Mitigates the route_localnet hole (kubernetes#90259); a duplicate of kubelet's rule.
    out.push(
      rule(
        'filter',
        KUBE_FIREWALL,
        [comment('block incoming localnet connections'), { m: 'dst', cidr: '127.0.0.0/8' }, { m: 'src', cidr: '127.0.0.0/8', not: true }, { m: 'conntrack', states: 'RELATED,ESTABLISHED,DNAT', not: true }],
        jump('DROP'),
      ),
    );
  }
  return out;
}

/** Rules written after the services: the NodePorts tail call and the forwarding rules. */
export function trailingRules(ctx: RuleContext): Rule[] {
  const out: Rule[] = [];
  const last = comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain');
  if (ctx.nodePortIPs === undefined) {
    const not: Match[] = ctx.family === 6 ? [{ m: 'dst', cidr: '::1/128', not: true }] : !ctx.localhostNodePorts ? [{ m: 'dst', cidr: '127.0.0.0/8', not: true }] : [];
    out.push(rule('nat', KUBE_SERVICES, [last, { m: 'addrtype', dir: 'dst', type: 'LOCAL' }, ...not], jump(KUBE_NODEPORTS)));
  } else {
    for (const ip of ctx.nodePortIPs) {
      const loopback = isLoopback(ip);
      if (loopback && !ctx.localhostNodePorts) continue;
      out.push(rule('nat', KUBE_SERVICES, [last, { m: 'dst', cidr: ip }], jump(KUBE_NODEPORTS)));
    }
  }
  if (!ctx.conntrackTCPLiberal) {
    const nfacct: Match[] = ctx.nfacct ? [{ m: 'nfacct', name: 'ct_state_invalid_dropped_pkts' }] : [];
    out.push(rule('filter', KUBE_FORWARD, [{ m: 'conntrack', states: 'INVALID' }, ...nfacct], jump('DROP')));
  }
  out.push(rule('filter', KUBE_FORWARD, [comment('kubernetes forwarding rules'), { m: 'mark', mark: `${ctx.mark}/${ctx.mark}` }], jump('ACCEPT')));
  out.push(rule('filter', KUBE_FORWARD, [comment('kubernetes forwarding conntrack rule'), { m: 'conntrack', states: 'RELATED,ESTABLISHED' }], jump('ACCEPT')));
  return out;
}
