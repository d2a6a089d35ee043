import { obj, type Obj } from '../../model/obj';
import { parseQuantity } from '../../resources/quantity';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';

/**
 * ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation/validation.go): at least one access
 * mode, and a storage request above zero (upstream's path for it is `spec.resources[storage]`).
 */
export function validatePersistentVolumeClaimSpec(spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  if (!Array.isArray(spec.accessModes) || spec.accessModes.length === 0) fe.required([...path, 'accessModes'], 'at least 1 access mode is required');
  else if (spec.accessModes.includes('ReadWriteOncePod') && spec.accessModes.length > 1) fe.forbidden([...path, 'accessModes'], 'may not use ReadWriteOncePod with other access modes');
  const storage = obj(obj(spec.resources)?.requests)?.storage;
  const at = [...path, 'resources', { key: 'storage' }];
  if (storage === undefined || storage === null) fe.required(at);
  else {
    const q = parseQuantity(storage);
    if (q && q.nanos <= 0n) fe.invalid(at, String(storage), 'must be greater than zero');
  }
}
