import { obj, type Obj } from '../../model/obj';
import { formatQuantity, parseQuantity } from '../../resources/quantity';
import { isDNS1123Subdomain } from '../../schema/apimachineryValidation';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/**
 * ValidatePersistentVolumeClaimSpec (pkg/apis/core/validation/validation.go): at least one access
 * mode, ReadWriteOncePod alone, a storage request above zero (upstream's path for it is
 * `spec.resources[storage]`, its value the quantity's canonical form), a storage class name.
 * Unknown access modes and volume modes are the schema's enums.
 */
export function validatePersistentVolumeClaimSpec(spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  const modes = Array.isArray(spec.accessModes) ? spec.accessModes : [];
  if (modes.length === 0) fe.required([...path, 'accessModes'], 'at least 1 access mode is required');
  // Only supported modes other than ReadWriteOncePod count as "others".
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m as string))) {
    fe.forbidden([...path, 'accessModes'], 'may not use ReadWriteOncePod with other access modes');
  }
  const storage = obj(obj(spec.resources)?.requests)?.storage;
  const at = [...path, 'resources', { key: 'storage' }];
  if (storage === undefined || storage === null) fe.required(at);
  else {
    // ValidatePositiveQuantityValue prints Quantity.String().
    const q = parseQuantity(storage);
    if (q && q.nanos <= 0n) fe.invalid(at, formatQuantity(q), 'must be greater than zero');
  }
  const className = typeof spec.storageClassName === 'string' ? spec.storageClassName : '';
  // ValidateClassName: NameIsDNSSubdomain.
  if (className !== '') for (const msg of isDNS1123Subdomain(className)) fe.invalid([...path, 'storageClassName'], className, msg);
}
