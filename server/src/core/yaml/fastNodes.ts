import { isMap, isPair, isScalar, isSeq, Pair, Scalar, YAMLMap, YAMLSeq, type Schema } from 'yaml';

/**
 * Constructors of the yaml library's nodes for the fast path of parsing (fastParse.ts). The library's
 * own constructors set each node's type (and a collection's schema) with Object.defineProperty, a call
 * into the runtime per node: a fifth of the fast path's time on a 20,000-document workspace. These
 * make the same objects (the library's classes and prototypes, the same enumerable fields), the type
 * and the schema inherited from a prototype of their own, made once per schema. The library tells a
 * node's type by reading `node[Symbol.for('yaml.node.type')]` (nodes/identity.js), which finds it there;
 * if that ever stops being so, the library's constructors are used (checked once per schema).
 */
export interface NodeConstructors {
  Scalar: new (value: unknown) => Scalar;
  YAMLMap: new () => YAMLMap;
  YAMLSeq: new () => YAMLSeq;
  Pair: new (key: unknown, value: unknown) => Pair;
}

const NODE_TYPE = Symbol.for('yaml.node.type');

const bySchema = new WeakMap<Schema, NodeConstructors>();

export function nodeConstructors(schema: Schema): NodeConstructors {
  let found = bySchema.get(schema);
  if (!found) bySchema.set(schema, (found = madeFor(schema)));
  return found;
}

/** A prototype under the library's `base` that holds the node type (and a collection's schema). */
function typed(base: object, type: string, schema?: Schema): object {
  const props: PropertyDescriptorMap = { [NODE_TYPE]: { value: Symbol.for(type) } };
  if (schema) {
    props.schema = {
      get: () => schema,
      // A collection given another schema (Collection.clone) holds it as the library's do: their own, not enumerable.
      set(this: object, value: Schema) {
        Object.defineProperty(this, 'schema', { value, writable: true, configurable: true });
      },
      configurable: true,
    };
  }
  return Object.create(base, props);
}

function madeFor(schema: Schema): NodeConstructors {
  function FastScalar(this: { value: unknown }, value: unknown) {
    this.value = value;
  }
  function FastMap(this: { items: unknown[] }) {
    this.items = [];
  }
  function FastSeq(this: { items: unknown[] }) {
    this.items = [];
  }
  function FastPair(this: { key: unknown; value: unknown }, key: unknown, value: unknown) {
    this.key = key;
    this.value = value;
  }
  FastScalar.prototype = typed(Scalar.prototype, 'yaml.scalar');
  FastMap.prototype = typed(YAMLMap.prototype, 'yaml.map', schema);
  FastSeq.prototype = typed(YAMLSeq.prototype, 'yaml.seq', schema);
  FastPair.prototype = typed(Pair.prototype, 'yaml.pair');
  const made = { Scalar: FastScalar, YAMLMap: FastMap, YAMLSeq: FastSeq, Pair: FastPair } as unknown as NodeConstructors;
  const recognised =
    isScalar(new made.Scalar(1)) && isMap(new made.YAMLMap()) && isSeq(new made.YAMLSeq()) && isPair(new made.Pair(null, null)) && new made.YAMLMap().schema === schema;
  if (recognised) return made;
  // The library's own nodes (a constructor that returns an object makes `new` give that object).
  return {
    Scalar,
    YAMLMap: function () {
      return new YAMLMap(schema);
    },
    YAMLSeq: function () {
      return new YAMLSeq(schema);
    },
    Pair,
  } as unknown as NodeConstructors;
}
