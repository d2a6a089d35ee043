import { RULES } from '../rules';
import { docFinding, type DocFinding } from '../model/docFinding';
import { formatPath } from '../model/paths';
import type { JsonPath } from '../yaml/nodeAt';
import type { DocSpans } from '../yaml/spans';
import { compareQuantity, formatQuantity, parseQuantity } from '../resources/quantity';
import { workloadAdmission } from '../resources/workloadResources';
import type { NamespacePolicies } from '../resources/namespacePolicies';
import type { Workload } from '../resources/workloads';
import { obj, podContainers, type Obj } from '../model/obj';
import { setFieldsFix } from './bestPractices/setFieldsFix';


/**
 * Resource findings of a workload: the API server's checks of each container's requests and limits
 * (ValidateResourceRequirements), containers without requests (best practice, KP145), and what the
 * namespace's LimitRanges and ResourceQuotas in the workspace will do to its pods.
 */
export function resourceFindings(workload: Workload, prefix: JsonPath, spans: DocSpans, policies: NamespacePolicies, kubernetesVersion: string): DocFinding[] {
  const findings: DocFinding[] = [];
  const specPath = [...prefix, ...workload.podSpecPath];
  const result = workloadAdmission(workload, policies, kubernetesVersion);
  for (const { list, index, name, container } of podContainers(workload.podSpec)) {
    const defaulted = new Set(result.limitRangeDefaults.filter((d) => d.container === name).map((d) => d.resource));
    findings.push(...containerFindings(container, name, [...specPath, list, index], prefix.length, spans, defaulted));
  }

  const kindSpan = spans.value([...prefix, 'kind']);
  const containerSpan = (name: string): [number, number] => {
    const c = podContainers(workload.podSpec).find((x) => x.name === name);
    return c ? spans.value([...specPath, c.list, c.index, 'name']) : kindSpan;
  };
  const defaultedContainers = new Map(result.limitRangeDefaults.map((d) => [`${d.init}/${d.container}`, d]));
  for (const { container, init } of defaultedContainers.values()) {
    const mine = result.limitRangeDefaults.filter((d) => d.container === container && d.init === init);
    const what = mine.map((d) => `${d.resource} ${d.kind} to ${d.value}`).join(', ');
    const ranges = [...new Set(mine.map((d) => d.limitRange))].join(', ');
    const which = init ? 'init container' : 'container';
    findings.push(docFinding(RULES.limitRangeDefault, `LimitRanger will set ${what} for ${which} ${container} (LimitRange ${ranges} in namespace ${workload.namespace})`, containerSpan(container)));
  }
  for (const e of result.limitRangeErrors) {
    findings.push(docFinding(RULES.limitRangeViolation, `${e.message} (LimitRange ${e.limitRange} in namespace ${workload.namespace})`, kindSpan));
  }
  for (const e of result.quotaErrors) {
    const span = e.kind === 'exceeded' && workload.kind !== 'Pod' && spans.scalar([...prefix, 'spec', 'replicas']) ? spans.value([...prefix, 'spec', 'replicas']) : kindSpan;
    const times = e.kind === 'exceeded' && (workload.replicas ?? 1) > 1 ? ` (${workload.replicas} replicas at once)` : '';
    findings.push(docFinding(e.kind === 'exceeded' ? RULES.quotaExceeded : RULES.quotaMustSpecify, `${e.message}${times}`, span));
  }
  return findings;
}

/** helper.IsOvercommitAllowed: native resources (no domain, or kubernetes.io) other than hugepages. */
function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.split('/')[0].endsWith('kubernetes.io');
  return native && !name.startsWith('hugepages-');
}

/** pkg/scheduler/util/pod_resources.go: DefaultMilliCPURequest, DefaultMemoryRequest. */
const PLACEHOLDER_REQUESTS: Record<string, string> = { cpu: '100m', memory: '200Mi' };

/** `defaulted`: resources a LimitRange will give this container (then KP141 says so, not KP145). */
function containerFindings(c: Obj, name: string, path: JsonPath, prefixLength: number, spans: DocSpans, defaulted: Set<string>): DocFinding[] {
  const findings: DocFinding[] = [];
  const local = (p: JsonPath) => formatPath(p.slice(prefixLength));
  const resources = obj(c.resources);
  const requests = obj(resources?.requests) ?? {};
  const limits = obj(resources?.limits) ?? {};
  for (const [kind, list] of [['requests', requests], ['limits', limits]] as const) {
    for (const [name, raw] of Object.entries(list)) {
      const q = parseQuantity(raw);
      if (q && q.nanos < 0n) {
        const p = [...path, 'resources', kind, name];
        findings.push(docFinding(RULES.negativeResource, `${local([...path, 'resources', kind])}[${name}]: Invalid value: "${formatQuantity(q)}": must be greater than or equal to 0`, spans.value(p)));
      }
    }
  }
  // ValidateContainerResourceRequirements: a request above its limit; for resources that cannot be
  // overcommitted (hugepages, extended resources) any difference.
  for (const [name, rawReq] of Object.entries(requests)) {
    const req = parseQuantity(rawReq);
    const lim = parseQuantity(limits[name]);
    if (!req || !lim) continue;
    const overcommit = isOvercommitAllowed(name);
    const cmp = compareQuantity(req, lim);
    if ((overcommit && cmp > 0) || (!overcommit && cmp !== 0)) {
      const rule = overcommit ? 'less than or equal to' : 'equal to';
      findings.push(
        docFinding(
          RULES.requestAboveLimit,
          `${local([...path, 'resources', 'requests'])}: Invalid value: "${formatQuantity(req)}": must be ${rule} ${name} limit of ${formatQuantity(lim)}`,
          spans.value([...path, 'resources', 'requests', name]),
        ),
      );
    }
  }
  const missing = ['cpu', 'memory'].filter((r) => !(r in requests) && !(r in limits) && !defaulted.has(r));
  if (missing.length) {
    const span = resources ? spans.key([...path, 'resources']) : spans.value([...path, 'name']);
    // Placeholders: the amounts the scheduler's scoring assumes for a container without requests.
    const placeholders = missing.map((r): [string, string] => [r, PLACEHOLDER_REQUESTS[r]]);
    const fix = setFieldsFix(`Add placeholder requests (${placeholders.map(([r, q]) => `${r} ${q}`).join(', ')})`, spans, path, ['resources', 'requests'], placeholders);
    findings.push(
      docFinding(
        RULES.missingResources,
        // kube-scheduler's NodeResourcesFit Filter counts a missing request as 0; only its scoring uses
        // the non-zero defaults (pkg/scheduler/util/pod_resources.go: 100m CPU, 200Mi memory).
        `container ${name} sets no ${missing.join(' or ')} request or limit: the scheduler reserves no ${missing.join(' or ')} for it when it picks a node (it fits anywhere), scores nodes as if it asked ${missing.map((r) => (r === 'cpu' ? '100m CPU' : '200Mi memory')).join(' and ')}, and nothing caps its use`,
        span,
        fix ? [fix] : undefined,
      ),
    );
  }
  return findings;
}
