import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import type { FieldErrors, PathSegment } from '../schema/fieldErrors';

/**
 * The uniqueness of `x-kubernetes-list-type: set` items and `map` keys in a custom resource, after
 * defaulting (apiextensions-apiserver pkg/apiserver/schema/listtype/validation.go
 * ValidateListSetsAndMaps): each repeated value or key is reported once, at its second appearance.
 */
export function validateListSetsAndMaps(path: PathSegment[], schema: K8sSchema, value: unknown, fe: FieldErrors): void {
  const o = obj(value);
  if (!o) return;
  const additional = obj(schema.additionalProperties) as K8sSchema | undefined;
  if (additional) for (const [k, v] of Object.entries(o)) listSetsAndMaps([...path, { key: k }], additional, v, fe);
  const props = obj(schema.properties);
  if (props) {
    for (const [k, v] of Object.entries(o)) {
      const sub = obj(props[k]) as K8sSchema | undefined;
      if (sub) listSetsAndMaps([...path, k], sub, v, fe);
    }
  }
}

function listSetsAndMaps(path: PathSegment[], schema: K8sSchema, value: unknown, fe: FieldErrors): void {
  if (Array.isArray(value)) listSetsAndMapsArray(path, schema, value, fe);
  else if (obj(value)) validateListSetsAndMaps(path, schema, value, fe);
}

function listSetsAndMapsArray(path: PathSegment[], schema: K8sSchema, list: unknown[], fe: FieldErrors): void {
  if (schema['x-kubernetes-list-type'] === 'set') {
    for (const i of nonUnique(list)) fe.duplicate([...path, i], list[i]);
  } else if (schema['x-kubernetes-list-type'] === 'map') {
    validateListMap(path, schema, list, fe);
  }
  const items = obj(schema.items) as K8sSchema | undefined;
  if (items) list.forEach((v, i) => listSetsAndMaps([...path, i], items, v, fe));
}

/** validateListSet: the indices where a value appears for the second time. */
function nonUnique(list: unknown[]): number[] {
  const seen = new Map<string, number>();
  const out: number[] = [];
  list.forEach((x, i) => {
    // Go compares scalars by type and value, compounds by their JSON.
    const key = x !== null && typeof x === 'object' ? `c${JSON.stringify(x)}` : `${typeof x}:${String(x)}`;
    const times = seen.get(key) ?? 0;
    seen.set(key, times + 1);
    if (times === 1) out.push(i);
  });
  return out;
}

function validateListMap(path: PathSegment[], schema: K8sSchema, list: unknown[], fe: FieldErrors): void {
  const bad = list.findIndex((x) => x !== null && x !== undefined && !obj(x));
  if (bad >= 0) return fe.invalid([...path, bad], list[bad], 'must be an object for an array of list-type map');
  const keyFields = Array.isArray(schema['x-kubernetes-list-map-keys']) ? (schema['x-kubernetes-list-map-keys'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  // The key of an item: the key fields it has (an absent field is left out: "unspecified").
  const keys = list.map((x) => {
    const o = obj(x) ?? {};
    return Object.fromEntries(keyFields.filter((k) => k in o).map((k) => [k, o[k]]));
  });
  for (const i of nonUnique(keys.map((k) => keyFields.map((f) => (f in k ? [f, k[f]] : [f])) as unknown))) fe.duplicate([...path, i], keys[i]);
}
