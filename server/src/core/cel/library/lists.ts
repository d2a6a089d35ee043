import type { Environment } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { callCost, valueTraversalCost } from './callCost';
import { celCompare, celEquals, celError, listItems, type Evaluator } from './values';

/**
 * The lists library (k8s.io/apiserver/pkg/cel/library/lists.go, in every version): isSorted, sum,
 * min, max over comparable or summable element types, indexOf/lastIndexOf with CEL equality. Each
 * call costs one traversal of the list (cost.go).
 */
const COMPARABLE = ['int', 'uint', 'double', 'bool', 'google.protobuf.Duration', 'google.protobuf.Timestamp', 'string', 'bytes'];
const SUMMABLE = ['int', 'uint', 'double', 'google.protobuf.Duration'];

const MAX_INT64 = 2n ** 63n - 1n;
const MIN_INT64 = -(2n ** 63n);
const MAX_UINT64 = 2n ** 64n - 1n;
const NANOS = 1_000_000_000n;

const durationNanos = (d: Duration): bigint => d.seconds * NANOS + BigInt(d.nanos);
const nanosDuration = (n: bigint): Duration => new Duration(n / NANOS, Number(n % NANOS));

/** traits.Adder.Add for the summable types, with cel-go's overflow errors. */
function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    const r = a + b;
    if (r > MAX_INT64 || r < MIN_INT64) throw celError('integer overflow');
    return r;
  }
  if (a instanceof UnsignedInt && b instanceof UnsignedInt) {
    const r = (a.valueOf() as bigint) + (b.valueOf() as bigint);
    if (r > MAX_UINT64) throw celError('unsigned integer overflow');
    return new UnsignedInt(r);
  }
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (a instanceof Duration && b instanceof Duration) {
    // time.Duration is int64 nanoseconds: addDurationChecked.
    const r = durationNanos(a) + durationNanos(b);
    if (r > MAX_INT64 || r < MIN_INT64) throw celError('integer overflow');
    return nanosDuration(r);
  }
  throw celError('no such overload');
}

/** lists.go cmp: the element the comparison prefers (an error or an incomparable pair keeps the current one). */
function extreme(list: unknown[], op: 'min' | 'max'): unknown {
  if (list.length === 0) throw celError(`${op} called on empty list`);
  let result = list[0];
  for (const next of list.slice(1)) if (celCompare(result, next) === (op === 'min' ? 1 : -1)) result = next;
  return result;
}

function register(env: Environment): void {
  const zero: Record<string, () => unknown> = {
    int: () => 0n,
    uint: () => new UnsignedInt(0n),
    double: () => 0,
    'google.protobuf.Duration': () => new Duration(0n, 0),
  };
  for (const t of COMPARABLE) {
    env.registerFunction(`list<${t}>.isSorted(): bool`, (list: unknown[]) => {
      callCost(valueTraversalCost(list));
      const items = listItems(list);
      return items.every((v, i) => i === 0 || celCompare(items[i - 1], v) !== 1);
    });
    env.registerFunction(`list<${t}>.min(): ${t}`, (list: unknown[]) => {
      callCost(valueTraversalCost(list));
      return extreme(listItems(list), 'min');
    });
    env.registerFunction(`list<${t}>.max(): ${t}`, (list: unknown[]) => {
      callCost(valueTraversalCost(list));
      return extreme(listItems(list), 'max');
    });
  }
  for (const t of SUMMABLE) {
    env.registerFunction(`list<${t}>.sum(): ${t}`, (list: unknown[]) => {
      callCost(valueTraversalCost(list));
      return listItems(list).reduce(add, zero[t]());
    });
  }
  const indexOf = function (this: Evaluator, list: unknown[], item: unknown) {
    callCost(valueTraversalCost(list));
    return BigInt(listItems(list).findIndex((v) => celEquals(v, item, this)));
  };
  const lastIndexOf = function (this: Evaluator, list: unknown[], item: unknown) {
    callCost(valueTraversalCost(list));
    const items = listItems(list);
    let i = items.length - 1;
    while (i >= 0 && !celEquals(items[i], item, this)) i--;
    return BigInt(i);
  };
  env.registerFunction('list<A>.indexOf(A): int', indexOf);
  env.registerFunction('list<A>.lastIndexOf(A): int', lastIndexOf);
  // A dyn list is typed by its first element at run time in cel-js: [dyn(1.0)].indexOf(1) needs these.
  env.registerFunction('list.indexOf(dyn): int', indexOf);
  env.registerFunction('list.lastIndexOf(dyn): int', lastIndexOf);
}

export const listsLibrary = { name: 'kubernetes.lists', since: 0, register };
