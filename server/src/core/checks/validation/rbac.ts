import { obj, type Obj } from '../../model/obj';
import { isDNS1123Subdomain, isValidPathSegmentName } from '../../schema/apimachineryValidation';
import type { FieldErrors } from '../../schema/fieldErrors';

/**
 * ValidatePolicyRule, ValidateRoleBinding / ValidateClusterRoleBinding and ValidateRoleBindingSubject
 * (pkg/apis/rbac/validation/validation.go), after pkg/apis/rbac/v1 defaulting (an empty
 * roleRef.apiGroup, and a User's or Group's apiGroup, become rbac.authorization.k8s.io). The paths
 * have no `spec.`: rules, roleRef and subjects are top-level.
 */
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const empty = (v: unknown): boolean => !Array.isArray(v) || v.length === 0;
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateRules(o: Obj, namespaced: boolean, fe: FieldErrors): void {
  list(o.rules).forEach((rule, i) => {
    const at = ['rules', i];
    if (empty(rule.verbs)) fe.required([...at, 'verbs'], 'verbs must contain at least one value');
    if (!empty(rule.nonResourceURLs)) {
      if (namespaced) fe.invalid([...at, 'nonResourceURLs'], rule.nonResourceURLs, 'namespaced rules cannot apply to non-resource URLs');
      if (!empty(rule.apiGroups) || !empty(rule.resources) || !empty(rule.resourceNames)) fe.invalid([...at, 'nonResourceURLs'], rule.nonResourceURLs, 'rules cannot apply to both regular resources and non-resource URLs');
      return;
    }
    if (empty(rule.apiGroups)) fe.required([...at, 'apiGroups'], 'resource rules must supply at least one api group');
    if (empty(rule.resources)) fe.required([...at, 'resources'], 'resource rules must supply at least one resource');
  });
  const aggregation = obj(o.aggregationRule);
  if (!namespaced && aggregation && empty(aggregation.clusterRoleSelectors)) {
    fe.required(['aggregationRule', 'clusterRoleSelectors'], 'at least one clusterRoleSelector required if aggregationRule is non-nil');
  }
}

export function validateBinding(o: Obj, namespaced: boolean, fe: FieldErrors): void {
  const ref = obj(o.roleRef) ?? {};
  const apiGroup = str(ref.apiGroup) || RBAC_GROUP;
  if (apiGroup !== RBAC_GROUP) fe.notSupported(['roleRef', 'apiGroup'], apiGroup, [RBAC_GROUP]);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(str(ref.kind))) fe.notSupported(['roleRef', 'kind'], str(ref.kind), kinds);
  const name = str(ref.name);
  if (name === '') fe.required(['roleRef', 'name']);
  else for (const msg of isValidPathSegmentName(name)) fe.invalid(['roleRef', 'name'], name, msg);
  list(o.subjects).forEach((s, i) => validateSubject(s, namespaced, ['subjects', i], fe));
}

function validateSubject(s: Obj, namespaced: boolean, at: (string | number)[], fe: FieldErrors): void {
  const name = str(s.name);
  if (name === '') fe.required([...at, 'name']);
  const kind = str(s.kind);
  const apiGroup = str(s.apiGroup);
  if (kind === 'ServiceAccount') {
    // ValidateServiceAccountName: a DNS subdomain.
    if (name !== '') for (const msg of isDNS1123Subdomain(name)) fe.invalid([...at, 'name'], name, msg);
    if (apiGroup !== '') fe.notSupported([...at, 'apiGroup'], apiGroup, ['']);
    if (!namespaced && str(s.namespace) === '') fe.required([...at, 'namespace']);
  } else if (kind === 'User' || kind === 'Group') {
    const group = apiGroup || RBAC_GROUP;
    if (group !== RBAC_GROUP) fe.notSupported([...at, 'apiGroup'], group, [RBAC_GROUP]);
  } else fe.notSupported([...at, 'kind'], kind, ['ServiceAccount', 'User', 'Group']);
}
