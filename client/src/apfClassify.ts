import { window, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApfClassify, ApfLevels, type ApfClassification, type ApfClassifyParams } from '../../server/src/lsp/protocol';

export const APF_CLASSIFY = 'kubeplan.apfClassify';
export const APF_LEVELS = 'kubeplan.apfLevels';

/** Asks one question; undefined when the user cancels. */
const ask = (prompt: string, placeHolder: string, value = ''): Thenable<string | undefined> => window.showInputBox({ title: 'Kubeplan: Which Flow Schema?', prompt, placeHolder, value, ignoreFocusOut: true });

/**
 * Kubeplan: Which Flow Schema? — asks for the request (user, groups, verb, resource or URL, namespace),
 * has the server classify it (kubeplan/apfClassify) and writes the answer to the output channel.
 */
export async function apfClassify(client: LanguageClient, output: OutputChannel): Promise<void> {
  const user = await ask('User (kubectl --as)', 'alice, system:serviceaccount:NS:NAME, system:anonymous…');
  if (!user) return;
  const groups = await ask('Groups (kubectl --as-group), comma-separated; empty: as impersonation gives them', 'system:masters');
  if (groups === undefined) return;
  const verb = await ask('Verb', 'get, list, watch, create, update, patch, delete…', 'get');
  if (!verb) return;
  const target = await ask('Resource (resource[/subresource] or group/resource) or non-resource URL (starts with /)', 'pods, apps/deployments, pods/log, /healthz');
  if (!target) return;
  const params: ApfClassifyParams = { user, verb, ...(groups.trim() ? { groups: groups.split(',').map((g) => g.trim()).filter(Boolean) } : {}) };
  if (target.startsWith('/')) params.nonResourceURL = target;
  else {
    const namespace = await ask('Namespace (empty: cluster-scoped)', 'default', 'default');
    if (namespace === undefined) return;
    // group/resource[/subresource]: a resource has no dot, a group (other than core) has one.
    const parts = target.split('/');
    const grouped = parts.length > 1 && parts[0].includes('.');
    const [group, resource, subresource] = grouped ? parts : ['', ...parts];
    Object.assign(params, { apiGroup: group, resource, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}) });
  }
  const c = await client.sendRequest(ApfClassify, params);
  output.appendLine(describe(params, c));
  output.show(true);
  void window.showInformationMessage(`${c.flowSchema} → ${c.priorityLevel}${c.hand.length ? `, queues ${c.hand.join(' ')}` : ''}`);
}

function describe(p: ApfClassifyParams, c: ApfClassification): string {
  const what = p.nonResourceURL ?? `${p.apiGroup ? `${p.apiGroup}/` : ''}${p.resource}${p.subresource ? `/${p.subresource}` : ''}${p.namespace ? ` in ${p.namespace}` : ''}`;
  const queues = c.queues ? `flow distinguisher "${c.distinguisher}", queues ${c.hand.join(' ')} of ${c.queues} (handSize ${c.handSize}, queueLengthLimit ${c.queueLengthLimit})` : c.note;
  return `APF: ${c.user.name} [${c.user.groups.join(', ')}] ${p.verb} ${what} → FlowSchema ${c.flowSchema} (matchingPrecedence ${c.matchingPrecedence}), priority level ${c.priorityLevel} (${c.type}); ${queues}`;
}

/** Kubeplan: API Priority Levels — each level's seats (kubeplan/apfLevels), as `kubeplan apf levels` prints them, in the output channel. */
export async function apfLevels(client: LanguageClient, output: OutputChannel): Promise<void> {
  const { text } = await client.sendRequest(ApfLevels);
  output.appendLine('apf levels');
  for (const line of text.trimEnd().split('\n')) output.appendLine(line);
  output.show(true);
}
