import { isObj, type Obj } from '../../model/obj';
import { goFloat, Rendered } from './fieldErrorList';

/**
 * How the API server prints internal apiextensions values in errors (a CRD's versions, a schema):
 * json.Marshal of the internal Go structs from 1.34 (Go field names, no json tags, nil as null,
 * map keys sorted, `<>&` escaped), `%#v` before. Pointers below the top level print as addresses in
 * `%#v` (`(*apiextensions.CustomResourceValidation)(0xc000…)`), which differ from run to run: they
 * show here as 0xc000000000. The struct fields are those of recent versions.
 */
type GoValue =
  | { k: 'struct'; type: string; fields: Array<[string, GoValue]> }
  | { k: 'ptr'; type: string; to?: GoValue }
  | { k: 'slice'; type: string; items?: GoValue[] }
  | { k: 'map'; type: string; entries?: Array<[string, GoValue]> }
  | { k: 'string'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'int'; v: number }
  | { k: 'float'; v: number }
  | { k: 'json'; v: unknown };

/** Go's encoding/json string: HTML-safe escapes and U+2028/U+2029. */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** json.Marshal of a decoded JSON value (interface{}): map keys sorted. */
export function goJsonValue(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJsonValue).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${goJsonString(k)}:${goJsonValue(v[k])}`).join(',')}}`;
  return 'null';
}

/** `%#v` of a decoded JSON value held in an interface{}: integers decode as int64, others as float64. */
export function goSyntaxValue(v: unknown): string {
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSyntaxValue).join(', ')}}`;
  if (isObj(v)) return `map[string]interface {}{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goSyntaxValue(v[k])}`).join(', ')}}`;
  return 'interface {}(nil)';
}

/** A decoded JSON value as a bad value (a default, say). */
export const jsonValue = (v: unknown): unknown => (isObj(v) || Array.isArray(v) ? new Rendered(goJsonValue(v), goSyntaxValue(v)) : v);

function json(g: GoValue): string {
  switch (g.k) {
    case 'struct':
      return `{${g.fields.map(([n, v]) => `${goJsonString(n)}:${json(v)}`).join(',')}}`;
    case 'ptr':
      return g.to ? json(g.to) : 'null';
    case 'slice':
      return g.items ? `[${g.items.map(json).join(',')}]` : 'null';
    case 'map':
      return g.entries ? `{${[...g.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${goJsonString(k)}:${json(v)}`).join(',')}}` : 'null';
    case 'string':
      return goJsonString(g.v);
    case 'bool':
    case 'int':
    case 'float':
      return JSON.stringify(g.v);
    case 'json':
      return goJsonValue(g.v);
  }
}

function goSyntax(g: GoValue, depth: number): string {
  switch (g.k) {
    case 'struct':
      return `${g.type}{${g.fields.map(([n, v]) => `${n}:${goSyntax(v, depth + 1)}`).join(', ')}}`;
    case 'ptr':
      if (!g.to) return `(${g.type})(nil)`;
      if (depth === 0 && (g.to.k === 'struct' || g.to.k === 'slice' || g.to.k === 'map')) return `&${goSyntax(g.to, depth + 1)}`;
      return `(${g.type})(0xc000000000)`;
    case 'slice':
      return g.items ? `${g.type}{${g.items.map((i) => goSyntax(i, depth + 1)).join(', ')}}` : `${g.type}(nil)`;
    case 'map':
      return g.entries
        ? `${g.type}{${[...g.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${goSyntax(v, depth + 1)}`).join(', ')}}`
        : `${g.type}(nil)`;
    case 'string':
      return JSON.stringify(g.v);
    case 'bool':
      return String(g.v);
    case 'int':
      return String(g.v);
    case 'float':
      return goFloat(g.v);
    case 'json':
      return goSyntaxValue(g.v);
  }
}

const rendered = (g: GoValue): Rendered => new Rendered(json(g), goSyntax(g, 0));

// --- builders over the v1 JSON ----------------------------------------------------------------------

const PKG = 'apiextensions';
const S = (v: unknown): GoValue => ({ k: 'string', v: typeof v === 'string' ? v : '' });
const B = (v: unknown): GoValue => ({ k: 'bool', v: v === true });
const present = (v: unknown): boolean => v !== undefined && v !== null;
const ptr = (type: string, v: unknown, to: (v: unknown) => GoValue): GoValue => ({ k: 'ptr', type, to: present(v) ? to(v) : undefined });
const num = (kind: 'int' | 'float') => (v: unknown): GoValue => ({ k: kind, v: typeof v === 'number' ? v : 0 });
const slice = (type: string, v: unknown, item: (v: unknown) => GoValue): GoValue => ({ k: 'slice', type, items: Array.isArray(v) ? v.map(item) : undefined });
const map = (type: string, v: unknown, value: (v: unknown) => GoValue): GoValue => ({
  k: 'map',
  type,
  entries: isObj(v) ? Object.entries(v).map(([k, x]) => [k, value(x)] as [string, GoValue]) : undefined,
});
const JSON_ = (v: unknown): GoValue => ({ k: 'json', v });
const SCHEMA_PTR = `*${PKG}.JSONSchemaProps`;
const schemaPtr = (v: unknown): GoValue => ptr(SCHEMA_PTR, isObj(v) ? v : undefined, (x) => schemaStruct(x as Obj));
const schemaSlice = (v: unknown): GoValue => slice(`[]${PKG}.JSONSchemaProps`, v, (x) => schemaStruct(isObj(x) ? x : {}));
const schemaMap = (type: string, v: unknown): GoValue => map(type, v, (x) => schemaStruct(isObj(x) ? x : {}));
const orBool = (v: unknown): GoValue =>
  ptr(`*${PKG}.JSONSchemaPropsOrBool`, typeof v === 'boolean' || isObj(v) ? v : undefined, (x) => ({
    k: 'struct',
    type: `${PKG}.JSONSchemaPropsOrBool`,
    fields: [
      ['Allows', B(x === true || isObj(x))],
      ['Schema', schemaPtr(isObj(x) ? x : undefined)],
    ],
  }));

/** The internal JSONSchemaProps of a v1 schema, field by field. */
function schemaStruct(s: Obj): GoValue {
  const items = s.items;
  return {
    k: 'struct',
    type: `${PKG}.JSONSchemaProps`,
    fields: [
      ['ID', S(s.id)],
      ['Schema', S(s.$schema)],
      ['Ref', ptr('*string', typeof s.$ref === 'string' ? s.$ref : undefined, S)],
      ['Description', S(s.description)],
      ['Type', S(s.type)],
      ['Nullable', B(s.nullable)],
      ['Format', S(s.format)],
      ['Title', S(s.title)],
      ['Default', ptr(`*${PKG}.JSON`, s.default, JSON_)],
      ['Maximum', ptr('*float64', s.maximum, num('float'))],
      ['ExclusiveMaximum', B(s.exclusiveMaximum)],
      ['Minimum', ptr('*float64', s.minimum, num('float'))],
      ['ExclusiveMinimum', B(s.exclusiveMinimum)],
      ['MaxLength', ptr('*int64', s.maxLength, num('int'))],
      ['MinLength', ptr('*int64', s.minLength, num('int'))],
      ['Pattern', S(s.pattern)],
      ['MaxItems', ptr('*int64', s.maxItems, num('int'))],
      ['MinItems', ptr('*int64', s.minItems, num('int'))],
      ['UniqueItems', B(s.uniqueItems)],
      ['MultipleOf', ptr('*float64', s.multipleOf, num('float'))],
      ['Enum', slice(`[]${PKG}.JSON`, s.enum, JSON_)],
      ['MaxProperties', ptr('*int64', s.maxProperties, num('int'))],
      ['MinProperties', ptr('*int64', s.minProperties, num('int'))],
      ['Required', slice('[]string', s.required, S)],
      ['Items', itemsStruct(items)],
      ['AllOf', schemaSlice(s.allOf)],
      ['OneOf', schemaSlice(s.oneOf)],
      ['AnyOf', schemaSlice(s.anyOf)],
      ['Not', schemaPtr(s.not)],
      ['Properties', schemaMap(`map[string]${PKG}.JSONSchemaProps`, s.properties)],
      ['AdditionalProperties', orBool(s.additionalProperties)],
      ['PatternProperties', schemaMap(`map[string]${PKG}.JSONSchemaProps`, s.patternProperties)],
      [
        'Dependencies',
        map(`${PKG}.JSONSchemaDependencies`, s.dependencies, (d) => ({
          k: 'struct',
          type: `${PKG}.JSONSchemaPropsOrStringArray`,
          fields: [
            ['Schema', schemaPtr(isObj(d) ? d : undefined)],
            ['Property', slice('[]string', Array.isArray(d) ? d : undefined, S)],
          ],
        })),
      ],
      ['AdditionalItems', orBool(s.additionalItems)],
      ['Definitions', schemaMap(`${PKG}.JSONSchemaDefinitions`, s.definitions)],
      [
        'ExternalDocs',
        ptr(`*${PKG}.ExternalDocumentation`, isObj(s.externalDocs) ? s.externalDocs : undefined, (d) => ({
          k: 'struct',
          type: `${PKG}.ExternalDocumentation`,
          fields: [
            ['Description', S((d as Obj).description)],
            ['URL', S((d as Obj).url)],
          ],
        })),
      ],
      ['Example', ptr(`*${PKG}.JSON`, s.example, JSON_)],
      ['XPreserveUnknownFields', ptr('*bool', typeof s['x-kubernetes-preserve-unknown-fields'] === 'boolean' ? s['x-kubernetes-preserve-unknown-fields'] : undefined, B)],
      ['XEmbeddedResource', B(s['x-kubernetes-embedded-resource'])],
      ['XIntOrString', B(s['x-kubernetes-int-or-string'])],
      ['XListMapKeys', slice('[]string', s['x-kubernetes-list-map-keys'], S)],
      ['XListType', ptr('*string', typeof s['x-kubernetes-list-type'] === 'string' ? s['x-kubernetes-list-type'] : undefined, S)],
      ['XMapType', ptr('*string', typeof s['x-kubernetes-map-type'] === 'string' ? s['x-kubernetes-map-type'] : undefined, S)],
      [
        'XValidations',
        slice(`${PKG}.ValidationRules`, s['x-kubernetes-validations'], ruleStruct),
      ],
    ],
  };
}

function ruleStruct(r: unknown): GoValue {
  const rule = isObj(r) ? r : {};
  return {
    k: 'struct',
    type: `${PKG}.ValidationRule`,
    fields: [
      ['Rule', S(rule.rule)],
      ['Message', S(rule.message)],
      ['MessageExpression', S(rule.messageExpression)],
      ['Reason', ptr(`*${PKG}.FieldValueErrorReason`, typeof rule.reason === 'string' ? rule.reason : undefined, S)],
      ['FieldPath', S(rule.fieldPath)],
      ['OptionalOldSelf', ptr('*bool', typeof rule.optionalOldSelf === 'boolean' ? rule.optionalOldSelf : undefined, B)],
    ],
  };
}

/** One `x-kubernetes-validations` entry, as the internal ValidationRule struct prints. */
export const internalRuleValue = (rule: unknown): Rendered => rendered(ruleStruct(rule));

function itemsStruct(items: unknown): GoValue {
  return ptr(`*${PKG}.JSONSchemaPropsOrArray`, items, (x) => ({
    k: 'struct',
    type: `${PKG}.JSONSchemaPropsOrArray`,
    fields: [
      ['Schema', schemaPtr(isObj(x) ? x : undefined)],
      ['JSONSchemas', schemaSlice(Array.isArray(x) ? x : undefined)],
    ],
  }));
}

/** `*schema`, the whole root schema, as the status-subresource root check prints it. */
export const internalSchemaValue = (s: Obj): Rendered => rendered(schemaStruct(s));

/** `schema.Items` (a *JSONSchemaPropsOrArray). */
export const internalItemsValue = (s: Obj): Rendered => rendered(itemsStruct(s.items));

/** One internal CustomResourceDefinitionVersion, after the per-version fields were hoisted or not. */
export interface InternalVersion {
  name: string;
  served: boolean;
  storage: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  /** The CustomResourceValidation ({openAPIV3Schema}), undefined when nil. */
  schema?: Obj;
  subresources?: Obj;
  additionalPrinterColumns?: Obj[];
  selectableFields?: Obj[];
}

/** `spec.Versions` as `spec.versions` errors print it. */
export function internalVersionsValue(versions: InternalVersion[] | undefined): Rendered {
  return rendered(
    slice(`[]${PKG}.CustomResourceDefinitionVersion`, versions, (x) => {
      const v = x as InternalVersion;
      return {
        k: 'struct',
        type: `${PKG}.CustomResourceDefinitionVersion`,
        fields: [
          ['Name', S(v.name)],
          ['Served', B(v.served)],
          ['Storage', B(v.storage)],
          ['Deprecated', B(v.deprecated)],
          ['DeprecationWarning', ptr('*string', v.deprecationWarning, S)],
          [
            'Schema',
            ptr(`*${PKG}.CustomResourceValidation`, v.schema, (s) => ({
              k: 'struct',
              type: `${PKG}.CustomResourceValidation`,
              fields: [['OpenAPIV3Schema', schemaPtr((s as Obj).openAPIV3Schema)]],
            })),
          ],
          ['Subresources', ptr(`*${PKG}.CustomResourceSubresources`, v.subresources, (s) => subresourcesStruct(s as Obj))],
          [
            'AdditionalPrinterColumns',
            slice(`[]${PKG}.CustomResourceColumnDefinition`, v.additionalPrinterColumns, (c) => {
              const col = isObj(c) ? c : {};
              return {
                k: 'struct',
                type: `${PKG}.CustomResourceColumnDefinition`,
                fields: [
                  ['Name', S(col.name)],
                  ['Type', S(col.type)],
                  ['Format', S(col.format)],
                  ['Description', S(col.description)],
                  ['Priority', num('int')(col.priority)],
                  ['JSONPath', S(col.jsonPath)],
                ],
              };
            }),
          ],
          [
            'SelectableFields',
            slice(`[]${PKG}.SelectableField`, v.selectableFields, (f) => ({ k: 'struct', type: `${PKG}.SelectableField`, fields: [['JSONPath', S(isObj(f) ? f.jsonPath : '')]] })),
          ],
        ],
      };
    }),
  );
}

function subresourcesStruct(s: Obj): GoValue {
  return {
    k: 'struct',
    type: `${PKG}.CustomResourceSubresources`,
    fields: [
      ['Status', ptr(`*${PKG}.CustomResourceSubresourceStatus`, isObj(s.status) ? s.status : undefined, () => ({ k: 'struct', type: `${PKG}.CustomResourceSubresourceStatus`, fields: [] }))],
      [
        'Scale',
        ptr(`*${PKG}.CustomResourceSubresourceScale`, isObj(s.scale) ? s.scale : undefined, (x) => {
          const scale = x as Obj;
          return {
            k: 'struct',
            type: `${PKG}.CustomResourceSubresourceScale`,
            fields: [
              ['SpecReplicasPath', S(scale.specReplicasPath)],
              ['StatusReplicasPath', S(scale.statusReplicasPath)],
              ['LabelSelectorPath', ptr('*string', typeof scale.labelSelectorPath === 'string' ? scale.labelSelectorPath : undefined, S)],
            ],
          };
        }),
      ],
    ],
  };
}

/** A []string as a bad value: `["a"]` / `[]string{"a"}`, and nil as `null` / `[]string(nil)`. */
export const stringsValue = (v: string[] | undefined): Rendered => rendered(slice('[]string', v, S));
