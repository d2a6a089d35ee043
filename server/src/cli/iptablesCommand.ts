import { readFileSync } from 'node:fs';
import { proxy } from '../core';
import type { Obj } from '../core/model/obj';
import { UsageError } from './inputs';
import type { SimulateRun } from './simulateCommand';

export type RuleFormat = 'save' | 'restore';

type O = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The keys of ../shared/vectors/iptables/*∕config.json, with their JSON types (`comment` is ignored). */
const CONFIG_KEYS: Record<string, 'string' | 'boolean'> = {
  nodeName: 'string',
  nodeIP: 'string',
  clusterCIDR: 'string',
  masqueradeMark: 'string',
  localhostNodePorts: 'boolean',
  nfacct: 'boolean',
  randomFully: 'boolean',
  proxyMode: 'string',
  comment: 'string',
};
const MODES: readonly proxy.ProxyMode[] = ['iptables', 'ipvs', 'nftables'];

/** `--proxy-config FILE`: a JSON object with some of the vectors' config.json keys; anything else is a usage error. */
export function readProxyConfig(path: string): Partial<proxy.ProxyConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read proxy config ${path}: no such file or directory`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`proxy config ${path} is not JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UsageError(`proxy config ${path} must be a JSON object`);
  const config: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const type = CONFIG_KEYS[key];
    if (!type) throw new UsageError(`proxy config ${path}: unknown key "${key}" (allowed: ${Object.keys(CONFIG_KEYS).join(', ')})`);
    if (typeof v !== type) throw new UsageError(`proxy config ${path}: ${key} must be a ${type}`);
    if (key === 'proxyMode' && !MODES.includes(v as proxy.ProxyMode)) throw new UsageError(`proxy config ${path}: proxyMode must be one of ${MODES.join(', ')} (got "${v}")`);
    if (key !== 'comment') config[key] = v;
  }
  return config as Partial<proxy.ProxyConfig>;
}

const nodeName = (n: Obj): string => String((n.metadata as O | undefined)?.name ?? '');
const labelsOf = (n: Obj): O => (n.metadata as O | undefined)?.labels ?? {};

/** `--node`, else the first node without the control-plane role label, else the first node. */
export function pickNode(nodes: Obj[], name: string | undefined): Obj {
  if (name !== undefined) {
    const node = nodes.find((n) => nodeName(n) === name);
    if (!node) throw new UsageError(`--node: the cluster has no node "${name}" (nodes: ${nodes.map(nodeName).join(', ')})`);
    return node;
  }
  const worker = nodes.find((n) => !('node-role.kubernetes.io/control-plane' in labelsOf(n)));
  const node = worker ?? nodes[0];
  if (!node) throw new UsageError('the cluster has no nodes');
  return node;
}

/** kube-proxy's settings on one node of the profile: the node's name, InternalIP and zone, the profile's proxy settings. */
export function profileConfig(run: SimulateRun, node: Obj): proxy.ProxyConfig {
  const p = run.profile.settings.proxy;
  const addresses: O[] = Array.isArray((node.status as O | undefined)?.addresses) ? (node.status as O).addresses : [];
  const zone = labelsOf(node)['topology.kubernetes.io/zone'];
  return {
    nodeName: nodeName(node),
    nodeIP: String(addresses.find((a) => a?.type === 'InternalIP')?.address ?? ''),
    clusterCIDR: run.profile.settings.podCIDR,
    masqueradeMark: '0x' + (1 << p.masqueradeBit).toString(16),
    localhostNodePorts: p.localhostNodePorts,
    nfacct: true,
    randomFully: p.randomFully,
    proxyMode: p.mode,
    masqueradeAll: p.masqueradeAll,
    nodePortAddresses: p.nodePortAddresses,
    ipvsScheduler: p.ipvsScheduler,
    ...(typeof zone === 'string' ? { nodeZone: zone } : {}),
  };
}

const PROXY_INPUTS = new Set(['v1/Service', 'discovery.k8s.io/v1/EndpointSlice', 'v1/Endpoints']);

/**
 * What kube-proxy watches: the simulation's Services, EndpointSlices and Endpoints. Those the API server
 * refused are taken as written (with a warning each), so that a file of bare Services and slices, such
 * as upstream's test fixtures, renders whatever namespace and IP ranges it uses.
 */
export function proxyObjects(run: SimulateRun, defaultNamespace: string): { objects: Obj[]; warnings: string[] } {
  const objects = run.result.objects.filter((o) => PROXY_INPUTS.has(`${o.apiVersion}/${o.kind}`));
  const warnings: string[] = [];
  for (const { manifest, error } of run.result.rejections) {
    const o = manifest.object;
    if (!PROXY_INPUTS.has(`${o.apiVersion}/${o.kind}`)) continue;
    const meta = (o.metadata as O | undefined) ?? {};
    const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : defaultNamespace;
    objects.push({ ...o, metadata: { ...meta, namespace } });
    warnings.push(`${o.kind} ${namespace}/${String(meta.name ?? '')} rendered as written: kubectl apply would fail: ${error.message}`);
  }
  return { objects, warnings };
}

/** The rules text for one node: iptables (save or restore form), IPVS (three listings) or nftables. */
export function renderRules(objects: Obj[], config: proxy.ProxyConfig, format: RuleFormat): string {
  const model = proxy.proxyModel(objects, config);
  const nl = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');
  switch (config.proxyMode ?? 'iptables') {
    case 'ipvs': {
      const r = proxy.ipvsRules(model, config);
      return [`# ipvsadm -Ln\n${nl(r.ipvsadm)}`, `# ipset save\n${nl(r.ipsets)}`, `# iptables-save\n${nl(r.iptables)}`].join('\n');
    }
    case 'nftables':
      return nl(proxy.nftablesRules(model, config));
    default:
      return format === 'restore' ? proxy.iptablesRestore(model, config) : proxy.iptablesSave(model, config);
  }
}
