import { isResourceRequest, type Request } from './matching';
import { showRule, type Source } from './rule';
import { showSubject, type UserInfo } from './subjects';
import type { Decision, Granted } from './authorize';
import type { Policy } from './policy';
import { showObject, type Binding, type Role, type RoleRule } from './roles';

/** Where a source is, as the front end names places (`rbac/roles.yaml:12`). */
export type Where = (source: Extract<Source, { manifest: unknown }>) => string;

const at = (o: { source: Source } & Parameters<typeof showObject>[0], where: Where): string => ('bootstrap' in o.source ? o.source.bootstrap : `${showObject(o)} (${where(o.source)})`);

/** `rules[2] of Role team/reader (rbac/role.yaml:9)`, and the aggregated role that took it in. */
function showRoleRule(rule: RoleRule, bound: Role | undefined, where: Where): string {
  const source = 'bootstrap' in rule.source ? rule.role.source : rule.source;
  const own = 'bootstrap' in source ? `rules[${rule.index}] of ${source.bootstrap}` : `rules[${rule.index}] of ${showObject(rule.role)} (${where(source)})`;
  return bound && bound !== rule.role ? `${own}, aggregated into ${showObject(bound)}` : own;
}

const showBinding = (b: Binding, where: Where): string => at(b, where);

/** `get pods/log "web" in namespace "team"`, `get /healthz`. */
export function showRequest(request: Request): string {
  if (!isResourceRequest(request)) return `${request.verb} ${request.path}`;
  const resource = `${request.resource}${request.apiGroup ? `.${request.apiGroup}` : ''}${request.subresource ? `/${request.subresource}` : ''}`;
  return `${request.verb} ${resource}${request.name ? ` "${request.name}"` : ''}${request.namespace ? ` in namespace "${request.namespace}"` : ' (cluster-wide)'}`;
}

/** A granted rule in two lines: the rule, and the binding to the subject. */
function grantedLines(policy: Policy, g: Granted, where: Where): string[] {
  return [`rule: ${showRoleRule(g.rule, policy.roleOf(g.binding), where)}: ${showRule(g.rule.rule)}`, `binding: ${showBinding(g.binding, where)} to ${showSubject(g.subject, g.binding.namespace)}`];
}

/**
 * `kubeplan can-i`'s answer, as `kubectl auth can-i` begins it: `yes` or `no`, then what grants it,
 * or why nothing does.
 */
export function canIText(policy: Policy, user: UserInfo, request: Request, decision: Decision, where: Where): string {
  if (decision.allowed) return ['yes', ...grantedLines(policy, decision, where)].join('\n') + '\n';
  const lines = ['no'];
  const who = `User "${user.name}" or its groups (${user.groups.join(', ')})`;
  if (decision.bound.length === 0) {
    lines.push(`no RoleBinding or ClusterRoleBinding of these manifests names ${who}; the bootstrap policy grants nothing that allows ${showRequest(request)}`);
  } else if (decision.applicable.length === 0) {
    const elsewhere = decision.bound.map((g) => `${showBinding(g.binding, where)} grants in namespace "${g.binding.namespace}"`);
    lines.push(`no binding of ${who} applies to ${showRequest(request)}: ${elsewhere.slice(0, 3).join('; ')}${elsewhere.length > 3 ? `; and ${elsewhere.length - 3} more` : ''}`);
  } else {
    const roles = [...new Set(decision.applicable.map((g) => policy.roleOf(g.binding)).filter((r): r is Role => !!r))];
    lines.push(`the roles bound to ${who} do not allow ${showRequest(request)}${roles.length ? ` (${roles.map((r) => showObject(r)).join(', ')})` : ''}`);
    for (const g of decision.missingRoles) lines.push(`${showBinding(g.binding, where)} refers to ${g.binding.roleRef.kind} "${g.binding.roleRef.name}", which does not exist: it grants nothing`);
    if (decision.closest) lines.push(`closest ${grantedLines(policy, decision.closest, where).join('\n  ')}`);
  }
  return lines.join('\n') + '\n';
}

/** `kubeplan who-can`: one line per subject, with its binding and the rule. */
export function whoCanText(policy: Policy, request: Request, granted: Granted[], where: Where): string {
  if (granted.length === 0) return `no subject can ${showRequest(request)}\n`;
  return granted.map((g) => `${showSubject(g.subject, g.binding.namespace)}: ${showBinding(g.binding, where)}; ${showRoleRule(g.rule, policy.roleOf(g.binding), where)}`).join('\n') + '\n';
}
