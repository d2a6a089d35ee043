import { obj, type Obj } from '../model/obj';
import type { ScheduleOptions, ScheduleResult } from '../scheduler/types';
import { SchedulerSnapshot, schedulePod } from '../scheduler';
import type { SimulationContext } from './context';
import { nameOf, namespaceOf, refOf, type Store } from './store';
import { bindPodVolumes } from './controllers/persistentVolume';

/** The scheduler as the simulation drives it: where one pod goes, and occupancy as pods are bound. */
export interface Placement {
  /** Brings in the objects plugins read that controllers created since the last pass. */
  observe(store: Store): void;
  addPod(pod: Obj): void;
  /** A bound pod deleted (scaled down): what it held is free again. */
  removePod(pod: Obj): void;
  schedule(pod: Obj, options: ScheduleOptions): ScheduleResult;
}

/** Kinds the scheduler's plugins read: default spreading selectors, volumes, priorities, namespaces. */
const RELATED_KINDS = ['Service', 'ReplicaSet', 'StatefulSet', 'ReplicationController', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'Namespace'];

/** The scheduling framework of core/scheduler (default profile or the ClusterProfile's) over the cluster's nodes. */
export class FrameworkPlacement implements Placement {
  readonly snapshot: SchedulerSnapshot;
  private readonly seen = new Map<string, string>();

  constructor(nodes: Obj[]) {
    this.snapshot = new SchedulerSnapshot(nodes, []);
  }

  observe(store: Store): void {
    this.flush();
    for (const kind of RELATED_KINDS) {
      for (const { object } of store.list(kind)) {
        const ref = refOf(object);
        const version = String(obj(object.metadata)?.resourceVersion ?? '');
        if (this.seen.get(ref) === version) continue;
        this.seen.set(ref, version);
        this.snapshot.addObject(object);
      }
    }
  }

  addPod(pod: Obj): void {
    this.flush();
    this.snapshot.addPod(pod);
  }

  /** Deleted pods leave the snapshot together, before the next pass reads it. */
  private readonly removed: Obj[] = [];

  removePod(pod: Obj): void {
    this.removed.push(pod);
  }

  private flush(): void {
    if (this.removed.length === 0) return;
    this.snapshot.removePods(this.removed);
    this.removed.length = 0;
  }

  schedule(pod: Obj, options: ScheduleOptions): ScheduleResult {
    this.flush();
    return schedulePod(pod, this.snapshot, options);
  }
}

/** Pods scheduled between two pause points of a simulation run in steps (a pod takes about 0.1–1 ms). */
const SCHEDULED_PER_STEP = 16;

const priorityOf = (pod: Obj): number => (typeof obj(pod.spec)?.priority === 'number' ? (obj(pod.spec)!.priority as number) : 0);

/**
 * One pass of kube-scheduler over the pending pods: the scheduling queue's order (higher priority
 * first, then creation order: PrioritySort), each pod bound before the next is scheduled so that it
 * counts toward the next one's fit, ports and spread. Returns true when it bound or failed a pod.
 */
export function* runScheduler(ctx: SimulationContext, placement: Placement, results: Map<string, ScheduleResult>, options: ScheduleOptions): Generator<void, boolean> {
  const pending = ctx.store
    .list('Pod')
    .filter((s) => {
      const spec = obj(s.object.spec) ?? {};
      return spec.nodeName === undefined && obj(s.object.status)?.phase === 'Pending' && !results.has(refOf(s.object)) && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler';
    })
    .sort((a, b) => priorityOf(b.object) - priorityOf(a.object));
  if (pending.length) placement.observe(ctx.store);
  for (const [i, stored] of pending.entries()) {
    // A pause point every few pods: the language server lets other requests through there.
    if (i % SCHEDULED_PER_STEP === SCHEDULED_PER_STEP - 1) yield;
    const pod = stored.object;
    const failed = (): ScheduleResult => ({ node: null, message: 'not scheduled: kubeplan failed on this pod (see KP100)', nodes: [] });
    const result = ctx.guard(`Pod ${nameOf(pod)}`, stored.source, undefined, () => placement.schedule(pod, options)) ?? failed();
    results.set(refOf(pod), result);
    const status = obj(pod.status) ?? {};
    if (result.node) {
      // VolumeBinding's PreBind: the pod is bound once its WaitForFirstConsumer claims are (the scheduler's view follows).
      const node = result.node;
      if (ctx.guard(`Pod ${nameOf(pod)}`, stored.source, false, () => bindPodVolumes(ctx, pod, node))) placement.observe(ctx.store);
      const bound = ctx.store.update({
        ...pod,
        spec: { ...(obj(pod.spec) ?? {}), nodeName: result.node },
        status: { ...status, conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: ctx.settings.clock }] },
      });
      placement.addPod(bound);
      ctx.emit('kube-scheduler', 'Normal', pod, 'Scheduled', `Successfully assigned ${namespaceOf(pod)}/${nameOf(pod)} to ${result.node}`, stored.source);
    } else {
      const message = result.message ?? 'unschedulable';
      ctx.store.update({
        ...pod,
        status: { ...status, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime: ctx.settings.clock }] },
      });
      ctx.emit('kube-scheduler', 'Warning', pod, 'FailedScheduling', message, stored.source);
    }
  }
  return pending.length > 0;
}
