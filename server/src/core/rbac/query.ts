import type { Request } from './matching';
import type { BuiltinResources } from './resources';
import { canI, whoCan } from './authorize';
import { canIText, whoCanText, type Where } from './answer';
import { userInfoFor } from './subjects';
import type { Policy } from './policy';

/** A `can-i` or `who-can` question as the command line (or the editor's command) asks it. */
export interface Query {
  verb: string;
  /** `pods`, `pods/log`, `deployments.apps`, `deploy`; or a non-resource URL (`/healthz`). */
  resource: string;
  name?: string;
  /** The request's namespace (ignored for cluster-scoped resources). */
  namespace: string;
  /** can-i: `--as` (a service account as `system:serviceaccount:NS:NAME`) and `--as-group`. */
  user?: string;
  groups?: string[];
}

export interface Answer {
  allowed: boolean;
  /** The answer, first line `yes` or `no` (who-can: one subject a line). */
  text: string;
  /** What kubectl would warn of (a resource the target version does not have). */
  warnings: string[];
}

/** The authorizer's request for a query: a URL, or a resource resolved as kubectl does (resources.ts). */
export function requestOf(query: Query, builtin: BuiltinResources): { request: Request; warnings: string[] } {
  if (query.resource.startsWith('/')) return { request: { verb: query.verb, path: query.resource }, warnings: [] };
  const parsed = builtin.parse(query.resource);
  const warnings = parsed.known ? [] : [`resource "${query.resource}" is not a built-in resource of this Kubernetes version: taken as ${parsed.resource}${parsed.apiGroup ? `.${parsed.apiGroup}` : ' of the core group'} (name its group: RESOURCE.GROUP)`];
  // A cluster-scoped resource has no namespace: only ClusterRoleBindings grant it.
  const namespace = builtin.isClusterScoped(parsed.apiGroup, parsed.resource) ? '' : query.namespace;
  return { request: { verb: query.verb, apiGroup: parsed.apiGroup, resource: parsed.resource, subresource: parsed.subresource, name: query.name ?? '', namespace }, warnings };
}

export function answerCanI(policy: Policy, builtin: BuiltinResources, query: Query, where: Where): Answer {
  const { request, warnings } = requestOf(query, builtin);
  const user = userInfoFor(query.user ?? 'system:anonymous', query.groups);
  const decision = canI(policy, user, request);
  return { allowed: decision.allowed, text: canIText(policy, user, request, decision, where), warnings };
}

export function answerWhoCan(policy: Policy, builtin: BuiltinResources, query: Query, where: Where): Answer {
  const { request, warnings } = requestOf(query, builtin);
  const granted = whoCan(policy, request);
  return { allowed: granted.length > 0, text: whoCanText(policy, request, granted, where), warnings };
}
