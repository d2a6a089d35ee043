import type { ProxyConfig, ProxyModel } from './types';
import { ipvsRules } from './ipvs';
import { nftablesRules } from './nftables';
import { iptablesRestore } from './restore';
import { iptablesSave } from './save';

export type RuleFormat = 'save' | 'restore';

/** The whole ruleset of one node: iptables (save or restore form), IPVS (three listings) or nftables. */
export function renderRules(model: ProxyModel, config: ProxyConfig, format: RuleFormat): string {
  const nl = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');
  switch (config.proxyMode ?? 'iptables') {
    case 'ipvs': {
      const r = ipvsRules(model, config);
      return [`# ipvsadm -Ln\n${nl(r.ipvsadm)}`, `# ipset save\n${nl(r.ipsets)}`, `# iptables-restore\n${nl(r.iptables)}`].join('\n');
    }
    case 'nftables':
      return nl(nftablesRules(model, config));
    default:
      return format === 'restore' ? iptablesRestore(model, config) : iptablesSave(model, config);
  }
}
