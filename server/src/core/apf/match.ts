import type { FlowSchemaSpec, NonResourcePolicyRule, PolicyRulesWithSubjects, RequestDigest, ResourcePolicyRule, Subject } from './types';

/**
 * Whether a request matches a FlowSchema: a port of k8s.io/apiserver v0.35.7
 * pkg/util/flowcontrol/rule.go, names kept. A rule matches when one of its subjects is the user and,
 * for a resource request, one of its resource rules matches (else one of its non-resource rules).
 */
export function matchesFlowSchema(digest: RequestDigest, spec: FlowSchemaSpec): boolean {
  return spec.rules.some((rule) => matchesPolicyRule(digest, rule));
}

export function matchesPolicyRule(digest: RequestDigest, rule: PolicyRulesWithSubjects): boolean {
  if (!rule.subjects.some((s) => matchesSubject(digest.user, s))) return false;
  if (digest.resource) return (rule.resourceRules ?? []).some((r) => matchesResourcePolicyRule(digest, r));
  return (rule.nonResourceRules ?? []).some((r) => matchesNonResourcePolicyRule(digest, r));
}

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function matchesSubject(user: RequestDigest['user'], subject: Subject): boolean {
  switch (subject.kind) {
    case 'User':
      return !!subject.user && (subject.user.name === '*' || subject.user.name === user.name);
    case 'Group':
      return !!subject.group && (subject.group.name === '*' || user.groups.includes(subject.group.name));
    case 'ServiceAccount': {
      const sa = subject.serviceAccount;
      if (!sa) return false;
      // serviceAccountMatchesNamespace: the username's namespace part, then a colon.
      if (sa.name === '*') return user.name.startsWith(`${SERVICE_ACCOUNT_PREFIX}${sa.namespace}:`);
      return user.name === `${SERVICE_ACCOUNT_PREFIX}${sa.namespace}:${sa.name}`;
    }
    default:
      return false;
  }
}

/**
 * `x` is in the list, or the list is exactly the wildcard: the wildcard is no pattern, and validation
 * makes it the list's only member (upstream containsString).
 */
export function containsString(x: string, list: readonly string[] | undefined, wildcard: string): boolean {
  if (!list) return false;
  if (list.length === 1 && list[0] === wildcard) return true;
  return list.includes(x);
}

export function matchesResourcePolicyRule(digest: RequestDigest, rule: ResourcePolicyRule): boolean {
  const r = digest.resource;
  if (!r) return false;
  if (!containsString(digest.verb, rule.verbs, '*')) return false;
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  if (!containsString(resource, rule.resources, '*')) return false;
  if (!containsString(r.apiGroup, rule.apiGroups, '*')) return false;
  if (!r.namespace) return rule.clusterScope === true;
  return containsString(r.namespace, rule.namespaces, '*');
}

export function matchesNonResourcePolicyRule(digest: RequestDigest, rule: NonResourcePolicyRule): boolean {
  if (!containsString(digest.verb, rule.verbs, '*')) return false;
  return matchPolicyRuleNonResourceURL(rule.nonResourceURLs, digest.path ?? '');
}

/** `*`, the path itself, or a prefix: the rule without a trailing `*`, ending in `/`. */
export function matchPolicyRuleNonResourceURL(urls: readonly string[], path: string): boolean {
  for (const rulePath of urls) {
    if (rulePath === '*' || rulePath === path) return true;
    let prefix = rulePath.endsWith('*') ? rulePath.slice(0, -1) : rulePath;
    if (!prefix.endsWith('/')) prefix += '/';
    if (path.startsWith(prefix)) return true;
  }
  return false;
}
