import { obj, type Obj } from '../model/obj';
import type { ScheduleResult } from '../scheduler/types';
import type { SimulationContext } from './context';
import { isRunningAndReady } from './kubelet';
import { metaOf, nameOf, namespaceOf, refOf } from './store';
import { newReplicaSetOf } from './controllers/deployment';
import { revisionHash } from './names';

const replicasOf = (o: Obj): number => (typeof obj(o.spec)?.replicas === 'number' ? (obj(o.spec)!.replicas as number) : 1);
const owned = (ctx: SimulationContext, kind: string, owner: Obj): Obj[] => ctx.store.ownedBy(metaOf(owner).uid, kind);

/** The pods a rollout waits for (of the new template) and how many it wants, with the old pods still there. */
function target(ctx: SimulationContext, w: Obj): { pods: Obj[]; desired: number; oldLeft: number } {
  if (w.kind === 'Deployment') {
    const rss = owned(ctx, 'ReplicaSet', w);
    const fresh = newReplicaSetOf(w, rss);
    const old = rss.filter((rs) => rs !== fresh);
    return { pods: fresh ? owned(ctx, 'Pod', fresh) : [], desired: replicasOf(w), oldLeft: old.reduce((n, rs) => n + replicasOf(rs) + owned(ctx, 'Pod', rs).length, 0) };
  }
  const revision = `${nameOf(w)}-${revisionHash(obj(obj(w.spec)?.template) ?? {})}`;
  const pods = owned(ctx, 'Pod', w);
  const current = (p: Obj) => obj(metaOf(p).labels)?.['controller-revision-hash'] === (w.kind === 'StatefulSet' ? revision : revisionHash(obj(obj(w.spec)?.template) ?? {}));
  if (w.kind === 'StatefulSet') {
    const partition = Number(obj(obj(obj(w.spec)?.updateStrategy)?.rollingUpdate)?.partition ?? 0) || 0;
    const ordinal = (p: Obj) => Number(obj(metaOf(p).labels)?.['apps.kubernetes.io/pod-index'] ?? -1);
    const updatable = pods.filter((p) => ordinal(p) >= partition);
    return { pods: pods.filter(current), desired: Math.max(0, replicasOf(w) - partition) + pods.filter((p) => ordinal(p) < partition && current(p)).length, oldLeft: updatable.filter((p) => !current(p)).length };
  }
  return { pods: pods.filter(current), desired: pods.filter(current).length + pods.filter((p) => !current(p)).length, oldLeft: pods.filter((p) => !current(p)).length };
}

/**
 * Whether each rollout got there once the simulation settled: every wanted pod of the new template
 * Running and Ready and no old one left. One that did not stalled at the step after its last, for the
 * reason of the first pod it waits for: the scheduler's FitError, the kubelet's, or not Ready.
 */
export function finishRollouts(ctx: SimulationContext, scheduling: Map<string, ScheduleResult>): void {
  for (const rollout of ctx.rollouts.values()) {
    const [kind, ns, ...rest] = rollout.workload.split('/');
    const w = ctx.store.get(kind, ns, rest.join('/'))?.object;
    if (!w) continue;
    const { pods, desired, oldLeft } = target(ctx, w);
    const ready = pods.filter(isRunningAndReady);
    rollout.completes = ready.length >= desired && oldLeft === 0;
    if (rollout.completes) {
      delete rollout.stalledAtStep;
      delete rollout.reason;
      continue;
    }
    rollout.stalledAtStep = rollout.steps.length + 1;
    rollout.reason = reasonOf(ctx, w, pods, desired, scheduling);
  }
}

function reasonOf(ctx: SimulationContext, w: Obj, pods: Obj[], desired: number, scheduling: Map<string, ScheduleResult>): string {
  for (const pod of pods) {
    if (isRunningAndReady(pod)) continue;
    const scheduled = scheduling.get(refOf(pod));
    if (scheduled && scheduled.node === null) return scheduled.message ?? `pod ${nameOf(pod)} is unschedulable`;
    const status = obj(pod.status) ?? {};
    if (typeof status.reason === 'string') return `pod ${nameOf(pod)}: ${status.reason}${typeof status.message === 'string' ? `: ${status.message}` : ''}`;
    return `pod ${nameOf(pod)} is not Ready`;
  }
  const failed = [...ctx.events].reverse().find((e) => e.reason === 'FailedCreate' && (e.object === refOf(w) || e.object.startsWith(`ReplicaSet/${namespaceOf(w)}/${nameOf(w)}-`)));
  if (failed) return failed.message;
  return pods.length < desired ? `${desired - pods.length} of ${desired} pods not created` : 'old pods are still there';
}
