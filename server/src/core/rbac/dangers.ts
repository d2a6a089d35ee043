import { ruleAllows, type Request } from './matching';
import type { PolicyRule } from './rule';

const resource = (verb: string, apiGroup: string, res: string, subresource = ''): Request => ({ verb, apiGroup, resource: res, subresource, name: '', namespace: 'any' });

/**
 * What makes a rule dangerous to hold, each a right that gives more than it says: reading Secrets
 * (service account tokens, keys), exec or attach into pods (their tokens and mounts), creating pods
 * (any service account of the namespace, host mounts), escalate, bind and impersonate (RBAC's own
 * escalation paths), nodes/proxy (the kubelet's API: exec in every pod of the node), and wildcards
 * (rights added later included). A rule that names its objects (resourceNames) is judged as if it
 * did not: it is still that right, on those objects.
 */
const DANGERS: Array<[label: string, requests: Request[]]> = [
  ['reads Secrets', ['get', 'list', 'watch'].map((v) => resource(v, '', 'secrets'))],
  ['exec into pods', [resource('create', '', 'pods', 'exec'), resource('get', '', 'pods', 'exec'), resource('create', '', 'pods', 'attach')]],
  ['creates pods', [resource('create', '', 'pods')]],
  ['escalate', [resource('escalate', 'rbac.authorization.k8s.io', 'roles'), resource('escalate', 'rbac.authorization.k8s.io', 'clusterroles')]],
  ['bind', [resource('bind', 'rbac.authorization.k8s.io', 'roles'), resource('bind', 'rbac.authorization.k8s.io', 'clusterroles')]],
  ['impersonate', ['users', 'groups', 'serviceaccounts'].map((r) => resource('impersonate', '', r))],
  ['nodes/proxy', [resource('get', '', 'nodes', 'proxy'), resource('create', '', 'nodes', 'proxy')]],
];

export function dangersOf(rule: PolicyRule): string[] {
  const anyName = { ...rule, resourceNames: [] };
  const out = DANGERS.filter(([, requests]) => requests.some((r) => ruleAllows(anyName, r))).map(([label]) => label);
  if (rule.verbs.includes('*') || rule.resources.includes('*') || rule.apiGroups.includes('*') || rule.nonResourceURLs.includes('*')) out.unshift('wildcard');
  return out;
}
