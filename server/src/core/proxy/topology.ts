/**
 * Which endpoints each traffic policy uses on this node. Upstream: pkg/proxy/topology.go
 * (CategorizeEndpoints, topologyModeFromHints) and pkg/proxy/serviceport.go (UsesClusterEndpoints…).
 */
import type { RawEndpoint } from './endpoints';
import { cidrContains } from './ip';
import type { ServicePort } from './types';

export interface PolicyFlags {
  internalPolicyLocal: boolean;
  externalPolicyLocal: boolean;
  externallyAccessible: boolean;
}

/**
 * Upstream UsesClusterEndpoints: Cluster endpoints are used whenever the internal policy is Cluster or
 * the service takes external traffic at all (even with externalTrafficPolicy: Local, whose KUBE-EXT
 * chain short-circuits pod and node traffic to them).
 */
export const usesClusterEndpoints = (s: PolicyFlags) => !s.internalPolicyLocal || s.externallyAccessible;
export const usesLocalEndpoints = (s: PolicyFlags) => s.internalPolicyLocal || (s.externallyAccessible && s.externalPolicyLocal);

/** Hints narrow the cluster endpoints only when every ready endpoint has them and one names this node/zone. */
function topologyFilter(endpoints: RawEndpoint[], nodeName: string, zone: string | undefined): ((ep: RawEndpoint) => boolean) | undefined {
  let allNodeHints = true;
  let forNode = false;
  let allZoneHints = true;
  let forZone = false;
  for (const ep of endpoints) {
    if (!ep.ready) continue;
    if (!ep.nodeHints) allNodeHints = false;
    else if (ep.nodeHints.includes(nodeName)) forNode = true;
    if (!ep.zoneHints) allZoneHints = false;
    else if (zone !== undefined && ep.zoneHints.includes(zone)) forZone = true;
  }
  if (allNodeHints && forNode) return (ep) => !!ep.nodeHints?.includes(nodeName);
  if (allZoneHints && forZone) return (ep) => zone !== undefined && !!ep.zoneHints?.includes(zone);
  return undefined;
}

/** The endpoints that pass `keep`: the list itself when all of them do (the usual case; lists are never modified). */
function kept<E>(endpoints: E[], keep: (ep: E) => boolean): E[] {
  return endpoints.every(keep) ? endpoints : endpoints.filter(keep);
}

/** Upstream ExternallyAccessible: a node port, a load-balancer VIP or an external IP. */
export const externallyAccessible = (sp: Pick<ServicePort, 'nodePort' | 'loadBalancerVIPs' | 'externalIPs'>) =>
  sp.nodePort !== 0 || sp.loadBalancerVIPs.length > 0 || sp.externalIPs.length > 0;

/**
 * A load-balancer source range holds the node's IP: the node may reach the VIP, and as a VIP-like address
 * is local, that traffic loops back with the VIP as its source (every proxier's allowFromNode).
 */
export const sourceRangesHoldNode = (sp: ServicePort, nodeIP: string | undefined): boolean => !!nodeIP && sp.loadBalancerSourceRanges.some((c) => cidrContains(c, nodeIP));

export interface PolicyUse {
  usesClusterPolicyChain: boolean;
  usesLocalPolicyChain: boolean;
  /** The cluster IP has endpoints (none when internalTrafficPolicy is Local and none is here). */
  hasInternalEndpoints: boolean;
  /** External traffic from outside has endpoints (none when externalTrafficPolicy is Local and none is here). */
  hasExternalEndpoints: boolean;
  /** External destinations are captured (even without external endpoints: local traffic short-circuits). */
  usesExternalTrafficChain: boolean;
}

/** What the iptables and nftables proxiers' syncProxyRules derive first for a service port: the chains used, the traffic served. */
export function policyUse(sp: ServicePort): PolicyUse {
  const flags = { internalPolicyLocal: sp.internalPolicyLocal, externalPolicyLocal: sp.externalPolicyLocal, externallyAccessible: externallyAccessible(sp) };
  return {
    usesClusterPolicyChain: sp.clusterEndpoints.length > 0 && usesClusterEndpoints(flags),
    usesLocalPolicyChain: sp.localEndpoints.length > 0 && usesLocalEndpoints(flags),
    hasInternalEndpoints: sp.hasEndpoints && !(sp.internalPolicyLocal && sp.localEndpoints.length === 0),
    hasExternalEndpoints: sp.hasEndpoints && !(sp.externalPolicyLocal && sp.localEndpoints.length === 0),
    usesExternalTrafficChain: sp.hasEndpoints && flags.externallyAccessible,
  };
}

export interface Categorized<E> {
  cluster: E[];
  local: E[];
  reachable: E[];
  hasAny: boolean;
}

export function categorizeEndpoints<E extends RawEndpoint>(endpoints: E[], svc: PolicyFlags, nodeName: string, zone?: string): Categorized<E> {
  let cluster: E[] = [];
  let local: E[] = [];
  let hasAny = false;
  let topology = false;
  if (usesClusterEndpoints(svc)) {
    const filter = topologyFilter(endpoints, nodeName, zone);
    topology = filter !== undefined;
    cluster = kept(endpoints, (ep) => ep.ready && (!filter || filter(ep)));
    // No ready endpoint anywhere: fall back to those still serving while terminating.
    if (cluster.length === 0) cluster = endpoints.filter((ep) => ep.serving && ep.terminating);
    if (cluster.length > 0) hasAny = true;
  }
  if (!usesLocalEndpoints(svc)) return { cluster, local, reachable: cluster, hasAny };

  let localReady = false;
  let localTerminating = false;
  for (const ep of endpoints) {
    if (ep.ready) {
      hasAny = true;
      if (ep.local) localReady = true;
    } else if (ep.serving && ep.terminating) {
      hasAny = true;
      if (ep.local) localTerminating = true;
    }
  }
  if (localReady) local = endpoints.filter((ep) => ep.local && ep.ready);
  else if (localTerminating) local = endpoints.filter((ep) => ep.local && ep.serving && ep.terminating);

  if (!usesClusterEndpoints(svc)) return { cluster, local, reachable: local, hasAny };
  // Both policies in use: the union (cluster is a superset unless topology or terminating fallback applied).
  if (!topology && (localReady || !localTerminating)) return { cluster, local, reachable: cluster, hasAny };
  const union = new Map<string, E>();
  for (const ep of [...cluster, ...local]) union.set(ep.key, ep);
  const reachable = [...union.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { cluster, local, reachable, hasAny };
}
