import type { K8sSchema } from './catalog';

/**
 * Translates a schema in the Kubernetes OpenAPI flavor into plain JSON Schema for ajv, applying the
 * API server's decoding semantics:
 * - strict field validation: an object with `properties` rejects unknown fields unless
 *   `x-kubernetes-preserve-unknown-fields` is set;
 * - `x-kubernetes-int-or-string` accepts an integer or a string (no oneOf: one clear error);
 * - quantities (our `x-kubeplan-quantity`) accept a number or a string in quantity syntax;
 * - `x-kubernetes-embedded-resource` objects always allow apiVersion, kind and metadata.
 *
 * `builtin` schemas (from the Kubernetes OpenAPI) treat an object with no properties as free-form
 * (RawExtension, FieldsV1); CRD schemas are structural, where such an object holds no fields at all.
 * In a structural schema only the properties outside the logical junctors (allOf, anyOf, oneOf, not)
 * declare fields; inside them, properties only validate the fields the node declares
 * (apiextensions-apiserver schema/structural.go, pruning reads the structural part only): a branch
 * never makes a field unknown.
 */
export type SchemaOrigin = 'builtin' | 'crd';

const BUILTIN_FORMATS = new Set(['int32', 'int64', 'byte', 'date-time']);
/** Value validations a CRD schema may carry that ajv evaluates as the API server does. */
const CRD_VALUE_KEYWORDS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems',
  'minProperties', 'maxProperties', 'multipleOf', 'pattern', 'uniqueItems',
];

export function toAjvSchema(
  schema: K8sSchema,
  origin: SchemaOrigin,
  refPrefix: string,
  overrides?: Record<string, K8sSchema>,
  inJunctor = false,
): K8sSchema {
  // A CRD's schema node that is not an object (null, a string): the CRD is refused (KP129); its
  // resources are checked against nothing there.
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return {};
  if (typeof schema.$ref === 'string') return { $ref: refPrefix + schema.$ref };
  if (schema['x-kubernetes-int-or-string']) return { type: ['integer', 'string'] };
  if (schema['x-kubeplan-quantity']) return { type: ['string', 'number'], format: 'quantity' };

  const out: K8sSchema = {};
  if (schema.type !== undefined) out.type = schema.type;
  if (Array.isArray(schema.enum)) out.enum = schema.enum;
  if (Array.isArray(schema.required)) out.required = schema.required;
  if (typeof schema.format === 'string' && origin === 'builtin' && BUILTIN_FORMATS.has(schema.format)) {
    out.format = schema.format;
  }
  if (origin === 'crd') {
    for (const k of CRD_VALUE_KEYWORDS) if (schema[k] !== undefined) out[k] = schema[k];
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(schema[k])) out[k] = (schema[k] as K8sSchema[]).map((s) => toAjvSchema(s, origin, refPrefix, undefined, true));
    }
    if (schema.not && typeof schema.not === 'object') out.not = toAjvSchema(schema.not as K8sSchema, origin, refPrefix, undefined, true);
  }
  if (schema.items && typeof schema.items === 'object') {
    out.items = toAjvSchema(schema.items as K8sSchema, origin, refPrefix, undefined, inJunctor);
  }

  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const properties = schema.properties && typeof schema.properties === 'object' && !Array.isArray(schema.properties) ? (schema.properties as Record<string, K8sSchema>) : undefined;
  const additional = schema.additionalProperties;
  if (properties) {
    const props: Record<string, K8sSchema> = {};
    for (const [name, prop] of Object.entries(properties)) {
      const converted = toAjvSchema(prop, origin, refPrefix, undefined, inJunctor);
      props[name] = overrides?.[name] ? mergeOverride(converted, overrides[name]) : converted;
    }
    out.properties = props;
  }
  if (additional && typeof additional === 'object') {
    out.additionalProperties = toAjvSchema(additional as K8sSchema, origin, refPrefix);
  } else if (additional === true || preserve || inJunctor) {
    // free-form beyond the declared properties (in a junctor: the node declares the fields)
  } else if (properties || (origin === 'crd' && isObject(schema))) {
    out.additionalProperties = false;
  }
  if (schema['x-kubernetes-embedded-resource']) {
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(out.properties as Record<string, K8sSchema> | undefined),
    };
  }
  return out;
}

function isObject(schema: K8sSchema): boolean {
  return schema.type === 'object';
}

/** API-server checks (apiValidations.ts) refine a property: keep its type, add formats and key rules. */
function mergeOverride(base: K8sSchema, extra: K8sSchema): K8sSchema {
  const merged: K8sSchema = { ...base, ...extra };
  if (base.type !== undefined) merged.type = base.type;
  if (extra.additionalProperties && typeof base.additionalProperties === 'object') {
    merged.additionalProperties = { ...(base.additionalProperties as K8sSchema), ...(extra.additionalProperties as K8sSchema) };
  }
  return merged;
}
