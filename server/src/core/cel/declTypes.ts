import { evaluate, type Environment } from '@marcbachmann/cel-js';
import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import { escapeName, RESERVED } from './escaping';
import { celEquals, RAW } from './equality';

/**
 * A structural schema as CEL sees it (k8s.io/apiserver/pkg/cel/common/schemas.go SchemaDeclType):
 * the CEL type of a schema node, and how a JSON value of it becomes a CEL value (integers are
 * BigInt, objects are typed messages with their escaped field names, date-time strings are
 * timestamps…). Nodes that CEL cannot see (no type, arrays without items) have no type.
 */
export interface DeclType {
  /** The type as the CEL environment spells it. */
  name: string;
  /** The schema's own `type` ('' for x-kubernetes-int-or-string), as error messages print it. */
  schemaType: string;
  convert(value: unknown): unknown;
}

const identity = (v: unknown) => v;
const DYN: DeclType = { name: 'dyn', schemaType: '', convert: (v) => (Number.isInteger(v) ? BigInt(v as number) : v) };
const SIMPLE: Record<string, DeclType> = {
  boolean: { name: 'bool', schemaType: 'boolean', convert: identity },
  number: { name: 'double', schemaType: 'number', convert: identity },
  integer: { name: 'int', schemaType: 'integer', convert: (v) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v) },
  string: { name: 'string', schemaType: 'string', convert: identity },
};

// cel-js has no exported constructor for durations: its own function makes them.
const asDuration = (v: unknown) => (typeof v === 'string' ? tryEvaluate('duration(s)', v) : v);
function tryEvaluate(expression: string, s: string): unknown {
  try {
    return evaluate(expression, { s });
  } catch {
    return s; // not decodable: left as written, the rule sees a type mismatch as cel-go would not
  }
}

/**
 * A `date` (time.Parse with strfmt.RFC3339FullDate) or `date-time` (strfmt.ParseDateTime: RFC 3339
 * with or without a fraction of any length, or a local time read as UTC; "" is the Unix epoch) as a
 * timestamp. cel-js timestamps are JavaScript dates: the fraction is kept to the millisecond.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/;
function parseDate(v: unknown, withTime: boolean): unknown {
  if (typeof v !== 'string') return v;
  if (withTime && v === '') return new Date(0);
  const m = (withTime ? DATE_TIME : DATE).exec(v);
  if (!m) return v; // not decodable: left as written (the API server makes it an error value)
  const [y, mo, d, h = 0, mi = 0, sec = 0] = m.slice(1, 7).map((x) => Number(x ?? 0));
  const daysInMonth = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || sec > 59) return v;
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const zone = m[8] && m[8] !== 'Z' ? (m[8][0] === '-' ? -1 : 1) * (Number(m[8].slice(1, 3)) * 60 + Number(m[8].slice(4, 6))) : 0;
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d); // not Date.UTC, which reads years below 100 as 19xx
  date.setUTCHours(h, mi, sec, ms);
  return new Date(date.getTime() - zone * 60_000);
}

const STRING_FORMATS: Record<string, DeclType> = {
  byte: { name: 'bytes', schemaType: 'string', convert: (v) => (typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : v) },
  duration: { name: 'google.protobuf.Duration', schemaType: 'string', convert: asDuration },
  date: { name: 'google.protobuf.Timestamp', schemaType: 'string', convert: (v) => parseDate(v, false) },
  'date-time': { name: 'google.protobuf.Timestamp', schemaType: 'string', convert: (v) => parseDate(v, true) },
};

/**
 * WithTypeAndObjectMeta (schemas.go): at a resource's root, `apiVersion`, `kind`, `metadata.name`
 * and `metadata.generateName` are always visible, and unless the schema declares all four, metadata
 * shows only those two.
 */
export function withTypeAndObjectMeta(s: K8sSchema): K8sSchema {
  const props = obj(s.properties) ?? {};
  const isString = (p: unknown) => typeOf(obj(p)) === 'string';
  const meta = obj(props.metadata);
  const metaProps = obj(meta?.properties);
  if (isString(props.kind) && isString(props.apiVersion) && typeOf(meta) === 'object' && metaProps && isString(metaProps.name) && isString(metaProps.generateName)) return s;
  return {
    ...s,
    properties: {
      ...props,
      kind: { type: 'string' },
      apiVersion: { type: 'string' },
      metadata: { type: 'object', properties: { name: { type: 'string' }, generateName: { type: 'string' } } },
    },
  };
}

const typeOf = (s: Record<string, unknown> | undefined): string => (typeof s?.type === 'string' ? s.type : '');

/**
 * Declares the CEL types of one schema (a CRD version's openAPIV3Schema) in an environment. All
 * types must be declared before the environment is cloned per rule, so `declareAll` walks the
 * whole schema once.
 */
export class DeclTypes {
  private readonly types = new WeakMap<object, DeclType | null>();
  private count = 0;

  /**
   * `keywordsAsFieldNames`: from 1.31 a field named as a CEL keyword is also selected by its own name
   * (`self.metadata.namespace` is `__namespace__`; k8s.io/apiserver pkg/cel/types.go
   * FindStructFieldType with recognizeKeywordAsFieldName, environment.go).
   */
  constructor(private readonly env: Environment, private readonly prefix: string, private readonly keywordsAsFieldNames = false) {}

  /** The type of a node declared by `declare` (undefined: not visible to CEL). */
  of(schema: K8sSchema): DeclType | undefined {
    return this.types.get(schema) ?? undefined;
  }

  declare(schema: K8sSchema, isResourceRoot: boolean): DeclType | undefined {
    if (this.types.has(schema)) return this.types.get(schema) ?? undefined;
    const t = this.declareUncached(schema, isResourceRoot) ?? null;
    this.types.set(schema, t);
    return t ?? undefined;
  }

  private declareUncached(schema: K8sSchema, isResourceRoot: boolean): DeclType | undefined {
    if (schema['x-kubernetes-int-or-string'] === true) return DYN;
    const s = isResourceRoot ? withTypeAndObjectMeta(schema) : schema;
    const embedded = (x: unknown) => obj(x)?.['x-kubernetes-embedded-resource'] === true;
    switch (typeOf(s)) {
      case 'array': {
        const items = obj(s.items) as K8sSchema | undefined;
        const item = items && this.declare(items, embedded(items));
        if (!item) return undefined;
        return { name: `list<${item.name}>`, schemaType: 'array', convert: (v) => (Array.isArray(v) ? v.map((x) => item.convert(x)) : v) };
      }
      case 'object': {
        const additional = obj(s.additionalProperties) as K8sSchema | undefined;
        if (additional) {
          const value = this.declare(additional, embedded(additional));
          if (!value) return undefined;
          return {
            name: `map<string, ${value.name}>`,
            schemaType: 'object',
            convert: (v) => (obj(v) ? new Map(Object.entries(v as object).map(([k, x]) => [k, value.convert(x)])) : v),
          };
        }
        return this.declareObject(s);
      }
      case 'string':
        return STRING_FORMATS[String(s.format ?? '')] ?? SIMPLE.string;
      default:
        return SIMPLE[typeOf(s)];
    }
  }

  private declareObject(s: K8sSchema): DeclType {
    const fields: Record<string, string> = {};
    const converters: [string, string, DeclType][] = [];
    for (const [name, prop] of Object.entries(obj(s.properties) ?? {})) {
      const p = obj(prop) as K8sSchema | undefined;
      const t = p && this.declare(p, p['x-kubernetes-embedded-resource'] === true);
      const escaped = escapeName(name);
      if (!t || !escaped) continue;
      fields[escaped] = t.name;
      converters.push([name, escaped, t]);
      if (this.keywordsAsFieldNames && RESERVED.has(name)) {
        fields[name] = t.name;
        converters.push([name, name, t]);
      }
    }
    const typeName = `${this.prefix}${this.count++}`;
    // A Map keeps field names apart from the prototype (a property named `constructor` is data).
    const Message = { [typeName]: class extends Map<string, unknown> {} }[typeName];
    this.env.registerType(typeName, { ctor: Message, fields });
    this.env.registerOperator(`${typeName} == ${typeName}`, celEquals);
    // cel-go lets null be compared with objects (messages are nullable), and with optionals: real
    // CRDs write `self.affinity != null`. A value present is never null.
    this.env.registerOperator(`${typeName} == null`, () => false);
    if (this.env.opts.enableOptionalTypes) this.env.registerOperator(`optional<${typeName}> == null`, () => false);
    return {
      name: typeName,
      schemaType: 'object',
      convert: (v) => {
        const o = obj(v);
        if (!o) return v;
        const m = new Message() as Map<string, unknown> & { [RAW]?: unknown };
        m[RAW] = o; // equality sees unknown fields too
        for (const [name, escaped, t] of converters) if (o[name] !== undefined && o[name] !== null) m.set(escaped, t.convert(o[name]));
        return m;
      },
    };
  }
}
