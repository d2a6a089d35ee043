import { obj, type Obj } from '../../model/obj';
import { unresolvable, type Plugin } from '../framework';
import { labelsOf } from '../labels';
import { boundVolumeName, pvcOf, pvOf } from './volumes';

/**
 * pkg/scheduler/framework/plugins/volumezone/volume_zone.go: a bound PersistentVolume's zone/region
 * labels (values may be `a__b` sets) must include the node's; nodes without any such label pass.
 */
export const ErrReasonConflict = 'node(s) had no available volume zone';
const TOPOLOGY_LABELS = ['failure-domain.beta.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region'];

export const VolumeZone: Plugin = {
  name: 'VolumeZone',
  preFilter(state) {
    if (state.pod.claims.length === 0) return { skip: true };
    const constraints: Array<{ key: string; values: Set<string> }> = [];
    for (const claim of state.pod.claims) {
      const pvc = pvcOf(state, claim.name);
      const pv: Obj | undefined = pvc && boundVolumeName(pvc) ? pvOf(state, boundVolumeName(pvc)) : undefined;
      if (!pv) continue;
      const labels = labelsOf(obj(pv.metadata)?.labels);
      for (const key of TOPOLOGY_LABELS) if (key in labels) constraints.push({ key, values: new Set(labels[key].split('__')) });
    }
    if (constraints.length === 0) return { skip: true };
    state.data.set('VolumeZone', constraints);
    return undefined;
  },
  filter(state, node) {
    if (!TOPOLOGY_LABELS.some((k) => k in node.labels)) return undefined;
    const constraints = state.data.get('VolumeZone') as Array<{ key: string; values: Set<string> }>;
    return constraints.every((c) => c.key in node.labels && c.values.has(node.labels[c.key])) ? undefined : unresolvable(ErrReasonConflict);
  },
};
