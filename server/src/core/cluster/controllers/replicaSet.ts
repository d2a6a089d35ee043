import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { controllerUid, metaOf, nameOf, type Stored } from '../store';
import { createPodFromTemplate } from './podFactory';
import { podsToCreate } from './podLimit';
import { timeOf } from '../timestamps';
import { count } from '../../resources/workloads';
import { isReady } from '../kubelet';
import { getPodsToDelete } from '../rollout/podsToDelete';
import { podDeletionCost, type RankedPod } from '../rollout/podRanks';


/** A pod as the deletion order reads it (times in ms). */
function ranked(pod: Obj): RankedPod & { pod: Obj } {
  const status = obj(pod.status) ?? {};
  const ready = (Array.isArray(status.conditions) ? status.conditions : []).map(obj).find((c) => c?.type === 'Ready');
  const restarts = (Array.isArray(status.containerStatuses) ? status.containerStatuses : []).reduce((n: number, c) => Math.max(n, Number(obj(c)?.restartCount ?? 0) || 0), 0);
  return {
    pod,
    name: nameOf(pod),
    nodeName: typeof obj(pod.spec)?.nodeName === 'string' ? (obj(pod.spec)!.nodeName as string) : '',
    phase: typeof status.phase === 'string' ? status.phase : undefined,
    ready: isReady(pod),
    readySince: timeOf(ready?.lastTransitionTime),
    restarts,
    creationTimestamp: timeOf(metaOf(pod).creationTimestamp),
    deletionCost: podDeletionCost(obj(metaOf(pod).annotations) as Record<string, string> | undefined),
    uid: String(metaOf(pod).uid ?? ''),
  };
}

/**
 * The ReplicaSet and ReplicationController controllers (pkg/controller/replicaset): create the missing
 * pods in slow-start batches of 1, 2, 4…, stopping after the first batch with a failure, one
 * `SuccessfulCreate` or `FailedCreate` event per pod; delete the pods over spec.replicas in the order
 * getPodsToDelete ranks them (`SuccessfulDelete`). Synced when its spec changes (a new ReplicaSet, a
 * Deployment scaling it); a failure is not retried (the real controller backs off and retries).
 */
export function syncReplicaSet(ctx: SimulationContext, stored: Stored): boolean {
  const rs = stored.object;
  if (!ctx.specChanged(rs)) return false;
  const uid = metaOf(rs).uid;
  const pods = ctx.store.ownedBy(uid, 'Pod').filter((p) => obj(p.status)?.phase !== 'Succeeded' && obj(p.status)?.phase !== 'Failed');
  const wanted = count(obj(rs.spec)?.replicas, 1);
  if (pods.length > wanted) {
    // Ranked against the pods of every ReplicaSet of the same owner (related pods), as upstream.
    const owner = controllerUid(rs);
    const related = owner === undefined ? pods : ctx.store.ownedBy(owner, 'ReplicaSet').flatMap((sibling) => ctx.store.ownedBy(metaOf(sibling).uid, 'Pod'));
    for (const victim of getPodsToDelete(pods.map(ranked), related.map(ranked), pods.length - wanted)) {
      ctx.deletePod(victim.pod);
      ctx.emit('kube-controller-manager', 'Normal', rs, 'SuccessfulDelete', `Deleted pod: ${nameOf(victim.pod)}`, stored.source);
    }
    return true;
  }
  const template = obj(obj(rs.spec)?.template) ?? {};
  let missing = podsToCreate(ctx, rs, wanted, stored.source) - pods.length;
  if (missing <= 0) return false;
  let index = ctx.podsCreated.get(String(uid)) ?? 0;
  for (let batch = 1; missing > 0; batch *= 2) {
    const size = Math.min(batch, missing);
    let failed = false;
    for (let i = 0; i < size; i++) {
      const made = createPodFromTemplate(ctx, rs, template, { seed: String(index++) });
      if ('pod' in made) ctx.emit('kube-controller-manager', 'Normal', rs, 'SuccessfulCreate', `Created pod: ${nameOf(made.pod)}`, stored.source);
      else {
        failed = true;
        ctx.failedCreate(rs, `Error creating: ${made.error.message}`, made.error, stored.source);
      }
    }
    missing -= size;
    if (failed) break;
  }
  ctx.podsCreated.set(String(uid), index);
  return true;
}
