import { RULES } from '../rules';
import type { SimulationFinding } from '../cluster/findings/types';
import { isBootstrapName } from '../checks/bestPractices/bootstrapPolicy';
import { closest } from '../model/suggest';
import type { BuiltinResources } from './resources';
import type { Policy } from './policy';
import { showObject, type RoleRule } from './roles';

/** What the target cluster serves: the built-in resources, and the workspace's CRDs' plurals by group. */
export interface ServedResources {
  builtin: BuiltinResources;
  /** group → plurals, for the groups of the workspace's CustomResourceDefinitions. */
  custom: Map<string, Set<string>>;
  kubernetesVersion: string;
}

/**
 * Whether a group serves a resource: undefined when kubeplan cannot know. A custom group is known
 * not to serve a resource only when the name is a near miss of one of the workspace's CRDs of that
 * group (a typo): projects share groups (argoproj.io: Argo CD's applications, Argo Workflows'
 * workflows), and the workspace may hold one project's CRDs only.
 */
function serves(served: ServedResources, group: string, resource: string): boolean | undefined {
  const base = resource.split('/')[0];
  if (served.builtin.isBuiltinGroup(group)) return served.builtin.has(group, base);
  const custom = served.custom.get(group);
  if (!custom || custom.has(base)) return custom ? true : undefined;
  return closest(base, custom) ? false : undefined;
}

const showGroup = (g: string): string => (g === '' ? 'the core group ("")' : g);

/** Whether one of the groups served the resource in an earlier version: an entry for older clusters. */
const former = (served: ServedResources, groups: string[], resource: string): boolean => groups.some((g) => served.builtin.wasServed(g, resource));

/** Where the resource is served instead, for the message. */
function elsewhere(served: ServedResources, resource: string): string {
  const base = resource.split('/')[0];
  const groups = [...served.builtin.groupsOf(base), ...[...served.custom].filter(([, plurals]) => plurals.has(base)).map(([g]) => g)];
  if (groups.length) return ` (it is in ${groups.map(showGroup).join(', ')})`;
  const near = closest(base, [...served.custom.values()].flatMap((plurals) => [...plurals]));
  return near ? ` (did you mean ${near}?)` : '';
}

/** The resources of a rule none of its groups serves, with their index; undefined when the rule may grant anything unknown. */
function missingResources(served: ServedResources, rule: RoleRule): Array<{ resource: string; index: number }> {
  const { apiGroups, resources, nonResourceURLs } = rule.rule;
  if (nonResourceURLs.length || apiGroups.includes('*')) return [];
  const out: Array<{ resource: string; index: number }> = [];
  resources.forEach((resource, index) => {
    if (resource === '*' || resource.startsWith('*/')) return;
    if (apiGroups.every((g) => serves(served, g, resource) === false)) out.push({ resource, index });
  });
  return out;
}

/**
 * KP221: a Role or ClusterRole of the workspace whose every rule names only resources its API groups
 * do not serve in the target version (a resource in the wrong group, a removed one, a typo): it
 * grants nothing. KP222: such a resource in a role that grants something else, unless the group
 * served it in an earlier version (kept for older clusters). Groups kubeplan
 * does not know (no built-in group, no CRD of the workspace) are taken to serve anything; aggregated
 * ClusterRoles (their rules are the controller's) and Kubernetes' own roles are left out.
 */
export function grantsNothingFindings(policy: Policy, served: ServedResources): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  for (const role of policy.allRoles) {
    if (!('manifest' in role.source) || isBootstrapName(role.name) || role.aggregation || role.rules.length === 0) continue;
    const m = role.source.manifest;
    const missing = role.rules.map((r) => ({ rule: r, resources: missingResources(served, r) }));
    const voidRule = (x: (typeof missing)[number]) => x.rule.rule.nonResourceURLs.length === 0 && x.rule.rule.resources.length > 0 && x.resources.length === x.rule.rule.resources.length;
    const what = (x: (typeof missing)[number], r: { resource: string }) =>
      `${r.resource} is not a resource of ${x.rule.rule.apiGroups.map(showGroup).join(' or ')}${former(served, x.rule.rule.apiGroups, r.resource) ? ' any more' : ''}${elsewhere(served, r.resource)}`;
    if (missing.every(voidRule)) {
      const reasons = [...new Set(missing.flatMap((x) => x.resources.map((r) => what(x, r))))];
      out.push({
        file: m.file,
        range: m.locate(['rules']),
        code: RULES.rbacRoleGrantsNothing.code,
        severity: RULES.rbacRoleGrantsNothing.severity,
        message: `${showObject(role)} grants nothing in Kubernetes ${served.kubernetesVersion}: ${reasons.join('; ')}`,
      });
      continue;
    }
    for (const x of missing) {
      // A removed resource beside its successor is kept for older clusters (extensions beside apps): no typo.
      for (const r of x.resources.filter((r) => !former(served, x.rule.rule.apiGroups, r.resource))) {
        out.push({
          file: m.file,
          range: m.locate(['rules', x.rule.index, 'resources', r.index]),
          code: RULES.rbacUnknownResource.code,
          severity: RULES.rbacUnknownResource.severity,
          message: `rules[${x.rule.index}]: ${what(x, r)} in Kubernetes ${served.kubernetesVersion}: this entry grants nothing`,
        });
      }
    }
  }
  return out;
}
