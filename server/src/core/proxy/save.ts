/**
 * What `iptables-save -t filter; iptables-save -t nat` prints on a node where only kube-proxy ran
 * (without the dated `#` lines): built-in chains, kube-proxy's jump rules and KUBE-PROXY-CANARY chains,
 * the user chains sorted by name, every rule rewritten the way iptables 1.8 prints it back.
 */
import { canonicalCIDR, canonicalIP } from './ip';
import { formatFixed, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_CANARY, KUBE_PROXY_FIREWALL, KUBE_SERVICES } from './rules';
import { joinLines } from './restore';
import { sortByName } from './sortByName';
import { layoutTables } from './tables';
import type { Match, ProxyConfig, ProxyModel, Rule, Table, TableRules, Target } from './types';

export const BUILTIN_CHAINS: Record<Table, string[]> = {
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

/**
 * The jump rules kube-proxy ensures at start (iptablesJumpChains, then kubelet's KUBE-FIREWALL jumps),
 * each inserted at the top of its built-in chain: so the last one listed ends up first.
 */
const JUMPS: Array<{ table: Table; dst: string; src: string; comment?: string; newOnly?: boolean }> = [
  { table: 'filter', dst: KUBE_EXTERNAL_SERVICES, src: 'INPUT', comment: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', dst: KUBE_EXTERNAL_SERVICES, src: 'FORWARD', comment: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', dst: KUBE_NODEPORTS, src: 'INPUT', comment: 'kubernetes health check service ports' },
  { table: 'filter', dst: KUBE_SERVICES, src: 'FORWARD', comment: 'kubernetes service portals', newOnly: true },
  { table: 'filter', dst: KUBE_SERVICES, src: 'OUTPUT', comment: 'kubernetes service portals', newOnly: true },
  { table: 'filter', dst: KUBE_FORWARD, src: 'FORWARD', comment: 'kubernetes forwarding rules' },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'INPUT', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'OUTPUT', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', dst: KUBE_PROXY_FIREWALL, src: 'FORWARD', comment: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'nat', dst: KUBE_SERVICES, src: 'OUTPUT', comment: 'kubernetes service portals' },
  { table: 'nat', dst: KUBE_SERVICES, src: 'PREROUTING', comment: 'kubernetes service portals' },
  { table: 'nat', dst: KUBE_POSTROUTING, src: 'POSTROUTING', comment: 'kubernetes postrouting rules' },
  { table: 'filter', dst: KUBE_FIREWALL, src: 'INPUT' },
  { table: 'filter', dst: KUBE_FIREWALL, src: 'OUTPUT' },
];

/** The jump rules in their final order on the node, and the chains they create (with the canary). */
export function jumpRules(): { rules: Rule[]; chains: Record<Table, string[]> } {
  const rules: Rule[] = [];
  for (const j of [...JUMPS].reverse()) {
    const matches: Match[] = [];
    if (j.newOnly) matches.push({ m: 'conntrack', states: 'NEW' });
    if (j.comment) matches.push({ m: 'comment', text: j.comment });
    rules.push({ table: j.table, chain: j.src, matches, target: { j: j.dst } });
  }
  const chains: Record<Table, string[]> = { filter: [KUBE_PROXY_CANARY], nat: [KUBE_PROXY_CANARY] };
  for (const j of JUMPS) if (!chains[j.table].includes(j.dst)) chains[j.table].push(j.dst);
  return { rules, chains };
}

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with `"`, `\` and `'` escaped. */
export function saveString(s: string): string {
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : `"${s.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

/** `0x4000/0x4000` as iptables prints a mark: lower-case hex without leading zeros. */
function hexMark(mark: string): string {
  return mark
    .split('/')
    .map((v) => `0x${Number(v).toString(16)}`)
    .join('/');
}

/** The statistic match stores round(p·2³¹) and prints it back with %.11f. */
export function saveProbability(restored: string): string {
  let p = saved.get(restored);
  if (p === undefined) saved.set(restored, (p = formatFixed(Math.round(Number(restored) * 0x80000000) / 0x80000000, 11)));
  return p;
}
const saved = new Map<string, string>();

/**
 * One rule as iptables-save prints it: addresses and protocol first, then the matches in kube-proxy's
 * order. Built as one string in a single pass (a large cluster's save form has 400,000 of these).
 */
export function saveRule(r: Rule, family: 4 | 6): string {
  let src: (Match & { m: 'src' }) | undefined;
  let dst: (Match & { m: 'dst' }) | undefined;
  let proto: (Match & { m: 'proto' | 'protocol' }) | undefined;
  let dport: (Match & { m: 'dport' }) | undefined;
  for (const m of r.matches) {
    if (m.m === 'src') src ??= m;
    else if (m.m === 'dst') dst ??= m;
    else if (m.m === 'proto' || m.m === 'protocol') proto ??= m;
    else if (m.m === 'dport') dport ??= m;
  }
  let line = `-A ${r.chain}`;
  if (src) line += `${src.not ? ' !' : ''} -s ${canonicalCIDR(src.cidr)}`;
  if (dst) line += `${dst.not ? ' !' : ''} -d ${canonicalCIDR(dst.cidr)}`;
  if (proto) line += ` -p ${proto.proto}`;
  for (const m of r.matches) line += saveMatch(m, dport, family);
  if (r.target) line += saveTarget(r.target, family);
  return line;
}

/** A match's module part (with its leading space); addresses and protocol are printed up front. */
function saveMatch(m: Match, dport: (Match & { m: 'dport' }) | undefined, family: 4 | 6): string {
  const not = 'not' in m && m.not ? ' !' : '';
  switch (m.m) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.text)}`;
    case 'proto':
      return dport ? ` -m ${m.proto} --dport ${dport.port}` : ` -m ${m.proto}`;
    case 'addrtype':
      return ` -m addrtype${not} ${m.dir === 'src' ? '--src-type' : '--dst-type'} ${m.type}`;
    case 'conntrack':
      return ` -m conntrack${not} --ctstate ${m.states}`;
    case 'nfacct':
      return ` -m nfacct --nfacct-name  ${m.name}`;
    case 'mark':
      return ` -m mark${not} --mark ${hexMark(m.mark)}`;
    case 'statistic':
      return ` -m statistic --mode random --probability ${saveProbability(m.probability)}`;
    case 'set':
      return ` -m set --match-set ${m.name} ${m.flags}`;
    case 'physdev':
      return ' -m physdev ! --physdev-is-in';
    case 'ipvs':
      // Only IPVS mode's KUBE-IPVS-OUT-FILTER rules have it, and those are rendered in restore form only.
      throw new Error('the ipvs match has no iptables-save form here');
    case 'recent': {
      const mask = family === 4 ? '255.255.255.255' : 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff';
      return 'set' in m ? ` -m recent --set --name ${m.name} --mask ${mask} --rsource` : ` -m recent --rcheck --seconds ${m.seconds} --reap --name ${m.name} --mask ${mask} --rsource`;
    }
    default:
      return ''; // src, dst, protocol, dport: printed up front
  }
}

function saveTarget(t: Target, family: 4 | 6): string {
  if ('to' in t) {
    const i = t.to.lastIndexOf(':');
    const hostPart = t.to.slice(0, i);
    const host = hostPart.startsWith('[') || hostPart.endsWith(']') ? hostPart.replace(/^\[|\]$/g, '') : hostPart;
    return ` -j DNAT --to-destination ${family === 6 ? `[${canonicalIP(host)}]${t.to.slice(i)}` : `${canonicalIP(host)}${t.to.slice(i)}`}`;
  }
  if ('orMark' in t && t.orMark) return ` -j MARK --set-xmark ${hexMark(t.orMark)}/${hexMark(t.orMark)}`;
  if ('xorMark' in t && t.xorMark) return ` -j MARK --set-xmark ${hexMark(t.xorMark)}/0x0`;
  if ('randomFully' in t && t.randomFully) return ' -j MASQUERADE --random-fully';
  if (t.j === 'REJECT') return ` -j REJECT --reject-with ${family === 4 ? 'icmp-port-unreachable' : 'icmp6-port-unreachable'}`;
  return ` -j ${t.j}`;
}

/** One table as iptables-save prints it, given kube-proxy's rules for it rendered by saveRule. */
function saveLines(t: TableRules<string>, family: 4 | 6, lines: string[]): string[] {
  const jumps = jumpRules();
  const builtins = BUILTIN_CHAINS[t.table];
  const rulesOf = new Map<string, Rule[]>();
  for (const name of builtins) rulesOf.set(name, []);
  for (const r of jumps.rules) if (r.table === t.table) rulesOf.get(r.chain)?.push(r);
  const userChains = byName(jumps.chains[t.table], t.chains);
  lines.push(`*${t.table}`);
  for (const name of builtins) lines.push(`:${name} ACCEPT [0:0]`);
  if (userChains.length > 0) lines.push(`:${userChains.map((c) => c.name).join(' - [0:0]\n:')} - [0:0]`);
  for (const name of builtins) for (const r of rulesOf.get(name) ?? []) lines.push(saveRule(r, family));
  for (const c of userChains) for (const line of c.rules) lines.push(line);
  lines.push('COMMIT');
  return lines;
}

type Chain = TableRules<string>['chains'][number];

/**
 * The jump-target chains and kube-proxy's chains, by name, each name once (the last one given wins).
 * `chains` is in canonical order, sorted by name after its first few fixed chains: only those few and
 * the jump targets are sorted, then merged in (sorting a hundred thousand names again would be waste).
 */
function byName(jumpChains: string[], chains: Chain[]): Chain[] {
  let tail = chains.length - 1;
  while (tail > 0 && chains[tail - 1].name <= chains[tail].name) tail--;
  const head = sortByName([...jumpChains.map((name) => ({ name, rules: [] })), ...chains.slice(0, Math.max(tail, 0))]);
  const merged: Chain[] = [];
  let i = 0;
  for (let j = Math.max(tail, 0); j < chains.length; j++) {
    while (i < head.length && !(chains[j].name < head[i].name)) merged.push(head[i++]);
    merged.push(chains[j]);
  }
  while (i < head.length) merged.push(head[i++]);
  const out: Chain[] = [];
  for (const c of merged) {
    if (out.length > 0 && out[out.length - 1].name === c.name) out[out.length - 1] = c;
    else out.push(c);
  }
  return out;
}

/** The default rendering: what the user sees on the node. */
export function iptablesSave(model: ProxyModel, config: ProxyConfig): string {
  const family = model.family;
  const { filter, nat } = layoutTables(model, config, (r) => saveRule(r, family), joinLines);
  const lines = saveLines(nat, family, saveLines(filter, family, []));
  lines.push('');
  return lines.join('\n');
}

/**
 * What kube-proxy sets up outside its payload, as a restore text (for `iptables-restore --noflush`):
 * the KUBE-PROXY-CANARY chains, the chains jumped to, and the jump rules in their final order.
 */
export function iptablesPreamble(): string {
  const { rules, chains } = jumpRules();
  let text = '';
  for (const table of ['filter', 'nat'] as const) {
    text += `*${table}\n`;
    for (const name of chains[table]) text += `:${name} - [0:0]\n`;
    for (const r of rules) if (r.table === table) text += `${saveRule(r, 4)}\n`;
    text += 'COMMIT\n';
  }
  return text;
}
