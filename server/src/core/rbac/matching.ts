import type { PolicyRule } from './rule';

/**
 * What one request asks, as the authorizer sees it (k8s.io/apiserver authorizer.Attributes): a
 * resource request (namespace '' when cluster-scoped or across all namespaces, name '' for list and
 * create) or a non-resource request (a URL path).
 */
export type Request =
  | { verb: string; apiGroup: string; resource: string; subresource: string; name: string; namespace: string; path?: undefined }
  | { verb: string; path: string };

export const isResourceRequest = (r: Request): r is Extract<Request, { resource: string }> => r.path === undefined;

// The matchers of pkg/apis/rbac/v1/evaluation_helpers.go: `*` alone matches anything, and nothing
// else is a pattern except `*/subresource` in resources and a trailing `*` in non-resource URLs.

export const verbMatches = (rule: PolicyRule, verb: string): boolean => rule.verbs.some((v) => v === '*' || v === verb);

export const apiGroupMatches = (rule: PolicyRule, group: string): boolean => rule.apiGroups.some((g) => g === '*' || g === group);

// `combined` is `resource` or `resource/subresource`. `pods` does not cover `pods/log`; `*/log`
// covers the log subresource of every resource; `pods/*` is no pattern (it matches only itself).
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return rule.resources.some((r) => r === '*' || r === combined || (subresource !== '' && r === `*/${subresource}`));
}

/** No resourceNames: any object; else the request must name one of them (list and create name none). */
export const resourceNameMatches = (rule: PolicyRule, name: string): boolean => rule.resourceNames.length === 0 || rule.resourceNames.includes(name);

/** `*`, the path itself, or a prefix ending in `*` (`/healthz/*` does not match `/healthz`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some((u) => u === '*' || u === path || (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))));
}

/** plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows. */
export function ruleAllows(rule: PolicyRule, request: Request): boolean {
  if (!isResourceRequest(request)) return verbMatches(rule, request.verb) && nonResourceURLMatches(rule, request.path);
  const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  return verbMatches(rule, request.verb) && apiGroupMatches(rule, request.apiGroup) && resourceMatches(rule, combined, request.subresource) && resourceNameMatches(rule, request.name);
}

/**
 * How close a rule comes to allowing a request (0–4 of verb, group, resource, name; 0–2 for URLs),
 * to name the nearest rule when none allows it.
 */
export function closeness(rule: PolicyRule, request: Request): number {
  if (!isResourceRequest(request)) return rule.nonResourceURLs.length ? Number(verbMatches(rule, request.verb)) + Number(nonResourceURLMatches(rule, request.path)) : 0;
  if (rule.resources.length === 0) return 0;
  const combined = request.subresource ? `${request.resource}/${request.subresource}` : request.resource;
  const resource = resourceMatches(rule, combined, request.subresource);
  const group = apiGroupMatches(rule, request.apiGroup);
  // A rule on other resources of other groups is no near miss, whatever its verbs.
  if (!resource && !group) return 0;
  // The resource weighs most: a rule on the right resource with the wrong verb is the near miss.
  return Number(verbMatches(rule, request.verb)) + Number(group) + 2 * Number(resource) + Number(resource && resourceNameMatches(rule, request.name));
}
