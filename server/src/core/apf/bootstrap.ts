import type { DistinguisherMethod, FlowSchemaSpec, PolicyRulesWithSubjects, PriorityLevelSpec, Subject } from './types';

/**
 * The configuration a Kubernetes 1.35 API server creates (k8s.io/apiserver v0.35.7,
 * pkg/apis/flowcontrol/bootstrap/default.go): mandatory objects, which the API server always restores,
 * and suggested ones, which it keeps up to date unless `apf.kubernetes.io/autoupdate-spec` is "false"
 * (kubernetes pkg/registry/flowcontrol/ensurer/strategy.go). 1.34 removed the FlowSchemas
 * workload-leader-election and endpoint-controller.
 */

export const AUTO_UPDATE_ANNOTATION = 'apf.kubernetes.io/autoupdate-spec';

export interface BootstrapObject<T> {
  name: string;
  spec: T;
}

const groups = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'Group', group: { name } }));
const users = (...names: string[]): Subject[] => names.map((name) => ({ kind: 'User', user: { name } }));
const kubeSystemServiceAccount = (name: string): Subject[] => [{ kind: 'ServiceAccount', serviceAccount: { namespace: 'kube-system', name } }];

/** Every request of the subjects (upstream's ruleRscAll + ruleNonRscAll). */
const all = (subjects: Subject[]): PolicyRulesWithSubjects => ({
  subjects,
  resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], namespaces: ['*'], clusterScope: true }],
  nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
});

function flowSchema(name: string, priorityLevel: string, matchingPrecedence: number, distinguisher: DistinguisherMethod | '', ...rules: PolicyRulesWithSubjects[]): BootstrapObject<FlowSchemaSpec> {
  return {
    name,
    spec: { priorityLevelConfiguration: { name: priorityLevel }, matchingPrecedence, ...(distinguisher ? { distinguisherMethod: { type: distinguisher } } : {}), rules },
  };
}

function queuing(nominalConcurrencyShares: number, lendablePercent: number, queues: number, handSize: number, queueLengthLimit: number): PriorityLevelSpec {
  return { type: 'Limited', limited: { nominalConcurrencyShares, lendablePercent, limitResponse: { type: 'Queue', queuing: { queues, handSize, queueLengthLimit } } } };
}

export const MANDATORY_PRIORITY_LEVELS: ReadonlyArray<BootstrapObject<PriorityLevelSpec>> = [
  { name: 'catch-all', spec: { type: 'Limited', limited: { nominalConcurrencyShares: 5, lendablePercent: 0, limitResponse: { type: 'Reject' } } } },
  { name: 'exempt', spec: { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } } },
];

export const MANDATORY_FLOW_SCHEMAS: ReadonlyArray<BootstrapObject<FlowSchemaSpec>> = [
  flowSchema('exempt', 'exempt', 1, '', all(groups('system:masters'))),
  flowSchema('catch-all', 'catch-all', 10000, 'ByUser', all(groups('system:unauthenticated', 'system:authenticated'))),
];

export const SUGGESTED_PRIORITY_LEVELS: ReadonlyArray<BootstrapObject<PriorityLevelSpec>> = [
  { name: 'system', spec: queuing(30, 33, 64, 6, 50) },
  { name: 'node-high', spec: queuing(40, 25, 64, 6, 50) },
  { name: 'leader-election', spec: queuing(10, 0, 16, 4, 50) },
  { name: 'workload-high', spec: queuing(40, 50, 128, 6, 50) },
  { name: 'workload-low', spec: queuing(100, 90, 128, 6, 50) },
  { name: 'global-default', spec: queuing(20, 50, 128, 6, 50) },
];

export const SUGGESTED_FLOW_SCHEMAS: ReadonlyArray<BootstrapObject<FlowSchemaSpec>> = [
  flowSchema('system-nodes', 'system', 500, 'ByUser', all(groups('system:nodes'))),
  flowSchema('system-node-high', 'node-high', 400, 'ByUser', {
    subjects: groups('system:nodes'),
    resourceRules: [
      { verbs: ['*'], apiGroups: [''], resources: ['nodes', 'nodes/status'], namespaces: ['*'], clusterScope: true },
      { verbs: ['*'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'], clusterScope: false },
    ],
  }),
  flowSchema('probes', 'exempt', 2, '', {
    subjects: groups('system:unauthenticated', 'system:authenticated'),
    nonResourceRules: [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/readyz', '/livez'] }],
  }),
  flowSchema('system-leader-election', 'leader-election', 100, 'ByUser', {
    subjects: [...users('system:kube-controller-manager', 'system:kube-scheduler'), ...kubeSystemServiceAccount('*')],
    resourceRules: [{ verbs: ['get', 'create', 'update'], apiGroups: ['coordination.k8s.io'], resources: ['leases'], namespaces: ['*'], clusterScope: false }],
  }),
  flowSchema('kube-controller-manager', 'workload-high', 800, 'ByNamespace', all(users('system:kube-controller-manager'))),
  flowSchema('kube-scheduler', 'workload-high', 800, 'ByNamespace', all(users('system:kube-scheduler'))),
  flowSchema('kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', all(kubeSystemServiceAccount('*'))),
  flowSchema('service-accounts', 'workload-low', 9000, 'ByUser', all(groups('system:serviceaccounts'))),
  flowSchema('global-default', 'global-default', 9900, 'ByUser', all(groups('system:unauthenticated', 'system:authenticated'))),
];
