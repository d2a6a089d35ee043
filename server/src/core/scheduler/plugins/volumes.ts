import { obj, type Obj } from '../../model/obj';
import type { CycleState } from '../framework';

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
