/**
 * The rules of every service port grouped into chains, in the canonical order in which both renderings
 * (restore.ts, save.ts) and the trace read them.
 */
import { fixedRules, KUBE_EXTERNAL_SERVICES, KUBE_FIREWALL, KUBE_FORWARD, KUBE_MARK_MASQ, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_PROXY_FIREWALL, KUBE_SERVICES, ruleContext, servicePortRules, trailingRules } from './rules';
import { sortByName } from './sortByName';
import type { ProxyConfig, ProxyModel, Rule, Table, TableRules } from './types';

const FIXED_FILTER = [KUBE_SERVICES, KUBE_EXTERNAL_SERVICES, KUBE_FORWARD, KUBE_NODEPORTS, KUBE_PROXY_FIREWALL];
const FIXED_NAT = [KUBE_SERVICES, KUBE_NODEPORTS, KUBE_POSTROUTING, KUBE_MARK_MASQ];

/**
 * Both tables in the canonical order (upstream proxier_test.go sortIPTablesRules): KUBE-NODEPORTS,
 * KUBE-SERVICES, then the other chains by name; rules per chain in write order, KUBE-SERVICES and
 * KUBE-NODEPORTS stably sorted by the service name of their comment ("must be the last rule" last).
 */
export function iptablesTables(model: ProxyModel, config: ProxyConfig): { filter: TableRules; nat: TableRules } {
  return layoutTables(model, config, (r) => r);
}

/**
 * iptablesTables with every rule passed through `render` (to restore or save text). A service port's
 * own rules are rendered as soon as they are made: a large cluster's hundreds of thousands of rule
 * objects then die young instead of all living until the end (which made most of the time GC).
 * `pack`, when given, merges each of those chains' rendered rules into one value (text renderers join
 * the lines): one string per chain is far less for the garbage collector to copy than one per line.
 */
export function layoutTables<R>(
  model: ProxyModel,
  config: ProxyConfig,
  render: (r: Rule) => R,
  pack?: (rules: R[]) => R,
): { filter: TableRules<R>; nat: TableRules<R> } {
  const ctx = ruleContext(model, config);
  const shared: Rule[] = fixedRules(ctx);
  // Per-service chains (KUBE-SVC/SVL/EXT/FW/SEP) belong to one service port: group them locally and
  // sort the list once, instead of indexing a hundred thousand chains in one map.
  const own: Array<{ name: string; rules: R[] }> = [];
  for (const sp of model.servicePorts) layoutServicePort(servicePortRules(sp, ctx), shared, own, render, pack);
  shared.push(...trailingRules(ctx));
  const filterChains = ctx.family === 4 && ctx.localhostNodePorts ? [...FIXED_FILTER, KUBE_FIREWALL] : FIXED_FILTER;
  const nat = mapRules(assemble('nat', FIXED_NAT, shared), render);
  // Fixed nat chains first in canonical order, then the per-service chains merged in by name.
  const fixed = nat.chains.filter((c) => c.name === KUBE_NODEPORTS || c.name === KUBE_SERVICES);
  const rest = nat.chains.filter((c) => c.name !== KUBE_NODEPORTS && c.name !== KUBE_SERVICES);
  const merged: TableRules<R>['chains'] = [];
  let i = 0;
  for (const c of sortByName(own)) {
    while (i < rest.length && rest[i].name < c.name) merged.push(rest[i++]);
    merged.push(c);
  }
  while (i < rest.length) merged.push(rest[i++]);
  return { filter: mapRules(assemble('filter', filterChains, shared), render), nat: { table: 'nat', chains: [...fixed, ...merged] } };
}

/**
 * One service port's rules: those of the fixed chains to `shared`, its own chains (rendered, packed) to
 * `own`. A function of its own, called per service port, so that V8 optimizes it by its calls.
 */
function layoutServicePort<R>(rules: Rule[], shared: Rule[], own: Array<{ name: string; rules: R[] }>, render: (r: Rule) => R, pack?: (rules: R[]) => R): void {
  // A service port has a dozen chains or so, mostly written one after the other: a list beats a Map.
  const local: Array<{ name: string; rules: R[] }> = [];
  let current: { name: string; rules: R[] } | undefined;
  for (const r of rules) {
    if (r.table === 'filter' || FIXED_NAT.includes(r.chain)) shared.push(r);
    else {
      if (current?.name !== r.chain) current = chainIn(local, r.chain);
      current.rules.push(render(r));
    }
  }
  for (const c of local) own.push(pack ? { name: c.name, rules: [pack(c.rules)] } : c);
}

/** The chain of that name in the list, added (empty) when missing. */
function chainIn<R>(chains: Array<{ name: string; rules: R[] }>, name: string): { name: string; rules: R[] } {
  for (const c of chains) if (c.name === name) return c;
  const c = { name, rules: [] as R[] };
  chains.push(c);
  return c;
}

/** A table with each rule rendered. */
function mapRules<R>(t: TableRules, render: (r: Rule) => R): TableRules<R> {
  return { table: t.table, chains: t.chains.map((c) => ({ name: c.name, rules: c.rules.map(render) })) };
}

export function assemble(table: Table, chainNames: string[], rules: Rule[]): TableRules {
  const byChain = new Map<string, Rule[]>();
  for (const name of chainNames) byChain.set(name, []);
  for (const r of rules) if (r.table === table) byChain.get(r.chain)?.push(r);
  const names = [...byChain.keys()].sort(chainOrder);
  for (const name of [KUBE_SERVICES, KUBE_NODEPORTS]) {
    const list = byChain.get(name);
    if (list) byChain.set(name, stableSortByService(list));
  }
  return { table, chains: names.map((name) => ({ name, rules: byChain.get(name) ?? [] })) };
}

export function chainOrder(a: string, b: string): number {
  const rank = (n: string) => (n === KUBE_NODEPORTS ? 0 : n === KUBE_SERVICES ? 1 : n.startsWith('KUBE-') ? 2 : 3);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function commentOf(r: Rule): string | undefined {
  for (const m of r.matches) if (m.m === 'comment') return m.text;
  return undefined;
}

/** The service name of a comment: up to the first space or colon. */
function serviceNameOf(r: Rule): string | undefined {
  const c = commentOf(r);
  if (c === undefined) return undefined;
  const i = c.search(/[ :]/);
  return i === -1 ? c : c.slice(0, i);
}

function stableSortByService(rules: Rule[]): Rule[] {
  const last = (r: Rule) => commentOf(r)?.includes('must be the last rule') ?? false;
  const keyed = rules.map((r, i) => ({ r, i, last: last(r), name: serviceNameOf(r) }));
  keyed.sort((a, b) => {
    if (a.last !== b.last) return a.last ? 1 : -1;
    if (a.name !== undefined && b.name !== undefined && a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.i - b.i;
  });
  return keyed.map((k) => k.r);
}
