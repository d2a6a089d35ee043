import type { PolicyRule } from './rule';
import type { Subject } from './subjects';

/**
 * The part of Kubernetes 1.35's bootstrap RBAC policy that users bind to or rely on, written out by
 * hand from kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/
 * cluster-roles.yaml, cluster-role-bindings.yaml and namespace-roles.yaml (what policy.go makes with
 * the default feature gates). The API server creates these objects at start; `admin`, `edit` and
 * `view` have no rules of their own: the clusterrole-aggregation controller fills them from the
 * `system:aggregate-to-*` roles (and from every ClusterRole with their labels).
 */
export interface BootstrapRole {
  kind: 'ClusterRole' | 'Role';
  namespace: string;
  name: string;
  labels: Record<string, string>;
  rules: PolicyRule[];
  /** aggregationRule.clusterRoleSelectors, as matchLabels. */
  aggregate?: Array<Record<string, string>>;
}

export interface BootstrapBinding {
  kind: 'ClusterRoleBinding';
  name: string;
  roleName: string;
  subjects: Subject[];
}

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []): PolicyRule => ({ verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs });

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const ALL_RW = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const AGGREGATE_TO = (role: 'admin' | 'edit' | 'view'): string => `rbac.authorization.k8s.io/aggregate-to-${role}`;

const clusterRole = (name: string, rules: PolicyRule[], labels: Record<string, string> = {}, aggregate?: Array<Record<string, string>>): BootstrapRole => ({ kind: 'ClusterRole', namespace: '', name, labels, rules, ...(aggregate ? { aggregate } : {}) });

export const BOOTSTRAP_ROLES: BootstrapRole[] = [
  clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
  clusterRole('admin', [], {}, [{ [AGGREGATE_TO('admin')]: 'true' }]),
  clusterRole('edit', [], { [AGGREGATE_TO('admin')]: 'true' }, [{ [AGGREGATE_TO('edit')]: 'true' }]),
  clusterRole('view', [], { [AGGREGATE_TO('edit')]: 'true' }, [{ [AGGREGATE_TO('view')]: 'true' }]),
  clusterRole('system:aggregate-to-admin', [rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']), rule(ALL_RW, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles'])], { [AGGREGATE_TO('admin')]: 'true' }),
  clusterRole(
    'system:aggregate-to-edit',
    [
      rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
      rule(['impersonate'], [''], ['serviceaccounts']),
      rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
      rule(['create'], [''], ['pods/eviction']),
      rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
      rule(['create'], [''], ['serviceaccounts/token']),
      rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
      rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
      rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
      rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
      rule(WRITE, ['policy'], ['poddisruptionbudgets']),
      rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
      rule(ALL_RW, ['coordination.k8s.io'], ['leases']),
    ],
    { [AGGREGATE_TO('edit')]: 'true' },
  ),
  clusterRole(
    'system:aggregate-to-view',
    [
      rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
      rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
      rule(READ, [''], ['namespaces']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
      rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
      rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
      rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
    ],
    { [AGGREGATE_TO('view')]: 'true' },
  ),
  clusterRole('system:auth-delegator', [rule(['create'], ['authentication.k8s.io'], ['tokenreviews']), rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])]),
  clusterRole('system:basic-user', [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])]),
  clusterRole('system:discovery', [urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])]),
  clusterRole('system:monitoring', [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]),
  clusterRole('system:public-info-viewer', [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])]),
  clusterRole('system:service-account-issuer-discovery', [urls(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])]),
  // namespace-roles.yaml: what aggregated API servers bind their service accounts to.
  { kind: 'Role', namespace: 'kube-system', name: 'extension-apiserver-authentication-reader', labels: {}, rules: [rule(READ, [''], ['configmaps'], ['extension-apiserver-authentication'])] },
];

const group = (name: string): Subject => ({ kind: 'Group', name, namespace: '' });

export const BOOTSTRAP_BINDINGS: BootstrapBinding[] = [
  { kind: 'ClusterRoleBinding', name: 'cluster-admin', roleName: 'cluster-admin', subjects: [group('system:masters')] },
  { kind: 'ClusterRoleBinding', name: 'system:basic-user', roleName: 'system:basic-user', subjects: [group('system:authenticated')] },
  { kind: 'ClusterRoleBinding', name: 'system:discovery', roleName: 'system:discovery', subjects: [group('system:authenticated')] },
  { kind: 'ClusterRoleBinding', name: 'system:monitoring', roleName: 'system:monitoring', subjects: [group('system:monitoring')] },
  { kind: 'ClusterRoleBinding', name: 'system:public-info-viewer', roleName: 'system:public-info-viewer', subjects: [group('system:authenticated'), group('system:unauthenticated')] },
  { kind: 'ClusterRoleBinding', name: 'system:service-account-issuer-discovery', roleName: 'system:service-account-issuer-discovery', subjects: [group('system:serviceaccounts')] },
];
