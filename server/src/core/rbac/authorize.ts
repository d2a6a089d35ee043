import { closeness, isResourceRequest, ruleAllows, type Request } from './matching';
import { subjectKey, userKeys, type Subject, type UserInfo } from './subjects';
import type { Grant, Policy } from './policy';
import type { Binding, RoleRule } from './roles';

/** A rule that allows the request, and the binding that gives it to the user. */
export interface Granted {
  rule: RoleRule;
  binding: Binding;
  subject: Subject;
}

export type Decision =
  | ({ allowed: true } & Granted)
  | {
      allowed: false;
      /** The workspace's bindings of the user or its groups (the bootstrap ones aside). */
      bound: Grant[];
      /** Those of them that apply to the request (ClusterRoleBindings; RoleBindings of its namespace). */
      applicable: Grant[];
      /** Applicable bindings whose role does not exist. */
      missingRoles: Grant[];
      /** The rule of an applicable binding that comes closest to allowing it. */
      closest?: Granted;
    };

const isBootstrap = (b: Binding): boolean => 'bootstrap' in b.source;

/**
 * Whether a binding's rules are considered for a request: every ClusterRoleBinding, and the
 * RoleBindings of the request's namespace (a RoleBinding to a ClusterRole grants its rules in that
 * namespace only; cluster-scoped and non-resource requests see ClusterRoleBindings only).
 */
export function applies(binding: Binding, request: Request): boolean {
  if (binding.kind === 'ClusterRoleBinding') return true;
  return isResourceRequest(request) && request.namespace !== '' && binding.namespace === request.namespace;
}

/**
 * plugin/pkg/auth/authorizer/rbac/rbac.go Authorize: allowed when a rule of a role bound to the
 * user (or one of its groups) allows the request. RBAC never denies; "no" is the absence of a rule.
 * The workspace's bindings are visited before the bootstrap ones, so the answer names the manifest.
 */
export function canI(policy: Policy, user: UserInfo, request: Request): Decision {
  const grants = policy.grantsFor(userKeys(user));
  const ordered = [...grants.filter((g) => !isBootstrap(g.binding)), ...grants.filter((g) => isBootstrap(g.binding))];
  const applicable = ordered.filter((g) => applies(g.binding, request));
  const missingRoles: Grant[] = [];
  let closest: { granted: Granted; score: number } | undefined;
  for (const grant of applicable) {
    const role = policy.roleOf(grant.binding);
    if (!role) {
      missingRoles.push(grant);
      continue;
    }
    for (const rule of policy.rulesOf(role)) {
      if (ruleAllows(rule.rule, request)) return { allowed: true, rule, binding: grant.binding, subject: grant.subject };
      const score = closeness(rule.rule, request);
      if (score > 0 && (!closest || score > closest.score)) closest = { granted: { rule, binding: grant.binding, subject: grant.subject }, score };
    }
  }
  const own = (g: Grant) => !isBootstrap(g.binding);
  return { allowed: false, bound: grants.filter(own), applicable: applicable.filter(own), missingRoles, ...(closest ? { closest: closest.granted } : {}) };
}

/** Every subject bound to a rule that allows the request, with that binding and rule (bindings in order). */
export function whoCan(policy: Policy, request: Request): Granted[] {
  const out: Granted[] = [];
  for (const binding of policy.bindings) {
    if (!applies(binding, request)) continue;
    const role = policy.roleOf(binding);
    const rule = role && policy.rulesOf(role).find((r) => ruleAllows(r.rule, request));
    if (rule) for (const subject of binding.subjects) if (subjectKey(subject, binding.namespace) !== undefined) out.push({ rule, binding, subject });
  }
  return out;
}
