/** One service port's share of the rules, for hovers: its chains and rules, its endpoints and their odds. */
import { restoreRule } from './restore';
import { ruleContext, servicePortRules } from './rules';
import { assemble, chainOrder } from './tables';
import { saveRule } from './save';
import type { Protocol, ProxyConfig, ProxyModel, ServicePort, Table } from './types';

export interface ServicePortRules {
  servicePort: ServicePort;
  /** Chains holding this port's rules (KUBE-SERVICES etc. only with this port's lines), canonical order. */
  chains: Array<{ table: Table; chain: string; restore: string[]; save: string[] }>;
  /** Endpoints a connection to the cluster IP may reach, with the share each gets. */
  endpoints: Array<{ endpoint: string; ip: string; port: number; nodeName?: string; local: boolean; chain: string; probability: number }>;
}

/** The service port `ns/name[:port]` (and protocol when a name has two), or undefined. */
export function findServicePort(model: ProxyModel, spn: string, protocol?: Protocol): ServicePort | undefined {
  return model.servicePorts.find((sp) => sp.spn === spn && (protocol === undefined || sp.protocol === protocol));
}

export function rulesForServicePort(model: ProxyModel, config: ProxyConfig, which: ServicePort | string, protocol?: Protocol): ServicePortRules | undefined {
  const sp = typeof which === 'string' ? findServicePort(model, which, protocol) : which;
  if (!sp) return undefined;
  const rules = servicePortRules(sp, ruleContext(model, config));
  const chains: ServicePortRules['chains'] = [];
  for (const table of ['filter', 'nat'] as const) {
    const names = [...new Set(rules.filter((r) => r.table === table).map((r) => r.chain))].sort(chainOrder);
    for (const c of assemble(table, names, rules).chains) {
      chains.push({ table, chain: c.name, restore: c.rules.map(restoreRule), save: c.rules.map((r) => saveRule(r, model.family)) });
    }
  }
  const internal = sp.internalPolicyLocal ? sp.localEndpoints : sp.clusterEndpoints;
  const endpoints = internal.map((ep) => ({ endpoint: ep.key, ip: ep.ip, port: ep.port, nodeName: ep.nodeName, local: ep.local, chain: ep.chain, probability: 1 / internal.length }));
  return { servicePort: sp, chains, endpoints };
}
