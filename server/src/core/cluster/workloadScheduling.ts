import { obj, type Obj } from '../model/obj';
import type { NodeReport, ScheduleResult } from '../scheduler/types';
import type { SimulationResult } from './simulate';
import { controllerUid, metaOf, namespaceOf, nameOf, refOf } from './store';
import { isRunningAndReady } from './kubelet';
import { MAX_PODS_PER_CONTROLLER } from './controllers/podLimit';

/** One pod of a workload that kube-scheduler tried, and its answer. */
export interface PodPlacement {
  /** `namespace/name`. */
  pod: string;
  result: ScheduleResult;
}

/** What the scheduler did with a workload's pods, in the order they were created. */
export interface WorkloadScheduling {
  /** `Kind/namespace/name` of the object written in a manifest (a Deployment, not its ReplicaSet). */
  workload: string;
  pods: PodPlacement[];
  /** A StatefulSet's pods its OrderedReady policy has not created yet, and the pod they wait for. */
  waiting?: OrderedReadyWait;
}

/** `pods` (names, in ordinal order) are not created until `for` is Running and Ready. */
export interface OrderedReadyWait {
  pods: string[];
  for: string;
}

/**
 * The pods of a StatefulSet with the OrderedReady policy (the default) that the controller has not
 * created (pkg/controller/statefulset/stateful_set_control.go: it stops at the first pod that is not
 * Running and Ready): the ordinals after that pod, up to spec.replicas.
 */
export function orderedReadyWait(set: Obj, pods: Obj[]): OrderedReadyWait | undefined {
  const spec = obj(set.spec) ?? {};
  if (spec.podManagementPolicy === 'Parallel') return undefined;
  const replicas = Math.min(typeof spec.replicas === 'number' ? spec.replicas : 1, MAX_PODS_PER_CONTROLLER);
  const start = typeof obj(spec.ordinals)?.start === 'number' ? (obj(spec.ordinals)!.start as number) : 0;
  const byName = new Map(pods.filter((p) => namespaceOf(p) === namespaceOf(set)).map((p) => [nameOf(p), p]));
  let blocking: string | undefined;
  const waiting: string[] = [];
  for (let i = 0; i < replicas; i++) {
    const name = `${nameOf(set)}-${start + i}`;
    const pod = byName.get(name);
    if (blocking === undefined) {
      if (pod && !isRunningAndReady(pod)) blocking = name;
    } else if (!pod) waiting.push(name);
  }
  return blocking && waiting.length ? { pods: waiting, for: blocking } : undefined;
}

/** `web-1 not created: waiting for web-0 to be Running and Ready (podManagementPolicy OrderedReady)`. */
export function waitingText(w: OrderedReadyWait): string {
  const names = w.pods.length <= 3 ? w.pods.join(', ') : `${w.pods[0]} to ${w.pods[w.pods.length - 1]} (${w.pods.length} pods)`;
  return `${names} not created: waiting for ${w.for} to be Running and Ready (podManagementPolicy OrderedReady)`;
}

/** Filter verdicts that are not a node's rejection (NodeReport.filter). */
export const NOT_A_FAILURE = new Set(['passed', 'not run', 'skipped', 'not evaluated']);

/** The Filter plugin that rejected the node, with its reason; undefined when the node passed. */
export function rejectionOf(report: NodeReport): { plugin: string; reason: string } | undefined {
  for (const [plugin, reason] of Object.entries(report.filter)) if (!NOT_A_FAILURE.has(reason)) return { plugin, reason };
  return undefined;
}


const cache = new WeakMap<SimulationResult, Map<string, WorkloadScheduling>>();

/**
 * The scheduled pods of the simulation grouped by the object at the top of their ownerReferences
 * (controller) chain: Deployment → ReplicaSet → Pod, CronJob → Job → Pod, StatefulSet, DaemonSet,
 * Job, ReplicationController → Pod; a bare Pod is its own workload. Pods bound by their manifest
 * (`spec.nodeName`) or by another scheduler are not there: kube-scheduler never saw them.
 * Computed once per simulation.
 */
export function schedulingByWorkload(result: SimulationResult): Map<string, WorkloadScheduling> {
  const cached = cache.get(result);
  if (cached) return cached;
  const byUid = new Map<string, Obj>();
  for (const o of result.objects) {
    const uid = metaOf(o).uid;
    if (typeof uid === 'string') byUid.set(uid, o);
  }
  const out = new Map<string, WorkloadScheduling>();
  for (const pod of result.objects) {
    if (pod.kind !== 'Pod') continue;
    const scheduled = result.scheduling.get(refOf(pod));
    if (!scheduled) continue;
    let top = pod;
    for (let depth = 0; depth < 5; depth++) {
      const uid = controllerUid(top);
      const owner = uid === undefined ? undefined : byUid.get(uid);
      if (!owner) break;
      top = owner;
    }
    const workload = refOf(top);
    let entry = out.get(workload);
    if (!entry) out.set(workload, (entry = { workload, pods: [] }));
    entry.pods.push({ pod: `${namespaceOf(pod)}/${nameOf(pod)}`, result: scheduled });
  }
  const pods = result.objects.filter((o) => o.kind === 'Pod');
  for (const set of result.objects) {
    const entry = set.kind === 'StatefulSet' ? out.get(refOf(set)) : undefined;
    const waiting = entry && orderedReadyWait(set, pods);
    if (entry && waiting) entry.waiting = waiting;
  }
  cache.set(result, out);
  return out;
}

/** `replicas` for the kinds that have them, else `pods` (singular for one). */
export function podsWord(kind: string, n: number): string {
  const replicas = kind === 'Deployment' || kind === 'ReplicaSet' || kind === 'StatefulSet' || kind === 'ReplicationController';
  return (replicas ? 'replica' : 'pod') + (n === 1 ? '' : 's');
}
