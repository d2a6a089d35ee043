import { window, type OutputChannel } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CanI } from '../../server/src/lsp/protocol';

export const CAN_I = 'kubeplan.canI';

/**
 * `Kubeplan: Can I…?`: a verb, a resource, a namespace and a user (or service account), asked of the
 * workspace's RBAC as `kubeplan can-i` asks it; `yes`/`no` in a message, the whole answer in the output.
 */
export async function canI(client: LanguageClient, output: OutputChannel): Promise<void> {
  const title = 'Kubeplan: Can I…?';
  const verb = await window.showInputBox({ title, prompt: 'Verb', placeHolder: 'get, list, create, delete, escalate…', validateInput: (v) => (v.trim() ? undefined : 'a verb, e.g. get') });
  if (!verb) return;
  const resource = await window.showInputBox({ title, prompt: 'Resource (RESOURCE[.GROUP][/SUBRESOURCE]) or a URL', placeHolder: 'pods, deployments.apps, pods/exec, /healthz', validateInput: (v) => (v.trim() ? undefined : 'a resource, e.g. pods') });
  if (!resource) return;
  const namespace = resource.startsWith('/') ? '' : await window.showInputBox({ title, prompt: 'Namespace (empty: the default namespace)', placeHolder: 'default' });
  if (namespace === undefined) return;
  const user = await window.showInputBox({ title, prompt: 'User, or service account as system:serviceaccount:NAMESPACE:NAME', placeHolder: 'system:serviceaccount:default:app', validateInput: (v) => (v.trim() ? undefined : 'a user name') });
  if (!user) return;
  const answer = await client.sendRequest(CanI, { verb: verb.trim(), resource: resource.trim(), namespace: namespace.trim(), user: user.trim() });
  const [first, ...rest] = answer.text.trimEnd().split('\n');
  output.appendLine(`can-i ${verb} ${resource}${namespace ? ` -n ${namespace}` : ''} --as ${user}`);
  for (const line of [...answer.warnings.map((w) => `warning: ${w}`), first, ...rest]) output.appendLine(line);
  const choice = await window.showInformationMessage(`${first}: ${user} ${answer.allowed ? 'can' : 'cannot'} ${verb} ${resource}${rest.length ? ` — ${rest[0]}` : ''}`, 'Show Details');
  if (choice) output.show(true);
}
