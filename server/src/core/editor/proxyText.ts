import { obj, type Obj } from '../model/obj';
import * as proxy from '../proxy';
import type { NodeProxy } from '../cluster/proxyView';
import { nameOf, namespaceOf } from '../cluster/store';

/** The whole ruleset of a node, as the rules document shows it. */
export function nodeRules(view: NodeProxy, format: proxy.RuleFormat = 'save'): string {
  return proxy.renderRules(view.model, view.config, format);
}

/**
 * The hover of a Service (or of one of its ports): per service port, the chains kube-proxy writes for
 * it on the node as an `iptables` code block (save form), one line per endpoint (pod, node, share of
 * new connections), and the sentences that answer the usual questions.
 */
export function serviceRulesMarkdown(view: NodeProxy, namespace: string, name: string, portIndex?: number, service?: Obj): string | undefined {
  const ports = view.portsByService.get(`${namespace}/${name}`);
  if (!ports) return undefined;
  const specPorts = Array.isArray(obj(service?.spec)?.ports) ? (obj(service!.spec)!.ports as unknown[]).map((p) => obj(p) ?? {}) : [];
  const chosen = portIndex === undefined ? ports : ports.filter((sp) => sp.port === specPorts[portIndex]?.port && sp.protocol === (specPorts[portIndex]?.protocol ?? 'TCP'));
  if (chosen.length === 0) return undefined;
  const mode = view.config.proxyMode ?? 'iptables';
  const out: string[] = [`**kube-proxy on ${view.node}** (${mode} mode${mode === 'iptables' ? '' : '; the rules below are the iptables ones'}): what \`iptables-save\` shows there`];
  for (const sp of chosen) {
    const rules = proxy.rulesForServicePort(view.model, view.config, sp);
    if (!rules) continue;
    out.push('', `\`${sp.spn}\` ${sp.protocol} ${sp.clusterIP}:${sp.port}${sp.nodePort ? `, nodePort ${sp.nodePort}` : ''}`, '', '```iptables');
    for (const table of ['filter', 'nat'] as const) {
      const lines = rules.chains.filter((c) => c.table === table).flatMap((c) => c.save);
      if (lines.length) out.push(`*${table}`, ...lines);
    }
    out.push('```');
    for (const e of rules.endpoints) {
      const pod = view.podsByIP.get(e.ip);
      const who = pod ? `pod ${namespaceOf(pod)}/${nameOf(pod)}` : 'endpoint';
      out.push(`- \`${e.endpoint}\` ${who} on ${e.nodeName ?? 'an unknown node'}${e.local ? ' (local)' : ''}: ${(e.probability * 100).toFixed(1)}% of new connections (${e.chain})`);
    }
    if (rules.endpoints.length === 0) out.push('- no endpoint');
    out.push('', ...proxy.explainServicePort(view.model, view.config, sp));
  }
  return out.join('\n');
}

/** A packet trace as text: each rule it matches, then where it goes. */
export function traceText(view: NodeProxy, packet: proxy.TracePacket): string {
  const t = proxy.tracePacket(view.model, view.config, packet);
  const lines = [`# ${packet.protocol ?? 'TCP'} ${packet.source ?? '(a client outside the cluster)'} → ${packet.destination}:${packet.port} on ${view.node} (${view.config.proxyMode ?? 'iptables'} mode)`];
  let branch: string | undefined;
  for (const s of t.steps) {
    if (s.branch !== branch) {
      branch = s.branch;
      if (branch) lines.push(`# if the random pick is ${branch}:`);
    }
    lines.push(`${s.table}: ${s.rule}`);
  }
  lines.push(`# verdict: ${t.verdict}${t.masquerade ? ' (marked for SNAT: KUBE-MARK-MASQ)' : ''}`);
  for (const e of t.endpoints) {
    const pod = view.podsByIP.get(e.endpoint.replace(/:\d+$/, ''));
    lines.push(`# → ${e.endpoint} ${(e.probability * 100).toFixed(1)}%${pod ? ` pod ${namespaceOf(pod)}/${nameOf(pod)}` : ''} (${e.chain})`);
  }
  for (const n of t.notes) lines.push(`# ${n}`);
  return lines.join('\n') + '\n';
}
