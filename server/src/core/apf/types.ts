/**
 * flowcontrol.apiserver.k8s.io/v1 as the API Priority and Fairness controller reads it: FlowSchemas
 * and PriorityLevelConfigurations, defaulted (k8s.io/api/flowcontrol/v1/types.go; defaults from
 * kubernetes pkg/apis/flowcontrol/v1/defaults.go).
 */

export interface Subject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  user?: { name: string };
  group?: { name: string };
  serviceAccount?: { namespace: string; name: string };
}

export interface ResourcePolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  clusterScope?: boolean;
  namespaces?: string[];
}

export interface NonResourcePolicyRule {
  verbs: string[];
  nonResourceURLs: string[];
}

export interface PolicyRulesWithSubjects {
  subjects: Subject[];
  resourceRules?: ResourcePolicyRule[];
  nonResourceRules?: NonResourcePolicyRule[];
}

export type DistinguisherMethod = 'ByUser' | 'ByNamespace';

export interface FlowSchemaSpec {
  priorityLevelConfiguration: { name: string };
  matchingPrecedence: number;
  distinguisherMethod?: { type: DistinguisherMethod };
  rules: PolicyRulesWithSubjects[];
}

export interface QueuingConfiguration {
  queues: number;
  handSize: number;
  queueLengthLimit: number;
}

export interface PriorityLevelSpec {
  type: 'Exempt' | 'Limited';
  exempt?: { nominalConcurrencyShares: number; lendablePercent: number };
  limited?: {
    nominalConcurrencyShares: number;
    lendablePercent: number;
    borrowingLimitPercent?: number;
    limitResponse: { type: 'Queue' | 'Reject'; queuing?: QueuingConfiguration };
  };
}

/** Where an object of the configuration comes from: the built-in defaults, or a workspace document. */
export type Origin<S> =
  | { kind: 'default'; category: 'mandatory' | 'suggested' }
  /** A document; `reset`: the API server replaces its spec with the default's (mandatory, or autoupdate-spec "true"). */
  | { kind: 'document'; source: S; reset?: 'mandatory' | 'autoupdate' };

export interface FlowSchema<S = unknown> {
  name: string;
  spec: FlowSchemaSpec;
  origin: Origin<S>;
}

export interface PriorityLevel<S = unknown> {
  name: string;
  spec: PriorityLevelSpec;
  origin: Origin<S>;
}

/** Who asks for what: the parts of a request APF looks at (upstream RequestDigest: user.Info + RequestInfo). */
export interface RequestDigest {
  user: { name: string; groups: string[] };
  verb: string;
  /** A resource request (resource set) or a non-resource one (path set). */
  resource?: { apiGroup: string; resource: string; subresource?: string; namespace?: string };
  path?: string;
}
