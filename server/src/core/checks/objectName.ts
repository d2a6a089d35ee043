import {
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isValidPathSegmentName,
} from '../schema/apimachineryValidation';

type NameRule = (name: string) => string[];

/**
 * How the API server validates metadata.name per kind (the ValidateXName functions of
 * pkg/apis/<group>/validation/validation.go). Kinds not listed are not checked, so no false positives.
 */
const BY_KIND: Record<string, NameRule> = {
  Namespace: isDNS1123Label, // ValidateNamespaceName
  Service: isDNS1035Label, // ValidateServiceName
  Role: isValidPathSegmentName, // ValidateRBACName
  ClusterRole: isValidPathSegmentName,
  RoleBinding: isValidPathSegmentName,
  ClusterRoleBinding: isValidPathSegmentName,
};
const SUBDOMAIN_KINDS = [
  'Pod', 'ConfigMap', 'Secret', 'ServiceAccount', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet',
  'ReplicationController', 'Job', 'CronJob', 'PersistentVolumeClaim', 'PersistentVolume', 'Node', 'Ingress',
  'IngressClass', 'NetworkPolicy', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'PriorityClass',
  'StorageClass', 'LimitRange', 'ResourceQuota', 'Endpoints', 'EndpointSlice', 'PodTemplate',
  'CustomResourceDefinition',
];
for (const k of SUBDOMAIN_KINDS) BY_KIND[k] = isDNS1123Subdomain;

/** Upstream messages for an invalid metadata.name of a built-in kind (empty when valid or unchecked). */
export function objectNameProblems(kind: string, name: string, builtin: boolean): string[] {
  const rule = builtin ? BY_KIND[kind] : isDNS1123Subdomain; // custom resources: NameIsDNSSubdomain
  const problems = rule ? rule(name) : [];
  // ValidateCronJob: the Job name gets an 11-character suffix, so CronJob names stop at 52.
  if (builtin && kind === 'CronJob' && Buffer.byteLength(name) > 52) problems.push('must be no more than 52 characters');
  return problems;
}
