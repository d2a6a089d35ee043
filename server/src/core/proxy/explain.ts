/** Sentences answering the common questions about one service port's rules (hover text). */
import { canonicalCIDR } from './ip';
import { probability, ruleContext } from './rules';
import { saveProbability } from './save';
import type { ProxyConfig, ProxyModel, ServicePort } from './types';

export function explainServicePort(model: ProxyModel, config: ProxyConfig, sp: ServicePort): string[] {
  const ctx = ruleContext(model, config);
  const proto = sp.protocol.toLowerCase();
  const cip = canonicalCIDR(sp.clusterIP);
  const out: string[] = [];
  const internal = sp.internalPolicyLocal ? sp.localEndpoints : sp.clusterEndpoints;
  const chain = sp.internalPolicyLocal ? sp.chains.svl : sp.chains.svc;
  if (internal.length > 0) {
    out.push(
      `KUBE-SERVICES matches \`-d ${cip} -p ${proto} … -m ${proto} --dport ${sp.port}\`: the destination port is matched by the ${proto} module, so two ports of one Service get two rules.`,
    );
    const n = internal.length;
    if (n === 1) out.push(`${chain} sends every connection to its only endpoint ${internal[0].key} (${internal[0].chain}).`);
    else {
      out.push(
        `${chain} picks one of ${n} endpoints with \`-m statistic --mode random\`: the rule for endpoint i matches 1/(${n}-i) of what reaches it (${probability(n)} for the first, printed ${saveProbability(probability(n))} by iptables-save, which stores round(p·2³¹)), so each endpoint gets 1/${n} of new connections; endpoints are ordered by the string ip:port.`,
      );
    }
    if (ctx.masqueradeAll) out.push(`masqueradeAll: every connection to ${sp.clusterIP} is marked for SNAT (KUBE-MARK-MASQ).`);
    else if (ctx.clusterCIDR) out.push(`Connections to ${sp.clusterIP} from outside ${ctx.clusterCIDR} are marked for SNAT (\`! -s ${ctx.clusterCIDR} -j KUBE-MARK-MASQ\`) so replies come back through this node.`);
  } else if (!sp.hasEndpoints) {
    out.push(`No usable endpoint: the filter table's KUBE-SERVICES rejects ${sp.clusterIP}:${sp.port} (\`-j REJECT\`, ICMP port unreachable), so clients fail at once instead of timing out.`);
  } else {
    out.push(`internalTrafficPolicy: Local and no endpoint on ${config.nodeName}: connections from this node to ${sp.clusterIP}:${sp.port} are dropped (\`-j DROP\` in filter KUBE-SERVICES).`);
  }
  if (sp.internalPolicyLocal && sp.localEndpoints.length > 0) {
    out.push(`internalTrafficPolicy: Local: the cluster IP jumps to ${sp.chains.svl}, which holds only the ${sp.localEndpoints.length} endpoint(s) on ${config.nodeName}.`);
  }
  if (sp.affinitySeconds !== undefined && internal.length > 0) {
    out.push(
      `sessionAffinity: ClientIP: \`-m recent --rcheck --seconds ${sp.affinitySeconds} --reap\` sends a client seen in the last ${sp.affinitySeconds} s back to the KUBE-SEP chain that \`-m recent --set\` recorded; only new clients reach the random rules.`,
    );
  }
  if (sp.nodePort) out.push(`NodePort ${sp.nodePort}: KUBE-NODEPORTS (reached from the last KUBE-SERVICES rule for local destination addresses) sends it to ${sp.chains.ext}.`);
  if (sp.externalPolicyLocal) {
    out.push(
      sp.localEndpoints.length > 0
        ? `externalTrafficPolicy: Local: external traffic reaching ${config.nodeName} goes to ${sp.chains.svl} (${sp.localEndpoints.length} local endpoint(s)) without SNAT, so pods see the client IP.`
        : `externalTrafficPolicy: Local and no endpoint on ${config.nodeName}: external traffic is dropped here (KUBE-EXTERNAL-SERVICES \`-j DROP\`)${sp.healthCheckNodePort ? ` and the health check on port ${sp.healthCheckNodePort} fails, so the load balancer avoids this node` : ''}.`,
    );
  } else if (sp.hasEndpoints && (sp.nodePort || sp.externalIPs.length || sp.loadBalancerVIPs.length)) {
    out.push(`externalTrafficPolicy: Cluster: external traffic is marked for SNAT in ${sp.chains.ext} and may go to an endpoint on another node; pods see a node IP, not the client.`);
  }
  if (sp.loadBalancerSourceRanges.length && sp.loadBalancerVIPs.length && sp.hasEndpoints) {
    out.push(
      `loadBalancerSourceRanges: ${sp.chains.fw} accepts sources in ${sp.loadBalancerSourceRanges.join(', ')}; other traffic to ${sp.loadBalancerVIPs.join(', ')} is not DNATed and KUBE-PROXY-FIREWALL drops it. NodePort traffic is not filtered.`,
    );
  }
  return out;
}
