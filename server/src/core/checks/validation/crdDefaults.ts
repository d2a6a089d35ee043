import { isObj, type Obj } from '../../model/obj';
import { sameJson } from '../../model/sameJson';
import type { JsonPath } from '../../yaml/nodeAt';
import { goRegExp } from '../../schema/goRegExp';
import { isDNS1035Label } from '../../schema/apimachineryValidation';
import { goFloat, type Errs, type FieldErr, type Seg } from './fieldErrorList';
import { goJsonValue, jsonValue } from './crdInternal';
import {
  additionalOf, embedded, hasDefault, itemsSchema, junctor, notOf, preserves, propertiesOf, propertyOf, typeOf, type Schema,
} from './crdSchema';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * ValidateDefaults (pkg/apiserver/schema/defaulting/validation.go): every default must survive pruning
 * unchanged, and validate against its node's schema. The root counts as an embedded resource.
 * Ported: the pruning check (pruning.Prune), the apiVersion and kind of embedded resources
 * (objectmeta.Validate), and the schema validation for types, enums, required fields, lengths,
 * patterns, bounds, item and property counts and the junctors' outcome (kube-openapi's validator).
 * Not ported: defaults inside metadata/apiVersion/kind of embedded resources (upstream validates the
 * object they produce: "must result in valid metadata"), ObjectMeta inside embedded defaults,
 * formats, the detail errors of a failed anyOf/oneOf branch, and x-kubernetes-validations (CEL) run
 * on defaults.
 */
export function validateDefaults(p: Seg[], root: Schema, e: Errs): FieldErr[] {
  return validate(p, root, true, false, e);
}

function validate(p: Seg[], s: Schema | undefined, isEmbedded: boolean, insideMeta: boolean, e: Errs): FieldErr[] {
  if (!s) return [];
  const errs: FieldErr[] = [];
  if (isEmbedded) insideMeta = false;
  if (hasDefault(s)) {
    const value = s.default;
    if (insideMeta) {
      // defaults in an embedded resource's metadata, apiVersion and kind: upstream validates the object
      // they produce first ("must result in valid metadata"); not ported, so not reported
    } else {
      // requirePrunedDefaults is always on for a create
      const pruned = structuredClone(value);
      prune(pruned, s, isEmbedded);
      if (!sameJson(pruned, value)) errs.push(e.invalid([...p, 'default'], jsonValue(value), 'must not have unknown fields'));
      const metaErrs = embeddedObjectMeta([...p, 'default'], value, s, isEmbedded, e);
      if (metaErrs.length) errs.push(...metaErrs);
      else errs.push(...openAPIErrors([...p, 'default'], kubeOpenAPIValidate(value, s, '', []), e));
    }
  }
  // additionalProperties are not followed: defaults are forbidden there
  errs.push(...validate([...p, 'items'], itemsSchema(s), itemsSchema(s) ? embedded(itemsSchema(s)!) : false, insideMeta, e));
  for (const [k, sub] of propertiesOf(s)) {
    const subInsideMeta = insideMeta || (isEmbedded && META_FIELDS.has(k));
    errs.push(...validate([...p, 'properties', { key: k }], sub, embedded(sub), subInsideMeta, e));
  }
  return errs;
}

// --- pruning (pkg/apiserver/schema/pruning/algorithm.go) -------------------------------------------

/** Prune: drops what the structural schema does not specify; embedded resources keep TypeMeta/ObjectMeta. */
function prune(x: unknown, s: Schema | undefined, isResourceRoot: boolean): void {
  pruneNode(x, s ?? {}, isResourceRoot || (s ? embedded(s) : false));
}

function pruneNode(x: unknown, s: Schema | undefined, isEmbedded: boolean): void {
  if (s && preserves(s)) {
    skipPrune(x, s, isEmbedded);
    return;
  }
  if (isObj(x)) {
    if (!s) {
      for (const k of Object.keys(x)) delete x[k];
      return;
    }
    const additional = additionalOf(s);
    for (const k of Object.keys(x)) {
      if (isEmbedded && META_FIELDS.has(k)) continue;
      const prop = propertyOf(s, k);
      if (prop) pruneNode(x[k], prop, embedded(prop));
      else if (additional) pruneNode(x[k], additional.schema, additional.schema ? embedded(additional.schema) : false);
      else delete x[k];
    }
  } else if (Array.isArray(x)) {
    const items = s ? itemsSchema(s) : undefined;
    for (const v of x) pruneNode(v, items, items ? embedded(items) : false);
  }
}

function skipPrune(x: unknown, s: Schema | undefined, isEmbedded: boolean): void {
  if (!s) return;
  if (isObj(x)) {
    const additional = additionalOf(s);
    for (const k of Object.keys(x)) {
      if (isEmbedded && META_FIELDS.has(k)) continue;
      const prop = propertyOf(s, k);
      if (prop) pruneNode(x[k], prop, embedded(prop));
      else if (additional) pruneNode(x[k], additional.schema, additional.schema ? embedded(additional.schema) : false);
    }
  } else if (Array.isArray(x)) {
    const items = itemsSchema(s);
    for (const v of x) skipPrune(v, items, items ? embedded(items) : false);
  }
}

// --- objectmeta.Validate (pkg/apiserver/schema/objectmeta/validation.go), TypeMeta part ----------------

function embeddedObjectMeta(p: Seg[], x: unknown, s: Schema | undefined, isEmbedded: boolean, e: Errs): FieldErr[] {
  if (!s) return [];
  const errs: FieldErr[] = [];
  if (isObj(x)) {
    if (isEmbedded) errs.push(...embeddedResource(p, x, e));
    const additional = additionalOf(s);
    for (const [k, v] of Object.entries(x)) {
      const prop = propertyOf(s, k);
      if (prop) errs.push(...embeddedObjectMeta([...p, k], v, prop, embedded(prop), e));
      else if (additional?.schema) errs.push(...embeddedObjectMeta([...p, { key: k }], v, additional.schema, embedded(additional.schema), e));
    }
  } else if (Array.isArray(x)) {
    const items = itemsSchema(s);
    x.forEach((v, i) => errs.push(...embeddedObjectMeta([...p, i], v, items, items ? embedded(items) : false, e)));
  }
  return errs;
}

/** validateEmbeddedResource: apiVersion and kind are required, strings, well formed (metadata: not ported). */
function embeddedResource(p: Seg[], x: Obj, e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (!('apiVersion' in x)) errs.push(e.required([...p, 'apiVersion']));
  if (!('kind' in x)) errs.push(e.required([...p, 'kind']));
  for (const [k, v] of Object.entries(x)) {
    if (k === 'apiVersion') {
      if (typeof v !== 'string') errs.push(e.invalid([...p, 'apiVersion'], jsonValue(v), 'must be a string'));
      else if (v === '') errs.push(e.invalid([...p, 'apiVersion'], v, 'must not be empty'));
      else if (v.split('/').length > 2) errs.push(e.invalid([...p, 'apiVersion'], v, `unexpected GroupVersion string: ${v}`));
    } else if (k === 'kind') {
      if (typeof v !== 'string') errs.push(e.invalid([...p, 'kind'], jsonValue(v), 'must be a string'));
      else if (v === '') errs.push(e.invalid([...p, 'kind'], v, 'must not be empty'));
      else {
        const problems = isDNS1035Label(v.toLowerCase());
        if (problems.length) errs.push(e.invalid([...p, 'kind'], v, `may have mixed case, but should otherwise match: ${problems.join(',')}`));
      }
    }
  }
  return errs;
}

// --- kube-openapi's validator (k8s.io/kube-openapi/pkg/validation/validate), as CRDs use it ----------

/** A kube-openapi result error: errors.Validation (with a name) or an apiError (composite, no name). */
interface OpenAPIError {
  code: 'required' | 'enum' | 'tooLong' | 'maxItems' | 'maxProperties' | 'type' | 'other' | 'composite';
  /** The kube-openapi name (`foo.bar[0]`), with the JSON path it stands for. */
  name: string;
  at: JsonPath;
  message: string;
  value?: unknown;
  values?: unknown[];
  valid?: number;
}

/**
 * kubeOpenAPIResultToFieldErrors (pkg/apiserver/validation/validation.go): each error under `base`
 * plus its name.
 */
function openAPIErrors(base: Seg[], errors: OpenAPIError[], e: Errs): FieldErr[] {
  return errors.map((err) => {
    if (err.code === 'composite') return e.invalid(base, '', err.message);
    const name = err.name.replace(/^\./, '');
    const path: Seg[] = err.name !== '' && err.name !== '.' ? [...base, { raw: name, at: err.at }] : base;
    switch (err.code) {
      case 'required':
        return e.required(path);
      case 'enum':
        return e.notSupported(path, jsonValue(err.value), (err.values ?? []).map((v) => (typeof v === 'string' ? v : goJsonValue(v))));
      case 'tooLong':
        return e.tooLong(path, err.valid ?? -1);
      case 'maxItems':
      case 'maxProperties':
        return e.tooMany(path, (err.value as number) ?? -1, err.valid ?? -1);
      default:
        return e.invalid(path, err.value === undefined ? '' : jsonValue(err.value), err.message);
    }
  });
}

/** JSON's type names as kube-openapi infers them from decoded values (integers decode as int64). */
function schemaType(v: unknown): string {
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 9.2e18 ? 'integer' : 'number';
  if (Array.isArray(v)) return 'array';
  if (isObj(v)) return 'object';
  return '';
}

const fmtFormat = (v: unknown): string => (schemaType(v) === 'integer' ? 'int64' : schemaType(v) === 'number' ? 'float64' : '');

/** The `%s in body …` messages; an empty name leaves a leading space, as upstream's does. */
const inBody = (name: string, rest: string): string => `${name} in body ${rest}`;

/**
 * SchemaValidator.Validate over a structural schema node (Structural.ToKubeOpenAPI: structural
 * properties, items and additionalProperties, plus value validations and junctors), in kube-openapi's
 * validator order: type, junctors, string, (format: not ported), number, slice, enum, object.
 */
function kubeOpenAPIValidate(data: unknown, s: Schema, name: string, at: JsonPath): OpenAPIError[] {
  const errs: OpenAPIError[] = [];
  const add = (code: OpenAPIError['code'], message: string, extra: Partial<OpenAPIError> = {}): void => {
    errs.push({ code, name, at, message, ...extra });
  };
  const type = typeOf(s);
  const format = typeof s.format === 'string' ? s.format : '';
  const kind = schemaType(data);

  // typeValidator
  if (type !== '' || format !== '') {
    const types = type === '' ? [] : [type];
    const isFloatInt = kind === 'number' && Number.isInteger(data) && types.includes('integer');
    const isIntFloat = kind === 'integer' && types.includes('number');
    const isLowerInt = format === 'int64' && fmtFormat(data) === 'int32';
    const isLowerFloat = format === 'float64' && fmtFormat(data) === 'float32';
    if (kind !== 'string' && kind !== 'array' && format !== '' && !(types.includes(kind) || fmtFormat(data) === format || isFloatInt || isIntFloat || isLowerInt || isLowerFloat)) {
      add('type', inBody(name, `must be of type ${format}: ${JSON.stringify(fmtFormat(data))}`), { value: fmtFormat(data) });
    } else if (!(!(types.includes('number') || types.includes('integer')) && format !== '' && (kind === 'string' || kind === 'array'))) {
      if (!(types.includes(kind) || isFloatInt || isIntFloat)) add('type', inBody(name, `must be of type ${types.join(',')}: ${JSON.stringify(kind)}`), { value: kind });
    }
  }

  // schemaPropsValidator: anyOf, oneOf, allOf, not (the branches validate at the same name)
  const anyOf = junctor(s, 'anyOf');
  if (anyOf.length && !anyOf.some((b) => kubeOpenAPIValidate(data, b, name, at).length === 0)) {
    add('composite', `${JSON.stringify(name)} must validate at least one schema (anyOf)`);
  }
  const oneOf = junctor(s, 'oneOf');
  if (oneOf.length) {
    const valid = oneOf.filter((b) => kubeOpenAPIValidate(data, b, name, at).length === 0).length;
    if (valid !== 1) add('composite', `${JSON.stringify(name)} must validate one and only one schema (oneOf). ${valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`}`);
  }
  const allOf = junctor(s, 'allOf');
  if (allOf.length) {
    let valid = 0;
    for (const b of allOf) {
      const r = kubeOpenAPIValidate(data, b, name, at);
      if (r.length === 0) valid++;
      errs.push(...r);
    }
    if (valid !== allOf.length) add('composite', `${JSON.stringify(name)} must validate all the schemas (allOf)${valid === 0 ? '. None validated' : ''}`);
  }
  const not = notOf(s);
  if (not && kubeOpenAPIValidate(data, not, name, at).length === 0) add('composite', `${JSON.stringify(name)} must not validate the schema (not)`);

  // stringValidator: the first failing of maxLength, minLength, pattern
  if (typeof data === 'string') {
    const length = [...data].length;
    if (typeof s.maxLength === 'number' && length > s.maxLength) add('tooLong', inBody(name, `should be at most ${s.maxLength} chars long`), { value: data, valid: s.maxLength });
    else if (typeof s.minLength === 'number' && length < s.minLength) add('other', inBody(name, `should be at least ${s.minLength} chars long`), { value: data });
    else if (typeof s.pattern === 'string' && s.pattern !== '' && !goRegExp(s.pattern).test(data)) add('other', inBody(name, `should match '${s.pattern}'`), { value: data });
  }

  // numberValidator: multipleOf, minimum, maximum (integers compare as int64, bounds truncated)
  if (typeof data === 'number') {
    const isInt = kind === 'integer';
    if (typeof s.multipleOf === 'number') {
      const factor = isInt ? Math.trunc(s.multipleOf) : s.multipleOf;
      if (factor <= 0) add('other', `factor MultipleOf declared for ${name} must be positive: ${isInt ? factor : goFloat(factor)}`, { value: factor });
      else if (isInt ? data % factor !== 0 : !Number.isInteger(factor < 1 ? (1 / factor) * data : data / factor)) {
        add('other', inBody(name, `should be a multiple of ${isInt ? factor : goFloat(factor)}`), { value: data });
      }
    }
    const bound = (b: number): string => (isInt ? String(Math.trunc(b)) : goFloat(b));
    if (typeof s.minimum === 'number') {
      const min = isInt ? Math.trunc(s.minimum) : s.minimum;
      const exclusive = s.exclusiveMinimum === true;
      if ((!exclusive && data < min) || (exclusive && data <= min)) add('other', inBody(name, `should be greater than ${exclusive ? '' : 'or equal to '}${bound(s.minimum)}`), { value: data });
    }
    if (typeof s.maximum === 'number') {
      const max = isInt ? Math.trunc(s.maximum) : s.maximum;
      const exclusive = s.exclusiveMaximum === true;
      if ((!exclusive && data > max) || (exclusive && data >= max)) add('other', inBody(name, `should be less than ${exclusive ? '' : 'or equal to '}${bound(s.maximum)}`), { value: data });
    }
  }

  // schemaSliceValidator: items, then minItems, maxItems
  if (Array.isArray(data)) {
    const items = itemsSchema(s);
    if (items) data.forEach((v, i) => errs.push(...kubeOpenAPIValidate(v, items, `${name}[${i}]`, [...at, i])));
    if (typeof s.minItems === 'number' && data.length < s.minItems) add('other', inBody(name, `should have at least ${s.minItems} items`), { value: data.length });
    if (typeof s.maxItems === 'number' && data.length > s.maxItems) add('maxItems', inBody(name, `should have at most ${s.maxItems} items`), { value: data.length, valid: s.maxItems });
  }

  // basicCommonValidator: enum
  if (Array.isArray(s.enum) && s.enum.length > 0 && !s.enum.some((v) => sameJson(v, data))) {
    add('enum', inBody(name, `should be one of ${goJsonValue(s.enum)}`), { value: data, values: s.enum });
  }

  // objectValidator: property counts, additionalProperties, properties, required
  if (isObj(data)) {
    const keys = Object.keys(data);
    if (typeof s.minProperties === 'number' && keys.length < s.minProperties) add('other', inBody(name, `should have at least ${s.minProperties} properties`), { value: keys.length });
    if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) add('maxProperties', inBody(name, `should have at most ${s.maxProperties} properties`), { value: keys.length, valid: s.maxProperties });
    const additional = additionalOf(s);
    if (additional && !additional.allows) {
      for (const k of keys) if (!propertyOf(s, k)) add('other', `${name}.${k} in body is a forbidden property`, { value: k });
    } else if (additional?.schema) {
      for (const k of keys) if (!propertyOf(s, k)) errs.push(...kubeOpenAPIValidate(data[k], additional.schema, `${name}.${k}`, [...at, k]));
    }
    for (const [k, prop] of propertiesOf(s)) {
      if (k in data) errs.push(...kubeOpenAPIValidate(data[k], prop, name === '' ? k : `${name}.${k}`, [...at, k]));
    }
    const required = Array.isArray(s.required) ? s.required.map(String) : [];
    for (const k of required) if (!(k in data)) errs.push({ code: 'required', name: `${name}.${k}`, at: [...at, k], message: `${name}.${k} in body is required` });
  }
  return errs;
}
