import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';

/**
 * What the API server fills in before it validates a custom resource
 * (apiextensions-apiserver pkg/apiserver/schema/defaulting/algorithm.go Default): a property with a
 * `default` that is absent (or null and not nullable) gets a copy of it, then every known property,
 * map value and item is defaulted in turn. Returns a defaulted copy; `value` is not changed.
 */
export function applyDefaults(value: unknown, schema: K8sSchema | undefined): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) {
    const items = obj(schema.items) as K8sSchema | undefined;
    return items ? value.map((v) => applyDefaults(v, items)) : value;
  }
  const o = obj(value);
  if (!o) return value;
  const props = obj(schema.properties) ?? {};
  const out: Record<string, unknown> = { ...o };
  for (const [k, p] of Object.entries(props)) {
    const prop = obj(p);
    if (!prop || prop.default === undefined || prop.default === null) continue;
    if (!(k in out) || (out[k] === null && prop.nullable !== true)) out[k] = structuredClone(prop.default);
  }
  const additional = obj(schema.additionalProperties) as K8sSchema | undefined;
  for (const [k, v] of Object.entries(out)) {
    const prop = obj(props[k]) as K8sSchema | undefined;
    if (prop) out[k] = applyDefaults(v, prop);
    else if (additional) out[k] = applyDefaults(v, additional);
  }
  return out;
}
