import { ViewColumn, window, type WebviewPanel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { webviewPage } from './webviewPage';
import { ExplainScheduling } from '../../server/src/lsp/protocol';

export const EXPLAIN_SCHEDULING = 'kubeplan.explainScheduling';

/** What the scheduling lens passes; from the palette there is nothing and the cursor decides. */
interface ExplainArgs {
  workload?: string;
}

let panel: WebviewPanel | undefined;

/**
 * `Kubeplan: Explain Scheduling`: the workload of the lens clicked (or at the cursor) as
 * kube-scheduler-simulator shows a pod: per pod, a table of nodes × Filter plugins (passed, the
 * reason, not run) and Score plugins (raw → final), the total, the chosen node highlighted, the
 * FitError when no node fits. From the latest workspace simulation (`kubeplan/explainScheduling`).
 */
export async function explainScheduling(client: LanguageClient, args?: ExplainArgs): Promise<void> {
  let params: { workload?: string; uri?: string; position?: { line: number; character: number } };
  if (args?.workload) params = { workload: args.workload };
  else {
    const editor = window.activeTextEditor;
    if (!editor) {
      void window.showInformationMessage('Kubeplan: Explain Scheduling: put the cursor in a workload (Deployment, StatefulSet, Pod…) of a YAML file.');
      return;
    }
    const { line, character } = editor.selection.active;
    params = { uri: editor.document.uri.toString(), position: { line, character } };
  }
  const view = await client.sendRequest(ExplainScheduling, params);
  if (!view) {
    void window.showInformationMessage('Kubeplan: Explain Scheduling: no pods of a workload here were scheduled in the workspace simulation.');
    return;
  }
  if (!panel) {
    panel = window.createWebviewPanel('kubeplan.scheduling', 'kubeplan: Explain Scheduling', ViewColumn.Beside, { enableScripts: true });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.title = `kubeplan: Explain Scheduling (${view.workload})`;
  panel.webview.html = webviewPage({ style: STYLE, body: BODY, script: SCRIPT }, view);
  panel.reveal(ViewColumn.Beside);
}

const STYLE = `
h1 { font-size: 1.2em; } h2 { font-size: 1.05em; margin: 18px 0 6px; }
table { border-collapse: collapse; }
td, th { text-align: left; padding: 2px 8px; border: 1px solid var(--vscode-panel-border); vertical-align: top; }
th.group { text-align: center; }
tr.chosen td { background: var(--vscode-editor-selectionBackground); font-weight: bold; }
td.failed { color: var(--vscode-errorForeground); }
td.notrun, td.none { opacity: 0.6; }
.fit-error { border-left: 3px solid var(--vscode-errorForeground); padding: 4px 8px; margin: 6px 0; }
.note { margin: 4px 0; opacity: 0.85; }
`;

const BODY = `
<h1 id="title"></h1>
<div id="pods"></div>
`;

const SCRIPT = `
const el = (tag, text, cls) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; };
document.getElementById('title').textContent = 'Scheduling of ' + data.workload + ' (simulated, default profile)';
const box = document.getElementById('pods');
for (const p of data.pods) {
  box.append(el('h2', 'Pod ' + p.pod + ' → ' + (p.node ?? 'unschedulable')));
  if (p.message) box.append(el('div', p.message, 'fit-error'));
  if (p.nominatedNode) box.append(el('div', 'Preemption: nominated to ' + p.nominatedNode + ', evicting ' + ((p.victims ?? []).join(', ') || 'nothing') + '.', 'note'));
  if (p.tie) box.append(el('div', 'Tie: ' + p.tie.join(', ') + ' have the same best total. kube-scheduler picks one of them at random; kubeplan takes the first by name.', 'note'));
  if (p.schedulingGates.length) box.append(el('div', 'Waits on scheduling gates: ' + p.schedulingGates.join(', '), 'note'));
  for (const n of p.notEvaluated) box.append(el('div', 'Not evaluated: ' + n, 'note'));
  if (p.skippedScores.length) box.append(el('div', 'Score plugins skipped for this pod (PreScore): ' + p.skippedScores.join(', '), 'note'));
  if (!p.nodes.length) continue;
  if (p.node && !p.scores.length) box.append(el('div', 'Only one node passed every filter: chosen without scoring.', 'note'));
  const table = el('table');
  const head = el('thead');
  const groups = el('tr');
  groups.append(el('th', ''));
  const f = el('th', 'Filter', 'group'); f.colSpan = p.filters.length; groups.append(f);
  if (p.scores.length) { const s = el('th', 'Score (raw → final)', 'group'); s.colSpan = p.scores.length; groups.append(s); groups.append(el('th', '')); }
  const names = el('tr');
  names.append(el('th', 'Node'));
  for (const name of p.filters) names.append(el('th', name));
  for (const name of p.scores) names.append(el('th', name));
  if (p.scores.length) names.append(el('th', 'Total'));
  head.append(groups, names);
  const body = el('tbody');
  for (const n of p.nodes) {
    const tr = el('tr', undefined, n.node === p.node ? 'chosen' : '');
    tr.append(el('td', n.node + (n.node === p.node ? ' (chosen)' : '')));
    for (const name of p.filters) {
      const v = n.filter[name];
      tr.append(el('td', v, v === 'passed' ? '' : v === 'not run' || v === 'skipped' ? 'notrun' : v === 'not evaluated' ? 'none' : 'failed'));
    }
    const feasible = Object.keys(n.scores).length > 0;
    for (const name of p.scores) tr.append(feasible ? el('td', n.scores[name] + ' → ' + n.finalScores[name]) : el('td', '—', 'none'));
    if (p.scores.length) tr.append(feasible ? el('td', String(n.total)) : el('td', '—', 'none'));
    body.append(tr);
  }
  table.append(head, body);
  box.append(table);
}
if (data.notCreated) { box.append(el('h2', 'Not created')); box.append(el('div', data.notCreated, 'note')); }
`;
