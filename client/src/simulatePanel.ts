import { Range, Selection, TextEditorRevealType, Uri, ViewColumn, window, workspace, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { webviewPage } from './webviewPage';
import { Simulate } from '../../server/src/lsp/protocol';

export const SIMULATE_APPLY = 'kubeplan.simulateApply';

interface RangeJson {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

let panel: WebviewPanel | undefined;

/**
 * `Kubeplan: Simulate Apply`: asks the server to simulate the workspace (or the current file) and
 * shows the result in a webview: the event timeline (filterable by object, a click reveals the
 * manifest line), the pods per node, and the flow of the selected object through the components.
 */
export async function simulateApply(client: LanguageClient): Promise<void> {
  const current = window.activeTextEditor?.document;
  let uri: string | undefined;
  if (current?.languageId === 'yaml') {
    const pick = await window.showQuickPick(['Workspace', `Current file (${workspace.asRelativePath(current.uri)})`], { title: 'Kubeplan: Simulate Apply of…' });
    if (!pick) return;
    if (pick !== 'Workspace') uri = current.uri.toString();
  }
  const view = await client.sendRequest(Simulate, { uri });
  if (!panel) {
    panel = window.createWebviewPanel('kubeplan.simulation', 'kubeplan: Simulate Apply', ViewColumn.Beside, { enableScripts: true, retainContextWhenHidden: true });
    panel.onDidDispose(() => (panel = undefined));
    panel.webview.onDidReceiveMessage(async (m: { command: string; uri: string; range: RangeJson }) => {
      if (m.command !== 'reveal' || !m.uri) return;
      const doc = await workspace.openTextDocument(Uri.parse(m.uri));
      const editor = await window.showTextDocument(doc, ViewColumn.One);
      const range = new Range(m.range.start.line, m.range.start.character, m.range.end.line, m.range.end.character);
      editor.selection = new Selection(range.start, range.end);
      editor.revealRange(range, TextEditorRevealType.InCenter);
    });
  }
  panel.title = uri ? `kubeplan: Simulate Apply (${workspace.asRelativePath(Uri.parse(uri))})` : 'kubeplan: Simulate Apply';
  panel.webview.html = webviewPage({ style: STYLE, body: BODY, script: SCRIPT }, view);
  panel.reveal(ViewColumn.Beside);
}

const STYLE = `
h2 { font-size: 1.1em; margin: 14px 0 6px; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; padding: 2px 8px 2px 0; vertical-align: top; }
tr.event { cursor: pointer; }
tr.event:hover { background: var(--vscode-list-hoverBackground); }
tr.Warning td.type { color: var(--vscode-editorWarning-foreground); }
.flow { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 6px 0; }
.step { border: 1px solid var(--vscode-panel-border); padding: 4px 8px; border-radius: 3px; opacity: 0.45; }
.step.on { opacity: 1; border-color: var(--vscode-focusBorder); }
.arrow { opacity: 0.6; }
.change { margin: 4px 0; cursor: pointer; }
.change .sym { font-family: var(--vscode-editor-font-family); display: inline-block; width: 1.4em; }
.diff, .steps { font-family: var(--vscode-editor-font-family); margin: 2px 0 6px 1.4em; }
.timeline { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin: 2px 0 6px 1.4em; }
.timeline .pstep { border: 1px solid var(--vscode-focusBorder); padding: 4px 8px; border-radius: 3px; }
.stalled { color: var(--vscode-editorError-foreground); }
.nodes { display: flex; flex-wrap: wrap; gap: 10px; }
.node { border: 1px solid var(--vscode-panel-border); padding: 6px; min-width: 220px; }
.node h3 { margin: 0 0 4px; font-size: 1em; }
a.object { color: var(--vscode-textLink-foreground); cursor: pointer; }
input { background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); padding: 2px 4px; width: 320px; }
`;

const BODY = `
<div id="cluster"></div>
<h2>Plan</h2>
<div id="plan"></div>
<h2>Flow of <span id="selected">(click an object)</span></h2>
<div class="flow" id="flow"></div>
<h2>Events</h2>
<input id="filter" placeholder="Filter by object (e.g. Deployment/default/web)">
<table><thead><tr><th>Type</th><th>Reason</th><th>Object</th><th>Message</th><th>Component</th></tr></thead><tbody id="events"></tbody></table>
<h2>Pods per node</h2>
<div class="nodes" id="nodes"></div>
`;

const SCRIPT = `
const COMPONENTS = ['kubectl', 'kube-apiserver', 'etcd', 'kube-controller-manager', 'kube-scheduler', 'kubelet', 'kube-proxy'];
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
document.getElementById('cluster').textContent = 'Cluster ' + data.cluster.name + ' (' + data.cluster.source + '): ' + data.nodes.length + ' nodes, service CIDR ' + data.cluster.serviceCIDR + ', pod CIDR ' + data.cluster.podCIDR + ', kube-proxy ' + data.cluster.proxyMode + '. ' + data.events.length + ' events, ' + data.objects + ' objects.';
// An object and what it made: a Deployment's ReplicaSet and pods share its name as prefix.
const related = (ref, object) => { const [kind, ns, name] = ref.split('/'); const [, ons, oname] = object.split('/'); return object === ref || (kind !== 'Pod' && ons === ns && oname && oname.startsWith(name + '-')); };
function select(ref) {
  document.getElementById('selected').textContent = ref;
  const touched = new Set();
  for (const e of data.events) if (related(ref, e.object)) { touched.add(e.component); if (e.reason === 'Created' || e.reason === 'Configured') { touched.add('kubectl'); touched.add('etcd'); } }
  const svc = ref.startsWith('Service/') && data.events.some((e) => e.object === ref && e.reason === 'EndpointSliceUpdated');
  if (svc) touched.add('kube-proxy');
  const flow = document.getElementById('flow');
  flow.replaceChildren();
  COMPONENTS.forEach((c, i) => { if (i) flow.append(el('span', '→', 'arrow')); flow.append(el('span', c, 'step' + (touched.has(c) ? ' on' : ''))); });
}
function renderEvents() {
  const f = document.getElementById('filter').value.trim();
  const body = document.getElementById('events');
  body.replaceChildren();
  for (const e of data.events) {
    if (f && !e.object.includes(f)) continue;
    const tr = el('tr', undefined, 'event ' + e.type);
    tr.append(el('td', e.type, 'type'), el('td', e.reason));
    const o = el('td'); const a = el('a', e.object, 'object'); a.addEventListener('click', (ev) => { ev.stopPropagation(); select(e.object); document.getElementById('filter').value = e.object; renderEvents(); }); o.append(a);
    tr.append(o, el('td', e.message), el('td', e.component));
    if (e.uri && e.source) tr.addEventListener('click', () => vscode.postMessage({ command: 'reveal', uri: e.uri, range: e.source.range }));
    body.append(tr);
  }
}
function renderNodes() {
  const box = document.getElementById('nodes');
  for (const n of data.nodes) {
    const d = el('div', undefined, 'node');
    d.append(el('h3', n.name + ' (' + n.podCIDR + ')'));
    const pods = data.pods.filter((p) => p.node === n.name);
    if (!pods.length) d.append(el('div', 'no pods'));
    for (const p of pods) { const row = el('div'); const a = el('a', p.ref.split('/')[2], 'object'); a.addEventListener('click', () => select(p.ref)); row.append(a, el('span', ' ' + (p.ip || '') + ' ' + p.phase)); d.append(row); }
    box.append(d);
  }
  const unplaced = data.pods.filter((p) => !p.node);
  if (unplaced.length) { const d = el('div', undefined, 'node'); d.append(el('h3', 'not scheduled')); for (const p of unplaced) d.append(el('div', p.ref.split('/')[2] + ' ' + p.phase)); box.append(d); }
}
// The plan: + create, ~ update (its fields), = unchanged, ! rejected; each rollout's steps as a timeline.
function renderPlan() {
  const box = document.getElementById('plan');
  const sym = { create: '+', update: '~', unchanged: '=', rejected: '!' };
  const head = data.state ? 'Against the cluster state ' + data.state.source + ' (' + data.state.objects + ' objects).' : 'No cluster state (kubeplan.clusterState or .kubeplan/state.yaml): every object is new.';
  box.append(el('div', head));
  for (const c of data.plan) {
    if (c.action === 'unchanged') continue;
    const row = el('div', undefined, 'change');
    row.append(el('span', sym[c.action], 'sym'), el('span', c.object + (c.message ? ': ' + c.message : ''), c.action === 'rejected' ? 'stalled' : undefined));
    if (c.uri) row.addEventListener('click', () => vscode.postMessage({ command: 'reveal', uri: c.uri, range: c.range }));
    box.append(row);
    if (c.diff) { const d = el('div', undefined, 'diff'); for (const f of c.diff) d.append(el('div', ('old' in f && 'new' in f ? '~ ' : 'new' in f ? '+ ' : '- ') + f.path + ': ' + ('old' in f ? JSON.stringify(f.old) : '') + ('old' in f && 'new' in f ? ' → ' : '') + ('new' in f ? JSON.stringify(f.new) : ''))); box.append(d); }
    if (c.rollout) {
      const t = el('div', undefined, 'timeline');
      c.rollout.steps.forEach((s, i) => { if (i) t.append(el('span', '→', 'arrow')); t.append(el('span', s.step + '. ' + s.message, 'pstep')); });
      if (!c.rollout.completes) { if (c.rollout.steps.length) t.append(el('span', '→', 'arrow')); t.append(el('span', c.rollout.stalledAtStep + '. stalls: ' + c.rollout.reason, 'pstep stalled')); }
      else t.append(el('span', '✓ completes', 'pstep'));
      box.append(t);
    }
  }
  const unchanged = data.plan.filter((c) => c.action === 'unchanged').length;
  if (unchanged) box.append(el('div', unchanged + ' unchanged'));
}
document.getElementById('filter').addEventListener('input', renderEvents);
renderPlan(); renderEvents(); renderNodes(); select(data.events.find((e) => e.object.startsWith('Deployment/'))?.object ?? data.events[0]?.object ?? '');
`;
