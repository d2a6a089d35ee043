import { obj, type Obj } from '../model/obj';
import * as proxy from '../proxy';
import type { ClusterProfile } from './profile';
import type { SimulationResult } from './simulate';
import { nodeAddress } from './kubelet';
import { labelsOf } from './labels';
import { nameOf } from './store';

/**
 * kube-proxy on the simulated cluster: which node's rules to show, with which settings, from which
 * objects, and the rule model of a node. Shared by `kubeplan iptables`, the Service hover, the rules
 * document and the packet trace (their texts: editor/proxyText.ts, proxy/render.ts).
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

/** Objects (or service ports) indexed between two pauses of nodeProxyInSteps. */
const OBJECTS_PER_STEP = 5000;

/** kube-proxy on one node of a simulation: its settings, its rule model, and which pod each endpoint IP is. */
export interface NodeProxy {
  node: string;
  config: proxy.ProxyConfig;
  model: proxy.ProxyModel;
  podsByIP: Map<string, Obj>;
  /** The service ports of each Service (`namespace/name`), in model order: the hover's lookup. */
  portsByService: Map<string, proxy.ServicePort[]>;
}

/**
 * Builds kube-proxy's view on a node (default: the first worker), or undefined when the cluster has no
 * such node; in steps (the language server builds a large cluster's view between requests).
 */
export function* nodeProxyInSteps(result: SimulationResult, profile: ClusterProfile, defaultNamespace: string, nodeName?: string, mode?: proxy.ProxyMode): Generator<void, NodeProxy | undefined> {
  const node = proxyNode(result.nodes, nodeName);
  if (!node) return undefined;
  const config = { ...proxyConfig(profile, node), ...(mode ? { proxyMode: mode } : {}) };
  const model = yield* proxy.proxyModelInSteps(proxyObjects(result, defaultNamespace).objects, config);
  const podsByIP = new Map<string, Obj>();
  for (let i = 0; i < result.objects.length; i++) {
    const o = result.objects[i];
    const ip = obj(o.status)?.podIP;
    if (o.kind === 'Pod' && typeof ip === 'string' && obj(o.spec)?.hostNetwork !== true) podsByIP.set(ip, o);
    if ((i + 1) % OBJECTS_PER_STEP === 0) yield;
  }
  const portsByService = new Map<string, proxy.ServicePort[]>();
  for (let i = 0; i < model.servicePorts.length; i++) {
    const sp = model.servicePorts[i];
    const key = `${sp.namespace}/${sp.name}`;
    const list = portsByService.get(key);
    if (list) list.push(sp);
    else portsByService.set(key, [sp]);
    if ((i + 1) % OBJECTS_PER_STEP === 0) yield;
  }
  return { node: nameOf(node), config, model, podsByIP, portsByService };
}
