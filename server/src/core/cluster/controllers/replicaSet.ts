import { obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { nameOf, type Stored } from '../store';
import { createPodFromTemplate } from './podFactory';
import { podsToCreate } from './podLimit';
import { count } from '../../resources/workloads';

/**
 * The ReplicaSet and ReplicationController controllers (pkg/controller/replicaset): create the missing
 * pods in slow-start batches of 1, 2, 4…, stopping after the first batch with a failure; one
 * `SuccessfulCreate` or `FailedCreate` event per pod, as upstream records them.
 */
export function syncReplicaSet(ctx: SimulationContext, stored: Stored): boolean {
  const rs = stored.object;
  if (!ctx.firstSync(rs)) return false;
  const template = obj(obj(rs.spec)?.template) ?? {};
  // Synced once, right after it is created: it owns no pod yet (adopting orphans is not modelled).
  let missing = podsToCreate(ctx, rs, count(obj(rs.spec)?.replicas, 1), stored.source);
  let index = 0;
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
  return true;
}
