import type { FlowSchemaSpec, NonResourcePolicyRule, PolicyRulesWithSubjects, ResourcePolicyRule, Subject } from './types';

/**
 * Whether a FlowSchema earlier in matching order certainly matches every request a later one does, so
 * that the later one never matches. Conservative: each rule of the later schema must be covered by one
 * rule of the earlier one — all its subjects, each of its resource and non-resource rules by one rule
 * of the same kind. Subjects are covered by `*` (user or group), an equal subject, or a service
 * account `*` of the same namespace; lists by the wildcard list or a superset. A request two rules
 * cover together, or users in both system:authenticated and system:unauthenticated, are not reasoned about.
 */
export function shadows(earlier: FlowSchemaSpec, later: FlowSchemaSpec): boolean {
  return later.rules.length > 0 && later.rules.every((rule) => earlier.rules.some((e) => ruleCovers(e, rule)));
}

function ruleCovers(a: PolicyRulesWithSubjects, b: PolicyRulesWithSubjects): boolean {
  return (
    b.subjects.every((s) => a.subjects.some((t) => subjectCovers(t, s))) &&
    (b.resourceRules ?? []).every((r) => (a.resourceRules ?? []).some((q) => resourceRuleCovers(q, r))) &&
    (b.nonResourceRules ?? []).every((r) => (a.nonResourceRules ?? []).some((q) => nonResourceRuleCovers(q, r)))
  );
}

function subjectCovers(a: Subject, b: Subject): boolean {
  if ((a.kind === 'User' && a.user?.name === '*') || (a.kind === 'Group' && a.group?.name === '*')) return true;
  if (a.kind !== b.kind) return false;
  if (a.kind === 'User') return a.user?.name === b.user?.name;
  if (a.kind === 'Group') return a.group?.name === b.group?.name;
  const [x, y] = [a.serviceAccount, b.serviceAccount];
  return !!x && !!y && x.namespace === y.namespace && (x.name === '*' || x.name === y.name);
}

/** Every value list `b` matches, `a` matches too (containsString's semantics). */
function listCovers(a: readonly string[] | undefined, b: readonly string[] | undefined, wildcard: string): boolean {
  if (a?.length === 1 && a[0] === wildcard) return true;
  if (b?.length === 1 && b[0] === wildcard) return false;
  return (b ?? []).every((x) => (a ?? []).includes(x));
}

function resourceRuleCovers(a: ResourcePolicyRule, b: ResourcePolicyRule): boolean {
  return (
    listCovers(a.verbs, b.verbs, '*') &&
    listCovers(a.apiGroups, b.apiGroups, '*') &&
    listCovers(a.resources, b.resources, '*') &&
    (!b.clusterScope || a.clusterScope === true) &&
    listCovers(a.namespaces, b.namespaces, '*')
  );
}

function nonResourceRuleCovers(a: NonResourcePolicyRule, b: NonResourcePolicyRule): boolean {
  return listCovers(a.verbs, b.verbs, '*') && listCovers(a.nonResourceURLs, b.nonResourceURLs, '*');
}
