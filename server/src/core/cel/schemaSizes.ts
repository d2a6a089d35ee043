import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import { escapeName } from './escaping';
import { withTypeAndObjectMeta } from './declTypes';
import type { AstNode, SizeEstimate } from './estimate';

/**
 * What the cost estimator knows of a schema's values (k8s.io/apiserver/pkg/cel/common/schemas.go
 * SchemaDeclType, types.go, limits.go): each CEL-visible node's largest size (MaxElements: a
 * list's items, a map's entries, a string's bytes) from maxItems, maxProperties and maxLength, or
 * else from how many of its smallest values fit in the largest request (3 MiB); and the size of
 * its smallest JSON value (MinSerializedSize).
 */
interface DeclSize {
  maxElements: bigint;
  minSerializedSize: bigint;
  /** An object's fields, by their escaped names. */
  fields?: Map<string, DeclSize>;
  /** A list's items, a map's values. */
  elem?: DeclSize;
  /** A map's keys. */
  key?: DeclSize;
}

/** celconfig.MaxRequestSizeBytes. */
const MAX_REQUEST_SIZE_BYTES = 3n * 1024n * 1024n;
/** limits.go. */
const MAX_DURATION_SIZE_JSON = 32n;
const MAX_DATETIME_SIZE_JSON = 32n;
const MIN_DURATION_SIZE_JSON = 3n;
const JSON_DATE_SIZE = 12n;
const MIN_DATETIME_SIZE_JSON = 21n;
const MIN_STRING_SIZE = 2n;
const MIN_BOOL_SIZE = 4n;
const MIN_NUMBER_SIZE = 1n;

const simple = (minSerializedSize: bigint, maxElements = 0n): DeclSize => ({ maxElements, minSerializedSize });
/** StringType, the key of every map: no MaxElements of its own. */
const STRING_KEY = simple(MIN_STRING_SIZE);

const typeOf = (s: K8sSchema): string => (typeof s.type === 'string' ? s.type : '');
const int = (v: unknown): bigint | undefined => (typeof v === 'number' && Number.isFinite(v) ? BigInt(Math.trunc(v)) : undefined);
const zeroIfNegative = (v: bigint): bigint => (v < 0n ? 0n : v);

/**
 * SchemaDeclType's sizes for one schema node (`minor`: the Kubernetes release; enums bound a
 * string from 1.29, maxLength bounds an int-or-string from 1.34). Undefined where CEL cannot see
 * the node.
 */
export function schemaDeclSize(s: K8sSchema | undefined, isResourceRoot: boolean, minor: number): DeclSize | undefined {
  if (!s) return undefined;
  const maxLength = int(s.maxLength);
  if (s['x-kubernetes-int-or-string'] === true) {
    // The smallest int-or-string is 0.
    return simple(1n, minor >= 34 && maxLength !== undefined ? zeroIfNegative(maxLength) * 4n : MAX_REQUEST_SIZE_BYTES - 2n);
  }
  if (isResourceRoot) s = withTypeAndObjectMeta(s);
  const embedded = (x: K8sSchema) => x['x-kubernetes-embedded-resource'] === true;
  switch (typeOf(s)) {
    case 'array': {
      const items = obj(s.items) as K8sSchema | undefined;
      const item = items && schemaDeclSize(items, embedded(items), minor);
      if (!item) return undefined;
      const maxItems = int(s.maxItems);
      // estimateMaxArrayItemsFromMinSize: [ and ] and a comma per item.
      return { maxElements: maxItems !== undefined ? zeroIfNegative(maxItems) : (MAX_REQUEST_SIZE_BYTES - 2n) / (item.minSerializedSize + 1n), minSerializedSize: 2n, elem: item };
    }
    case 'object': {
      const additional = obj(s.additionalProperties) as K8sSchema | undefined;
      if (additional) {
        const value = schemaDeclSize(additional, embedded(additional), minor);
        if (!value) return undefined;
        const maxProperties = int(s.maxProperties);
        // estimateMaxAdditionalPropertiesFromMinSize: a key of 2, "", a colon and a comma per entry.
        const maxElements = maxProperties !== undefined ? zeroIfNegative(maxProperties) : (MAX_REQUEST_SIZE_BYTES - 2n) / (value.minSerializedSize + 6n);
        return { maxElements, minSerializedSize: 2n, elem: value, key: STRING_KEY };
      }
      const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
      const fields = new Map<string, DeclSize>();
      // {}, then each required property without a default (defaults are filled in server-side).
      let minSerializedSize = 2n;
      for (const [name, p] of Object.entries(obj(s.properties) ?? {})) {
        const prop = obj(p) as K8sSchema | undefined;
        const field = prop && schemaDeclSize(prop, embedded(prop), minor);
        if (!field) continue;
        const escaped = escapeName(name);
        if (escaped) fields.set(escaped, field);
        if (required.has(name) && (prop!.default === undefined || prop!.default === null)) {
          minSerializedSize += BigInt(Buffer.byteLength(name)) + field.minSerializedSize + 4n;
        }
      }
      return { maxElements: 0n, minSerializedSize, fields };
    }
    case 'string':
      switch (s.format) {
        case 'byte':
          return simple(MIN_STRING_SIZE, maxLength !== undefined ? zeroIfNegative(maxLength) : MAX_REQUEST_SIZE_BYTES - 2n);
        case 'duration':
          return simple(MIN_DURATION_SIZE_JSON, MAX_DURATION_SIZE_JSON);
        case 'date':
          return simple(JSON_DATE_SIZE, JSON_DATE_SIZE);
        case 'date-time':
          return simple(MIN_DATETIME_SIZE_JSON, MAX_DATETIME_SIZE_JSON);
      }
      // maxLength counts code points, of up to 4 bytes each.
      if (maxLength !== undefined) return simple(MIN_STRING_SIZE, zeroIfNegative(maxLength) * 4n);
      if (minor >= 29 && Array.isArray(s.enum) && s.enum.length > 0) return simple(MIN_STRING_SIZE, maxEnumLength(s.enum));
      return simple(MIN_STRING_SIZE, MAX_REQUEST_SIZE_BYTES - 2n);
    case 'boolean':
      return simple(MIN_BOOL_SIZE);
    case 'number':
    case 'integer':
      return simple(MIN_NUMBER_SIZE);
  }
  return undefined;
}

/** estimateMaxStringEnumLength: the longest string value, in bytes. */
function maxEnumLength(values: unknown[]): bigint {
  let max = 0n;
  for (const v of values) if (typeof v === 'string' && BigInt(Buffer.byteLength(v)) > max) max = BigInt(Buffer.byteLength(v));
  return max;
}

/**
 * compilation.go sizeEstimator.EstimateSize: the size of the value a field path reaches from the
 * rule's node (the path's first element, the variable, is not looked at).
 */
export function estimateSizeAt(root: DeclSize, node: AstNode): SizeEstimate | undefined {
  const path = node.path;
  if (!path || path.length === 0) return undefined;
  let current = root;
  for (const name of path.slice(1)) {
    let next: DeclSize | undefined;
    if (name === '@items' || name === '@values') next = current.elem;
    else if (name === '@keys') next = current.key;
    else next = current.fields?.get(name);
    if (!next) return undefined;
    current = next;
  }
  return { min: 0n, max: current.maxElements };
}

/**
 * maxCardinality: how many times a value of this minimum size could repeat in the largest
 * request (a comma between each), the rule's count where no maxItems or maxProperties bounds it.
 */
export const maxCardinality = (minSerializedSize: bigint): bigint => MAX_REQUEST_SIZE_BYTES / (minSerializedSize + 1n);
