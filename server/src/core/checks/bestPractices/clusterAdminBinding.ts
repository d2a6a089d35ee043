import { RULES } from '../../rules';
import { docFinding, type DocFinding } from '../../model/docFinding';
import { isObj, obj, type Obj } from '../../model/obj';
import type { JsonPath } from '../../yaml/nodeAt';
import type { DocSpans } from '../../yaml/spans';
import { isBootstrapName } from './bootstrapPolicy';

/**
 * KP187: a ClusterRoleBinding or RoleBinding to the ClusterRole `cluster-admin`: its subjects can do
 * anything, in the whole cluster (in the binding's namespace for a RoleBinding, its roles and
 * bindings included). Kubernetes' own bindings (bootstrapPolicy.ts) are left out.
 */
export function clusterAdminBindingFindings(binding: Obj, prefix: JsonPath, spans: DocSpans): DocFinding[] {
  const meta = obj(binding.metadata);
  const roleRef = obj(binding.roleRef);
  if (isBootstrapName(meta?.name) || roleRef?.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') return [];
  const subjects = (Array.isArray(binding.subjects) ? binding.subjects : []).filter(isObj).map(subjectName);
  const who = subjects.length === 0 ? 'no subject yet' : subjects.length <= 3 ? subjects.join(', ') : `${subjects.slice(0, 3).join(', ')} and ${subjects.length - 3} more`;
  const scope = binding.kind === 'ClusterRoleBinding' ? 'anything in the whole cluster' : `anything in ${typeof meta?.namespace === 'string' ? `namespace ${meta.namespace}` : "the binding's namespace"}, its roles and bindings included`;
  return [docFinding(RULES.clusterAdminBinding, `binds cluster-admin to ${who}: they can do ${scope}; bind a role with only the permissions they need`, spans.value([...prefix, 'roleRef', 'name']))];
}

function subjectName(s: Obj): string {
  const name = typeof s.name === 'string' ? s.name : '?';
  return s.kind === 'ServiceAccount' && typeof s.namespace === 'string' ? `ServiceAccount ${s.namespace}/${name}` : `${String(s.kind ?? 'subject')} ${name}`;
}
