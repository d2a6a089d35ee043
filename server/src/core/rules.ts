import type { Severity } from './finding';

/** Every diagnostic code kubeplan emits. docs/rules.md has one section per code (anchor = code). */
export interface Rule {
  code: string;
  title: string;
  severity: Severity;
  /** One of the best-practice checks, which the setting `kubeplan.bestPractices: false` turns off together. */
  bestPractice?: true;
}

const rule = (code: string, severity: Severity, title: string): Rule => ({ code, severity, title });
/** Best practices are advice, never an error: warnings or information. */
const advice = (code: string, severity: 'warning' | 'information', title: string): Rule => ({ code, severity, title, bestPractice: true });

export const RULES = {
  fileNotAnalysed: rule('KP100', 'error', 'File not analysed (too large, binary or not UTF-8)'),
  yamlSyntax: rule('KP101', 'error', 'YAML syntax error'),
  missingSpace: rule('KP102', 'error', "Missing space after ':' or '-'"),
  tabIndent: rule('KP103', 'error', 'Tab used for indentation'),
  duplicateKey: rule('KP104', 'warning', 'Duplicate key (kubectl keeps the last value)'),
  alias: rule('KP105', 'error', 'Unresolved alias or alias bomb'),
  tooDeep: rule('KP106', 'error', 'Nesting too deep'),
  booleanKey: rule('KP107', 'warning', 'YAML 1.1 boolean used as a key'),
  template: rule('KP108', 'information', 'Template not analysed'),

  missingTypeMeta: rule('KP110', 'error', 'apiVersion or kind missing or not a string'),
  removedApi: rule('KP111', 'error', 'API removed in the target Kubernetes version'),
  deprecatedApi: rule('KP112', 'warning', 'API deprecated in the target Kubernetes version'),
  notYetServed: rule('KP113', 'error', 'API not yet served by the target Kubernetes version'),
  unknownKind: rule('KP114', 'error', 'Unknown kind for a Kubernetes API group'),
  customResourceWithoutCrd: rule('KP115', 'information', 'Custom resource without a CRD in the workspace (assumed served)'),
  namespaceAssumed: rule('KP116', 'information', 'Namespace not created by the workspace (assumed to exist)'),
  transitionRuleNotChecked: rule('KP117', 'information', 'Transition rule (oldSelf) not checked: it runs on updates'),

  unknownField: rule('KP120', 'error', 'Unknown field'),
  requiredField: rule('KP121', 'error', 'Missing required field'),
  wrongType: rule('KP122', 'error', 'Wrong type'),
  enumValue: rule('KP123', 'error', 'Unsupported value'),
  yaml11Scalar: rule('KP124', 'error', 'YAML 1.1 boolean or number where a string is expected'),
  outOfRange: rule('KP125', 'error', 'Integer out of range'),
  invalidQuantity: rule('KP126', 'error', 'Invalid quantity'),
  invalidFormat: rule('KP127', 'error', 'Invalid format'),
  schemaConstraint: rule('KP128', 'error', 'Custom resource schema constraint violated'),
  apiValidation: rule('KP129', 'error', "Rejected by the API server's validation"),

  invalidName: rule('KP130', 'error', 'Invalid object name'),
  invalidLabelKey: rule('KP131', 'error', 'Invalid label key'),
  invalidLabelValue: rule('KP132', 'error', 'Invalid label value'),
  invalidAnnotationKey: rule('KP133', 'error', 'Invalid annotation key'),
  invalidPortName: rule('KP134', 'error', 'Invalid port name'),

  requestAboveLimit: rule('KP140', 'error', 'Request greater than limit (or not equal, where no overcommit)'),
  limitRangeDefault: rule('KP141', 'information', 'LimitRange will set a default request or limit'),
  limitRangeViolation: rule('KP142', 'error', 'LimitRange constraint violated'),
  quotaExceeded: rule('KP143', 'error', 'ResourceQuota exceeded'),
  quotaMustSpecify: rule('KP144', 'error', 'ResourceQuota requires requests or limits'),
  missingResources: advice('KP145', 'warning', 'Container without cpu or memory requests and limits'),
  negativeResource: rule('KP146', 'error', 'Negative resource quantity'),

  applyRejected: rule('KP150', 'error', 'The API server would reject the object at apply time'),
  podsNotCreated: rule('KP151', 'error', 'A controller would fail to create pods'),
  podNotRun: rule('KP152', 'warning', 'A pod would not run (rejected by the kubelet or bound to no node)'),
  podsNotScheduled: rule('KP153', 'error', 'Pods would not be scheduled'),

  serviceWithoutEndpoints: rule('KP160', 'warning', 'Service without endpoints: kube-proxy rejects its connections'),
  noLocalEndpoints: rule('KP161', 'warning', 'externalTrafficPolicy Local with nodes that have no local endpoint'),
  targetPortNotFound: rule('KP162', 'warning', 'Named targetPort that no selected pod defines'),
  serviceSelectsNoPods: rule('KP163', 'warning', 'Service selector that matches no pod template in its namespace'),
  targetPortNotDeclared: rule('KP164', 'information', 'Numeric targetPort that no selected container declares'),
  serviceSpansWorkloads: rule('KP165', 'information', 'Service that selects the pods of several workloads'),
  backendNotFound: rule('KP166', 'warning', 'Ingress or HTTPRoute backend Service or port that does not exist'),
  scaleTargetNotFound: rule('KP167', 'warning', 'HorizontalPodAutoscaler scaleTargetRef that does not exist'),
  scaleTargetWithoutRequests: rule('KP168', 'warning', 'HorizontalPodAutoscaler utilization metric on containers without requests'),
  replicasWithAutoscaler: rule('KP169', 'warning', 'spec.replicas set on a workload a HorizontalPodAutoscaler scales'),

  imageTag: advice('KP170', 'warning', 'Image without a tag, or tagged latest'),
  noReadinessProbe: advice('KP171', 'information', 'Container without a readinessProbe'),
  noLivenessProbe: advice('KP172', 'information', 'Container without a livenessProbe'),
  privileged: advice('KP173', 'warning', 'Privileged container'),
  privilegeEscalation: advice('KP174', 'information', 'allowPrivilegeEscalation not false'),
  runAsNonRoot: advice('KP175', 'information', 'Container not required to run as non-root'),
  runAsRoot: advice('KP176', 'warning', 'Container runs as root (runAsUser 0)'),
  hostNetwork: advice('KP177', 'warning', 'Pod uses the host network (hostNetwork)'),
  hostPID: advice('KP178', 'warning', "Pod shares the host's process namespace (hostPID)"),
  hostIPC: advice('KP179', 'warning', "Pod shares the host's IPC namespace (hostIPC)"),
  hostPath: advice('KP180', 'information', 'hostPath volume'),
  sensitiveHostPath: advice('KP181', 'warning', 'hostPath volume of a host system directory or container runtime socket'),
  writableRootFilesystem: advice('KP182', 'information', 'Writable root filesystem (readOnlyRootFilesystem not true)'),
  dangerousCapability: advice('KP183', 'warning', 'Capability added beyond the baseline Pod Security Standard'),
  netRawNotDropped: advice('KP184', 'information', 'Capability NET_RAW not dropped'),
  duplicateEnv: advice('KP185', 'warning', 'Environment variable defined twice in one container'),
  rbacWildcard: advice('KP186', 'warning', 'Wildcard (*) in an RBAC rule'),
  clusterAdminBinding: advice('KP187', 'warning', 'Binding to the cluster-admin ClusterRole'),
  secretsAccess: advice('KP188', 'information', 'RBAC rule that reads Secrets'),
  podExecAccess: advice('KP189', 'warning', 'RBAC rule that allows pods/exec or pods/attach'),

  disruptionBudgetSelectsNothing: rule('KP190', 'warning', 'PodDisruptionBudget selector that matches no pod template'),
  disruptionBudgetBlocksEviction: rule('KP191', 'warning', 'PodDisruptionBudget that allows no voluntary eviction'),
  networkPolicySelectsNothing: rule('KP192', 'warning', 'NetworkPolicy selector that matches nothing'),
  referenceAssumed: rule('KP193', 'information', 'Referenced object not in the workspace (assumed to exist)'),
  keyNotFound: rule('KP194', 'error', 'ConfigMap or Secret key that the object does not have'),
  duplicateObject: rule('KP195', 'warning', 'The same object twice in one folder (kubectl apply: the last wins)'),
  probePortNotDeclared: rule('KP196', 'warning', 'Probe or lifecycle handler port name the container does not declare'),
  noPodDisruptionBudget: advice('KP197', 'information', 'Multi-replica Deployment or StatefulSet without a PodDisruptionBudget'),

  rbacEscalation: advice('KP220', 'warning', 'RBAC rule that lets its holder gain rights it does not have (escalate, bind, impersonate)'),
  rbacRoleGrantsNothing: rule('KP221', 'warning', 'Role whose rules name only resources their API groups do not have: it grants nothing'),
  rbacUnknownResource: rule('KP222', 'information', 'RBAC rule resource that none of its API groups has'),

  helmChart: rule('KP200', 'information', 'Helm chart: its templates are analysed once rendered'),
  kustomizePathNotFound: rule('KP201', 'error', 'Path a kustomization lists that does not exist'),
  kustomizeUnavailable: rule('KP210', 'information', 'Kustomize overlay not rendered: no kustomize or kubectl'),
  kustomizeFailed: rule('KP211', 'error', 'kustomize could not render the overlay'),
  helmFailed: rule('KP212', 'error', 'helm could not render the chart'),
  helmUnavailable: rule('KP213', 'information', 'Helm chart not rendered in the editor: no helm'),

  apfShadowed: rule('KP230', 'warning', 'FlowSchema that never matches: one earlier in matching order matches all its requests'),
  apfDangling: rule('KP231', 'warning', 'FlowSchema whose PriorityLevelConfiguration does not exist (Dangling)'),
  apfQueuingInvalid: rule('KP232', 'error', 'PriorityLevelConfiguration queuing the API server rejects (handSize and queues)'),
  apfStarved: rule('KP233', 'warning', 'PriorityLevelConfiguration whose shares give it at most one seat'),
  apfSpecReset: rule('KP234', 'information', 'FlowSchema or PriorityLevelConfiguration spec the API server resets to its default'),
} as const satisfies Record<string, Rule>;

/** The codes `kubeplan.bestPractices: false` (CLI `--no-best-practices`) turns off. */
export const BEST_PRACTICE_CODES: ReadonlySet<string> = new Set(Object.values(RULES as Record<string, Rule>).filter((r) => r.bestPractice).map((r) => r.code));

export const DOCS_URL = 'https://github.com/kubeplan/kubeplan/blob/main/docs/rules.md';
