import { evaluate, type Environment } from '@marcbachmann/cel-js';
import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import { escapeName } from './escaping';

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

// cel-js has no exported constructors for timestamps and durations: its own functions make them.
const asTimestamp = (v: unknown) => (typeof v === 'string' ? tryEvaluate('timestamp(s)', v) : v);
const asDuration = (v: unknown) => (typeof v === 'string' ? tryEvaluate('duration(s)', v) : v);
function tryEvaluate(expression: string, s: string): unknown {
  try {
    return evaluate(expression, { s });
  } catch {
    return s; // not decodable: left as written, the rule sees a type mismatch as cel-go would not
  }
}
const STRING_FORMATS: Record<string, DeclType> = {
  byte: { name: 'bytes', schemaType: 'string', convert: (v) => (typeof v === 'string' ? new Uint8Array(Buffer.from(v, 'base64')) : v) },
  duration: { name: 'google.protobuf.Duration', schemaType: 'string', convert: asDuration },
  date: { name: 'google.protobuf.Timestamp', schemaType: 'string', convert: (v) => (typeof v === 'string' ? asTimestamp(`${v}T00:00:00Z`) : v) },
  'date-time': { name: 'google.protobuf.Timestamp', schemaType: 'string', convert: asTimestamp },
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

  constructor(private readonly env: Environment, private readonly prefix: string) {}

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
    }
    const typeName = `${this.prefix}${this.count++}`;
    // A Map keeps field names apart from the prototype (a property named `constructor` is data).
    const Message = { [typeName]: class extends Map<string, unknown> {} }[typeName];
    this.env.registerType(typeName, { ctor: Message, fields });
    return {
      name: typeName,
      schemaType: 'object',
      convert: (v) => {
        const o = obj(v);
        if (!o) return v;
        const m = new Message();
        for (const [name, escaped, t] of converters) if (o[name] !== undefined && o[name] !== null) m.set(escaped, t.convert(o[name]));
        return m;
      },
    };
  }
}
