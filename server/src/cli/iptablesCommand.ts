import { readFileSync } from 'node:fs';
import { cluster, proxy } from '../core';
import type { Obj } from '../core';
import { UsageError } from './inputs';


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

/** `--node`, else the first worker (no control-plane role), else the first node. */
export function pickNode(nodes: Obj[], name: string | undefined): Obj {
  const node = cluster.proxyNode(nodes, name);
  if (node) return node;
  if (name !== undefined) throw new UsageError(`--node: the cluster has no node "${name}" (nodes: ${nodes.map((n) => String((n.metadata as O | undefined)?.name ?? '')).join(', ')})`);
  throw new UsageError('the cluster has no nodes');
}
