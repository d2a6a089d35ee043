import { defaultPodSpec, podResources, type PodResources } from './podResources';
import { podQOS, type QOSClass } from './qos';
import { applyLimitRangeDefaults, limitRangerAnnotation, validateAgainstLimitRange, type LimitRangeDefault } from './limitRange';
import { exceededQuota, mustSpecify, podCharge } from './resourceQuota';
import { resourceListJson, scaleResourceList, type ResourceList } from './resourceList';
import { compareQuantity, formatQuantity, parseQuantity } from './quantity';
import { obj, podContainers } from '../model/obj';
import type { NamespacePolicies } from './namespacePolicies';
import type { Workload } from './workloads';
import { uncountable } from './uncountable';
import { LATEST_KUBERNETES_VERSION } from '../versions';
import type { Obj } from '../model/obj';
import { minorOf } from '../versions';

function withoutPodLevelResources(spec: Obj): Obj {
  const { resources: _dropped, ...rest } = spec;
  return rest;
}

/** What the cluster will make of one workload's pods: the numbers the lens, hover and CLI show. */
export interface WorkloadResources {
  workload: Workload;
  /** PodRequests/PodLimits of one pod as created (defaulted, LimitRanger applied). */
  pod: PodResources;
  qosClass: QOSClass;
  /** replicas × per-pod requests (undefined for a DaemonSet: one pod per node). */
  totalRequests?: ResourceList;
  limitRangeDefaults: Array<LimitRangeDefault & { limitRange: string }>;
  limitRangeAnnotation?: string;
  /** What could not be counted (not a list, not a quantity…), relative to the object. */
  uncounted: string[];
  limitRangeErrors: Array<{ limitRange: string; message: string }>;
  quotaErrors: Array<{ quota: string; message: string; kind: 'must-specify' | 'exceeded' }>;
}

/** What admission does to a workload's pod: the LimitRanger's defaults, its and ResourceQuota's refusals. */
export type WorkloadAdmission = Pick<WorkloadResources, 'limitRangeDefaults' | 'limitRangeErrors' | 'quotaErrors'> & { spec: Obj };

/**
 * The pod a workload creates goes through SetDefaults_Pod and the LimitRanger, ResourceQuota
 * admission of its namespace; then PodRequests/PodLimits and QoS are computed on it.
 */
export function workloadResources(workload: Workload, policies: NamespacePolicies, kubernetesVersion = LATEST_KUBERNETES_VERSION): WorkloadResources {
  const { spec, limitRangeDefaults, limitRangeErrors, quotaErrors } = workloadAdmission(workload, policies, kubernetesVersion);
  const pod = podResources(spec);
  return {
    workload,
    pod,
    qosClass: podQOS(spec),
    totalRequests: workload.replicas === undefined ? undefined : scaleResourceList(pod.requests, workload.replicas),
    limitRangeDefaults,
    limitRangeAnnotation: limitRangeDefaults.length ? limitRangerAnnotation(limitRangeDefaults) : undefined,
    limitRangeErrors,
    quotaErrors,
    uncounted: uncountable(workload.podSpec, workload.podSpecPath),
  };
}

/** SetDefaults_Pod, then the LimitRanger and ResourceQuota admission of the workload's namespace (the checks' part: no totals, no QoS). */
export function workloadAdmission(workload: Workload, policies: NamespacePolicies, kubernetesVersion = LATEST_KUBERNETES_VERSION): WorkloadAdmission {
  // PodLevelResources is on by default from 1.34 (beta); before, the API server drops spec.resources.
  const podSpec = minorOf(kubernetesVersion) >= 34 ? workload.podSpec : withoutPodLevelResources(workload.podSpec);
  let spec = defaultPodSpec(podSpec);
  // RuntimeClass admission: a pod naming a RuntimeClass gets its overhead.podFixed as spec.overhead.
  const podFixed = typeof spec.runtimeClassName === 'string' && spec.overhead === undefined ? policies.runtimeClassOverhead(spec.runtimeClassName) : undefined;
  if (podFixed?.size) spec = { ...spec, overhead: resourceListJson(podFixed) };
  const limitRangeDefaults: WorkloadResources['limitRangeDefaults'] = [];
  const limitRangeErrors: WorkloadResources['limitRangeErrors'] = [];
  const ranges = policies.limitRanges(workload.namespace);
  for (const range of ranges) {
    const defaulted = applyLimitRangeDefaults(spec, range.items);
    spec = defaulted.spec;
    limitRangeDefaults.push(...defaulted.applied.map((a) => ({ ...a, limitRange: range.name })));
  }
  for (const range of ranges) {
    for (const message of validateAgainstLimitRange(spec, range.items)) limitRangeErrors.push({ limitRange: range.name, message });
  }
  // A default limit below a request the container sets: validation then rejects the pod.
  for (const d of limitRangeDefaults.filter((x) => x.kind === 'limit')) {
    for (const { list, index, name, container } of podContainers(spec)) {
      if (name !== d.container) continue;
      const request = parseQuantity(obj(obj(container.resources)?.requests)?.[d.resource]);
      const limit = parseQuantity(d.value)!;
      if (request && compareQuantity(request, limit) > 0) {
        limitRangeErrors.push({
          limitRange: d.limitRange,
          message: `spec.${list}[${index}].resources.requests: Invalid value: "${formatQuantity(request)}": must be less than or equal to ${d.resource} limit of ${d.value} (the limit LimitRanger sets by default)`,
        });
      }
    }
  }
  const quotaErrors: WorkloadResources['quotaErrors'] = [];
  for (const quota of policies.quotas(workload.namespace).filter((q) => !q.scoped)) {
    const missing = mustSpecify(quota, spec);
    if (missing) quotaErrors.push({ quota: quota.name, message: missing, kind: 'must-specify' });
    const exceeded = exceededQuota(quota, podCharge(podResources(spec)), workload.replicas ?? 1);
    if (exceeded) quotaErrors.push({ quota: quota.name, message: exceeded, kind: 'exceeded' });
  }
  return { spec, limitRangeDefaults, limitRangeErrors, quotaErrors };
}
