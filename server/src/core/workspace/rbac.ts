import { obj } from '../model/obj';
import type { SimulationFinding } from '../cluster/findings/types';
import { escalationFindings, grantsNothingFindings, type BuiltinResources, type Policy, type ServedResources } from '../rbac';
import type { WorkspaceObjects } from './references';

/** The workspace's CustomResourceDefinitions' plurals by group (what RBAC rules may name of those groups). */
function customResources(objects: WorkspaceObjects): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const m of objects.list('apiextensions.k8s.io', 'CustomResourceDefinition')) {
    const spec = obj(m.object.spec) ?? {};
    const plural = obj(spec.names)?.plural;
    if (typeof spec.group !== 'string' || typeof plural !== 'string') continue;
    const set = out.get(spec.group) ?? new Set<string>();
    set.add(plural);
    out.set(spec.group, set);
  }
  return out;
}

/**
 * What the workspace's RBAC says as a whole (KP220–KP222): rules that open an escalation path,
 * roles that grant nothing, resources no group of their rule serves.
 */
export function rbacFindings(objects: WorkspaceObjects, policy: Policy, builtin: BuiltinResources, kubernetesVersion: string): SimulationFinding[] {
  const served: ServedResources = { builtin, custom: customResources(objects), kubernetesVersion };
  return [...escalationFindings(policy), ...grantsNothingFindings(policy, served)];
}
