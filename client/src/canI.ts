import { window, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CanI, WhoCan } from '../../server/src/lsp/protocol';

export const CAN_I = 'kubeplan.canI';
export const WHO_CAN = 'kubeplan.whoCan';

/**
 * `Kubeplan: Can I…?` and `Kubeplan: Who Can…?`: a verb, a resource, a namespace (and for can-i a user
 * or service account), asked of the workspace's RBAC as `kubeplan can-i` / `who-can` ask it; the
 * gist in a message, the whole answer in the output.
 */
export async function rbacQuestion(client: LanguageClient, output: OutputChannel, command: 'can-i' | 'who-can'): Promise<void> {
  const title = command === 'can-i' ? 'Kubeplan: Can I…?' : 'Kubeplan: Who Can…?';
  const verb = await window.showInputBox({ title, prompt: 'Verb', placeHolder: 'get, list, create, delete, escalate…', validateInput: (v) => (v.trim() ? undefined : 'a verb, e.g. get') });
  if (!verb) return;
  const resource = await window.showInputBox({ title, prompt: 'Resource (RESOURCE[.GROUP][/SUBRESOURCE]) or a URL', placeHolder: 'pods, deployments.apps, pods/exec, /healthz', validateInput: (v) => (v.trim() ? undefined : 'a resource, e.g. pods') });
  if (!resource) return;
  const namespace = resource.startsWith('/') ? '' : await window.showInputBox({ title, prompt: 'Namespace (empty: the default namespace)', placeHolder: 'default' });
  if (namespace === undefined) return;
  const query = { verb: verb.trim(), resource: resource.trim(), namespace: namespace.trim() };
  const asked = `${command} ${verb} ${resource}${namespace ? ` -n ${namespace}` : ''}`;
  if (command === 'who-can') {
    const answer = await client.sendRequest(WhoCan, query);
    const lines = answer.text.trimEnd().split('\n').filter(Boolean);
    output.appendLine(asked);
    for (const line of [...answer.warnings.map((w) => `warning: ${w}`), ...lines]) output.appendLine(line);
    const choice = await window.showInformationMessage(`${lines.length} subject(s) can ${verb} ${resource}`, 'Show Details');
    if (choice) output.show(true);
    return;
  }
  const user = await window.showInputBox({ title, prompt: 'User, or service account as system:serviceaccount:NAMESPACE:NAME', placeHolder: 'system:serviceaccount:default:app', validateInput: (v) => (v.trim() ? undefined : 'a user name') });
  if (!user) return;
  const answer = await client.sendRequest(CanI, { ...query, user: user.trim() });
  const [first, ...rest] = answer.text.trimEnd().split('\n');
  output.appendLine(`${asked} --as ${user}`);
  for (const line of [...answer.warnings.map((w) => `warning: ${w}`), first, ...rest]) output.appendLine(line);
  const choice = await window.showInformationMessage(`${first}: ${user} ${answer.allowed ? 'can' : 'cannot'} ${verb} ${resource}${rest.length ? ` — ${rest[0]}` : ''}`, 'Show Details');
  if (choice) output.show(true);
}
