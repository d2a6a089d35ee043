import type { DocFinding } from '../../model/docFinding';
import type { Obj } from '../../model/obj';
import type { Workload } from '../../resources/workloads';
import type { JsonPath } from '../../yaml/nodeAt';
import type { DocSpans } from '../../yaml/spans';
import { podSpecAt, type PodSpecAt } from './podSpecAt';
import { probeFindings } from './probes';
import { privilegedFindings } from './privileged';
import { privilegeEscalationFindings } from './privilegeEscalation';
import { runAsNonRootFindings } from './runAsNonRoot';
import { hostNamespaceFindings } from './hostNamespaces';
import { hostPathFindings } from './hostPath';
import { readOnlyRootFilesystemFindings } from './readOnlyRootFilesystem';
import { capabilityFindings } from './capabilities';
import { duplicateEnvFindings } from './duplicateEnv';
import { rbacRuleFindings } from './rbacRules';
import { clusterAdminBindingFindings } from './clusterAdminBinding';

/** The checks of a pod spec, in code order (KP171–KP185; KP145 is the resource checks'). */
const POD_CHECKS: Array<(pod: PodSpecAt) => DocFinding[]> = [
  probeFindings,
  privilegedFindings,
  privilegeEscalationFindings,
  runAsNonRootFindings,
  hostNamespaceFindings,
  hostPathFindings,
  readOnlyRootFilesystemFindings,
  capabilityFindings,
  duplicateEnvFindings,
];

/**
 * The best-practice checks of one built-in object (docs/rules.md, KP171–KP189): its pod spec if it
 * makes pods, its rules if it is an RBAC role, its role reference if it is a binding. KP170 and KP197
 * need the whole workspace (workspace/imageTags.ts, workspace/disruptionBudgets.ts).
 */
export function bestPracticeFindings(object: Obj, group: string, workload: Workload | undefined, prefix: JsonPath, spans: DocSpans): DocFinding[] {
  if (workload) {
    const pod = podSpecAt(workload.kind, workload.podSpec, prefix, workload.podSpecPath, spans);
    return POD_CHECKS.flatMap((check) => check(pod));
  }
  if (group !== 'rbac.authorization.k8s.io') return [];
  if (object.kind === 'Role' || object.kind === 'ClusterRole') return rbacRuleFindings(object, prefix, spans);
  if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') return clusterAdminBindingFindings(object, prefix, spans);
  return [];
}
