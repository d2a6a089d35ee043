import { obj } from '../../model/obj';
import { unresolvable, unschedulable, type Plugin } from '../framework';
import { accessModes, pvcOf } from './volumes';

/**
 * pkg/scheduler/framework/plugins/volumerestrictions/volume_restrictions.go: a ReadWriteOncePod
 * claim already used by another pod blocks every node. Inline disk conflicts (GCE PD, EBS, RBD,
 * iSCSI) are not modelled.
 */
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';
const INLINE_DISKS = ['gcePersistentDisk', 'awsElasticBlockStore', 'rbd', 'iscsi'];

export const VolumeRestrictions: Plugin = {
  name: 'VolumeRestrictions',
  preFilter(state) {
    const volumes = Array.isArray(state.pod.spec.volumes) ? state.pod.spec.volumes.map(obj) : [];
    const claims = volumes.flatMap((v) => (typeof obj(v?.persistentVolumeClaim)?.claimName === 'string' ? [String(obj(v!.persistentVolumeClaim)!.claimName)] : []));
    const inline = volumes.some((v) => v && INLINE_DISKS.some((k) => k in v));
    if (claims.length === 0 && !inline) return { skip: true };
    let conflicts = 0;
    for (const name of claims) {
      const pvc = pvcOf(state, name);
      if (!pvc) return { status: unresolvable(`persistentvolumeclaim "${name}" not found`) };
      if (!accessModes(pvc).includes('ReadWriteOncePod')) continue;
      for (const p of state.snapshot.pods) if (!state.removed.has(p) && p.namespace === state.pod.namespace && p.claims.some((c) => c.name === name)) conflicts++;
    }
    if (inline) return { notEvaluated: 'inline disk volumes (GCE PD, EBS, RBD, iSCSI) are not modelled' };
    state.data.set('VolumeRestrictions', conflicts);
    return undefined;
  },
  filter(state) {
    return (state.data.get('VolumeRestrictions') as number) > 0 ? unschedulable(ErrReasonReadWriteOncePodConflict) : undefined;
  },
};
