import { obj, type Obj } from '../../model/obj';
import { unresolvable, type CycleState, type Plugin } from '../framework';
import type { NodeInfo } from '../nodeInfo';
import { parseNodeSelectorTerm, termMatches } from '../nodeSelector';
import { boundVolumeName, classOf, findMatchingVolume, pvcOf, pvOf, storageClassOf } from './volumes';

/**
 * pkg/scheduler/framework/plugins/volumebinding/volume_binding.go and binder.go: bound claims need
 * their PersistentVolume's node affinity to match; WaitForFirstConsumer claims need an available
 * PersistentVolume that fits, or a provisioner whose allowedTopologies match the node. Storage
 * capacity (CSIStorageCapacity) is not modelled. The score needs the alpha StorageCapacityScoring.
 */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';
export const ErrUnboundImmediatePVCs = 'pod has unbound immediate PersistentVolumeClaims';

interface State {
  bound: Obj[];
  /** WaitForFirstConsumer claims and their class. */
  delayed: Array<{ pvc: Obj; storageClass: Obj }>;
  missingPV: boolean;
}

/** CheckNodeAffinity: a PersistentVolume without node affinity fits every node. */
export function pvFitsNode(pv: Obj, node: NodeInfo): boolean {
  const terms = obj(obj(obj(pv.spec)?.nodeAffinity)?.required)?.nodeSelectorTerms;
  if (!Array.isArray(terms)) return true;
  return terms.some((t) => termMatches(parseNodeSelectorTerm(t), node.labels, node.name));
}

/** findMatchingVolumes (binder.go): an available PersistentVolume of the class that fits the claim and the node. */
function findMatchingPV(state: CycleState, pvc: Obj, className: string, node: NodeInfo): boolean {
  const volumes = state.snapshot.list('PersistentVolume').filter((pv) => classOf(pv) === className);
  return findMatchingVolume(pvc, volumes, true, (pv) => pvFitsNode(pv, node)) !== undefined;
}

/** MatchTopologySelectorTerms: no allowedTopologies means everywhere. */
function allowedTopologiesMatch(storageClass: Obj, node: NodeInfo): boolean {
  const terms = storageClass.allowedTopologies;
  if (!Array.isArray(terms) || terms.length === 0) return true;
  return terms.some((t) => {
    const exprs = obj(t)?.matchLabelExpressions;
    return Array.isArray(exprs) && exprs.every((e) => {
      const x = obj(e);
      return !!x && typeof x.key === 'string' && Array.isArray(x.values) && x.values.map(String).includes(node.labels[x.key]);
    });
  });
}

export const VolumeBinding: Plugin = {
  name: 'VolumeBinding',
  preFilter(state) {
    if (state.pod.claims.length === 0) return { skip: true };
    const s: State = { bound: [], delayed: [], missingPV: false };
    for (const claim of state.pod.claims) {
      const pvc = pvcOf(state, claim.name);
      if (!pvc) {
        const message = claim.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${claim.name}"` : `persistentvolumeclaim "${claim.name}" not found`;
        return { status: unresolvable(message) };
      }
      if (obj(pvc.status)?.phase === 'Lost') return { status: unresolvable(`persistentvolumeclaim "${claim.name}" bound to non-existent persistentvolume "${boundVolumeName(pvc)}"`) };
      if (obj(pvc.metadata)?.deletionTimestamp) return { status: unresolvable(`persistentvolumeclaim "${claim.name}" is being deleted`) };
      if (boundVolumeName(pvc)) {
        const pv = pvOf(state, boundVolumeName(pvc));
        if (pv) s.bound.push(pv);
        else s.missingPV = true;
        continue;
      }
      const storageClass = storageClassOf(state, pvc);
      if (storageClass?.volumeBindingMode === 'WaitForFirstConsumer') s.delayed.push({ pvc, storageClass });
      else return { status: unresolvable(ErrUnboundImmediatePVCs) };
    }
    state.data.set('VolumeBinding', s);
    return undefined;
  },
  filter(state, node) {
    const s = state.data.get('VolumeBinding') as State;
    const reasons: string[] = [];
    if (s.missingPV) reasons.push(ErrReasonPVNotExist);
    else if (!s.bound.every((pv) => pvFitsNode(pv, node))) reasons.push(ErrReasonNodeConflict);
    const unboundOk = s.delayed.every(({ pvc, storageClass }) => {
      const className = String(obj(storageClass.metadata)?.name ?? '');
      if (findMatchingPV(state, pvc, className, node)) return true;
      return storageClass.provisioner !== 'kubernetes.io/no-provisioner' && allowedTopologiesMatch(storageClass, node);
    });
    if (!unboundOk) reasons.push(ErrReasonBindConflict);
    return reasons.length ? unresolvable(...reasons) : undefined;
  },
  preScore() {
    return false;
  },
};
