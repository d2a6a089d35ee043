import type { Environment } from '@marcbachmann/cel-js';
import { addCost, charge, LIST_CREATE_BASE_COST, optimized, STRING_TRAVERSAL_COST_FACTOR } from '../cost';
import { add, fixed, MAX_UINT64, multiply, multiplyByCostFactor, UNKNOWN_SIZE, type AstNode, type CallEstimate, type CostEstimator, type FunctionEstimator, type SizeEstimate } from '../estimate';
import type { Planner } from '../plan';
import { goTypeText, type CheckedType } from './checkedType';
import { evaluated, iterVar, macroError, type Checker, type Ctx, type EvaluatorLike, type Node } from './fold';
import { celCompare, celEquals, celError, celTypeName, isBytes, isList, listItems, type Evaluator } from './values';

/**
 * cel-go's ext.Lists at version 3 (ext/lists.go), in the API server's environment from 1.34
 * (environment/base.go: ext.Lists(ext.ListsVersion(3))): slice, flatten (with a depth),
 * lists.range, reverse, sort, the sortBy macro, distinct. Results and errors are cel-go's; so are
 * the costs its version 3 tracks (trackListOutputSize, trackListFlatten, trackListSelfCompare:
 * the list's size, or its square × 2 for sorting and distinct, plus 1 for the call and 10 for the
 * new list).
 */
class ListsNamespace {}

/** The comparable types (traits.Comparer) sort takes. */
const COMPARABLE = ['int', 'uint', 'double', 'bool', 'google.protobuf.Duration', 'google.protobuf.Timestamp', 'string', 'bytes'];

/** trackAllocatingListCall: uint64(size × factor) + callCost + ListCreateBaseCost. */
function chargeAllocating(size: number, factor: number): void {
  // Go's float64-to-uint64 conversion on amd64 keeps a negative product's two's complement, which
  // the uint64 addition wraps back (flatten(-1) of n elements costs 11 - n).
  charge(Math.trunc(size * factor) + 1 + LIST_CREATE_BASE_COST);
}

/** trackListSelfCompare: an O(n²) operation, 2 per comparison (2.1 for strings and bytes). */
function chargeSelfCompare(list: unknown[]): void {
  let factor = 2;
  if (list.length && (typeof list[0] === 'string' || isBytes(list[0]))) factor += STRING_TRAVERSAL_COST_FACTOR;
  chargeAllocating(list.length * list.length, factor);
}

function slice(list: unknown[], start: bigint, end: bigint): unknown[] {
  if (start < 0n || end < 0n) throw celError(`cannot slice(${start}, ${end}), negative indexes not supported`);
  if (start > end) throw celError(`cannot slice(${start}, ${end}), start index must be less than or equal to end index`);
  if (BigInt(list.length) < end) throw celError(`cannot slice(${start}, ${end}), list is length ${list.length}`);
  return list.slice(Number(start), Number(end));
}

function flatten(list: unknown[], depth: bigint): unknown[] {
  if (depth < 0n) throw celError('level must be non-negative');
  const out: unknown[] = [];
  for (const v of list) {
    if (!isList(v) || depth === 0n) out.push(v);
    else out.push(...flatten(listItems(v), depth - 1n));
  }
  return out;
}

/**
 * sortListByAssociatedKeys: `list` ordered by `keys` (of one comparable type). Go's sort.Slice is
 * an insertion sort up to 12 elements; a stable sort orders equal keys the same there.
 */
function sortByKeys(list: unknown[], keys: unknown[], ev: Evaluator): unknown[] {
  if (list.length !== keys.length) {
    throw celError(`@sortByAssociatedKeys() expected a list of the same size as the associated keys list, but got ${list.length} and ${keys.length} elements respectively`);
  }
  if (list.length === 0) return list;
  const type = celTypeName(keys[0], ev);
  if (!COMPARABLE.includes(type)) throw celError('list elements must be comparable');
  if (keys.some((k) => celTypeName(k, ev) !== type)) throw celError('list elements must have the same type');
  const order = keys.map((_, i) => i);
  order.sort((i, j) => (celCompare(keys[i], keys[j]) === -1 ? -1 : celCompare(keys[j], keys[i]) === -1 ? 1 : 0));
  return order.map((i) => list[i]);
}

/** distinctList: the first of each set of CEL-equal elements, in order. */
function distinct(list: unknown[], ev: Evaluator): unknown[] {
  const out: unknown[] = [];
  for (const v of list) if (!out.some((o) => celEquals(v, o, ev))) out.push(v);
  return out;
}


interface SortBy {
  ast: Node;
  target: Node;
  name: string;
  key: Node;
  ctx?: Ctx;
  constantKey?: boolean;
}

/** The targets sortByMacro takes: a list, identifier, comprehension, call or select expression. */
const SORTABLE_TARGET = (n: Node): boolean => n.op !== 'value' && n.op !== 'map';

function sortByTypeCheck(checker: Checker, m: SortBy, ctx: Ctx): CheckedType {
  const target = checker.check(m.target, ctx);
  const element = target.kind === 'list' ? target.valueType! : target.kind === 'map' ? target.keyType! : target;
  if (target.kind !== 'list' && target.kind !== 'map' && target.kind !== 'dyn') {
    throw checker.createError(
      'invalid_comprehension_range',
      `Expression of type '${target.name}' cannot be range of a comprehension (must be list, map, or dynamic).`,
      m.target,
    );
  }
  m.ctx = ctx.forkWithVariable(m.name, element);
  const key = checker.check(m.key, m.ctx);
  const comparable = key.kind === 'dyn' || key.hasPlaceholderType === true || COMPARABLE.includes(key.name);
  if (target.kind === 'map' || !comparable) {
    throw checker.createError(
      'no_matching_overload',
      `found no matching overload for '@sortByAssociatedKeys' applied to '${goTypeText(target)}.(list(${goTypeText(key)}))'`,
      m.ast,
    );
  }
  return target;
}

/**
 * sortByMacro's expansion: cel.bind(@__sortBy_input__, target,
 * @__sortBy_input__.@sortByAssociatedKeys(@__sortBy_input__.map(e, key))), with its costs.
 */
function sortByEvaluate(ev: EvaluatorLike, m: SortBy, ctx: unknown): unknown {
  const opt = optimized();
  if (!opt) addCost(LIST_CREATE_BASE_COST); // the binding comprehension's range, []
  addCost(1); // the receiver, @__sortBy_input__, evaluates the target
  const target = ev.run(m.target, ctx);
  if (!isList(target)) throw celError('no such overload');
  const list = listItems(target);
  // map: its range (@__sortBy_input__), its initial [], and per element @result + [key].
  addCost(1 + (opt ? 0 : LIST_CREATE_BASE_COST));
  const keys: unknown[] = [];
  let error: unknown;
  for (const v of list) {
    addCost(1);
    const k = evaluated(ev, m.key, m.ctx!.reuse(ctx).setIterValue(v, ev));
    addCost((opt && m.constantKey ? 0 : LIST_CREATE_BASE_COST) + 1);
    if (k instanceof Error) error ??= k;
    else keys.push(k);
  }
  addCost(1);
  if (error) throw error;
  // trackListSortBy: the keys compared with each other.
  chargeSelfCompare(keys);
  addCost(1);
  return sortByKeys(list, keys, ev);
}

function register(env: Environment): void {
  env.registerType('ListsNamespace', ListsNamespace);
  env.registerConstant('lists', 'ListsNamespace', new ListsNamespace());

  env.registerFunction('list<A>.slice(int, int): list<A>', (list: unknown[], start: bigint, end: bigint) => {
    let result: unknown[];
    try {
      result = slice(listItems(list), start, end);
    } catch (e) {
      chargeAllocating(1, 1); // the error's size, 1
      throw e;
    }
    chargeAllocating(result.length, 1);
    return result;
  });
  const flattenCall = (list: unknown[], depth: bigint) => {
    chargeAllocating(listItems(list).length, Number(depth));
    return flatten(listItems(list), depth);
  };
  env.registerFunction('list<list<A>>.flatten(): list<A>', (list: unknown[]) => flattenCall(list, 1n));
  env.registerFunction('list.flatten(int): list', flattenCall);
  env.registerFunction('ListsNamespace.range(int): list<int>', (_: ListsNamespace, n: bigint) => {
    chargeAllocating(n > 0n ? Number(n) : 0, 1);
    const out: bigint[] = [];
    for (let i = 0n; i < n; i++) out.push(i);
    return out;
  });
  env.registerFunction('list<A>.reverse(): list<A>', (list: unknown[]) => {
    const items = listItems(list);
    chargeAllocating(items.length, 1);
    return [...items].reverse();
  });
  for (const t of COMPARABLE) {
    env.registerFunction(`list<${t}>.sort(): list<${t}>`, function (this: Evaluator, list: unknown[]) {
      const items = listItems(list);
      chargeSelfCompare(items);
      return sortByKeys(items, items, this);
    });
  }
  env.registerFunction('list<A>.distinct(): list<A>', function (this: Evaluator, list: unknown[]) {
    const items = listItems(list);
    chargeSelfCompare(items);
    return distinct(items, this);
  });

  env.registerFunction('dyn.sortBy(ast, ast): dyn', ({ ast, args, receiver }: { ast: Node; args: Node[]; receiver: Node }) => {
    if (!SORTABLE_TARGET(receiver)) {
      throw macroError('sortBy can only be applied to a list, identifier, comprehension, call or select expression', receiver);
    }
    const m: SortBy = { ast, target: receiver, name: iterVar(args[0], 'argument is not an identifier'), key: args[1] };
    return {
      ...m,
      async: false,
      typeCheck: sortByTypeCheck,
      evaluate: sortByEvaluate,
      plan(this: SortBy, planner: Planner) {
        planner.visit(this.target as never);
        planner.visit(this.key as never);
        this.constantKey = planner.isConstant(this.key as never);
        return { pre: 0, preOpt: 0 };
      },
    };
  });
}

/** estimateSize (ext/lists.go, ext/sets.go): computed, else the estimator's, else unknown. */
export const extEstimateSize = (estimator: CostEstimator, node: AstNode): SizeEstimate => node.computedSize ?? estimator.estimateSize(node) ?? UNKNOWN_SIZE;

/** nodeAsIntValue: an int literal (negative: 0), else the default. */
function nodeAsIntValue(node: AstNode, defaultValue: bigint): bigint {
  const e = node.expr;
  if (e?.kind !== 'literal' || typeof e.value !== 'bigint' || e.type.kind !== 'int') return defaultValue;
  return e.value < 0n ? 0n : e.value;
}

/** estimateListCall with allocation: the list's size × the factor, 1 for the call, 10 for the new list. */
function estimateAllocatingListCall(costFactor: number, listSize: SizeEstimate): CallEstimate {
  return { cost: add(add(multiplyByCostFactor(listSize, costFactor), fixed(1)), fixed(LIST_CREATE_BASE_COST)), resultSize: listSize };
}

/** estimateListSortCost: O(n²), 2 per comparison (2.1 for strings and bytes). */
function estimateListSortCost(estimator: CostEstimator, node: AstNode, element: string): CallEstimate {
  const sz = extEstimateSize(estimator, node);
  return estimateAllocatingListCall(element === 'string' || element === 'bytes' ? 2 + STRING_TRAVERSAL_COST_FACTOR : 2, multiply(sz, sz));
}

/** ext/lists.go's checker.OverloadCostEstimate options (version 3). */
export const EXT_LISTS_ESTIMATORS = new Map<string, FunctionEstimator>([
  ['list_slice', (est, target, args) => {
    if (!target || args.length !== 2) return undefined;
    const sz = extEstimateSize(est, target);
    const start = nodeAsIntValue(args[0], 0n);
    const end = nodeAsIntValue(args[1], sz.max);
    return estimateAllocatingListCall(1, fixed((end - start) & MAX_UINT64));
  }],
  ['lists_range', (_est, target, args) => (target || args.length !== 1 ? undefined : estimateAllocatingListCall(1, fixed(nodeAsIntValue(args[0], MAX_UINT64))))],
  ['list_reverse', (est, target, args) => (!target || args.length !== 0 ? undefined : estimateAllocatingListCall(1, extEstimateSize(est, target)))],
  ...(['list_flatten', 'list_flatten_int'].map((id) => [id, ((est, target, args) => {
    if (!target || args.length > 1) return undefined;
    const depth = args.length === 1 ? nodeAsIntValue(args[0], MAX_UINT64) : 1n;
    return estimateAllocatingListCall(Number(depth), extEstimateSize(est, target));
  }) as FunctionEstimator] as const)),
  ['list_distinct', (est, target, args) => {
    if (!target || args.length !== 0) return undefined;
    const sz = extEstimateSize(est, target);
    return estimateAllocatingListCall(2, multiply(sz, sz));
  }],
  ...COMPARABLE.flatMap((t) => [
    [`list_${t}_sort`, ((est, target, args) => (!target || args.length !== 0 ? undefined : estimateListSortCost(est, target, t))) as FunctionEstimator] as const,
    [`list_${t}_sortByAssociatedKeys`, ((est, target, args) => (!target || args.length !== 1 ? undefined : estimateListSortCost(est, args[0], t))) as FunctionEstimator] as const,
  ]),
]);

export const extListsLibrary = { name: 'cel.lib.ext.lists', since: 34, register };
