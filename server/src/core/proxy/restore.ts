/**
 * The restore payload kube-proxy hands to iptables-restore (`*filter` then `*nat`), rendered from the
 * rule data in kube-proxy's own argument order (pkg/proxy/iptables/proxier.go).
 */
import { iptablesTables } from './rules';
import type { Match, ProxyConfig, ProxyModel, Rule, Target, TableRules } from './types';

/** Comments with spaces are written quoted by kube-proxy (`"%s cluster IP"`); bare service names are not. */
const restoreComment = (text: string) => (/[\s"]/.test(text) ? `"${text}"` : text);

function restoreMatch(m: Match, out: string[]): void {
  switch (m.m) {
    case 'comment':
      out.push('-m', 'comment', '--comment', restoreComment(m.text));
      return;
    case 'proto':
      out.push('-m', m.proto, '-p', m.proto);
      return;
    case 'dport':
      out.push('--dport', String(m.port));
      return;
    case 'src':
      if (m.not) out.push('!');
      out.push('-s', m.cidr);
      return;
    case 'dst':
      if (m.not) out.push('!');
      out.push('-d', m.cidr);
      return;
    case 'addrtype':
      out.push('-m', 'addrtype', ...(m.not ? ['!'] : []), m.dir === 'src' ? '--src-type' : '--dst-type', m.type);
      return;
    case 'protocol':
      out.push('-p', m.proto);
      return;
    case 'conntrack':
      out.push('-m', 'conntrack');
      if (m.not) out.push('!');
      out.push('--ctstate', m.states);
      return;
    case 'nfacct':
      out.push('-m', 'nfacct', '--nfacct-name', m.name);
      return;
    case 'mark':
      out.push('-m', 'mark');
      if (m.not) out.push('!');
      out.push('--mark', m.mark);
      return;
    case 'statistic':
      out.push('-m', 'statistic', '--mode', 'random', '--probability', m.probability);
      return;
    case 'set':
      out.push('-m', 'set', '--match-set', m.name, m.flags);
      return;
    case 'physdev':
      out.push('-m', 'physdev', '!', '--physdev-is-in');
      return;
    case 'recent':
      if ('set' in m) out.push('-m', 'recent', '--name', m.name, '--set');
      else out.push('-m', 'recent', '--name', m.name, '--rcheck', '--seconds', String(m.seconds), '--reap');
      return;
  }
}

function restoreTarget(t: Target, out: string[]): void {
  out.push('-j', t.j);
  if ('to' in t) out.push('--to-destination', t.to);
  else if ('orMark' in t && t.orMark) out.push('--or-mark', t.orMark);
  else if ('xorMark' in t && t.xorMark) out.push('--xor-mark', t.xorMark);
  else if ('randomFully' in t && t.randomFully) out.push('--random-fully');
}

/** One `-A CHAIN …` line as kube-proxy writes it. */
export function restoreRule(r: Rule): string {
  const out = ['-A', r.chain];
  for (const m of r.matches) restoreMatch(m, out);
  if (r.target) restoreTarget(r.target, out);
  return out.join(' ');
}

export function restoreTable(t: TableRules): string {
  const lines = [`*${t.table}`];
  for (const c of t.chains) lines.push(`:${c.name} - [0:0]`);
  for (const c of t.chains) for (const r of c.rules) lines.push(restoreRule(r));
  lines.push('COMMIT');
  return lines.join('\n') + '\n';
}

/** The whole payload in canonical order (see rules.ts iptablesTables). */
export function iptablesRestore(model: ProxyModel, config: ProxyConfig): string {
  const { filter, nat } = iptablesTables(model, config);
  return restoreTable(filter) + restoreTable(nat);
}
