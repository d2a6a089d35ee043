/**
 * The restore payload kube-proxy hands to iptables-restore (`*filter` then `*nat`), rendered from the
 * rule data in kube-proxy's own argument order (pkg/proxy/iptables/proxier.go).
 */
import { layoutTables } from './tables';
import type { Match, ProxyConfig, ProxyModel, Rule, Target, TableRules } from './types';

/** Comments with spaces are written quoted by kube-proxy (`"%s cluster IP"`); bare service names are not. */
const restoreComment = (text: string) => (/[\s"]/.test(text) ? `"${text}"` : text);

function restoreMatch(m: Match): string {
  switch (m.m) {
    case 'comment':
      return ` -m comment --comment ${restoreComment(m.text)}`;
    case 'proto':
      return ` -m ${m.proto} -p ${m.proto}`;
    case 'protocol':
      return ` -p ${m.proto}`;
    case 'dport':
      return ` --dport ${m.port}`;
    case 'src':
      return `${m.not ? ' !' : ''} -s ${m.cidr}`;
    case 'dst':
      return `${m.not ? ' !' : ''} -d ${m.cidr}`;
    case 'addrtype':
      return ` -m addrtype${m.not ? ' !' : ''} ${m.dir === 'src' ? '--src-type' : '--dst-type'} ${m.type}`;
    case 'conntrack':
      return ` -m conntrack${m.not ? ' !' : ''} --ctstate ${m.states}`;
    case 'nfacct':
      return ` -m nfacct --nfacct-name ${m.name}`;
    case 'mark':
      return ` -m mark${m.not ? ' !' : ''} --mark ${m.mark}`;
    case 'statistic':
      return ` -m statistic --mode random --probability ${m.probability}`;
    case 'set':
      return ` -m set --match-set ${m.name} ${m.flags}`;
    case 'physdev':
      return ' -m physdev ! --physdev-is-in';
    case 'ipvs':
      return ` -m ipvs --vaddr ${m.vaddr} --vproto ${m.vproto} --vport ${m.vport}`;
    case 'recent':
      return 'set' in m ? ` -m recent --name ${m.name} --set` : ` -m recent --name ${m.name} --rcheck --seconds ${m.seconds} --reap`;
  }
}

/** By the target's name first: most targets are plain jumps, and `in` on targets of many shapes is slow. */
function restoreTarget(t: Target): string {
  switch (t.j) {
    case 'DNAT':
      if ('to' in t) return ` -j DNAT --to-destination ${t.to}`;
      break;
    case 'MARK':
      if ('orMark' in t && t.orMark) return ` -j MARK --or-mark ${t.orMark}`;
      if ('xorMark' in t && t.xorMark) return ` -j MARK --xor-mark ${t.xorMark}`;
      break;
    case 'MASQUERADE':
      if ('randomFully' in t && t.randomFully) return ' -j MASQUERADE --random-fully';
      break;
  }
  return ` -j ${t.j}`;
}

/** One `-A CHAIN …` line as kube-proxy writes it. */
export function restoreRule(r: Rule): string {
  let line = `-A ${r.chain}`;
  const matches = r.matches;
  for (let i = 0; i < matches.length; i++) line += restoreMatch(matches[i]);
  if (r.target !== undefined) line += restoreTarget(r.target);
  return line;
}

/** Rendered lines of one chain as one string (layoutTables' `pack`). */
export const joinLines = (lines: string[]): string => lines.join('\n');

function restoreLines(t: TableRules<string>, lines: string[]): string[] {
  lines.push(`*${t.table}`);
  // One join for the hundred thousand chain declarations rather than a string each.
  if (t.chains.length > 0) lines.push(`:${t.chains.map((c) => c.name).join(' - [0:0]\n:')} - [0:0]`);
  for (const c of t.chains) for (const line of c.rules) lines.push(line);
  lines.push('COMMIT');
  return lines;
}

/** The whole payload in canonical order (see tables.ts), joined once. */
export function iptablesRestore(model: ProxyModel, config: ProxyConfig): string {
  const { filter, nat } = layoutTables(model, config, restoreRule, joinLines);
  const lines = restoreLines(nat, restoreLines(filter, []));
  lines.push('');
  return lines.join('\n');
}
