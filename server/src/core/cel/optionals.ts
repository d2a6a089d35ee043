import { Optional, type Environment } from '@marcbachmann/cel-js';

/**
 * What cel-go's optional types (cel.OptionalTypes, in the API server's environment from 1.28) have
 * and cel-js's lack: equality of optionals (types.Optional Equal: both empty, or both with equal
 * values) and `optional.ofNonZeroValue` (empty for a type's zero value, cel-go IsZeroValue).
 */
interface Evaluator {
  debugType(v: unknown): unknown;
  registry: { findBinaryOverload(op: string, l: unknown, r: unknown): { handler(a: unknown, b: unknown, ast: unknown, ev: Evaluator): boolean } | undefined };
}

/** CEL equality through cel-js's own `==` overloads (numbers compare across int and double). */
function equals(a: unknown, b: unknown, ast: unknown, ev: Evaluator): boolean {
  if (a === b) return true;
  if (typeof a === 'bigint' || typeof a === 'number') return (typeof b === 'bigint' || typeof b === 'number') && a == b; // eslint-disable-line eqeqeq
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const type = ev.debugType(a);
  if (type !== ev.debugType(b)) return false;
  return ev.registry.findBinaryOverload('==', type, type)?.handler(a, b, ast, ev) ?? false;
}


function isZero(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0 || v === 0n) return true;
  if (v instanceof Date) return v.getTime() === new Date('0001-01-01T00:00:00Z').getTime();
  if (v instanceof Uint8Array || Array.isArray(v)) return v.length === 0;
  if (v instanceof Map || v instanceof Set) return v.size === 0;
  const o = v as { seconds?: unknown; nanos?: unknown; valueOf(): unknown };
  if (typeof o.seconds === 'bigint' && typeof o.nanos === 'number') return o.seconds === 0n && o.nanos === 0; // a duration
  const primitive = o.valueOf();
  if (primitive !== v) return primitive === 0n; // an unsigned int
  return typeof v === 'object' && Object.keys(v as object).length === 0;
}

export function registerOptionalExtras(env: Environment): void {
  // cel-js passes the node and the evaluator after the operands (its declared type omits them).
  const optionalEquals = (a: Optional, b: Optional, ast: unknown, ev: Evaluator) => a.hasValue() === b.hasValue() && (!a.hasValue() || equals(a.value(), b.value(), ast, ev));
  env.registerOperator('optional<A> == optional<A>', optionalEquals as (l: unknown, r: unknown) => boolean);
  env.registerFunction('OptionalNamespace.ofNonZeroValue(A): optional<A>', (_: unknown, v: unknown) => (isZero(v) ? Optional.none() : Optional.of(v)));
}
