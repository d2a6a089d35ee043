import { obj, type Obj } from '../model/obj';
import { labelsOf } from './labels';

/**
 * Whether a pod may go to a node by its taints, nodeSelector and required node affinity: what the
 * DaemonSet controller asks before making a node's pod (pkg/controller/daemon NodeShouldRunDaemonPod),
 * with the matching rules of k8s.io/component-helpers/scheduling/corev1.
 */

export function toleratesTaint(tolerations: unknown, taint: Obj): boolean {
  return (Array.isArray(tolerations) ? tolerations : []).some((t) => {
    const o = obj(t);
    if (!o) return false;
    if (o.effect !== undefined && o.effect !== '' && o.effect !== taint.effect) return false;
    if (o.key !== undefined && o.key !== '' && o.key !== taint.key) return false;
    if (o.operator === 'Exists') return true;
    return (o.value ?? '') === (taint.value ?? '');
  });
}

/** The first NoSchedule/NoExecute taint the tolerations don't cover. */
export function untoleratedTaint(node: Obj, tolerations: unknown): Obj | undefined {
  const taints = Array.isArray(obj(node.spec)?.taints) ? (obj(node.spec)!.taints as unknown[]) : [];
  return taints.map(obj).find((t): t is Obj => !!t && (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !toleratesTaint(tolerations, t));
}

function matchesRequirement(req: Obj, labels: Record<string, string>): boolean {
  const key = String(req.key ?? '');
  const values = Array.isArray(req.values) ? req.values.map(String) : [];
  const has = key in labels;
  switch (req.operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || values.length !== 1) return false;
      const [a, b] = [Number.parseInt(labels[key], 10), Number.parseInt(values[0], 10)];
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return req.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** nodeSelector and requiredDuringSchedulingIgnoredDuringExecution (terms ORed, an empty term matches nothing). */
export function matchesNodeSelectorAndAffinity(podSpec: Obj, node: Obj): boolean {
  const labels = labelsOf(node);
  for (const [k, v] of Object.entries(obj(podSpec.nodeSelector) ?? {})) if (labels[k] !== String(v)) return false;
  const required = obj(obj(obj(podSpec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution);
  if (!required) return true;
  const terms = Array.isArray(required.nodeSelectorTerms) ? required.nodeSelectorTerms.map(obj).filter((t): t is Obj => !!t) : [];
  const name = String(obj(node.metadata)?.name ?? '');
  return terms.some((term) => {
    const exprs = Array.isArray(term.matchExpressions) ? term.matchExpressions.map(obj).filter((e): e is Obj => !!e) : [];
    const fields = Array.isArray(term.matchFields) ? term.matchFields.map(obj).filter((e): e is Obj => !!e) : [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return exprs.every((e) => matchesRequirement(e, labels)) && fields.every((f) => f.key === 'metadata.name' && matchesRequirement(f, { 'metadata.name': name }));
  });
}
