import { obj, type Obj } from '../../model/obj';
import type { CycleState } from '../framework';
import { labelSelector, labelsOf } from '../labels';
import { parseQuantity } from '../../resources/quantity';

/** The PersistentVolumeClaims, PersistentVolumes and StorageClasses the volume plugins read. */

export const pvcOf = (state: CycleState, name: string): Obj | undefined => state.snapshot.get('PersistentVolumeClaim', `${state.pod.namespace}/${name}`);
export const pvOf = (state: CycleState, name: string): Obj | undefined => state.snapshot.get('PersistentVolume', name);

/** The claim's StorageClass: its own, or the default class (DefaultStorageClass admission) when it names none. */
export function storageClassOf(state: CycleState, pvc: Obj): Obj | undefined {
  const spec = obj(pvc.spec) ?? {};
  if (typeof spec.storageClassName === 'string') return spec.storageClassName ? state.snapshot.get('StorageClass', spec.storageClassName) : undefined;
  return state.snapshot.list('StorageClass').find((sc) => String(obj(obj(sc.metadata)?.annotations)?.['storageclass.kubernetes.io/is-default-class']) === 'true');
}

export const boundVolumeName = (pvc: Obj): string => String(obj(pvc.spec)?.volumeName ?? '');
export const accessModes = (o: Obj): string[] => (Array.isArray(obj(o.spec)?.accessModes) ? (obj(o.spec)!.accessModes as unknown[]).map(String) : []);

/** The beta annotation that named a class before `storageClassName` (still read first, as upstream does). */
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** GetPersistentVolumeClaimClass / GetPersistentVolumeClass (component-helpers/storage/volume/helpers.go): '' for none. */
export function classOf(o: Obj): string {
  const beta = obj(obj(o.metadata)?.annotations)?.[BETA_STORAGE_CLASS];
  if (typeof beta === 'string') return beta;
  const name = obj(o.spec)?.storageClassName;
  return typeof name === 'string' ? name : '';
}

/** spec.capacity.storage of a volume, spec.resources.requests.storage of a claim, in nanos (0 when absent). */
export const volumeStorage = (pv: Obj): bigint => parseQuantity(obj(obj(pv.spec)?.capacity)?.storage)?.nanos ?? 0n;
export const claimStorage = (pvc: Obj): bigint => parseQuantity(obj(obj(obj(pvc.spec)?.resources)?.requests)?.storage)?.nanos ?? 0n;

/** IsVolumeBoundToClaim: the volume's claimRef names the claim (and its uid, when the ref has one). */
export function isVolumeBoundToClaim(pv: Obj, pvc: Obj): boolean {
  const ref = obj(obj(pv.spec)?.claimRef);
  if (!ref) return false;
  const meta = obj(pvc.metadata) ?? {};
  return ref.name === meta.name && (ref.namespace ?? '') === (meta.namespace ?? '') && (ref.uid === undefined || ref.uid === '' || ref.uid === meta.uid);
}

const volumeMode = (o: Obj): string => (typeof obj(o.spec)?.volumeMode === 'string' ? String(obj(o.spec)!.volumeMode) : 'Filesystem');

/**
 * FindMatchingVolume (staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go): a volume
 * pre-bound to the claim wins; otherwise the smallest unbound volume (first in list order among
 * equals) with enough capacity, the same volume mode, labels the claim's selector matches, the
 * claim's class and its access modes. `nodeMatches` is the node affinity check when a node is
 * chosen (the scheduler); without one, a WaitForFirstConsumer (`delayBinding`) claim only takes a
 * volume pre-bound to it, as the PV controller leaves the rest to the scheduler.
 */
export function findMatchingVolume(pvc: Obj, volumes: Obj[], delayBinding: boolean, nodeMatches?: (pv: Obj) => boolean, excluded?: Set<string>): Obj | undefined {
  const requested = claimStorage(pvc);
  const requestedClass = classOf(pvc);
  const rawSelector = obj(pvc.spec)?.selector;
  const selector = rawSelector === undefined || rawSelector === null ? undefined : labelSelector(rawSelector);
  const modes = accessModes(pvc);
  let smallest: Obj | undefined;
  for (const pv of volumes) {
    if (excluded?.has(String(obj(pv.metadata)?.name ?? ''))) continue;
    const size = volumeStorage(pv);
    if (size < requested) continue;
    if (volumeMode(pv) !== volumeMode(pvc)) continue;
    if (isVolumeBoundToClaim(pv, pvc)) {
      if (nodeMatches && !nodeMatches(pv)) continue;
      return pv;
    }
    if (!nodeMatches && delayBinding) continue;
    if (obj(obj(pv.spec)?.claimRef)) continue;
    if (nodeMatches && !nodeMatches(pv)) continue;
    if (selector && !selector.matches(labelsOf(obj(pv.metadata)?.labels))) continue;
    if (classOf(pv) !== requestedClass) continue;
    if (!modes.every((m) => accessModes(pv).includes(m))) continue;
    if (!smallest || volumeStorage(smallest) > size) smallest = pv;
  }
  return smallest;
}
