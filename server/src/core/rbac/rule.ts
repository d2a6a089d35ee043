import { obj } from '../model/obj';
import type { JsonPath } from '../yaml/nodeAt';
import type { Manifest } from '../cluster/manifests';

/** rbac/v1 PolicyRule; absent lists are empty. */
export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

/**
 * Where a role, rule or binding was written: a manifest of the workspace (and the path in it), or
 * Kubernetes' bootstrap policy (`bootstrap ClusterRole cluster-admin`).
 */
export type Source = { manifest: Manifest; path: JsonPath } | { bootstrap: string };

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function policyRuleOf(raw: unknown): PolicyRule {
  const r = obj(raw) ?? {};
  return { verbs: strings(r.verbs), apiGroups: strings(r.apiGroups), resources: strings(r.resources), resourceNames: strings(r.resourceNames), nonResourceURLs: strings(r.nonResourceURLs) };
}

/** `verbs [get list] resources [pods] (core)`, as the answers show a rule. */
export function showRule(rule: PolicyRule): string {
  const list = (xs: string[]) => `[${xs.join(' ')}]`;
  const parts = [`verbs ${list(rule.verbs)}`];
  if (rule.nonResourceURLs.length) parts.push(`nonResourceURLs ${list(rule.nonResourceURLs)}`);
  if (rule.resources.length) parts.push(`resources ${list(rule.resources)} of apiGroups ${list(rule.apiGroups.map((g) => (g === '' ? '""' : g)))}`);
  if (rule.resourceNames.length) parts.push(`resourceNames ${list(rule.resourceNames)}`);
  return parts.join(', ');
}
