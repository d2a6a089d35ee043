import { obj, type Obj } from '../../model/obj';
import type { FieldErrors } from '../../schema/fieldErrors';

/**
 * ValidatePolicyRule and ValidateRoleBindingSubject (pkg/apis/rbac/validation/validation.go): rules
 * need verbs, and resources with API groups unless they name non-resource URLs; bindings need a
 * subject kind. The paths have no `spec.`: rules, roleRef and subjects are top-level.
 */
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const empty = (v: unknown): boolean => !Array.isArray(v) || v.length === 0;

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
}

export function validateBinding(o: Obj, namespaced: boolean, fe: FieldErrors): void {
  const ref = obj(o.roleRef) ?? {};
  if (!namespaced && ref.kind === 'Role') fe.notSupported(['roleRef', 'kind'], ref.kind, ['ClusterRole']);
  list(o.subjects).forEach((s, i) => {
    if (s.kind === 'ServiceAccount') {
      if (typeof s.apiGroup === 'string' && s.apiGroup !== '') fe.notSupported(['subjects', i, 'apiGroup'], s.apiGroup, ['']);
      if (!namespaced && (typeof s.namespace !== 'string' || s.namespace === '')) fe.required(['subjects', i, 'namespace']);
    }
  });
}
