import { EventEmitter, Uri, window, workspace, type TextDocumentContentProvider } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Nodes, ProxyRules, SimulationComplete, TracePacket, type Protocol, type ProxyMode, type TracePacketParams } from '../../server/src/lsp/protocol';

export const RULES_SCHEME = 'kubeplan-rules';
export const SHOW_PROXY_RULES = 'kubeplan.showProxyRules';
export const TRACE_PACKET = 'kubeplan.tracePacket';

type RulesQuery = { kind: 'rules'; node: string; mode: string } | { kind: 'trace'; node: string; packet: TracePacketParams };

/**
 * Read-only documents with a node's kube-proxy rules (`kubeplan-rules:/worker-1 iptables.rules`) or a
 * packet trace, asked of the server each time they are shown, and refreshed after every simulation of
 * the workspace (so they follow the manifests live).
 */
export class ProxyRulesProvider implements TextDocumentContentProvider {
  private readonly changed = new EventEmitter<Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {
    client.onNotification(SimulationComplete, () => {
      for (const doc of workspace.textDocuments) if (doc.uri.scheme === RULES_SCHEME) this.changed.fire(doc.uri);
    });
  }

  async provideTextDocumentContent(uri: Uri): Promise<string> {
    const q = JSON.parse(uri.query) as RulesQuery;
    if (q.kind === 'trace') return this.client.sendRequest(TracePacket, { node: q.node, packet: q.packet });
    return this.client.sendRequest(ProxyRules, { node: q.node, mode: q.mode as ProxyMode });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

const open = async (path: string, query: RulesQuery): Promise<void> => {
  const doc = await workspace.openTextDocument(Uri.from({ scheme: RULES_SCHEME, path, query: JSON.stringify(query) }));
  await window.showTextDocument(doc, { preview: false });
};

async function pickNode(client: LanguageClient): Promise<string | undefined> {
  const nodes = await client.sendRequest(Nodes);
  if (nodes.length === 0) {
    void window.showInformationMessage('kubeplan: the workspace has not been simulated yet (open a Kubernetes manifest).');
    return undefined;
  }
  return window.showQuickPick(nodes, { title: 'kube-proxy rules of node…' });
}

/** `Kubeplan: Show kube-proxy Rules for Node…`: pick a node and a mode, get its whole ruleset. */
export async function showProxyRules(client: LanguageClient): Promise<void> {
  const node = await pickNode(client);
  if (!node) return;
  const mode = await window.showQuickPick(['iptables', 'ipvs', 'nftables'], { title: `kube-proxy mode on ${node}` });
  if (!mode) return;
  await open(`/${node} ${mode}.rules`, { kind: 'rules', node, mode });
}

const DESTINATION = /^\s*(\[[0-9a-fA-F:]+\]|[0-9.]+):(\d+)(?:\/(tcp|udp|sctp))?\s*$/i;

/** `Kubeplan: Trace a Packet…`: a destination (and optionally a source), the path through the chains. */
export async function tracePacket(client: LanguageClient): Promise<void> {
  const node = await pickNode(client);
  if (!node) return;
  const destination = await window.showInputBox({
    title: `Trace a packet on ${node}`,
    prompt: 'Destination address:port[/tcp|udp|sctp] — a clusterIP, a node address with a nodePort, an external or load balancer IP',
    placeHolder: '10.96.1.1:80',
    validateInput: (v) => (DESTINATION.test(v) ? undefined : 'address:port, e.g. 10.96.1.1:80 or 192.168.49.3:30086/udp'),
  });
  const m = destination ? DESTINATION.exec(destination) : null;
  if (!m) return;
  const source = await window.showInputBox({ title: `Trace a packet on ${node}`, prompt: 'Source address (empty: a client outside the cluster)', placeHolder: '10.244.1.5' });
  if (source === undefined) return;
  const packet = { destination: m[1].replace(/^\[|\]$/g, ''), port: Number(m[2]), protocol: (m[3] ?? 'tcp').toUpperCase() as Protocol, ...(source.trim() ? { source: source.trim() } : {}) };
  await open(`/${node} trace ${packet.destination}:${packet.port}.rules`, { kind: 'trace', node, packet });
}
