/**
 * nftables mode: `nft list table ip kube-proxy`-style text with upstream's chain, map and comment names.
 * Upstream: pkg/proxy/nftables/proxier.go (setupNFTables, syncProxyRules, writeServiceToEndpointRules).
 * Checked against the real `nft` (test/unit/proxy-real-nft.test.mjs): what `nft -f` of this text then
 * `nft list table` print, except the order of map elements, which the kernel keeps in a hash table
 * (listed here sorted).
 */
import { nftEndpointChain, nftServiceChain } from './naming';
import { bytesOf, cidrsOfFamily, isLoopback } from './ip';
import { nftAddressSet } from './nftAddressSet';
import { ruleContext, type RuleContext } from './rules';
import { policyUse, sourceRangesHoldNode } from './topology';
import type { Endpoint, ProxyConfig, ProxyModel, ServicePort } from './types';

/** The `nft list table` text of kube-proxy's table on the node: setupNFTables' objects, then each service port's. */
export function nftablesRules(model: ProxyModel, config: ProxyConfig): string {
  const ctx = ruleContext(model, config);
  const ip = model.family === 4 ? 'ip' : 'ip6';
  const addr = model.family === 4 ? 'ipv4_addr' : 'ipv6_addr';
  const out: ServiceObjects = { chains: [], serviceIPs: [], nodePortElements: [], noEndpointServices: [], noEndpointNodePorts: [], firewallIPs: [], affinitySets: [] };
  const chains = out.chains;
  // nft lists marks as eight hex digits.
  const mark = hex32(ctx.mark);

  // nodeport-ips: the node addresses that take NodePort traffic, when --nodeport-addresses narrows them.
  const nodePortIPs = ctx.nodePortIPs?.filter((a) => !isLoopback(a));
  const noLocalhost = model.family === 4 ? `${ip} daddr != 127.0.0.0/8` : `${ip} daddr != ::1`;
  const onNodePortIPs = nodePortIPs ? `${ip} daddr @nodeport-ips` : undefined;

  // Traffic to a cluster IP on a port no Service has is rejected; to an unallocated one, dropped.
  const serviceCIDRs = cidrsOfFamily(config.serviceCIDR, model.family);

  // The chains setupNFTables creates, in its order (nft lists chains in creation order): the base chains
  // (nftablesBaseChains), those they jump to (nftablesJumpChains), then mark-for-masquerade and reject-chain.
  chains.push(['filter-prerouting', 'type filter hook prerouting priority dstnat - 10; policy accept;', ['ct state new jump firewall-check']]);
  chains.push(['filter-input', 'type filter hook input priority -110; policy accept;', ['ct state new jump nodeport-endpoints-check', 'ct state new jump service-endpoints-check']]);
  chains.push(['filter-forward', 'type filter hook forward priority -110; policy accept;', ['ct state new jump service-endpoints-check', 'ct state new jump cluster-ips-check']]);
  chains.push(['filter-output', 'type filter hook output priority -110; policy accept;', ['ct state new jump service-endpoints-check', 'ct state new jump firewall-check']]);
  // knftables (objects.go) writes every priority as a number; nft lists a number by its standard name
  // only where that name is valid (dstnat on prerouting, not on output).
  chains.push(['filter-output-post-dnat', 'type filter hook output priority -90; policy accept;', ['ct state new jump cluster-ips-check']]);
  chains.push(['nat-prerouting', 'type nat hook prerouting priority dstnat; policy accept;', ['jump services']]);
  chains.push(['nat-output', 'type nat hook output priority -100; policy accept;', ['jump services']]);
  chains.push(['nat-postrouting', 'type nat hook postrouting priority srcnat; policy accept;', ['jump masquerading']]);
  chains.push(['nodeport-endpoints-check', undefined, [`${onNodePortIPs ?? noLocalhost} meta l4proto . th dport vmap @no-endpoint-nodeports`]]);
  chains.push(['service-endpoints-check', undefined, [`${ip} daddr . meta l4proto . th dport vmap @no-endpoint-services`]]);
  chains.push(['firewall-check', undefined, [`${ip} daddr . meta l4proto . th dport vmap @firewall-ips`]]);
  chains.push(['services', undefined, [`${ip} daddr . meta l4proto . th dport vmap @service-ips`, `${onNodePortIPs ?? `fib daddr type local ${noLocalhost}`} meta l4proto . th dport vmap @service-nodeports`]]);
  // setupNFTables masquerades fully-random whatever the iptables --random-fully probe says.
  chains.push(['masquerading', undefined, [`meta mark & ${mark} == 0x00000000 return`, `meta mark set meta mark ^ ${mark}`, 'masquerade fully-random']]);
  chains.push([
    'cluster-ips-check',
    undefined,
    [
      `${ip} daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"`,
      ...(serviceCIDRs.length ? [`${ip} daddr ${nftAddressSet(serviceCIDRs)} drop comment "Drop traffic to unallocated ClusterIPs"`] : []),
    ],
  ]);
  chains.push(['mark-for-masquerade', undefined, [`meta mark set meta mark | ${mark}`]]);
  chains.push(['reject-chain', undefined, ['comment "helper for @no-endpoint-services / @no-endpoint-nodeports"', 'reject']]);

  for (const sp of model.servicePorts) writeServicePort(sp, ctx, ip, out);

  const lines = [`table ${ip} kube-proxy {`, '\tcomment "rules for kube-proxy"'];
  const map = (name: string, type: string, comment: string, elements: string[]) => {
    lines.push(`\tmap ${name} {`, `\t\ttype ${type} : verdict`, `\t\tcomment "${comment}"`);
    if (elements.length) lines.push(`\t\telements = { ${elementRows(elements.sort(), 1)} }`);
    lines.push('\t}', '');
  };
  const addressSet = (name: string, comment: string, addresses: string[]) => {
    lines.push(`\tset ${name} {`, `\t\ttype ${addr}`, `\t\tcomment "${comment}"`);
    if (addresses.length) lines.push(`\t\telements = { ${elementRows(byAddress(addresses), model.family === 4 ? 2 : 1)} }`);
    lines.push('\t}', '');
  };
  addressSet('cluster-ips', 'Active ClusterIPs', [...new Set(model.servicePorts.map((sp) => sp.clusterIP))]);
  if (nodePortIPs) addressSet('nodeport-ips', 'IPs that accept NodePort traffic', nodePortIPs);
  // Sets and maps in the order setupNFTables creates them (nft lists them so); affinity sets come with the services.
  map('no-endpoint-services', `${addr} . inet_proto . inet_service`, 'vmap to drop or reject packets to services with no endpoints', out.noEndpointServices);
  map('no-endpoint-nodeports', 'inet_proto . inet_service', 'vmap to drop or reject packets to service nodeports with no endpoints', out.noEndpointNodePorts);
  map('firewall-ips', `${addr} . inet_proto . inet_service`, 'destinations that are subject to LoadBalancerSourceRanges', out.firewallIPs);
  map('service-ips', `${addr} . inet_proto . inet_service`, 'ClusterIP, ExternalIP and LoadBalancer IP traffic', out.serviceIPs);
  map('service-nodeports', 'inet_proto . inet_service', 'NodePort traffic', out.nodePortElements);
  for (const [name, timeout] of out.affinitySets) {
    // A dynamic set without a size gets the kernel's default, which nft lists.
    lines.push(`\tset ${name} {`, `\t\ttype ${addr}`, '\t\tsize 65535', '\t\tflags dynamic,timeout', `\t\ttimeout ${nftDuration(timeout)}`, '\t}', '');
  }
  for (const [name, base, rules] of chains) {
    lines.push(`\tchain ${name} {`);
    if (base) lines.push(`\t\t${base}`);
    for (const r of rules) lines.push(`\t\t${r}`);
    lines.push('\t}', '');
  }
  lines.pop();
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Where a service port's map elements, chains and affinity sets go. */
interface ServiceObjects {
  chains: Array<[string, string | undefined, string[]]>;
  serviceIPs: string[];
  nodePortElements: string[];
  noEndpointServices: string[];
  noEndpointNodePorts: string[];
  firewallIPs: string[];
  affinitySets: Array<[string, number]>;
}

const affinitySet = (endpointChainName: string) => `affinity-${endpointChainName.slice('endpoint-'.length)}`;

/** One service port, as upstream's syncProxyRules writes it: map elements, then its chains and their rules. */
function writeServicePort(sp: ServicePort, ctx: RuleContext, ip: string, out: ServiceObjects): void {
  const proto = sp.protocol.toLowerCase();
  const clusterChain = nftServiceChain('service', sp.namespace, sp.name, proto, sp.portName);
  const localChain = nftServiceChain('local', sp.namespace, sp.name, proto, sp.portName);
  const ext = nftServiceChain('external', sp.namespace, sp.name, proto, sp.portName);
  const fw = nftServiceChain('firewall', sp.namespace, sp.name, proto, sp.portName);
  const epChain = (e: { ip: string; port: number }) => nftEndpointChain(sp.namespace, sp.name, proto, sp.portName, e.ip, e.port);
  const key = (a: string, port: number) => `${a} . ${proto} . ${port}`;
  const { usesClusterPolicyChain, usesLocalPolicyChain, hasInternalEndpoints, hasExternalEndpoints, usesExternalTrafficChain } = policyUse(sp);
  const internalTrafficChain = sp.internalPolicyLocal ? localChain : clusterChain;
  const externalPolicyChain = sp.externalPolicyLocal ? localChain : clusterChain;
  // Unlike iptables mode, the firewall is set up whether or not the service has endpoints.
  const usesFWChain = sp.loadBalancerVIPs.length > 0 && sp.loadBalancerSourceRanges.length > 0;
  const verdict = sp.hasEndpoints ? 'drop' : 'goto reject-chain';
  const comment = ` comment "${sp.spn}"`;

  if (hasInternalEndpoints) out.serviceIPs.push(`${key(sp.clusterIP, sp.port)} : goto ${internalTrafficChain}`);
  else out.noEndpointServices.push(`${key(sp.clusterIP, sp.port)}${comment} : ${verdict}`);
  for (const a of sp.externalIPs) {
    if (sp.hasEndpoints) out.serviceIPs.push(`${key(a, sp.port)} : goto ${ext}`);
    if (!hasExternalEndpoints) out.noEndpointServices.push(`${key(a, sp.port)}${comment} : ${verdict}`);
  }
  for (const a of sp.loadBalancerVIPs) {
    if (sp.hasEndpoints) out.serviceIPs.push(`${key(a, sp.port)} : goto ${ext}`);
    if (usesFWChain) out.firewallIPs.push(`${key(a, sp.port)} : goto ${fw}`);
  }
  if (!hasExternalEndpoints) for (const a of sp.loadBalancerVIPs) out.noEndpointServices.push(`${key(a, sp.port)}${comment} : ${verdict}`);
  if (sp.nodePort) {
    if (sp.hasEndpoints) out.nodePortElements.push(`${proto} . ${sp.nodePort} : goto ${ext}`);
    if (!hasExternalEndpoints) out.noEndpointNodePorts.push(`${proto} . ${sp.nodePort}${comment} : ${verdict}`);
  }

  // Rules of each chain, in the order upstream adds them.
  const rulesOf = new Map<string, string[]>();
  const add = (chain: string, rule: string) => (rulesOf.get(chain) ?? rulesOf.set(chain, []).get(chain)!).push(rule);
  if (hasInternalEndpoints) {
    if (ctx.masqueradeAll) add(internalTrafficChain, `${ip} daddr ${sp.clusterIP} ${proto} dport ${sp.port} jump mark-for-masquerade`);
    else if (ctx.clusterCIDR) add(internalTrafficChain, `${ip} daddr ${sp.clusterIP} ${proto} dport ${sp.port} ${ip} saddr != ${ctx.clusterCIDR} jump mark-for-masquerade`);
  }
  if (usesExternalTrafficChain) {
    if (!sp.externalPolicyLocal) add(ext, 'jump mark-for-masquerade');
    else {
      if (ctx.clusterCIDR) add(ext, `${ip} saddr ${ctx.clusterCIDR} goto ${clusterChain} comment "short-circuit pod traffic"`);
      add(ext, 'fib saddr type local jump mark-for-masquerade comment "masquerade local traffic"');
      add(ext, `fib saddr type local goto ${clusterChain} comment "short-circuit local traffic"`);
    }
    if (hasExternalEndpoints) add(ext, `goto ${externalPolicyChain}`);
  }
  if (usesFWChain) {
    const sources = [...sp.loadBalancerSourceRanges, ...(sourceRangesHoldNode(sp, ctx.nodeIP) ? sp.loadBalancerVIPs : [])];
    add(fw, `${ip} saddr != ${nftAddressSet(sources)} drop`);
  }
  if (sp.affinitySeconds !== undefined) for (const e of sp.reachableEndpoints) out.affinitySets.push([affinitySet(epChain(e)), sp.affinitySeconds]);
  const toEndpoints = (chain: string, eps: Endpoint[]) => {
    if (sp.affinitySeconds !== undefined) for (const e of eps) add(chain, `${ip} saddr @${affinitySet(epChain(e))} goto ${epChain(e)}`);
    add(chain, `numgen random mod ${eps.length} vmap { ${eps.map((e, i) => `${i} : goto ${epChain(e)}`).join(', ')} }`);
  };
  if (usesClusterPolicyChain) toEndpoints(clusterChain, sp.clusterEndpoints);
  if (usesLocalPolicyChain) toEndpoints(localChain, sp.localEndpoints);
  for (const e of sp.reachableEndpoints) {
    add(epChain(e), `${ip} saddr ${e.ip} jump mark-for-masquerade`);
    if (sp.affinitySeconds !== undefined) add(epChain(e), `update @${affinitySet(epChain(e))} { ${ip} saddr }`);
    add(epChain(e), `meta l4proto ${proto} dnat to ${e.key}`);
  }
  // Chains are created in upstream's order: endpoint chains, the policy chains, then external and firewall.
  const created = [
    ...sp.reachableEndpoints.map(epChain),
    ...(usesClusterPolicyChain ? [clusterChain] : []),
    ...(usesLocalPolicyChain ? [localChain] : []),
    ...(usesExternalTrafficChain ? [ext] : []),
    ...(usesFWChain ? [fw] : []),
  ];
  for (const chain of created) out.chains.push([chain, undefined, rulesOf.get(chain) ?? []]);
}

/**
 * Set elements as nft lists them: a map's one per line, IPv4 addresses two per line, IPv6 ones one
 * per line (nftables src/expression.c calculate_delimiter; checked against nft 1.0.6).
 */
function elementRows(elements: string[], perLine: number): string {
  const rows: string[] = [];
  for (let i = 0; i < elements.length; i += perLine) rows.push(elements.slice(i, i + perLine).join(', '));
  return rows.join(',\n\t\t\t     ');
}

/** CIDRs in address order, then prefix length: nft keeps an interval set in a tree and lists it so. */
function byAddress(cidrs: string[]): string[] {
  const key = (cidr: string) => {
    const [ip, bits] = cidr.split('/');
    return [...(bytesOf(ip) ?? []), Number(bits ?? 0)];
  };
  return [...cidrs].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
    return ka.length - kb.length;
  });
}

/** A mark such as `0x4000` as nft lists it: `0x00004000`. */
function hex32(mark: string): string {
  const value = Number(mark);
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? `0x${value.toString(16).padStart(8, '0')}` : mark;
}

/** Seconds as nft prints a time: `3h`, `1m30s`, `1d` (nftables src/datatype.c time_print). */
export function nftDuration(seconds: number): string {
  const units: Array<[string, number]> = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = Math.trunc(seconds);
  let out = '';
  for (const [unit, size] of units) {
    const n = Math.trunc(rest / size);
    rest -= n * size;
    if (n > 0) out += `${n}${unit}`;
  }
  return out || '0s';
}
