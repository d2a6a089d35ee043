import { EvaluationError, Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';

/**
 * CEL values as cel-go sees them, for the libraries: a value's type name (common/types/*.go
 * `TypeName`), heterogeneous equality (types.Equal: int, uint and double compare by value) and
 * ordering (traits.Comparer). cel-js represents int as bigint, uint as UnsignedInt, double as number,
 * bytes as Uint8Array, lists as arrays, maps as objects or Maps, timestamps as Date.
 */

/** What a library function's handler receives as `this`: cel-js's evaluator (registry access). */
export interface Evaluator {
  objectTypesByConstructor?: Map<unknown, { name: string }>;
  registry?: { findBinaryOverload(op: string, l: unknown, r: unknown): { handler(a: unknown, b: unknown): boolean } | false | undefined };
  debugType?(v: unknown): unknown;
}

/** A runtime error of a library function (cel-go's types.NewErr text in `summary`). */
export const celError = (message: string): EvaluationError => new EvaluationError({ code: 'kubernetes_library', message });

export const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;
export const isList = (v: unknown): v is unknown[] | Set<unknown> => Array.isArray(v) || v instanceof Set;
export const isMap = (v: unknown): v is Record<string, unknown> | Map<unknown, unknown> =>
  v instanceof Map || (typeof v === 'object' && v !== null && (v.constructor === Object || v.constructor === undefined));
/** cel-js's `Type` values (not exported by cel-js): an object named `Type<name>`. */
export const isTypeValue = (v: unknown): v is { name: string } =>
  typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' &&
  (v as Record<symbol, unknown>)[Symbol.toStringTag] === `Type<${(v as { name: string }).name}>`;

export const listItems = (v: unknown[] | Set<unknown>): unknown[] => (Array.isArray(v) ? v : [...v]);

/**
 * A map key as its checked key type says: cel-js map literals are objects, whose keys are strings
 * even for `{1: …}`, `{1u: …}`, `{true: …}`.
 */
export function typedMapKey(k: unknown, keyType: string | undefined): unknown {
  if (typeof k !== 'string') return k;
  if (keyType === 'int') return BigInt(k);
  if (keyType === 'uint') return new UnsignedInt(BigInt(k));
  if (keyType === 'bool') return k === 'true';
  return k;
}
export const mapEntries = (v: Record<string, unknown> | Map<unknown, unknown>): [unknown, unknown][] =>
  v instanceof Map ? [...v.entries()] : Object.entries(v);

/** cel-go's `Type().TypeName()` of a runtime value. */
export function celTypeName(v: unknown, ev?: Evaluator): string {
  switch (typeof v) {
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (v === null || v === undefined) return 'null_type';
  if (v instanceof UnsignedInt) return 'uint';
  if (isBytes(v)) return 'bytes';
  if (isList(v)) return 'list';
  if (isMap(v)) return 'map';
  if (v instanceof Date) return 'google.protobuf.Timestamp';
  if (v instanceof Duration) return 'google.protobuf.Duration';
  if (v instanceof Optional) return 'optional_type';
  if (isTypeValue(v)) return 'type';
  const ctor = (v as object).constructor;
  const registered = ev?.objectTypesByConstructor?.get(ctor)?.name;
  return registered ?? (ctor as { celTypeName?: string }).celTypeName ?? ctor?.name ?? 'unknown';
}

type Numeric = { kind: 'int' | 'uint'; value: bigint } | { kind: 'double'; value: number };

const numeric = (v: unknown): Numeric | undefined => {
  if (typeof v === 'bigint') return { kind: 'int', value: v };
  if (v instanceof UnsignedInt) return { kind: 'uint', value: v.valueOf() as bigint };
  if (typeof v === 'number') return { kind: 'double', value: v };
  return undefined;
};

const sign3 = <T extends bigint | number | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);
const MAX_INT64_AS_DOUBLE = 9223372036854775807;
const MIN_INT64_AS_DOUBLE = -9223372036854775808;
const MAX_UINT64_AS_DOUBLE = 18446744073709551615;

/** common/types/compare.go: int, uint and double ordered by value; undefined for NaN. */
function compareNumeric(a: Numeric, b: Numeric): number | undefined {
  if (a.kind !== 'double' && b.kind !== 'double') return sign3(a.value as bigint, b.value as bigint);
  if (a.kind === 'double' && b.kind === 'double') return Number.isNaN(a.value) || Number.isNaN(b.value) ? undefined : sign3(a.value, b.value);
  const flip = a.kind !== 'double';
  const d = (flip ? b.value : a.value) as number;
  const other = (flip ? a : b) as { kind: 'int' | 'uint'; value: bigint };
  if (Number.isNaN(d)) return undefined;
  let r: number;
  if (other.kind === 'int') r = d < MIN_INT64_AS_DOUBLE ? -1 : d > MAX_INT64_AS_DOUBLE ? 1 : sign3(d, Number(other.value));
  else r = d < 0 ? -1 : d > MAX_UINT64_AS_DOUBLE ? 1 : sign3(d, Number(other.value));
  return flip ? -r : r;
}

const hasSurrogates = /[\uD800-\uDFFF]/;
/** A string's length in code points (Go's utf8.RuneCountInString). */
export function codePointLength(s: string): number {
  if (!hasSurrogates.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return n;
}
/** runtimecost.go / cost.go actualSize: a string's code points, a list's or map's entries, bytes; an optional's value; other values 1. */
export function actualSize(v: unknown): number {
  if (typeof v === 'string') return codePointLength(v);
  if (isBytes(v)) return v.length;
  if (isList(v)) return Array.isArray(v) ? v.length : v.size;
  if (isMap(v)) return v instanceof Map ? v.size : Object.keys(v).length;
  if (v instanceof Optional && v.hasValue()) return actualSize(v.value());
  return 1;
}

/** strings.Compare on UTF-8: code point order (JavaScript's `<` compares UTF-16 units). */
export function compareStrings(a: string, b: string): number {
  if (!hasSurrogates.test(a) && !hasSurrogates.test(b)) return sign3(a, b);
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return sign3(x.length, y.length);
}

/** bytes.Compare. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return sign3(a.length, b.length);
}

/** traits.Comparer.Compare: -1, 0, 1, or undefined where cel-go returns an error (other types, NaN). */
export function celCompare(a: unknown, b: unknown): number | undefined {
  const na = numeric(a);
  const nb = numeric(b);
  if (na || nb) return na && nb ? compareNumeric(na, nb) : undefined;
  if (typeof a === 'string') return typeof b === 'string' ? compareStrings(a, b) : undefined;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? sign3(Number(a), Number(b)) : undefined;
  if (isBytes(a)) return isBytes(b) ? compareBytes(a, b) : undefined;
  if (a instanceof Date) return b instanceof Date ? sign3(a.getTime(), b.getTime()) : undefined;
  if (a instanceof Duration) return b instanceof Duration ? sign3(a.seconds, b.seconds) || sign3(a.nanos, b.nanos) : undefined;
  return undefined;
}

/** Map keys: an object map's string key stands for the int, uint or bool key of its literal. */
const mapKeyEquals = (a: unknown, b: unknown, ev?: Evaluator): boolean =>
  celEquals(a, b, ev) || ((typeof a === 'string') !== (typeof b === 'string') && String(a) === String(b) && typeof a !== 'number' && typeof b !== 'number');

/** types.Equal: CEL's heterogeneous equality. */
export function celEquals(a: unknown, b: unknown, ev?: Evaluator): boolean {
  const na = numeric(a);
  const nb = numeric(b);
  if (na || nb) return !!na && !!nb && compareNumeric(na, nb) === 0;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (isBytes(a) || isBytes(b)) return isBytes(a) && isBytes(b) && compareBytes(a, b) === 0;
  if (isList(a) || isList(b)) {
    if (!isList(a) || !isList(b)) return false;
    const x = listItems(a);
    const y = listItems(b);
    return x.length === y.length && x.every((v, i) => celEquals(v, y[i], ev));
  }
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const x = mapEntries(a);
    const y = mapEntries(b);
    return x.length === y.length && x.every(([k, v]) => y.some(([k2, v2]) => mapKeyEquals(k, k2, ev) && celEquals(v, v2, ev)));
  }
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Duration || b instanceof Duration) {
    return a instanceof Duration && b instanceof Duration && a.seconds === b.seconds && a.nanos === b.nanos;
  }
  if (a instanceof Optional || b instanceof Optional) {
    if (!(a instanceof Optional) || !(b instanceof Optional)) return false;
    return a.hasValue() === b.hasValue() && (!a.hasValue() || celEquals(a.value(), b.value(), ev));
  }
  if (isTypeValue(a) || isTypeValue(b)) return isTypeValue(a) && isTypeValue(b) && a.name === b.name;
  if (a.constructor !== b.constructor) return false;
  if (a === b) return true;
  // Kubernetes and other registered types: their `==` overload, as cel-js's own equality does.
  const type = ev?.debugType?.(a);
  const overload = type === undefined ? undefined : ev?.registry?.findBinaryOverload('==', type, type);
  return overload ? overload.handler(a, b) : false;
}
