import { isObj, type Obj } from '../../model/obj';
import type { Errs, FieldErr, Seg } from './fieldErrorList';
import { renderSegs } from './fieldErrorList';
import { goRegexpError } from './goRegexp';
import { internalItemsValue } from './crdInternal';
import { walkJsonPath } from '../../cel/fieldPath';

/**
 * A CRD's openAPIV3Schema as the API server reads it: the v1 JSON (JSONSchemaProps) in the shape of the
 * internal type, with Go's zero values for what is absent. Upstream converts it to the internal type,
 * then to a structural schema (apiextensions-apiserver pkg/apiserver/schema/convert.go NewStructural);
 * here both read the same JSON through these accessors.
 */
export type Schema = Obj;

export const typeOf = (s: Schema): string => (typeof s.type === 'string' ? s.type : '');
const str = (s: Schema, key: string): string => (typeof s[key] === 'string' ? (s[key] as string) : '');
const isTrue = (s: Schema, key: string): boolean => s[key] === true;
const has = (s: Schema, key: string): boolean => s[key] !== undefined && s[key] !== null;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const schemas = (v: unknown): Schema[] => list(v).map((x) => (isObj(x) ? x : {}));

export const X_PRESERVE = 'x-kubernetes-preserve-unknown-fields';
export const X_EMBEDDED = 'x-kubernetes-embedded-resource';
export const X_INT_OR_STRING = 'x-kubernetes-int-or-string';
export const X_LIST_TYPE = 'x-kubernetes-list-type';
export const X_LIST_MAP_KEYS = 'x-kubernetes-list-map-keys';
export const X_MAP_TYPE = 'x-kubernetes-map-type';
export const X_VALIDATIONS = 'x-kubernetes-validations';

/** XPreserveUnknownFields is a *bool: undefined when absent. */
export const preserveFlag = (s: Schema): boolean | undefined => (typeof s[X_PRESERVE] === 'boolean' ? (s[X_PRESERVE] as boolean) : undefined);
/** In a structural schema only `true` is kept (NewStructural rejects false). */
export const preserves = (s: Schema): boolean => s[X_PRESERVE] === true;
export const embedded = (s: Schema): boolean => isTrue(s, X_EMBEDDED);
export const intOrString = (s: Schema): boolean => isTrue(s, X_INT_OR_STRING);
export const nullable = (s: Schema): boolean => isTrue(s, 'nullable');
const strPtr = (s: Schema, key: string): string | undefined => (typeof s[key] === 'string' ? (s[key] as string) : undefined);
export const listType = (s: Schema): string | undefined => strPtr(s, X_LIST_TYPE);
export const mapType = (s: Schema): string | undefined => strPtr(s, X_MAP_TYPE);
export const listMapKeys = (s: Schema): string[] => list(s[X_LIST_MAP_KEYS]).map(String);
export const hasDefault = (s: Schema): boolean => has(s, 'default');

/** `items` (JSONSchemaPropsOrArray): a schema, or an array of schemas; undefined when absent. */
export function itemsOf(s: Schema): { schema?: Schema; array?: Schema[] } | undefined {
  const v = s.items;
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) return { array: schemas(v) };
  if (isObj(v)) return { schema: v };
  return {};
}

/** The structural `items`: only a single schema is one. */
export const itemsSchema = (s: Schema): Schema | undefined => itemsOf(s)?.schema;

/** `additionalProperties` (JSONSchemaPropsOrBool): a boolean or a schema (which allows). */
export function additionalOf(s: Schema): { allows: boolean; schema?: Schema } | undefined {
  const v = s.additionalProperties;
  if (typeof v === 'boolean') return { allows: v };
  if (isObj(v)) return { allows: true, schema: v };
  return undefined;
}

export function propertiesOf(s: Schema): Array<[string, Schema]> {
  return isObj(s.properties) ? Object.entries(s.properties).map(([k, v]) => [k, isObj(v) ? v : {}]) : [];
}

export const propertyOf = (s: Schema, name: string): Schema | undefined =>
  isObj(s.properties) && Object.prototype.hasOwnProperty.call(s.properties, name) ? (isObj(s.properties[name]) ? (s.properties[name] as Schema) : {}) : undefined;

export const junctor = (s: Schema, key: 'allOf' | 'anyOf' | 'oneOf'): Schema[] => schemas(s[key]);
export const notOf = (s: Schema): Schema | undefined => (isObj(s.not) ? s.not : undefined);

const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = new Set(['metadata', 'kind', 'apiVersion']);

/**
 * NewStructural's error (convert.go validateUnsupportedFields, newExtensions, the items array check),
 * walked in its order: a node's fields, its junctors, items, properties, additionalProperties.
 */
export function newStructuralError(s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  const unsupported = unsupportedField(s);
  if (unsupported) return unsupported;
  for (const branch of [notOf(s), ...junctor(s, 'allOf'), ...junctor(s, 'anyOf'), ...junctor(s, 'oneOf')]) {
    const err = newStructuralError(branch);
    if (err) return err;
  }
  if (preserveFlag(s) === false) return "internal error: 'x-kubernetes-preserve-unknown-fields' must be true or undefined";
  const items = itemsOf(s);
  if (items?.array?.length) return "OpenAPIV3Schema 'items' must be a schema, but is an array";
  for (const child of [items?.schema, ...propertiesOf(s).map(([, v]) => v), additionalOf(s)?.schema]) {
    const err = newStructuralError(child);
    if (err) return err;
  }
  return undefined;
}

function unsupportedField(s: Schema): string | undefined {
  if (str(s, 'id') !== '') return "OpenAPIV3Schema 'id' is not supported";
  if (str(s, '$schema') !== '') return "OpenAPIV3Schema 'schema' is not supported";
  if (str(s, '$ref') !== '') return "OpenAPIV3Schema '$ref' is not supported";
  if (nonEmptyMap(s.patternProperties)) return "OpenAPIV3Schema 'patternProperties' is not supported";
  if (nonEmptyMap(s.dependencies)) return "OpenAPIV3Schema 'dependencies' is not supported";
  if (has(s, 'additionalItems')) return "OpenAPIV3Schema 'additionalItems' is not supported";
  if (nonEmptyMap(s.definitions)) return "OpenAPIV3Schema 'definitions' is not supported";
  return undefined;
}

const nonEmptyMap = (v: unknown): boolean => isObj(v) && Object.keys(v).length > 0;

// ---------------------------------------------------------------------------------------------------
// Structural schema rules: pkg/apiserver/schema/validation.go and complete.go

type Level = 'root' | 'item' | 'field';

/**
 * ValidateStructural: the invariants of every node and the completeness of the root's junctors,
 * sorted by their messages as upstream sorts them (its maps iterate in random order).
 */
export function validateStructural(path: Seg[], s: Schema, e: Errs): FieldErr[] {
  const errs = [...structuralInvariants(s, 'root', path, e), ...structuralCompleteness(s, path, e)];
  return errs.sort((a, b) => (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

/** validateStructuralInvariants */
function structuralInvariants(s: Schema | undefined, lvl: Level, p: Seg[], e: Errs): FieldErr[] {
  if (!s) return [];
  const errs: FieldErr[] = [];
  const type = typeOf(s);
  const items = itemsSchema(s);
  if (type === 'array' && !items) errs.push(e.required([...p, 'items'], 'must be specified'));
  errs.push(...structuralInvariants(items, 'item', [...p, 'items'], e));
  for (const [k, v] of propertiesOf(s)) errs.push(...structuralInvariants(v, 'field', [...p, 'properties', { key: k }], e));
  const additional = additionalOf(s);
  if (additional) {
    if (lvl === 'root') errs.push(e.forbidden([...p, 'additionalProperties'], 'must not be used at the root'));
    if (additional.schema) errs.push(...structuralInvariants(additional.schema, 'field', [...p, 'additionalProperties'], e));
  }

  // validateExtensions
  if (intOrString(s) && preserves(s)) errs.push(e.invalid([...p, X_PRESERVE], true, 'must be false if x-kubernetes-int-or-string is true'));
  if (intOrString(s) && embedded(s)) errs.push(e.invalid([...p, X_EMBEDDED], true, 'must be false if x-kubernetes-int-or-string is true'));

  errs.push(...valueValidation(s, isIntOrStringAnyOfPattern(s, e.minor), isIntOrStringAllOfPattern(s, e.minor), lvl, p, e));

  const checkMetadata = lvl === 'root' || embedded(s);
  if (embedded(s) && type !== 'object') {
    if (type === '') errs.push(e.required([...p, 'type'], 'must be object if x-kubernetes-embedded-resource is true'));
    else errs.push(e.invalid([...p, 'type'], type, 'must be object if x-kubernetes-embedded-resource is true'));
  } else if (type === '' && !intOrString(s) && !preserves(s)) {
    const detail = { root: 'must not be empty at the root', item: 'must not be empty for specified array items', field: 'must not be empty for specified object fields' }[lvl];
    errs.push(e.required([...p, 'type'], detail));
  }
  if (embedded(s) && additional) errs.push(e.forbidden([...p, 'additionalProperties'], 'must not be used if x-kubernetes-embedded-resource is set'));
  if (lvl === 'root' && type !== '' && type !== 'object') errs.push(e.invalid([...p, 'type'], type, 'must be object at the root'));

  // TypeMeta and ObjectMeta at the root and in embedded resources
  const kind = propertyOf(s, 'kind');
  if (kind && checkMetadata && typeOf(kind) !== 'string') errs.push(e.invalid([...p, 'properties', { key: 'kind' }, 'type'], typeOf(kind), 'must be string'));
  const apiVersion = propertyOf(s, 'apiVersion');
  if (apiVersion && checkMetadata && typeOf(apiVersion) !== 'string') errs.push(e.invalid([...p, 'properties', { key: 'apiVersion' }, 'type'], typeOf(apiVersion), 'must be string'));
  const metadata = propertyOf(s, 'metadata');
  if (metadata) errs.push(...structuralMetadataInvariants(metadata, checkMetadata, lvl, [...p, 'properties', { key: 'metadata' }], e));

  if (embedded(s) && !preserves(s) && propertiesOf(s).length === 0) {
    errs.push(e.required([...p, 'properties'], 'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields'));
  }
  return errs;
}

/**
 * validateStructuralMetadataInvariants: metadata is an object; at the root it may only restrict name
 * and generateName. Upstream clears type and default, drops properties when they are exactly name
 * and/or generateName, and compares what remains with an empty structural schema: any other field
 * with a non-zero Go value is refused (example and externalDocs are part of it from 1.36).
 */
function structuralMetadataInvariants(s: Schema, checkMetadata: boolean, lvl: Level, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (checkMetadata && typeOf(s) !== 'object') errs.push(e.invalid([...p, 'type'], typeOf(s), 'must be object'));
  if (lvl === 'root' && !metadataIsOnlyNames(s, e.minor)) {
    errs.push(e.forbidden(p, 'must not specify anything other than name and generateName, but metadata is implicitly specified'));
  }
  return errs;
}

/** Go zero values that NewStructural drops: false, "", and the slices it builds by appending. */
function isStructuralZero(key: string, v: unknown): boolean {
  if (v === false || v === '' || v === null || v === undefined) return true;
  if (Array.isArray(v) && v.length === 0 && ['enum', 'allOf', 'anyOf', 'oneOf'].includes(key)) return true;
  return false;
}

function metadataIsOnlyNames(s: Schema, minor: number): boolean {
  for (const [key, v] of Object.entries(s)) {
    if (key === 'type' || key === 'default') continue;
    if ((key === 'example' || key === 'externalDocs') && minor < 36) continue;
    if (key === 'properties') {
      const names = isObj(v) ? Object.keys(v) : [];
      const name = names.includes('name');
      const generateName = names.includes('generateName');
      if ((name && generateName && names.length === 2) || ((name || generateName) && names.length === 1) || names.length === 0) continue;
      return false;
    }
    if (!isStructuralZero(key, v)) return false;
  }
  return true;
}

/** A junctor branch that is exactly `{type: <type>}` (intOrStringAnyOf compares with reflect.DeepEqual). */
function isOnlyType(s: Schema, type: string, minor: number): boolean {
  if (typeOf(s) !== type) return false;
  for (const [key, v] of Object.entries(s)) {
    if (key === 'type') continue;
    if ((key === 'example' || key === 'externalDocs') && minor < 36) continue;
    if (!isStructuralZero(key, v)) return false;
  }
  return true;
}

const isIntOrStringAnyOf = (anyOf: Schema[], minor: number): boolean => anyOf.length === 2 && isOnlyType(anyOf[0], 'integer', minor) && isOnlyType(anyOf[1], 'string', minor);
const isIntOrStringAnyOfPattern = (s: Schema, minor: number): boolean => isIntOrStringAnyOf(junctor(s, 'anyOf'), minor);
const isIntOrStringAllOfPattern = (s: Schema, minor: number): boolean => {
  const allOf = junctor(s, 'allOf');
  return allOf.length >= 1 && isIntOrStringAnyOf(junctor(allOf[0], 'anyOf'), minor);
};

/** validateValueValidation: the junctors' branches, then the pattern (it must compile as Go RE2). */
function valueValidation(v: Schema, skipAnyOf: boolean, skipFirstAllOfAnyOf: boolean, lvl: Level, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (!skipAnyOf) junctor(v, 'anyOf').forEach((b, i) => errs.push(...nestedValueValidation(b, false, lvl, [...p, 'anyOf', i], e)));
  junctor(v, 'allOf').forEach((b, i) => errs.push(...nestedValueValidation(b, skipFirstAllOfAnyOf && i === 0, lvl, [...p, 'allOf', i], e)));
  junctor(v, 'oneOf').forEach((b, i) => errs.push(...nestedValueValidation(b, false, lvl, [...p, 'oneOf', i], e)));
  errs.push(...nestedValueValidation(notOf(v), false, lvl, [...p, 'not'], e));
  const pattern = str(v, 'pattern');
  if (pattern !== '') {
    const err = goRegexpError(pattern);
    if (err) errs.push(e.invalid([...p, 'pattern'], pattern, `must be a valid regular expression, but isn't: ${err}`));
  }
  return errs;
}

/**
 * validateNestedValueValidation: inside allOf/anyOf/oneOf/not only value validations (and items and
 * properties carrying them) may appear; everything that shapes the object is refused there.
 */
function nestedValueValidation(v: Schema | undefined, skipAnyOf: boolean, lvl: Level, p: Seg[], e: Errs): FieldErr[] {
  if (!v) return [];
  const errs = valueValidation(v, skipAnyOf, false, lvl, p, e);
  errs.push(...nestedValueValidation(itemsSchema(v), false, lvl, [...p, 'items'], e));
  for (const [k, prop] of propertiesOf(v)) errs.push(...nestedValueValidation(prop, false, 'field', [...p, 'properties', { key: k }], e));
  if (typeOf(v) !== '') errs.push(e.forbidden([...p, 'type'], 'must be empty to be structural'));
  const additional = additionalOf(v);
  // a nested `additionalProperties: false` is dropped by newNestedValueValidation
  if (additional && (additional.schema || additional.allows)) errs.push(e.forbidden([...p, 'additionalProperties'], 'must be undefined to be structural'));
  if (hasDefault(v)) errs.push(e.forbidden([...p, 'default'], 'must be undefined to be structural'));
  if (str(v, 'title') !== '') errs.push(e.forbidden([...p, 'title'], 'must be empty to be structural'));
  if (str(v, 'description') !== '') errs.push(e.forbidden([...p, 'description'], 'must be empty to be structural'));
  if (nullable(v)) errs.push(e.forbidden([...p, 'nullable'], 'must be false to be structural'));
  if (preserves(v)) errs.push(e.forbidden([...p, X_PRESERVE], 'must be false to be structural'));
  if (embedded(v)) errs.push(e.forbidden([...p, X_EMBEDDED], 'must be false to be structural'));
  if (intOrString(v)) errs.push(e.forbidden([...p, X_INT_OR_STRING], 'must be false to be structural'));
  if (listMapKeys(v).length > 0) errs.push(e.forbidden([...p, X_LIST_MAP_KEYS], 'must be empty to be structural'));
  if (listType(v) !== undefined) errs.push(e.forbidden([...p, X_LIST_TYPE], 'must be undefined to be structural'));
  if (mapType(v) !== undefined) errs.push(e.forbidden([...p, X_MAP_TYPE], 'must be undefined to be structural'));
  if (list(v[X_VALIDATIONS]).length > 0) errs.push(e.forbidden([...p, X_VALIDATIONS], 'must be empty to be structural'));
  if (propertyOf(v, 'metadata')) errs.push(e.forbidden([...p, 'properties', { key: 'metadata' }], 'must not be specified in a nested context'));
  return errs;
}

/**
 * validateStructuralCompleteness: what the root's junctors name (properties, items) must also be
 * specified outside them. Upstream applies it to the root's junctors only; nested nodes' junctors
 * are not checked for completeness.
 */
function structuralCompleteness(s: Schema, p: Seg[], e: Errs): FieldErr[] {
  return valueValidationCompleteness(s, s, p, p, e);
}

function valueValidationCompleteness(v: Schema, s: Schema | undefined, sPath: Seg[], vPath: Seg[], e: Errs): FieldErr[] {
  if (!s) return [e.required(sPath, `because it is defined in ${renderSegs(vPath)}`)];
  const errs: FieldErr[] = [];
  errs.push(...nestedCompleteness(notOf(v), s, sPath, [...vPath, 'not'], e));
  junctor(v, 'allOf').forEach((b, i) => errs.push(...nestedCompleteness(b, s, sPath, [...vPath, 'allOf', i], e)));
  junctor(v, 'anyOf').forEach((b, i) => errs.push(...nestedCompleteness(b, s, sPath, [...vPath, 'anyOf', i], e)));
  junctor(v, 'oneOf').forEach((b, i) => errs.push(...nestedCompleteness(b, s, sPath, [...vPath, 'oneOf', i], e)));
  return errs;
}

function nestedCompleteness(v: Schema | undefined, s: Schema | undefined, sPath: Seg[], vPath: Seg[], e: Errs): FieldErr[] {
  if (!v) return [];
  if (!s) return [e.required(sPath, `because it is defined in ${renderSegs(vPath)}`)];
  const errs = valueValidationCompleteness(v, s, sPath, vPath, e);
  errs.push(...nestedCompleteness(itemsSchema(v), itemsSchema(s), [...sPath, 'items'], [...vPath, 'items'], e));
  for (const [k, vProp] of propertiesOf(v)) {
    const sProp = propertyOf(s, k);
    if (!sProp) errs.push(e.required([...sPath, 'properties', { key: k }], `because it is defined in ${renderSegs([...vPath, 'properties', { key: k }])}`));
    else errs.push(...nestedCompleteness(vProp, sProp, [...sPath, 'properties', { key: k }], [...vPath, 'properties', { key: k }], e));
  }
  return errs;
}

// ---------------------------------------------------------------------------------------------------
// ValidateCustomResourceDefinitionOpenAPISchema and specStandardValidatorV3
// (pkg/apis/apiextensions/validation/validation.go)

/** specStandardValidatorV3's state: where defaults are allowed and whether this is inside ObjectMeta/TypeMeta. */
export interface StandardValidator {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
  requireValidPropertyType: boolean;
}

export interface SchemaErrorList {
  schemaErrors: FieldErr[];
  celErrors: FieldErr[];
}

/**
 * Compiles a node's x-kubernetes-validations (ValidateCustomResourceDefinitionOpenAPISchema): called
 * only when the schema is structural with valid defaults and the node and its subtree have no schema
 * errors. Returns the rules' compile errors.
 */
export type CelRuleCompiler = (schema: Schema, path: Seg[], e: Errs) => FieldErr[];

/** specStandardValidatorV3.validate: the checks of one node. */
function standardValidate(s: Schema, p: Seg[], ssv: StandardValidator, e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  const type = typeOf(s);
  if (ssv.requireValidPropertyType && type !== '' && !OPENAPI_V3_TYPES.includes(type)) errs.push(e.notSupported([...p, 'type'], type, OPENAPI_V3_TYPES));
  if (hasDefault(s) && !ssv.allowDefaults) {
    errs.push(e.forbidden([...p, 'default'], `must not be set${ssv.disallowDefaultsReason ? ` ${ssv.disallowDefaultsReason}` : ''}`));
  }
  if (str(s, 'id') !== '') errs.push(e.forbidden([...p, 'id'], 'id is not supported'));
  if (has(s, 'additionalItems')) errs.push(e.forbidden([...p, 'additionalItems'], 'additionalItems is not supported'));
  if (nonEmptyMap(s.patternProperties)) errs.push(e.forbidden([...p, 'patternProperties'], 'patternProperties is not supported'));
  if (nonEmptyMap(s.definitions)) errs.push(e.forbidden([...p, 'definitions'], 'definitions is not supported'));
  if (isObj(s.dependencies)) errs.push(e.forbidden([...p, 'dependencies'], 'dependencies is not supported'));
  if (typeof s.$ref === 'string') errs.push(e.forbidden([...p, '$ref'], '$ref is not supported'));
  if (type === 'null') errs.push(e.forbidden([...p, 'type'], 'type cannot be set to null, use nullable as an alternative'));
  if (itemsOf(s)?.array?.length) errs.push(e.forbidden([...p, 'items'], 'items must be a schema object and not an array'));
  if (ssv.insideResourceMeta && embedded(s)) errs.push(e.forbidden([...p, X_EMBEDDED], 'must not be used inside of resource meta'));
  return errs;
}

const SET_VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];
const hasNewlines = (s: string): boolean => /[\n\r]/.test(s);

/**
 * ValidateCustomResourceDefinitionOpenAPISchema: the per-node checks, recursively over properties,
 * additionalProperties, junctors, definitions, items and dependencies. `celEnabled` is upstream's
 * non-nil celContext (the schema is structural and its defaults valid).
 */
export function validateOpenAPISchema(
  s: Schema | undefined,
  p: Seg[],
  ssv: StandardValidator,
  isRoot: boolean,
  celEnabled: boolean,
  e: Errs,
  cel?: CelRuleCompiler,
): SchemaErrorList {
  const out: SchemaErrorList = { schemaErrors: [], celErrors: [] };
  if (!s) return out;
  const append = (l: SchemaErrorList): void => {
    out.schemaErrors.push(...l.schemaErrors);
    out.celErrors.push(...l.celErrors);
  };
  const errs = out.schemaErrors;
  errs.push(...standardValidate(s, p, ssv, e));
  if (s.uniqueItems === true) errs.push(e.forbidden([...p, 'uniqueItems'], 'uniqueItems cannot be set to true since the runtime complexity becomes quadratic'));

  const additional = additionalOf(s);
  const properties = propertiesOf(s);
  if (additional) {
    // properties are for structs, additionalProperties for maps: not both (but additionalProperties: true is let through)
    if (properties.length !== 0 && (!additional.allows || additional.schema)) {
      errs.push(e.forbidden([...p, 'additionalProperties'], 'additionalProperties and properties are mutual exclusive'));
    }
    const sub = ssv.insideResourceMeta ? { ...ssv, allowDefaults: false, disallowDefaultsReason: 'inside additionalProperties applying to object metadata' } : ssv;
    append(validateOpenAPISchema(additional.schema, [...p, 'additionalProperties'], sub, false, celEnabled, e, cel));
  }
  for (const [name, prop] of properties) {
    let sub = ssv;
    if ((isRoot || embedded(s)) && META_FIELDS.has(name)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${name}` };
    }
    append(validateOpenAPISchema(prop, [...p, 'properties', { key: name }], sub, false, celEnabled, e, cel));
  }
  append(validateOpenAPISchema(notOf(s), [...p, 'not'], ssv, false, false, e));
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    junctor(s, key).forEach((b, i) => append(validateOpenAPISchema(b, [...p, key, i], ssv, false, false, e)));
  }
  if (isObj(s.definitions)) {
    for (const [k, d] of Object.entries(s.definitions)) append(validateOpenAPISchema(isObj(d) ? d : {}, [...p, 'definitions', { key: k }], ssv, false, false, e));
  }
  const items = itemsOf(s);
  if (items) {
    append(validateOpenAPISchema(items.schema, [...p, 'items'], ssv, false, celEnabled, e, cel));
    (items.array ?? []).forEach((it, i) => append(validateOpenAPISchema(it, [...p, 'items', i], ssv, false, celEnabled, e, cel)));
  }
  if (isObj(s.dependencies)) {
    for (const [k, d] of Object.entries(s.dependencies)) if (isObj(d)) append(validateOpenAPISchema(d, [...p, 'dependencies', { key: k }], ssv, false, false, e));
  }

  if (preserveFlag(s) === false) errs.push(e.invalid([...p, X_PRESERVE], false, 'must be true or undefined'));

  const type = typeOf(s);
  const mt = mapType(s);
  if (mt !== undefined && type !== 'object') {
    if (type === '') errs.push(e.required([...p, 'type'], 'must be object if x-kubernetes-map-type is specified'));
    else errs.push(e.invalid([...p, 'type'], type, 'must be object if x-kubernetes-map-type is specified'));
  }
  if (mt !== undefined && mt !== 'atomic' && mt !== 'granular') errs.push(e.notSupported([...p, X_MAP_TYPE], mt, ['atomic', 'granular']));

  const lt = listType(s);
  if (lt !== undefined && type !== 'array') {
    if (type === '') errs.push(e.required([...p, 'type'], 'must be array if x-kubernetes-list-type is specified'));
    else errs.push(e.invalid([...p, 'type'], type, 'must be array if x-kubernetes-list-type is specified'));
  } else if (lt === 'set' && items?.schema) {
    // set items must be atomic: lists atomic (the default), maps explicitly atomic (granular is their default)
    const is = items.schema;
    if (typeOf(is) === 'array' && listType(is) !== undefined && listType(is) !== 'atomic') {
      errs.push(e.invalid([...p, 'items', X_LIST_TYPE], listType(is), 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    } else if (typeOf(is) === 'object' && mapType(is) !== 'atomic') {
      // upstream reports the items' list type here (usually unset: null)
      errs.push(e.invalid([...p, 'items', X_MAP_TYPE], listType(is) ?? null, 'must be atomic as item of a list with x-kubernetes-list-type=set'));
    }
  }
  if (lt !== undefined && lt !== 'atomic' && lt !== 'set' && lt !== 'map') errs.push(e.notSupported([...p, X_LIST_TYPE], lt, ['atomic', 'set', 'map']));

  const keys = listMapKeys(s);
  if (keys.length > 0) {
    if (lt === undefined) errs.push(e.required([...p, X_LIST_TYPE], 'must be map if x-kubernetes-list-map-keys is non-empty'));
    else if (lt !== 'map') errs.push(e.invalid([...p, X_LIST_TYPE], lt, 'must be map if x-kubernetes-list-map-keys is non-empty'));
  }
  if (lt === 'map') {
    if (keys.length === 0) errs.push(e.required([...p, X_LIST_MAP_KEYS], 'must not be empty if x-kubernetes-list-type is map'));
    if (!items) errs.push(e.required([...p, 'items'], 'must have a schema if x-kubernetes-list-type is map'));
    if (items && !items.schema) errs.push(e.invalid([...p, 'items'], internalItemsValue(s), 'must only have a single schema if x-kubernetes-list-type is map'));
    if (items?.schema && typeOf(items.schema) !== 'object') {
      errs.push(e.invalid([...p, 'items', 'type'], typeOf(items.schema), "must be object if parent array's x-kubernetes-list-type is map"));
    }
    if (items?.schema && typeOf(items.schema) === 'object') {
      const seen = new Set<string>();
      for (const k of keys) {
        const keySchema = propertyOf(items.schema, k);
        if (keySchema) {
          const kt = typeOf(keySchema);
          if (kt === 'array' || kt === 'object') {
            // upstream prints the items' type ("object"), not the key's
            errs.push(e.invalid([...p, 'items', 'properties', { key: k }, 'type'], typeOf(items.schema), "must be a scalar type if parent array's x-kubernetes-list-type is map"));
          }
        } else {
          errs.push(e.invalid([...p, X_LIST_MAP_KEYS], keys, 'entries must all be names of item properties'));
        }
        if (seen.has(k)) errs.push(e.invalid([...p, X_LIST_MAP_KEYS], keys, 'must not contain duplicate entries'));
        seen.add(k);
      }
    }
  }
  errs.push(...validateMapListKeysMapSet(s, p, e));

  const rules = list(s[X_VALIDATIONS]);
  if (rules.length > 0) {
    rules.forEach((r, i) => errs.push(...validationRuleStatic(isObj(r) ? r : {}, s, [...p, X_VALIDATIONS, i], e)));
    // CEL: compiled only when nothing at this node or below is wrong with the schema
    if (out.schemaErrors.length === 0 && celEnabled && cel) out.celErrors.push(...cel(s, p, e));
  }
  return out;
}

/** The checks of one x-kubernetes-validations rule that need no CEL. */
function validationRuleStatic(rule: Obj, s: Schema, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  const r = str(rule, 'rule');
  const message = str(rule, 'message');
  const messageExpression = str(rule, 'messageExpression');
  const fieldPath = str(rule, 'fieldPath');
  const trimmedRule = r.trim();
  const trimmedMsg = message.trim();
  // the field's name left the details in 1.34 ("message must be non-empty if specified" before)
  const old = e.minor < 34;
  if (trimmedRule === '') errs.push(e.required([...p, 'rule'], 'rule is not specified'));
  else if (message.length > 0 && trimmedMsg === '') errs.push(e.invalid([...p, 'message'], message, `${old ? 'message ' : ''}must be non-empty if specified`));
  else if (hasNewlines(trimmedMsg)) errs.push(e.invalid([...p, 'message'], message, `${old ? 'message ' : ''}must not contain line breaks`));
  else if (hasNewlines(trimmedRule) && trimmedMsg === '') errs.push(e.required([...p, 'message'], 'message must be specified if rule contains line breaks'));
  if (messageExpression.length > 0 && messageExpression.trim() === '') errs.push(e.required([...p, 'messageExpression'], 'messageExpression must be non-empty if specified'));
  if (typeof rule.reason === 'string' && !SET_VALIDATION_REASONS.includes(rule.reason)) errs.push(e.notSupported([...p, 'reason'], rule.reason, SET_VALIDATION_REASONS));
  if (fieldPath.length > 0 && fieldPath.trim() === '') errs.push(e.invalid([...p, 'fieldPath'], fieldPath, `${old ? 'fieldPath ' : ''}must be non-empty if specified`));
  if (hasNewlines(fieldPath)) errs.push(e.invalid([...p, 'fieldPath'], fieldPath, `${old ? 'fieldPath ' : ''}must not contain line breaks`));
  if (fieldPath.length > 0 && newStructuralError(s) === undefined && validFieldPath(fieldPath, s, true).error !== undefined) {
    errs.push(e.invalid([...p, 'fieldPath'], fieldPath, `${old ? 'fieldPath ' : ''}must be a valid path`));
  }
  return errs;
}

/**
 * validateMapListKeysMapSet: set and map items are not nullable; map keys are required or defaulted,
 * and not nullable.
 */
function validateMapListKeysMapSet(s: Schema, p: Seg[], e: Errs): FieldErr[] {
  const items = itemsSchema(s);
  const lt = listType(s);
  if (!items || (lt !== 'set' && lt !== 'map')) return [];
  const errs: FieldErr[] = [];
  if (nullable(items)) errs.push(e.forbidden([...p, 'items', 'nullable'], `cannot be nullable when x-kubernetes-list-type is ${lt}`));
  if (lt === 'map') {
    const required = new Set(list(items.required).map(String));
    for (const k of listMapKeys(s)) {
      const key = propertyOf(items, k);
      if (!key) continue;
      if (!required.has(k) && !hasDefault(key)) {
        errs.push(e.required([...p, 'items', 'properties', { key: k }, 'default'], 'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property'));
      }
      if (nullable(key)) errs.push(e.forbidden([...p, 'items', 'properties', { key: k }, 'nullable'], 'this property is in x-kubernetes-list-map-keys, so it cannot be nullable'));
    }
  }
  return errs;
}

/**
 * cel.ValidFieldPath (pkg/apiserver/schema/cel/validation.go): a JSON path of `.name` and
 * `['name']` steps into the structural schema. Returns the rendered field path and the schema it
 * reaches, or the error.
 */
export function validFieldPath(jsonPath: string, root: Schema, allowArrayNotation: boolean): { path?: Seg[]; schema?: Schema; error?: string } {
  let schema: Schema | undefined = root;
  const path: Seg[] = [];
  const step = (name: string): string | undefined => {
    if (!schema) return 'does not refer to a valid field';
    if (propertiesOf(schema).length > 0) {
      const next = propertyOf(schema, name);
      if (!next) return 'does not refer to a valid field';
      path.push(name);
      schema = next;
    } else if (additionalOf(schema)) {
      path.push({ key: name });
      schema = additionalOf(schema)!.schema;
    } else return 'does not refer to a valid field';
    return undefined;
  };
  const error = walkJsonPath(jsonPath, allowArrayNotation, step);
  if (error) return { error };
  return { path, schema };
}

