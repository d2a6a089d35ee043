import { obj, type Obj } from '../model/obj';
import { valueAt } from '../model/paths';
import { workloadOf } from '../resources/workloads';

/**
 * The annotations users already write to silence kube-linter, kube-score and Polaris, honoured for the
 * kubeplan codes that check the same thing (the table in docs/rules.md, "Ignore annotations of other
 * linters"), read as each tool reads them:
 * - kube-linter (pkg/ignore/ignore.go): the key `ignore-check.kube-linter.io/<check>`, whatever its
 *   value (a reason); `kube-linter.io/ignore-all` for all its checks;
 * - kube-score (scorecard/enabled.go): `kube-score/ignore: <check>,<check>`, on the object, and for
 *   its pod checks on the pod template too;
 * - Polaris (pkg/validator/schema.go): `polaris.fairwinds.com/<check>-exempt: "true"`, and
 *   `polaris.fairwinds.com/exempt: "true"` for all its checks.
 * A code that two checks of one tool cover together (KP145: cpu and memory requests) is silenced
 * only when both are.
 */
interface Mapping {
  checks: string[];
  codes: string[];
}

const KUBE_LINTER: Mapping[] = [
  { checks: ['latest-tag'], codes: ['KP170'] },
  { checks: ['no-readiness-probe'], codes: ['KP171'] },
  { checks: ['no-liveness-probe'], codes: ['KP172'] },
  { checks: ['privileged-container'], codes: ['KP173'] },
  { checks: ['privilege-escalation-container'], codes: ['KP174'] },
  { checks: ['run-as-non-root'], codes: ['KP175', 'KP176'] },
  { checks: ['host-network'], codes: ['KP177'] },
  { checks: ['host-pid'], codes: ['KP178'] },
  { checks: ['host-ipc'], codes: ['KP179'] },
  { checks: ['sensitive-host-mounts'], codes: ['KP181'] },
  { checks: ['docker-sock'], codes: ['KP181'] },
  { checks: ['no-read-only-root-fs'], codes: ['KP182'] },
  { checks: ['drop-net-raw-capability'], codes: ['KP184'] },
  { checks: ['duplicate-env-var'], codes: ['KP185'] },
  { checks: ['wildcard-in-rules'], codes: ['KP186'] },
  { checks: ['cluster-admin-role-binding'], codes: ['KP187'] },
  { checks: ['unset-cpu-requirements', 'unset-memory-requirements'], codes: ['KP145'] },
];

/** kube-score's checks of Deployments and StatefulSets (not of their pods) read the object's annotations only. */
const KUBE_SCORE_OBJECT_CHECKS = new Set(['deployment-has-poddisruptionbudget', 'statefulset-has-poddisruptionbudget']);

const KUBE_SCORE: Mapping[] = [
  { checks: ['container-resources'], codes: ['KP145'] },
  { checks: ['container-image-tag'], codes: ['KP170'] },
  { checks: ['pod-probes'], codes: ['KP171', 'KP172'] },
  { checks: ['container-security-context-privileged'], codes: ['KP173'] },
  { checks: ['container-security-context-user-group-id'], codes: ['KP175', 'KP176'] },
  { checks: ['container-security-context-readonlyrootfilesystem'], codes: ['KP182'] },
  { checks: ['environment-variable-key-duplication'], codes: ['KP185'] },
  { checks: ['deployment-has-poddisruptionbudget'], codes: ['KP197'] },
  { checks: ['statefulset-has-poddisruptionbudget'], codes: ['KP197'] },
];

const POLARIS: Mapping[] = [
  { checks: ['tagNotSpecified'], codes: ['KP170'] },
  { checks: ['readinessProbeMissing'], codes: ['KP171'] },
  { checks: ['livenessProbeMissing'], codes: ['KP172'] },
  { checks: ['runAsPrivileged'], codes: ['KP173'] },
  { checks: ['privilegeEscalationAllowed'], codes: ['KP174'] },
  { checks: ['runAsRootAllowed'], codes: ['KP175', 'KP176'] },
  { checks: ['hostNetworkSet'], codes: ['KP177'] },
  { checks: ['hostPIDSet'], codes: ['KP178'] },
  { checks: ['hostIPCSet'], codes: ['KP179'] },
  { checks: ['hostPathSet'], codes: ['KP180', 'KP181'] },
  { checks: ['notReadOnlyRootFilesystem'], codes: ['KP182'] },
  { checks: ['dangerousCapabilities'], codes: ['KP183'] },
  { checks: ['insecureCapabilities'], codes: ['KP184'] },
  { checks: ['clusterrolebindingClusterAdmin'], codes: ['KP187'] },
  { checks: ['rolebindingClusterAdminClusterRole'], codes: ['KP187'] },
  { checks: ['clusterrolePodExecAttach'], codes: ['KP189'] },
  { checks: ['rolePodExecAttach'], codes: ['KP189'] },
  { checks: ['missingPodDisruptionBudget'], codes: ['KP197'] },
  { checks: ['cpuRequestsMissing', 'memoryRequestsMissing'], codes: ['KP145'] },
];

/** A cheap text test: whether a file may carry any of these annotations. */
export const LINTER_ANNOTATION = /kube-linter\.io|kube-score\/ignore|polaris\.fairwinds\.com\//;

const KUBE_LINTER_PREFIX = 'ignore-check.kube-linter.io/';
const KUBE_LINTER_ALL = 'kube-linter.io/ignore-all';
const KUBE_SCORE_IGNORE = 'kube-score/ignore';
const POLARIS_ALL = 'polaris.fairwinds.com/exempt';
const polarisKey = (check: string) => `polaris.fairwinds.com/${check}-exempt`;

const codesOf = (table: Mapping[], ignored: (check: string) => boolean): string[] => table.filter((m) => m.checks.every(ignored)).flatMap((m) => m.codes);
const isTrue = (v: unknown) => typeof v === 'string' && v.toLowerCase() === 'true';

/** The kubeplan codes an object's kube-linter, kube-score and Polaris annotations silence on it. */
export function codesIgnoredByLinters(object: Obj, defaultNamespace: string): Set<string> {
  const annotations = obj(obj(object.metadata)?.annotations) ?? {};
  const out: string[] = [];

  const linterAll = KUBE_LINTER_ALL in annotations;
  out.push(...codesOf(KUBE_LINTER, (check) => linterAll || `${KUBE_LINTER_PREFIX}${check}` in annotations));

  const listed = (value: unknown) => new Set(typeof value === 'string' ? value.split(',').map((s) => s.trim()) : []);
  const onObject = listed(annotations[KUBE_SCORE_IGNORE]);
  const workload = workloadOf(object, defaultNamespace);
  const templateMetadata = workload && workload.kind !== 'Pod' ? obj(valueAt(object, [...workload.podSpecPath.slice(0, -1), 'metadata'])) : undefined;
  const onTemplate = listed(obj(templateMetadata?.annotations)?.[KUBE_SCORE_IGNORE]);
  out.push(...codesOf(KUBE_SCORE, (check) => onObject.has(check) || (onTemplate.has(check) && !KUBE_SCORE_OBJECT_CHECKS.has(check))));

  const polarisAll = isTrue(annotations[POLARIS_ALL]);
  out.push(...codesOf(POLARIS, (check) => polarisAll || isTrue(annotations[polarisKey(check)])));
  return new Set(out);
}
