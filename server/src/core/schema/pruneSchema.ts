import type { K8sSchema } from './catalog';

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The part of a converted (ajv) schema that instances reach: at every depth, only the properties one
 * of them has; junctors (`allOf`, `anyOf`, `oneOf`, `not`) and `$ref`s as they are. Validating the
 * instances against it finds exactly what the whole schema finds: a property an instance lacks is
 * checked by nothing but its parent's `required` (kept), and an unknown one is still not among the
 * properties. ajv compiles in time proportional to the schema (0.6 s for the 100 KB of the
 * Prometheus CRD), so a custom resource's validator costs what the resource uses.
 *
 * `shape` receives what was kept, in a fixed order (each `properties` node visited, its kept keys):
 * for one schema, equal shapes are equal pruned schemas, the key under which a validator is reused.
 */
export function pruneSchema(schema: K8sSchema, values: unknown[], shape: string[]): K8sSchema {
  if (typeof schema.$ref === 'string') return schema;
  const out: K8sSchema = { ...schema };
  const objects = values.filter(isPlainObject);
  const properties = isPlainObject(schema.properties) ? (schema.properties as Record<string, K8sSchema>) : undefined;
  if (properties) {
    const kept: Record<string, K8sSchema> = {};
    const names = Object.keys(properties).filter((name) => objects.some((o) => o[name] !== undefined));
    shape.push(names.join('\u0000'));
    for (const name of names) {
      kept[name] = pruneSchema(
        properties[name],
        objects.map((o) => o[name]).filter((v) => v !== undefined),
        shape,
      );
    }
    out.properties = kept;
  }
  if (isPlainObject(schema.additionalProperties)) {
    const rest = objects.flatMap((o) => Object.entries(o).filter(([k]) => !properties || !(k in properties)).map(([, v]) => v));
    out.additionalProperties = pruneSchema(schema.additionalProperties as K8sSchema, rest, shape);
  }
  if (isPlainObject(schema.items)) {
    out.items = pruneSchema(schema.items as K8sSchema, values.filter(Array.isArray).flat(), shape);
  }
  return out;
}
