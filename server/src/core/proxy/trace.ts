/**
 * The path of a new connection through kube-proxy's rules on this node: a small interpreter of the rule
 * data (the same rules the renderers print), nat first (DNAT happens in PREROUTING/OUTPUT), then filter
 * when nothing DNATed the packet (where the REJECT/DROP rules for services without endpoints live).
 */
import { cidrContains, canonicalIP, ipFamily, isLoopback } from './ip';
import { nodeIPOf } from './nodePortAddresses';
import { iptablesTables } from './tables';
import { jumpRules, saveRule } from './save';
import type { Protocol, ProxyConfig, ProxyModel, Rule, Table } from './types';

export interface TracePacket {
  destination: string;
  port: number;
  protocol?: Protocol;
  /** The client address; absent: a client outside the cluster CIDR that is not this node. */
  source?: string;
}

export interface TraceStep {
  table: Table;
  chain: string;
  /** The matching rule as iptables-save prints it. */
  rule: string;
  /** Set while following one endpoint's branch after a random pick (`ip:port`). */
  branch?: string;
}

export interface TraceResult {
  verdict: 'DNAT' | 'REJECT' | 'DROP' | 'ACCEPT';
  steps: TraceStep[];
  /** DNAT destinations with the share of new connections each gets. */
  endpoints: Array<{ endpoint: string; chain: string; probability: number }>;
  /** The packet was marked for SNAT (KUBE-MARK-MASQ). */
  masquerade: boolean;
  notes: string[];
}

interface Packet {
  src?: string;
  dst: string;
  proto: string;
  dport: number;
  mark: number;
}

type Outcome = { kind: 'continue' } | { kind: 'return' } | { kind: 'verdict'; verdict: 'REJECT' | 'DROP' | 'ACCEPT' } | { kind: 'dnat'; to: string; chain: string };

export function tracePacket(model: ProxyModel, config: ProxyConfig, packet: TracePacket): TraceResult {
  const family = model.family;
  const dst = canonicalIP(packet.destination);
  const nodeIP = nodeIPOf(config, family);
  const localAddress = (ip: string | undefined) => ip !== undefined && (ip === nodeIP || (ipFamily(ip) === family && isLoopback(ip)));
  // Only the service ports this packet could hit matter; large-cluster mode still follows the whole model.
  const relevant = model.servicePorts.filter(
    (sp) => sp.clusterIP === dst || sp.externalIPs.includes(dst) || sp.loadBalancerVIPs.includes(dst) || (localAddress(dst) && (sp.nodePort === packet.port || sp.healthCheckNodePort === packet.port)),
  );
  const tables = iptablesTables({ ...model, servicePorts: relevant }, config);
  const jumps = jumpRules();
  const chains = new Map<string, Rule[]>();
  for (const t of [tables.filter, tables.nat]) for (const c of t.chains) chains.set(`${t.table}/${c.name}`, c.rules);
  for (const r of jumps.rules) chains.set(`${r.table}/${r.chain}`, [...(chains.get(`${r.table}/${r.chain}`) ?? []), r]);

  const result: TraceResult = { verdict: 'ACCEPT', steps: [], endpoints: [], masquerade: false, notes: [] };
  const pkt: Packet = { src: packet.source === undefined ? undefined : canonicalIP(packet.source), dst, proto: (packet.protocol ?? 'TCP').toLowerCase(), dport: packet.port, mark: 0 };
  const mark = Number(config.masqueradeMark ?? '0x4000');
  if (packet.source !== undefined && ipFamily(packet.source) !== family) result.notes.push(`The source is not an IPv${family} address.`);

  const matches = (r: Rule, table: Table): boolean =>
    r.matches.every((m) => {
      switch (m.m) {
        case 'src':
          return (pkt.src !== undefined && cidrContains(m.cidr, pkt.src)) !== !!m.not;
        case 'dst':
          return cidrContains(m.cidr, pkt.dst) !== !!m.not;
        case 'proto':
          return pkt.proto === m.proto;
        case 'dport':
          return pkt.dport === m.port;
        case 'addrtype':
          return localAddress(m.dir === 'src' ? pkt.src : pkt.dst);
        case 'conntrack': {
          // A new connection: NEW; in filter after no DNAT it is not RELATED/ESTABLISHED/DNAT either.
          const states = m.states.split(',');
          const has = states.includes('NEW');
          return has !== !!m.not;
        }
        case 'mark': {
          const [value, mask] = m.mark.split('/').map(Number);
          return ((pkt.mark & mask) === value) !== !!m.not;
        }
        case 'recent':
          // --set always matches; --rcheck only for a client seen before (a first connection is not).
          return 'set' in m;
        default:
          return table !== undefined; // comment, nfacct, statistic (handled by the caller)
      }
    });

  const run = (table: Table, chain: string, branch?: string): Outcome => {
    const rules = chains.get(`${table}/${chain}`) ?? [];
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i];
      if (!matches(r, table)) continue;
      const statistic = r.matches.find((m) => m.m === 'statistic');
      if (statistic) return pick(table, rules.slice(i), branch);
      result.steps.push({ table, chain, rule: saveRule(r, family), ...(branch ? { branch } : {}) });
      const rcheck = r.matches.find((m) => m.m === 'recent');
      if (rcheck && 'rcheck' in rcheck) continue;
      const t = r.target;
      if (!t) continue;
      if ('to' in t) return { kind: 'dnat', to: t.to, chain };
      if (t.j === 'MARK') {
        if ('orMark' in t && t.orMark) pkt.mark |= Number(t.orMark);
        continue;
      }
      if (t.j === 'RETURN') return { kind: 'return' };
      if (t.j === 'ACCEPT' || t.j === 'DROP' || t.j === 'REJECT') return { kind: 'verdict', verdict: t.j };
      if (t.j === 'MASQUERADE') continue;
      const inner = run(table, t.j, branch);
      if (inner.kind === 'verdict' || inner.kind === 'dnat') return inner;
    }
    return { kind: 'continue' };
  };

  /** The random rules of a KUBE-SVC/SVL chain: follow every branch with its share. */
  const pick = (table: Table, rules: Rule[], branch?: string): Outcome => {
    let remaining = 1;
    let first: Outcome | undefined;
    const markBefore = pkt.mark;
    for (const [i, r] of rules.entries()) {
      const s = r.matches.find((m) => m.m === 'statistic');
      // The printed probability is rounded; rule i of n really matches 1/(n-i) of what reaches it.
      const share = remaining / (rules.length - i);
      remaining -= share;
      const target = r.target && 'j' in r.target ? r.target.j : '';
      const before = result.steps.length;
      result.steps.push({ table, chain: r.chain, rule: saveRule(r, family), ...(branch ? { branch } : {}) });
      pkt.mark = markBefore;
      const outcome = run(table, target, target);
      if (outcome.kind === 'dnat') result.endpoints.push({ endpoint: outcome.to, chain: outcome.chain, probability: share });
      const label = outcome.kind === 'dnat' ? outcome.to : target;
      for (const step of result.steps.slice(before)) step.branch = label;
      first ??= outcome;
      if (!s) break;
    }
    return first ?? { kind: 'continue' };
  };

  const fromNode = localAddress(pkt.src);
  const natEntry = fromNode ? 'OUTPUT' : 'PREROUTING';
  const nat = run('nat', natEntry);
  result.masquerade = (pkt.mark & mark) === mark || result.steps.some((s) => s.rule.endsWith('-j KUBE-MARK-MASQ'));
  if (nat.kind === 'dnat') {
    result.verdict = 'DNAT';
    if (result.endpoints.length === 0) result.endpoints.push({ endpoint: nat.to, chain: nat.chain, probability: 1 });
  } else {
    const filterEntry = localAddress(dst) ? 'INPUT' : fromNode ? 'OUTPUT' : 'FORWARD';
    const filter = run('filter', filterEntry);
    if (filter.kind === 'verdict') result.verdict = filter.verdict;
  }
  const affinity = relevant.find((sp) => sp.affinitySeconds !== undefined);
  if (affinity && result.verdict === 'DNAT') {
    result.notes.push(`ClientIP affinity: a client seen in the last ${affinity.affinitySeconds} s goes back to the endpoint it had; the shares are for new clients.`);
  }
  if (relevant.length === 0) result.notes.push(`No Service uses ${dst}:${packet.port} on this node: kube-proxy's rules let the packet through unchanged.`);
  return result;
}
