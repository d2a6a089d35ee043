import type { K8sSchema } from './catalog';
import type { JsonPath } from '../yaml/nodeAt';

/**
 * Follows a JSON path through a (converted, ajv-flavored) schema: properties, items,
 * additionalProperties, `$ref`s and the branches of allOf/anyOf/oneOf. Used to name the fields that
 * are valid where an unknown one was written, and (for hovers) to find a field's schema.
 */
export function schemaAtPath(root: K8sSchema, path: JsonPath, resolveRef: (ref: string) => K8sSchema | undefined): K8sSchema | undefined {
  let current: K8sSchema | undefined = deref(root, resolveRef);
  for (const segment of path) {
    if (!current) return undefined;
    current = deref(step(current, segment, resolveRef), resolveRef);
  }
  return current;
}

function step(schema: K8sSchema, segment: string | number, resolveRef: (ref: string) => K8sSchema | undefined): K8sSchema | undefined {
  if (typeof segment === 'number') return schema.items as K8sSchema | undefined;
  const props = schema.properties as Record<string, K8sSchema> | undefined;
  if (props?.[segment]) return props[segment];
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') return schema.additionalProperties as K8sSchema;
  for (const k of ['allOf', 'anyOf', 'oneOf']) {
    for (const branch of (schema[k] as K8sSchema[] | undefined) ?? []) {
      const found = step(deref(branch, resolveRef) ?? {}, segment, resolveRef);
      if (found) return found;
    }
  }
  return undefined;
}

function deref(schema: K8sSchema | undefined, resolveRef: (ref: string) => K8sSchema | undefined): K8sSchema | undefined {
  let s = schema;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 32; hops++) s = resolveRef(s.$ref);
  return s;
}

/** Names of the properties a schema declares (for "did you mean"). */
export function propertyNames(schema: K8sSchema | undefined): string[] {
  return Object.keys((schema?.properties as object | undefined) ?? {});
}
