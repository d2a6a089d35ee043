import { obj, podContainers, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import type { JsonPath } from '../../yaml/nodeAt';
import type { Range } from '../../text/lineIndex';
import type { NodeReport } from '../../scheduler/types';
import { workloadOf, type Workload } from '../../resources/workloads';
import { labelsOf } from '../labels';
import type { Manifest } from '../manifests';
import type { SimulationFinding } from './types';
import type { SimulationResult } from '../simulate';
import { nameOf } from '../store';
import { podsWord, rejectionOf, schedulingByWorkload, waitingText } from '../workloadScheduling';

/** The plugin that rejected the most nodes (ties: the earlier Filter plugin), with those nodes' reports. */
function mainRejection(reports: NodeReport[]): { plugin: string; reports: NodeReport[] } | undefined {
  const byPlugin = new Map<string, NodeReport[]>();
  const order = Object.keys(reports[0]?.filter ?? {});
  for (const r of reports) {
    const rejected = rejectionOf(r);
    if (!rejected) continue;
    const list = byPlugin.get(rejected.plugin) ?? [];
    list.push(r);
    byPlugin.set(rejected.plugin, list);
  }
  let best: { plugin: string; reports: NodeReport[] } | undefined;
  for (const plugin of order) {
    const list = byPlugin.get(plugin);
    if (list && (!best || list.length > best.reports.length)) best = { plugin, reports: list };
  }
  return best;
}

/** The container whose requests (or limits) name an insufficient resource, else the first with resources. */
function resourcesPath(spec: Obj, reasons: string[]): JsonPath | undefined {
  if (obj(spec.resources)) return ['resources'];
  const insufficient = reasons.flatMap((r) => [...r.matchAll(/Insufficient (\S+)/g)].map((m) => m[1]));
  const containers = podContainers(spec).filter((c) => obj(c.container.resources));
  const names = (c: Obj) => [...Object.keys(obj(obj(c.resources)?.requests) ?? {}), ...Object.keys(obj(obj(c.resources)?.limits) ?? {})];
  const hit = containers.find((c) => names(c.container).some((n) => insufficient.includes(n))) ?? containers[0];
  if (hit) return [hit.list, hit.index, 'resources'];
  return Array.isArray(spec.containers) ? ['containers'] : undefined;
}

const matchesSelector = (selector: Obj, labels: Record<string, string>): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * Where in the pod template the rejection comes from: NodeResourcesFit → the container's
 * `resources`, NodeAffinity → `nodeSelector` or `affinity.nodeAffinity`, TaintToleration →
 * `tolerations` (the pod spec when there are none), PodTopologySpread → `topologySpreadConstraints`,
 * InterPodAffinity → `affinity.podAffinity`/`podAntiAffinity`. Undefined: the kind.
 */
function causePath(w: Workload, plugin: string, reports: NodeReport[], nodes: Obj[]): JsonPath | undefined {
  const spec = w.podSpec;
  const affinity = obj(spec.affinity) ?? {};
  const reasons = reports.map((r) => r.filter[plugin]);
  switch (plugin) {
    case 'NodeResourcesFit':
      return resourcesPath(spec, reasons);
    case 'NodeAffinity': {
      const selector = obj(spec.nodeSelector);
      const rejected = new Set(reports.map((r) => r.node));
      const selectorRejects = !!selector && nodes.some((n) => rejected.has(nameOf(n)) && !matchesSelector(selector, labelsOf(n)));
      if (selectorRejects || (selector && !affinity.nodeAffinity)) return ['nodeSelector'];
      return affinity.nodeAffinity ? ['affinity', 'nodeAffinity'] : undefined;
    }
    case 'TaintToleration':
      return spec.tolerations !== undefined ? ['tolerations'] : [];
    case 'PodTopologySpread':
      return spec.topologySpreadConstraints !== undefined ? ['topologySpreadConstraints'] : undefined;
    case 'InterPodAffinity': {
      if (reasons.some((r) => r.includes("didn't match pod anti-affinity rules")) && affinity.podAntiAffinity) return ['affinity', 'podAntiAffinity'];
      if (reasons.some((r) => r.includes("didn't match pod affinity rules")) && affinity.podAffinity) return ['affinity', 'podAffinity'];
      return undefined;
    }
  }
  return undefined;
}

/**
 * KP153: the workloads some of whose pods kube-scheduler could not place, with its FitError (the
 * `FailedScheduling` message) on the part of the pod template that causes it. One finding per
 * distinct message; gated pods (schedulingGates) wait on purpose and are left out.
 */
export function schedulingFindings(result: SimulationResult, manifests: Manifest[], defaultNamespace: string): SimulationFinding[] {
  const byWorkload = schedulingByWorkload(result);
  // A second manifest of the same object patches it: the last one is the object (simulate()).
  const last = new Map<string, { manifest: Manifest; workload: Workload }>();
  for (const manifest of manifests) {
    const workload = workloadOf(manifest.object, defaultNamespace);
    if (workload) last.set(`${workload.kind}/${workload.namespace}/${workload.name}`, { manifest, workload });
  }
  const out: SimulationFinding[] = [];
  for (const [ref, { manifest, workload }] of last) {
    const scheduling = byWorkload.get(ref);
    if (!scheduling) continue;
    const groups = new Map<string, typeof scheduling.pods>();
    for (const p of scheduling.pods) {
      if (p.result.node || p.result.schedulingGates) continue;
      const list = groups.get(p.result.message ?? '') ?? [];
      list.push(p);
      groups.set(p.result.message ?? '', list);
    }
    // A StatefulSet's replicas include the pods OrderedReady has not created: said on the group of the pod they wait for.
    const waiting = scheduling.waiting;
    const total = scheduling.pods.length + (waiting?.pods.length ?? 0);
    for (const [message, pods] of groups) {
      const first = pods[0].result;
      const cause = mainRejection(first.nodes);
      const path = cause && causePath(workload, cause.plugin, cause.reports, result.nodes);
      const range: Range = path ? manifest.locate([...workload.podSpecPath, ...path]) : manifest.range;
      const who = workload.kind === 'Pod' ? 'the pod' : `${pods.length}/${total} ${podsWord(workload.kind, total)}`;
      const nominated = first.nominatedNode ? ` Preemption would nominate ${first.nominatedNode}, evicting ${(first.victims ?? []).join(', ')}.` : '';
      const blocked = waiting && pods.some((p) => p.pod === `${workload.namespace}/${waiting.for}`) ? ` ${waitingText(waiting)}.` : '';
      out.push({ file: manifest.file, range, code: RULES.podsNotScheduled.code, severity: RULES.podsNotScheduled.severity, message: `${who} would not be scheduled: ${message}${nominated}${blocked}` });
    }
  }
  return out;
}
