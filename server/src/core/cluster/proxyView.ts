import { obj, type Obj } from '../model/obj';
import * as proxy from '../proxy';
import type { ClusterProfile } from './profile';
import type { SimulationResult } from './simulate';
import { nodeAddress } from './kubelet';
import { labelsOf } from './labels';
import { nameOf } from './store';

/**
 * kube-proxy on the simulated cluster: which node's rules to show, with which settings, from which
 * objects. Shared by `kubeplan iptables`, the Service hover, the rules document and the packet trace.
 */

const CONTROL_PLANE_ROLE = 'node-role.kubernetes.io/control-plane';

/** A node by name; without a name, the first worker (no control-plane role), else the first node. */
export function proxyNode(nodes: Obj[], name?: string): Obj | undefined {
  if (name !== undefined) return nodes.find((n) => nameOf(n) === name);
  return nodes.find((n) => !(CONTROL_PLANE_ROLE in labelsOf(n))) ?? nodes[0];
}

/** kube-proxy's settings on one node: its name, InternalIP and zone, and the profile's proxy settings. */
export function proxyConfig(profile: ClusterProfile, node: Obj): proxy.ProxyConfig {
  const p = profile.settings.proxy;
  const zone = labelsOf(node)['topology.kubernetes.io/zone'];
  return {
    nodeName: nameOf(node),
    nodeIP: nodeAddress(node),
    clusterCIDR: profile.settings.podCIDR,
    serviceCIDR: profile.settings.serviceCIDR,
    masqueradeMark: '0x' + (1 << p.masqueradeBit).toString(16),
    localhostNodePorts: p.localhostNodePorts,
    nfacct: true,
    randomFully: p.randomFully,
    proxyMode: p.mode,
    masqueradeAll: p.masqueradeAll,
    nodePortAddresses: p.nodePortAddresses,
    ipvsScheduler: p.ipvsScheduler,
    ...(zone !== undefined ? { nodeZone: zone } : {}),
  };
}

const PROXY_INPUTS = new Set(['v1/Service', 'discovery.k8s.io/v1/EndpointSlice', 'v1/Endpoints']);

/**
 * What kube-proxy watches: the simulation's Services, EndpointSlices and Endpoints. Those the API
 * server refused are taken as written (each with a warning), so that a file of bare Services and
 * slices — upstream's test fixtures, say — renders whatever namespaces and IP ranges it uses.
 */
export function proxyObjects(result: SimulationResult, defaultNamespace: string): { objects: Obj[]; warnings: string[] } {
  const objects = result.objects.filter((o) => PROXY_INPUTS.has(`${o.apiVersion}/${o.kind}`));
  const warnings: string[] = [];
  for (const { manifest, error } of result.rejections) {
    const o = manifest.object;
    if (!PROXY_INPUTS.has(`${o.apiVersion}/${o.kind}`)) continue;
    const meta = obj(o.metadata) ?? {};
    const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace;
    objects.push({ ...o, metadata: { ...meta, namespace } });
    warnings.push(`${o.kind} ${namespace}/${String(meta.name ?? '')} rendered as written: kubectl apply would fail: ${error.message}`);
  }
  return { objects, warnings };
}

export type RuleFormat = 'save' | 'restore';

/** The whole ruleset of one node: iptables (save or restore form), IPVS (three listings) or nftables. */
export function renderRules(model: proxy.ProxyModel, config: proxy.ProxyConfig, format: RuleFormat): string {
  const nl = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');
  switch (config.proxyMode ?? 'iptables') {
    case 'ipvs': {
      const r = proxy.ipvsRules(model, config);
      return [`# ipvsadm -Ln\n${nl(r.ipvsadm)}`, `# ipset save\n${nl(r.ipsets)}`, `# iptables-restore\n${nl(r.iptables)}`].join('\n');
    }
    case 'nftables':
      return nl(proxy.nftablesRules(model, config));
    default:
      return format === 'restore' ? proxy.iptablesRestore(model, config) : proxy.iptablesSave(model, config);
  }
}
