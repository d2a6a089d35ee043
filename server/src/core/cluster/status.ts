import { obj, type Obj } from '../model/obj';
import type { SimulationContext } from './context';
import { isReady } from './kubelet';
import type { PodIndex } from './podIndex';
import { metaOf, type Stored } from './store';

/** Status the workload controllers write back once their pods run: counts of pods and ready pods. */
export function workloadStatus(ctx: SimulationContext, pods: PodIndex): void {
  const counts = (o: Obj) => {
    const owned = pods.owned(o);
    const running = owned.filter((p) => obj(p.status)?.phase === 'Running');
    return { total: owned.length, running: running.length, ready: running.filter(isReady).length };
  };
  const replicasets = new Map<string, { total: number; ready: number }>();
  for (const kind of ['ReplicaSet', 'ReplicationController', 'StatefulSet']) {
    for (const s of ctx.store.list(kind)) {
      const c = counts(s.object);
      replicasets.set(String(metaOf(s.object).uid), c);
      const ready = c.ready ? { readyReplicas: c.ready, availableReplicas: c.ready } : {};
      ctx.store.update({ ...s.object, status: { replicas: c.total, fullyLabeledReplicas: kind === 'StatefulSet' ? undefined : c.total, ...ready, observedGeneration: 1 } });
    }
  }
  const replicaSetOf = new Map<string, Stored>();
  for (const r of ctx.store.list('ReplicaSet')) {
    const owner = (metaOf(r.object).ownerReferences as Obj[] | undefined)?.find((o) => o.controller === true);
    if (owner) replicaSetOf.set(String(owner.uid), r);
  }
  for (const s of ctx.store.list('Deployment')) {
    const uid = metaOf(s.object).uid;
    const rs = replicaSetOf.get(String(uid));
    const c = rs ? replicasets.get(String(metaOf(rs.object).uid)) : undefined;
    const want = Number(obj(s.object.spec)?.replicas ?? 1);
    const ready = c?.ready ?? 0;
    ctx.store.update({
      ...s.object,
      status: { observedGeneration: 1, replicas: c?.total ?? 0, updatedReplicas: c?.total ?? 0, ...(ready ? { readyReplicas: ready, availableReplicas: ready } : {}), ...(want - ready > 0 ? { unavailableReplicas: want - ready } : {}) },
    });
  }
  for (const s of ctx.store.list('DaemonSet')) {
    const c = counts(s.object);
    ctx.store.update({ ...s.object, status: { currentNumberScheduled: c.total, desiredNumberScheduled: c.total, numberMisscheduled: 0, numberReady: c.ready, numberAvailable: c.ready, observedGeneration: 1, updatedNumberScheduled: c.total } });
  }
  for (const s of ctx.store.list('Job')) {
    const c = counts(s.object);
    ctx.store.update({ ...s.object, status: { active: c.running, ready: c.ready, startTime: ctx.settings.clock } });
  }
}
