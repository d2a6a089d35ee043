import { ruleAllows, type Request } from './matching';
import type { PolicyRule } from './rule';

/**
 * Whether the owner's rules cover every right of the servant's (pkg/registry/rbac/validation
 * Covers): each servant rule broken into single requests — a verb, group, resource and name each,
 * `*` taken literally so that only `*` covers `*` — must be allowed by some owner rule.
 */
export function covers(owner: PolicyRule[], servant: PolicyRule[]): boolean {
  const allowed = (request: Request) => owner.some((o) => ruleAllows(o, request));
  return servant.every((rule) => {
    for (const verb of rule.verbs) {
      for (const path of rule.nonResourceURLs) if (!allowed({ verb, path })) return false;
      for (const apiGroup of rule.apiGroups) {
        for (const combined of rule.resources) {
          const slash = combined.indexOf('/');
          const resource = slash === -1 ? combined : combined.slice(0, slash);
          const subresource = slash === -1 ? '' : combined.slice(slash + 1);
          for (const name of rule.resourceNames.length ? rule.resourceNames : ['']) {
            // ruleAllows joins resource and subresource again: `*/scale` stays `*/scale`.
            if (!allowed({ verb, apiGroup, resource, subresource, name, namespace: 'any' })) return false;
          }
        }
      }
    }
    return true;
  });
}
