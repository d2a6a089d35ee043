import { isObj, type Obj } from '../../model/obj';
import { sameJson } from '../../model/sameJson';
import type { JsonPath } from '../../yaml/nodeAt';
import { isDNS1035Label, isDNS1123Subdomain } from '../../schema/apimachineryValidation';
import type { FieldErrors } from '../../schema/fieldErrors';
import type { K8sSchema } from '../../schema/catalog';
import { celRuleCompiler } from './crdRules';
import { Errs, renderSegs, type FieldErr, type Seg } from './fieldErrorList';
import { internalSchemaValue, internalVersionsValue, stringsValue, type InternalVersion } from './crdInternal';
import {
  newStructuralError, validateOpenAPISchema, validateStructural, validFieldPath, typeOf, X_EMBEDDED, X_INT_OR_STRING, X_LIST_MAP_KEYS, X_LIST_TYPE, X_MAP_TYPE,
  X_PRESERVE, X_VALIDATIONS, type Schema,
} from './crdSchema';
import { validateDefaults } from './crdDefaults';
import type { CelPrograms } from '../../cel/programs';

/**
 * ValidateCustomResourceDefinition for a create (apiextensions-apiserver
 * pkg/apis/apiextensions/validation/validation.go), on what a v1 CustomResourceDefinition becomes
 * before it is validated:
 * - v1 defaulting (v1/defaults.go): singular and listKind from kind, conversion None, service port 443;
 * - conversion to the internal type (v1/conversion.go): when every version has the same schema (or
 *   subresources, printer columns, selectable fields), it moves to spec.validation (spec.subresources…)
 *   and the versions' copies are dropped. Errors then say `spec.validation.openAPIV3Schema…`, as
 *   kubectl prints them; each still points at the version's own field in the file;
 * - PrepareForCreate (registry strategy): status is cleared, status.storedVersions is the first storage
 *   version.
 * Errors are in upstream's order, map entries in the file's order (upstream's maps iterate randomly),
 * repeated messages once (ErrorList.ToAggregate).
 */
export function validateCustomResourceDefinition(o: Obj, fe: FieldErrors, celPrograms?: CelPrograms): void {
  const e = new Errs(fe.kubernetesVersion, celPrograms);
  const crd = toInternal(o);
  const seen = new Set<string>();
  for (const err of ValidateCustomResourceDefinition(crd, e)) {
    if (seen.has(err.message)) continue;
    seen.add(err.message);
    fe.list.push({ at: atOf(err.path), message: err.message });
  }
}

// --- the internal object -----------------------------------------------------------------------------

interface Conversion {
  strategy: string;
  webhookClientConfig?: { url?: string; service?: { namespace: string; name: string; path?: string; port: number }; caBundle?: string };
  conversionReviewVersions?: string[];
}

interface InternalSpec {
  group: string;
  scope: string;
  names: { plural: string; singular: string; kind: string; listKind: string; shortNames: string[]; categories: string[] };
  versions: InternalVersion[];
  /** spec.versions absent: a nil slice, printed as null (an empty one prints as []). */
  versionsNil: boolean;
  version: string;
  validation?: Obj;
  subresources?: Obj;
  additionalPrinterColumns?: Obj[];
  selectableFields?: Obj[];
  preserveUnknownFields: boolean;
  conversion: Conversion;
}

interface InternalCRD {
  name: string;
  annotations: Obj;
  spec: InternalSpec;
  storedVersions?: string[];
}

const s = (v: unknown): string => (typeof v === 'string' ? v : '');
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => s(x)) : []);
const objs = (v: unknown): Obj[] | undefined => (Array.isArray(v) ? v.map((x) => (isObj(x) ? x : {})) : undefined);

function toInternal(o: Obj): InternalCRD {
  const meta = isObj(o.metadata) ? o.metadata : {};
  const spec = isObj(o.spec) ? o.spec : {};
  const names = isObj(spec.names) ? spec.names : {};
  const kind = s(names.kind);
  const versions: InternalVersion[] = (Array.isArray(spec.versions) ? spec.versions : []).map((x) => {
    const v = isObj(x) ? x : {};
    return {
      name: s(v.name),
      served: v.served === true,
      storage: v.storage === true,
      deprecated: v.deprecated === true,
      deprecationWarning: typeof v.deprecationWarning === 'string' ? v.deprecationWarning : undefined,
      schema: isObj(v.schema) ? v.schema : undefined,
      subresources: isObj(v.subresources) ? v.subresources : undefined,
      additionalPrinterColumns: objs(v.additionalPrinterColumns),
      selectableFields: objs(v.selectableFields),
    };
  });
  const out: InternalSpec = {
    group: s(spec.group),
    scope: s(spec.scope),
    names: {
      plural: s(names.plural),
      // SetDefaults_CustomResourceDefinitionSpec
      singular: s(names.singular) || kind.toLowerCase(),
      kind,
      listKind: s(names.listKind) || (kind ? `${kind}List` : ''),
      shortNames: strings(names.shortNames),
      categories: strings(names.categories),
    },
    versions,
    versionsNil: !Array.isArray(spec.versions),
    version: '',
    preserveUnknownFields: spec.preserveUnknownFields === true,
    conversion: conversionOf(spec.conversion),
  };
  hoistIdenticalVersionFields(out);
  const storage = versions.find((v) => v.storage);
  return { name: s(meta.name), annotations: isObj(meta.annotations) ? meta.annotations : {}, spec: out, storedVersions: storage ? [storage.name] : undefined };
}

function conversionOf(v: unknown): Conversion {
  if (!isObj(v)) return { strategy: 'None' };
  const webhook = isObj(v.webhook) ? v.webhook : undefined;
  const cc = webhook && isObj(webhook.clientConfig) ? webhook.clientConfig : undefined;
  const service = cc && isObj(cc.service) ? cc.service : undefined;
  return {
    strategy: s(v.strategy),
    webhookClientConfig: cc
      ? {
          url: typeof cc.url === 'string' ? cc.url : undefined,
          service: service
            ? { namespace: s(service.namespace), name: s(service.name), path: typeof service.path === 'string' ? service.path : undefined, port: typeof service.port === 'number' ? service.port : 443 }
            : undefined,
          caBundle: typeof cc.caBundle === 'string' ? cc.caBundle : undefined,
        }
      : undefined,
    conversionReviewVersions: webhook && Array.isArray(webhook.conversionReviewVersions) ? strings(webhook.conversionReviewVersions) : undefined,
  };
}

/** Convert_v1_CustomResourceDefinitionSpec_To_apiextensions_CustomResourceDefinitionSpec's hoisting. */
function hoistIdenticalVersionFields(spec: InternalSpec): void {
  const versions = spec.versions;
  if (versions.length === 0) return;
  spec.version = versions[0].name;
  const same = <T>(get: (v: InternalVersion) => T, equal: (a: T, b: T) => boolean): boolean => versions.every((v, i) => i === 0 || equal(get(v), get(versions[0])));
  const list = (a: Obj[] | undefined, b: Obj[] | undefined): boolean => sameJson(a?.length ? a : undefined, b?.length ? b : undefined);
  if (same((v) => v.subresources, sameJson)) {
    spec.subresources = versions[0].subresources;
    for (const v of versions) v.subresources = undefined;
  }
  if (same((v) => v.schema, (a, b) => (a === undefined || b === undefined ? a === b : schemaEqual(a.openAPIV3Schema, b.openAPIV3Schema)))) {
    spec.validation = versions[0].schema;
    for (const v of versions) v.schema = undefined;
  }
  if (same((v) => v.additionalPrinterColumns, list)) {
    spec.additionalPrinterColumns = versions[0].additionalPrinterColumns;
    for (const v of versions) v.additionalPrinterColumns = undefined;
  }
  if (same((v) => v.selectableFields, list)) {
    spec.selectableFields = versions[0].selectableFields;
    for (const v of versions) v.selectableFields = undefined;
  }
}

/** apiequality.Semantic.DeepEqual of two schemas: an empty slice or map equals a nil one. */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_COLLECTIONS = new Set([...SCHEMA_MAPS, ...SCHEMA_LISTS, 'enum', 'required', X_LIST_MAP_KEYS, X_VALIDATIONS]);
const isEmpty = (v: unknown): boolean => (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);

function schemaEqual(a: unknown, b: unknown): boolean {
  if (!isObj(a) || !isObj(b)) return sameJson(a, b);
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    let x = a[k];
    let y = b[k];
    if (SCHEMA_COLLECTIONS.has(k)) {
      if (isEmpty(x)) x = undefined;
      if (isEmpty(y)) y = undefined;
    }
    if (x === undefined || y === undefined) {
      if (x !== y) return false;
    } else if (SCHEMA_MAPS.has(k) && isObj(x) && isObj(y)) {
      const names = Object.keys(x);
      if (names.length !== Object.keys(y).length || !names.every((n) => Object.prototype.hasOwnProperty.call(y, n) && schemaEqual((x as Obj)[n], (y as Obj)[n]))) return false;
    } else if ((SCHEMA_LISTS.has(k) || k === 'items') && Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || !x.every((s, i) => schemaEqual(s, (y as unknown[])[i]))) return false;
    } else if (['items', 'not', 'additionalProperties', 'additionalItems'].includes(k)) {
      if (!schemaEqual(x, y)) return false;
    } else if (!sameJson(x, y)) return false;
  }
  return true;
}

// --- where an error is in the file -----------------------------------------------------------------

/**
 * The JSON path in the v1 object for an internal error path: hoisted fields are in the first version,
 * the webhook conversion fields under spec.conversion.webhook, printer columns spell jsonPath, and
 * status.storedVersions (set by the API server) stands for the versions' storage flags.
 */
function atOf(path: Seg[]): JsonPath {
  const p: JsonPath = [];
  for (const seg of path) {
    if (typeof seg === 'string' || typeof seg === 'number') p.push(seg);
    else if ('raw' in seg) p.push(...seg.at);
    else if ('key' in seg) p.push(seg.key);
  }
  const at = (i: number, ...prefix: JsonPath): JsonPath => [...prefix, ...p.slice(i)];
  let out: JsonPath = p;
  if (p[0] === 'spec') {
    switch (p[1]) {
      case 'validation':
        out = at(2, 'spec', 'versions', 0, 'schema');
        break;
      case 'subresources':
      case 'additionalPrinterColumns':
      case 'selectableFields':
        out = at(1, 'spec', 'versions', 0);
        break;
      case 'schema':
        out = at(1, 'spec', 'versions', 0);
        break;
      case 'version':
        out = ['spec', 'versions', 0, 'name'];
        break;
      case 'conversion':
        if (p[2] === 'webhookClientConfig') out = at(3, 'spec', 'conversion', 'webhook', 'clientConfig');
        else if (p[2] === 'conversionReviewVersions') out = at(3, 'spec', 'conversion', 'webhook', 'conversionReviewVersions');
        break;
    }
  } else if (p[0] === 'status' && p[1] === 'storedVersions') out = ['spec', 'versions'];
  return out.map((x, i) => (x === 'JSONPath' && out[i - 2] === 'additionalPrinterColumns' ? 'jsonPath' : x));
}

// --- ValidateCustomResourceDefinition --------------------------------------------------------------

const join = (errs: string[]): string => errs.join(',');

function ValidateCustomResourceDefinition(crd: InternalCRD, e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  const { spec } = crd;
  // ValidateObjectMeta's name function: the DNS subdomain part is KP130's
  if (crd.name !== '' && crd.name !== `${spec.names.plural}.${spec.group}`) {
    errs.push(e.invalid(['metadata', 'name'], crd.name, 'must be spec.names.plural+"."+spec.group'));
  }
  errs.push(...validateSpec(spec, ['spec'], e));
  // ValidateCustomResourceDefinitionStatus: acceptedNames are empty on a create
  errs.push(...validateStoredVersions(crd.storedVersions, spec.versions, ['status', 'storedVersions'], e));
  errs.push(...validateAPIApproval(crd, e));
  // validatePreserveUnknownFields
  if (spec.preserveUnknownFields) {
    errs.push(e.invalid(['spec', 'preserveUnknownFields'], true, 'cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead'));
  }
  return errs;
}

/** validateCustomResourceDefinitionSpec */
function validateSpec(spec: InternalSpec, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (spec.group === '') errs.push(e.required([...p, 'group']));
  else if (isDNS1123Subdomain(spec.group).length) errs.push(e.invalid([...p, 'group'], spec.group, join(isDNS1123Subdomain(spec.group))));
  else if (spec.group.split('.').length < 2) errs.push(e.invalid([...p, 'group'], spec.group, 'should be a domain with at least one dot'));

  errs.push(...validateEnumStrings([...p, 'scope'], spec.scope, ['Cluster', 'Namespaced'], true, e));

  // requireOpenAPISchema: a schema for every version (the detail was "schemas are required" before 1.34)
  if (!isObj(spec.validation?.openAPIV3Schema)) {
    spec.versions.forEach((v, i) => {
      if (!isObj(v.schema?.openAPIV3Schema)) errs.push(e.required([...p, 'versions', i, 'schema', 'openAPIV3Schema'], e.minor < 34 ? 'schemas are required' : ''));
    });
  }
  if (specHasDefaults(spec) && spec.preserveUnknownFields) {
    errs.push(e.invalid([...p, 'preserveUnknownFields'], true, 'must be false in order to use defaults in the schema'));
  }

  let storageFlagCount = 0;
  const seen = new Set<string>();
  let uniqueNames = true;
  spec.versions.forEach((version, i) => {
    if (version.storage) storageFlagCount++;
    if (seen.has(version.name)) uniqueNames = false;
    else seen.add(version.name);
    const problems = isDNS1035Label(version.name);
    if (problems.length) errs.push(e.invalid([...p, 'versions', i, 'name'], version.name, join(problems)));
    const subresources = subresourcesForVersion(spec, version.name);
    errs.push(...validateVersion(version, [...p, 'versions', i], isObj(subresources?.status), e));
  });
  // the top-level/per-version exclusions and "may not all be set to identical values" cannot fail for
  // a v1 object: the conversion hoists identical values and leaves the others per version
  if (!uniqueNames) errs.push(e.invalid([...p, 'versions'], internalVersionsValue(spec.versionsNil ? undefined : spec.versions), 'must contain unique version names'));
  if (storageFlagCount !== 1) errs.push(e.invalid([...p, 'versions'], internalVersionsValue(spec.versionsNil ? undefined : spec.versions), 'must have exactly one version marked as storage version'));
  if (spec.version !== '') {
    // spec.version is versions[0].name: its name problems are reported twice, as upstream does
    const problems = isDNS1035Label(spec.version);
    if (problems.length) errs.push(e.invalid([...p, 'version'], spec.version, join(problems)));
  }

  if (spec.names.plural === '') errs.push(e.required([...p, 'names', 'plural']));
  if (spec.names.singular === '') errs.push(e.required([...p, 'names', 'singular']));
  if (spec.names.kind === '') errs.push(e.required([...p, 'names', 'kind']));
  if (spec.names.listKind === '') errs.push(e.required([...p, 'names', 'listKind']));
  errs.push(...validateNames(spec.names, [...p, 'names'], e));

  errs.push(...validateValidation(spec.validation, hasAnyStatusEnabled(spec), [...p, 'validation'], e));
  errs.push(...validateSubresources(spec.subresources, [...p, 'subresources'], e));
  (spec.additionalPrinterColumns ?? []).forEach((c, i) => errs.push(...validateColumn(c, [...p, 'additionalPrinterColumns', i], e)));
  if (spec.selectableFields?.length) {
    if (!spec.validation) {
      errs.push(e.invalid([...p, 'selectableFields'], '', `${e.minor < 34 ? 'selectableFields ' : ''}may only be set when validations.schema is included`));
    } else {
      errs.push(...selectableFieldsWithSchema(spec.selectableFields, spec.validation.openAPIV3Schema, [...p, 'schema', 'openAPIV3Schema'], [...p, 'selectableFields'], e));
    }
  }
  if (spec.conversion.strategy !== 'None' && spec.preserveUnknownFields) {
    errs.push(e.invalid([...p, 'conversion', 'strategy'], spec.conversion.strategy, 'must be None if spec.preserveUnknownFields is true'));
  }
  errs.push(...validateConversion(spec.conversion, [...p, 'conversion'], e));
  return errs;
}

function validateEnumStrings(p: Seg[], value: string, accepted: string[], required: boolean, e: Errs): FieldErr[] {
  if (value === '') return required ? [e.required(p)] : [];
  return accepted.includes(value) ? [] : [e.notSupported(p, value, accepted)];
}

/** validateCustomResourceDefinitionVersion */
function validateVersion(version: InternalVersion, p: Seg[], statusEnabled: boolean, e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  for (const problem of validateDeprecationWarning(version.deprecated, version.deprecationWarning)) {
    errs.push(e.invalid([...p, 'deprecationWarning'], version.deprecationWarning ?? null, problem));
  }
  errs.push(...validateValidation(version.schema, statusEnabled, [...p, 'schema'], e));
  errs.push(...validateSubresources(version.subresources, [...p, 'subresources'], e));
  (version.additionalPrinterColumns ?? []).forEach((c, i) => errs.push(...validateColumn(c, [...p, 'additionalPrinterColumns', i], e)));
  if (version.selectableFields?.length) {
    if (!isObj(version.schema?.openAPIV3Schema)) {
      // also when the schema was hoisted to spec.validation but the selectable fields differ per version
      const detail = e.minor < 34 ? 'selectableFields may only be set when version.schema.openAPIV3Schema is not included' : 'may only be set when `version.schema.openAPIV3Schema` is not included';
      errs.push(e.invalid([...p, 'selectableFields'], '', detail));
    } else {
      errs.push(...selectableFieldsWithSchema(version.selectableFields, version.schema!.openAPIV3Schema as Schema, [...p, 'schema', 'openAPIV3Schema'], [...p, 'selectableFields'], e));
    }
  }
  return errs;
}

function selectableFieldsWithSchema(fields: Obj[], schema: unknown, schemaPath: Seg[], p: Seg[], e: Errs): FieldErr[] {
  if (!isObj(schema)) return [];
  const err = newStructuralError(schema);
  // upstream goes on with a nil structural schema; nothing can be found in it then
  if (err) return [e.invalid(schemaPath, '', err)];
  return validateSelectableFields(fields, schema, p, e);
}

/** validateDeprecationWarning */
function validateDeprecationWarning(deprecated: boolean, warning: string | undefined): string[] {
  if (!deprecated && warning !== undefined) return ['can only be set for deprecated versions'];
  if (warning === undefined) return [];
  const errors: string[] = [];
  if (Buffer.byteLength(warning, 'utf8') > 256) errors.push('must be <= 256 characters long');
  if (warning.length === 0) errors.push('must not be an empty string');
  let index = 0;
  for (const ch of warning) {
    // unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space
    if (!/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(ch)) {
      errors.push(`must only contain printable UTF-8 characters; non-printable character found at index ${index}`);
      break;
    }
    index += Buffer.byteLength(ch, 'utf8');
  }
  return errors;
}

/** ValidateCustomResourceDefinitionNames */
function validateNames(names: InternalSpec['names'], p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  const dns = (v: string): string[] => isDNS1035Label(v);
  if (names.plural !== '' && dns(names.plural).length) errs.push(e.invalid([...p, 'plural'], names.plural, join(dns(names.plural))));
  if (names.singular !== '' && dns(names.singular).length) errs.push(e.invalid([...p, 'singular'], names.singular, join(dns(names.singular))));
  if (names.kind !== '' && dns(names.kind.toLowerCase()).length) {
    errs.push(e.invalid([...p, 'kind'], names.kind, `may have mixed case, but should otherwise match: ${join(dns(names.kind.toLowerCase()))}`));
  }
  if (names.listKind !== '' && dns(names.listKind.toLowerCase()).length) {
    errs.push(e.invalid([...p, 'listKind'], names.listKind, `may have mixed case, but should otherwise match: ${join(dns(names.listKind.toLowerCase()))}`));
  }
  names.shortNames.forEach((n, i) => {
    if (dns(n).length) errs.push(e.invalid([...p, 'shortNames', i], n, join(dns(n))));
  });
  if (names.kind !== '' && names.kind === names.listKind) errs.push(e.invalid([...p, 'listKind'], names.listKind, 'kind and listKind may not be the same'));
  names.categories.forEach((n, i) => {
    if (dns(n).length) errs.push(e.invalid([...p, 'categories', i], n, join(dns(n))));
  });
  return errs;
}

const PRINTER_COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const PRINTER_COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** ValidateCustomResourceColumnDefinition (internal field names: JSONPath). */
function validateColumn(col: Obj, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (s(col.name) === '') errs.push(e.required([...p, 'name']));
  const type = s(col.type);
  if (type === '') errs.push(e.required([...p, 'type'], `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`));
  else if (!PRINTER_COLUMN_TYPES.includes(type)) errs.push(e.invalid([...p, 'type'], type, `must be one of ${PRINTER_COLUMN_TYPES.join(',')}`));
  const format = s(col.format);
  if (format !== '' && !PRINTER_COLUMN_FORMATS.includes(format)) errs.push(e.invalid([...p, 'format'], format, `must be one of ${PRINTER_COLUMN_FORMATS.join(',')}`));
  const jsonPath = s(col.jsonPath);
  if (jsonPath === '') errs.push(e.required([...p, 'JSONPath']));
  else errs.push(...validateSimpleJSONPath(jsonPath, [...p, 'JSONPath'], e));
  return errs;
}

function validateSimpleJSONPath(v: string, p: Seg[], e: Errs): FieldErr[] {
  if (v === '') return [e.invalid(p, v, 'must not be empty')];
  if (v[0] !== '.') return [e.invalid(p, v, 'must be a simple json path starting with .')];
  return [];
}

/** ValidateCustomResourceDefinitionSubresources: the scale paths. */
function validateSubresources(sub: Obj | undefined, p: Seg[], e: Errs): FieldErr[] {
  if (!sub || !isObj(sub.scale)) return [];
  const errs: FieldErr[] = [];
  const scale = sub.scale;
  const spec = s(scale.specReplicasPath);
  if (spec === '') errs.push(e.required([...p, 'scale', 'specReplicasPath']));
  else {
    const bad = validateSimpleJSONPath(spec, [...p, 'scale', 'specReplicasPath'], e);
    if (bad.length) errs.push(...bad);
    else if (!spec.startsWith('.spec.')) errs.push(e.invalid([...p, 'scale', 'specReplicasPath'], spec, 'should be a json path under .spec'));
  }
  const status = s(scale.statusReplicasPath);
  if (status === '') errs.push(e.required([...p, 'scale', 'statusReplicasPath']));
  else {
    const bad = validateSimpleJSONPath(status, [...p, 'scale', 'statusReplicasPath'], e);
    if (bad.length) errs.push(...bad);
    else if (!status.startsWith('.status.')) errs.push(e.invalid([...p, 'scale', 'statusReplicasPath'], status, 'should be a json path under .status'));
  }
  const selector = s(scale.labelSelectorPath);
  if (selector !== '') {
    const bad = validateSimpleJSONPath(selector, [...p, 'scale', 'labelSelectorPath'], e);
    if (bad.length) errs.push(...bad);
    else if (!selector.startsWith('.spec.') && !selector.startsWith('.status.')) {
      errs.push(e.invalid([...p, 'scale', 'labelSelectorPath'], selector, 'should be a json path under either .spec or .status'));
    }
  }
  return errs;
}

/** ValidateCustomResourceSelectableFields */
function validateSelectableFields(fields: Obj[], schema: Schema, p: Seg[], e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  const unique = new Set<string>();
  fields.forEach((f, i) => {
    const at: Seg[] = [...p, i, 'jsonPath'];
    const jsonPath = s(f.jsonPath);
    if (jsonPath === '') {
      errs.push(e.required(at));
      return;
    }
    const found = validFieldPath(jsonPath, schema, false);
    if (found.error !== undefined) {
      errs.push(e.invalid(at, jsonPath, `is an invalid path: ${found.error}`));
      return;
    }
    const path = found.path ?? [];
    if (path.length && renderSegs([path[0]]) === 'metadata') errs.push(e.invalid(at, jsonPath, 'must not point to fields in metadata'));
    if (!found.schema || !['string', 'boolean', 'integer'].includes(typeOf(found.schema))) {
      errs.push(e.invalid(at, jsonPath, 'must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.'));
    }
    const key = renderSegs(path);
    if (unique.has(key)) errs.push(e.duplicate(at, jsonPath));
    else unique.add(key);
  });
  if (unique.size > 8) errs.push(e.tooMany(p, unique.size, 8));
  return errs;
}

const ACCEPTED_REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** validateCustomResourceConversion */
function validateConversion(conversion: Conversion, p: Seg[], e: Errs): FieldErr[] {
  const errs = validateEnumStrings([...p, 'strategy'], conversion.strategy, ['None', 'Webhook'], true, e);
  const cc = conversion.webhookClientConfig;
  if (conversion.strategy === 'Webhook') {
    if (!cc) errs.push(e.required([...p, 'webhookClientConfig'], 'required when strategy is set to Webhook'));
    else if ((cc.url === undefined) === (cc.service === undefined)) errs.push(e.required([...p, 'webhookClientConfig'], 'exactly one of url or service is required'));
    else if (cc.url !== undefined) errs.push(...validateWebhookURL([...p, 'webhookClientConfig', 'url'], cc.url, e));
    else if (cc.service) {
      // upstream passes the service's name and namespace in the order (namespace, name) the function declares the other way round
      errs.push(...validateWebhookService([...p, 'webhookClientConfig', 'service'], cc.service.name, cc.service.namespace, cc.service.path, cc.service.port, e));
    }
    // an invalid caBundle is allowed on create (allowInvalidCABundle)
    errs.push(...validateConversionReviewVersions(conversion.conversionReviewVersions ?? [], [...p, 'conversionReviewVersions'], e));
  } else {
    if (cc) errs.push(e.forbidden([...p, 'webhookClientConfig'], 'should not be set when strategy is not set to Webhook'));
    if (conversion.conversionReviewVersions?.length) errs.push(e.forbidden([...p, 'conversionReviewVersions'], 'should not be set when strategy is not set to Webhook'));
  }
  return errs;
}

function validateConversionReviewVersions(versions: string[], p: Seg[], e: Errs): FieldErr[] {
  if (versions.length < 1) return [e.required(p)];
  const errs: FieldErr[] = [];
  const seen = new Set<string>();
  let hasAccepted = false;
  versions.forEach((v, i) => {
    if (seen.has(v)) {
      errs.push(e.invalid([...p, i], v, 'duplicate version'));
      return;
    }
    seen.add(v);
    for (const problem of isDNS1035Label(v)) errs.push(e.invalid([...p, i], v, problem));
    if (ACCEPTED_REVIEW_VERSIONS.includes(v)) hasAccepted = true;
  });
  if (!hasAccepted) errs.push(e.invalid(p, stringsValue(versions), `must include at least one of ${ACCEPTED_REVIEW_VERSIONS.join(', ')}`));
  return errs;
}

/** webhook.ValidateWebhookURL (k8s.io/apiserver/pkg/util/webhook), with https forced. */
function validateWebhookURL(p: Seg[], url: string, e: Errs): FieldErr[] {
  const form = '; desired format: https://host[/path]';
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/s.exec(url);
  if (!m) return [e.required(p, `url must be a valid URL: parse ${JSON.stringify(url)}: invalid URI${form}`)];
  const [, scheme = '', authority, , query, fragment] = m;
  const at = authority?.lastIndexOf('@') ?? -1;
  const user = authority !== undefined && at >= 0 ? authority.slice(0, at) : undefined;
  const host = authority === undefined ? '' : authority.slice(at + 1);
  const errs: FieldErr[] = [];
  if (scheme !== 'https') errs.push(e.invalid(p, scheme, `'https' is the only allowed URL scheme${form}`));
  if (host === '') errs.push(e.invalid(p, host, `host must be provided${form}`));
  if (user !== undefined) errs.push(e.invalid(p, user, 'user information is not permitted in the URL'));
  if (fragment) errs.push(e.invalid(p, fragment, 'fragments are not permitted in the URL'));
  if (query) errs.push(e.invalid(p, query, 'query parameters are not permitted in the URL'));
  return errs;
}

/** webhook.ValidateWebhookService(fldPath, namespace, name, path, port) */
function validateWebhookService(p: Seg[], namespace: string, name: string, path: string | undefined, port: number, e: Errs): FieldErr[] {
  const errs: FieldErr[] = [];
  if (name === '') errs.push(e.required([...p, 'name'], 'service name is required'));
  if (namespace === '') errs.push(e.required([...p, 'namespace'], 'service namespace is required'));
  if (port < 1 || port > 65535) errs.push(e.invalid([...p, 'port'], port, 'port is not valid: must be between 1 and 65535, inclusive'));
  if (path === undefined || path === '/' || path === '') return errs;
  if (path === '//') return [...errs, e.invalid([...p, 'path'], path, 'segment[0] may not be empty')];
  if (!path.startsWith('/')) errs.push(e.invalid([...p, 'path'], path, "must start with a '/'"));
  let check = path.slice(1);
  if (check.endsWith('/')) check = check.slice(0, -1);
  check.split('/').forEach((step, i) => {
    if (step === '') {
      errs.push(e.invalid([...p, 'path'], path, `segment[${i}] may not be empty`));
      return;
    }
    for (const failure of isDNS1123Subdomain(step)) errs.push(e.invalid([...p, 'path'], path, `segment[${i}]: ${failure}`));
  });
  return errs;
}

/** ValidateCustomResourceDefinitionStoredVersions, on the status PrepareForCreate sets. */
function validateStoredVersions(stored: string[] | undefined, versions: InternalVersion[], p: Seg[], e: Errs): FieldErr[] {
  if (!stored?.length) return [e.invalid(p, stringsValue(stored), 'must have at least one stored version')];
  const errs: FieldErr[] = [];
  const remaining = new Map(stored.map((v, i) => [v, i]));
  for (const v of versions) {
    const found = remaining.has(v.name);
    if (v.storage && !found) errs.push(e.invalid(p, stringsValue(stored), `must have the storage version ${v.name}`));
    if (found) remaining.delete(v.name);
  }
  for (const [v, i] of remaining) {
    errs.push(e.invalid([...p, i], v, `missing from spec.versions; ${v} was previously a storage version, and must remain in spec.versions until a storage migration ensures no data remains persisted in ${v} and removes ${v} from status.storedVersions`));
  }
  return errs;
}

const APPROVAL = 'api-approved.kubernetes.io';

/** validateAPIApproval: groups under k8s.io and kubernetes.io need the approval annotation. */
function validateAPIApproval(crd: InternalCRD, e: Errs): FieldErr[] {
  const group = crd.spec.group;
  const protectedGroup = group === 'k8s.io' || group.endsWith('.k8s.io') || group === 'kubernetes.io' || group.endsWith('.kubernetes.io');
  if (!protectedGroup) return [];
  const annotation = s(crd.annotations[APPROVAL]);
  const p: Seg[] = ['metadata', 'annotations', { key: APPROVAL }];
  if (annotation === '') return [e.required(p, `protected groups must have approval annotation "${APPROVAL}", see https://github.com/kubernetes/enhancements/pull/1111`)];
  if (annotation.startsWith('unapproved')) return [];
  // url.ParseRequestURI with a scheme and a host
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s]+[^\s]*$/.test(annotation)) return [];
  return [e.invalid(p, annotation, `protected groups must have approval annotation "${APPROVAL}" with either a URL or a reason starting with "unapproved", see https://github.com/kubernetes/enhancements/pull/1111`)];
}

// --- schemas -----------------------------------------------------------------------------------------

const ALLOWED_AT_ROOT_WITH_STATUS = [
  'Description', 'Type', 'Format', 'Title', 'Maximum', 'ExclusiveMaximum', 'Minimum', 'ExclusiveMinimum', 'MaxLength', 'MinLength', 'Pattern', 'MaxItems',
  'MinItems', 'UniqueItems', 'MultipleOf', 'Required', 'Items', 'Properties', 'ExternalDocs', 'Example', 'XPreserveUnknownFields', 'XValidations',
];

/** The internal JSONSchemaProps fields in declaration order, with their v1 JSON names. */
const SCHEMA_FIELDS: Array<[string, string]> = [
  ['ID', 'id'], ['Schema', '$schema'], ['Ref', '$ref'], ['Description', 'description'], ['Type', 'type'], ['Nullable', 'nullable'], ['Format', 'format'],
  ['Title', 'title'], ['Default', 'default'], ['Maximum', 'maximum'], ['ExclusiveMaximum', 'exclusiveMaximum'], ['Minimum', 'minimum'],
  ['ExclusiveMinimum', 'exclusiveMinimum'], ['MaxLength', 'maxLength'], ['MinLength', 'minLength'], ['Pattern', 'pattern'], ['MaxItems', 'maxItems'],
  ['MinItems', 'minItems'], ['UniqueItems', 'uniqueItems'], ['MultipleOf', 'multipleOf'], ['Enum', 'enum'], ['MaxProperties', 'maxProperties'],
  ['MinProperties', 'minProperties'], ['Required', 'required'], ['Items', 'items'], ['AllOf', 'allOf'], ['OneOf', 'oneOf'], ['AnyOf', 'anyOf'], ['Not', 'not'],
  ['Properties', 'properties'], ['AdditionalProperties', 'additionalProperties'], ['PatternProperties', 'patternProperties'], ['Dependencies', 'dependencies'],
  ['AdditionalItems', 'additionalItems'], ['Definitions', 'definitions'], ['ExternalDocs', 'externalDocs'], ['Example', 'example'],
  ['XPreserveUnknownFields', X_PRESERVE], ['XEmbeddedResource', X_EMBEDDED], ['XIntOrString', X_INT_OR_STRING], ['XListMapKeys', X_LIST_MAP_KEYS],
  ['XListType', X_LIST_TYPE], ['XMapType', X_MAP_TYPE], ['XValidations', X_VALIDATIONS],
];

/** A field's Go zero value: absent, false or "" (an empty list or map decodes as non-nil). */
const isZero = (v: unknown): boolean => v === undefined || v === null || v === false || v === '';

/** validateCustomResourceDefinitionValidation */
function validateValidation(validation: Obj | undefined, statusEnabled: boolean, p: Seg[], e: Errs): FieldErr[] {
  if (!validation) return [];
  const errs: FieldErr[] = [];
  const schema = isObj(validation.openAPIV3Schema) ? validation.openAPIV3Schema : undefined;
  if (schema) {
    const root: Seg[] = [...p, 'openAPIV3Schema'];
    if (statusEnabled) {
      // status is validated as properties[status]: the root may only hold what survives that
      for (const [field, key] of SCHEMA_FIELDS) {
        if (isZero(schema[key])) continue;
        if (field === 'Type') {
          if (schema.type !== 'object') {
            errs.push(e.invalid([...root, 'type'], typeOf(schema), 'only "object" is allowed as the type at the root of the schema if the status subresource is enabled'));
            break;
          }
          continue;
        }
        if (!ALLOWED_AT_ROOT_WITH_STATUS.includes(field)) {
          errs.push(e.invalid(root, internalSchemaValue(schema), `only [${ALLOWED_AT_ROOT_WITH_STATUS.join(' ')}] fields are allowed at the root of the schema if the status subresource is enabled`));
          break;
        }
      }
    }
    if (schema.nullable === true) errs.push(e.forbidden([...root, 'nullable'], 'nullable cannot be true at the root'));

    // requireStructuralSchema: always for a create
    let celEnabled = false;
    const initErrs: FieldErr[] = [];
    const initErr = newStructuralError(schema);
    if (initErr) initErrs.push(e.invalid(root, '', initErr));
    else {
      const structural = validateStructural(root, schema, e);
      if (structural.length) errs.push(...structural);
      else {
        const defaults = validateDefaults(root, schema, e);
        if (defaults.length) errs.push(...defaults);
        else celEnabled = true;
      }
    }
    const cel = celRuleCompiler(schema as K8sSchema, e.kubernetesVersion, e.celPrograms);
    const openAPI = validateOpenAPISchema(schema, root, { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false, requireValidPropertyType: true }, true, celEnabled, e, cel.compile);
    errs.push(...openAPI.schemaErrors, ...openAPI.celErrors);
    // NewStructural's errors repeat the OpenAPI checks': shown only when nothing else failed
    if (errs.length === 0) errs.push(...initErrs);
    // the CRD-wide estimated cost of the rules (the CEL context exists only for a valid structural schema)
    if (celEnabled) errs.push(...cel.totalCostErrors(root, e));
  }
  // "error building validator" (NewSchemaValidator) cannot fail for a schema that passed the above
  return errs;
}

/** specHasDefaults: a default anywhere in any schema (SchemaHas walks every keyword). */
function specHasDefaults(spec: InternalSpec): boolean {
  const schemas = [spec.validation?.openAPIV3Schema, ...spec.versions.map((v) => v.schema?.openAPIV3Schema)];
  return schemas.some((x) => isObj(x) && schemaHasDefault(x));
}

function schemaHasDefault(x: Obj): boolean {
  if (x.default !== undefined && x.default !== null) return true;
  const children: unknown[] = [];
  for (const key of ['items', 'allOf', 'anyOf', 'oneOf', 'not', 'additionalProperties', 'additionalItems']) {
    const v = x[key];
    if (Array.isArray(v)) children.push(...v);
    else children.push(v);
  }
  for (const key of ['properties', 'patternProperties', 'definitions', 'dependencies']) if (isObj(x[key])) children.push(...Object.values(x[key] as Obj));
  return children.some((c) => isObj(c) && schemaHasDefault(c));
}

function hasAnyStatusEnabled(spec: InternalSpec): boolean {
  return isObj(spec.subresources?.status) || spec.versions.some((v) => isObj(v.subresources?.status));
}

/** getSubresourcesForVersion: the top-level subresources unless any version has its own. */
function subresourcesForVersion(spec: InternalSpec, name: string): Obj | undefined {
  if (!spec.versions.some((v) => v.subresources !== undefined)) return spec.subresources;
  return spec.versions.find((v) => v.name === name)?.subresources;
}
