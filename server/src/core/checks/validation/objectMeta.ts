import { obj, type Obj } from '../../model/obj';
import type { FieldErrors } from '../../schema/fieldErrors';

/**
 * ValidateObjectMeta (k8s.io/apimachinery/pkg/api/validation/objectmeta.go) where the schema and the
 * name checks (KP130) do not reach: an object must have a name. kubectl apply also refuses a
 * generateName (it needs the name to find the live object): `kubectl create` takes it.
 */
export function validateObjectMeta(o: Obj, fe: FieldErrors): void {
  const meta = obj(o.metadata) ?? {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const generateName = typeof meta.generateName === 'string' ? meta.generateName : '';
  if (name === '' && generateName !== '') fe.invalid(['metadata', 'generateName'], generateName, 'kubectl apply cannot use a generated name (from generateName): use kubectl create, or set metadata.name');
  else if (name === '') fe.required(['metadata', 'name'], 'name or generateName is required');
}
