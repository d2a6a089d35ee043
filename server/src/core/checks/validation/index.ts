import { obj, type Obj } from '../../model/obj';
import { FieldErrors, type FieldError } from '../../schema/fieldErrors';
import { validateObjectMeta } from './objectMeta';
import { validatePodSpec } from './podSpec';
import { validateCronJob, validateDaemonSet, validateDeployment, validateJob, validateReplicaSet, validateReplicationController, validateStatefulSet } from './workloads';
import { validateService } from './service';
import { validateConfigMap, validateSecret } from './configData';
import { validatePersistentVolumeClaimSpec } from './storage';
import { validateHorizontalPodAutoscaler, validatePodDisruptionBudget } from './scaling';
import { validateIngress, validateNetworkPolicy } from './networking';
import { validateBinding, validateRules } from './rbac';
import { validateCustomResourceDefinition } from './customResourceDefinition';
import type { CelPrograms } from '../../cel/programs';

export type { FieldError } from '../../schema/fieldErrors';

const specOf = (o: Obj): Obj => obj(o.spec) ?? {};

/** The API server's validation of each built-in kind (pkg/apis/<group>/validation), by `group/Kind`. */
const VALIDATORS: Record<string, (o: Obj, fe: FieldErrors, celPrograms?: CelPrograms) => void> = {
  '/Pod': (o, fe) => validatePodSpec(specOf(o), ['spec'], fe, { pod: true }),
  '/PodTemplate': (o, fe) => validatePodSpec(obj(obj(o.template)?.spec) ?? {}, ['template', 'spec'], fe, { pod: false }),
  '/ReplicationController': (o, fe) => validateReplicationController(specOf(o), fe),
  '/Service': (o, fe) => validateService(specOf(o), fe),
  '/ConfigMap': validateConfigMap,
  '/Secret': validateSecret,
  '/PersistentVolumeClaim': (o, fe) => validatePersistentVolumeClaimSpec(specOf(o), ['spec'], fe),
  'apps/Deployment': (o, fe) => validateDeployment(specOf(o), fe),
  'apps/ReplicaSet': (o, fe) => validateReplicaSet(specOf(o), fe),
  'apps/DaemonSet': (o, fe) => validateDaemonSet(specOf(o), fe),
  'apps/StatefulSet': (o, fe) => validateStatefulSet(specOf(o), fe),
  'batch/Job': (o, fe) => validateJob(specOf(o), ['spec'], fe),
  'batch/CronJob': (o, fe) => validateCronJob(specOf(o), fe),
  'policy/PodDisruptionBudget': (o, fe) => validatePodDisruptionBudget(specOf(o), fe),
  'autoscaling/HorizontalPodAutoscaler': (o, fe) => validateHorizontalPodAutoscaler(specOf(o), fe),
  'networking.k8s.io/Ingress': (o, fe) => validateIngress(specOf(o), fe),
  'networking.k8s.io/NetworkPolicy': (o, fe) => validateNetworkPolicy(specOf(o), fe),
  'rbac.authorization.k8s.io/Role': (o, fe) => validateRules(o, true, fe),
  'rbac.authorization.k8s.io/ClusterRole': (o, fe) => validateRules(o, false, fe),
  'rbac.authorization.k8s.io/RoleBinding': (o, fe) => validateBinding(o, true, fe),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (o, fe) => validateBinding(o, false, fe),
  'apiextensions.k8s.io/CustomResourceDefinition': validateCustomResourceDefinition,
};

/** The kinds whose API server validation kubeplan runs (docs/rules.md, KP129). */
export const VALIDATED_KINDS = Object.keys(VALIDATORS);

/**
 * What the API server's validation of a built-in object reports beyond its schema, in its own words,
 * for a target Kubernetes version (bad values print differently from 1.34). `group` is the API group
 * ('' for core). A CRD's rules are compiled through `celPrograms` when given, so its custom
 * resources reuse them.
 */
export function validateBuiltin(o: Obj, group: string, kind: string, kubernetesVersion: string, celPrograms?: CelPrograms): FieldError[] {
  const fe = new FieldErrors(kubernetesVersion);
  validateObjectMeta(o, fe);
  VALIDATORS[`${group}/${kind}`]?.(o, fe, celPrograms);
  return fe.list;
}
