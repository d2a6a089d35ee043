import { ParseError } from '@marcbachmann/cel-js';
import { addCost, isCancellation, LIST_CREATE_BASE_COST, MAP_CREATE_BASE_COST, optimized } from '../cost';
import type { Planner } from '../plan';
import type { CheckedType } from './checkedType';
import { celEquals, celError, celTypeName, isList, isMap, listItems, mapEntries, typedMapKey, type Evaluator } from './values';

/**
 * cel-go's comprehensions, as its macros expand them (parser/macro.go: all, exists, exists_one,
 * map, filter; ext/comprehensions.go: the two-variable forms, transformList, transformMap,
 * transformMapEntry) and its interpreter folds them (interpreter/interpretable.go evalFold): an
 * accumulator (`@result`) holds a value or an error, the loop condition stops `all` at the first
 * false and `exists` at the first true, and every other step evaluates each element; the result is
 * the accumulator. cel-js has its own comprehensions; these replace them (scripts/build.mjs drops
 * cel-js's macros), with cel-go's results and errors and the cost its tracker counts for the
 * expansion's own steps (runtimecost.go): the loop condition (`@not_strictly_false(@result)`: 2,
 * `@not_strictly_false(!@result)`: 3), each accumulator reference (1), `_+_` / `cel.@mapInsert`
 * (1), the one-element list of map's and filter's step (10, or 0 once OptOptimize folds a
 * constant) and the accumulator's initial `[]` / `{}` (10 / 30, 0 with OptOptimize).
 */
export interface Node {
  op: string;
  args: unknown;
}
export interface Ctx {
  forkWithVariable(name: string, type: CheckedType): Ctx;
  reuse(parent: unknown): Ctx;
  setIterValue(v: unknown, ev: EvaluatorLike): Ctx;
}
export interface Checker {
  check(node: Node, ctx: unknown): CheckedType;
  getType(name: string): CheckedType;
  registry: { getListType(t: CheckedType): CheckedType; getMapType(k: CheckedType, v: CheckedType): CheckedType };
  createError(code: string, message: string, node: Node): Error;
}
export interface EvaluatorLike extends Evaluator {
  run(node: Node, ctx: unknown): unknown;
  tryEval(node: Node, ctx: unknown): unknown;
}

export type FoldKind = 'all' | 'exists' | 'existsOne' | 'map' | 'filter' | 'transformList' | 'transformMap' | 'transformMapEntry';

export interface Fold {
  kind: FoldKind;
  ast: Node;
  range: Node;
  var1: string;
  /** The second variable of a two-variable comprehension. */
  var2?: string;
  filter?: Node;
  /** The predicate, or the transform. */
  body: Node;
  /** Set when checked: the range's key type, the variables' contexts. */
  keyType?: CheckedType;
  ctx1?: Ctx;
  ctx2?: Ctx;
  /** Set when planned: the transform is a constant (OptOptimize folds `[transform]`). */
  constantBody?: boolean;
}

export const ACCUMULATORS = new Set(['__result__', '@result']);

/** A macro's argument error (a parse error upstream), at the argument. */
export const macroError = (message: string, node: Node): ParseError => new ParseError({ code: 'invalid_macro_argument', message, node: node as never });

/** The iteration variable's name; cel-go's message when it is not a name (or, unless told, is the accumulator's). */
export function iterVar(node: Node, notAName: string, accumulatorChecked = true): string {
  if (node.op !== 'id') throw macroError(notAName, node);
  const name = node.args as string;
  if (accumulatorChecked && ACCUMULATORS.has(name)) throw accumulatorError(node);
  return name;
}
export const accumulatorError = (node: Node): ParseError => macroError('iteration variable overwrites accumulator variable', node);

export const noOverload = (checker: Checker, node: Node, fn: string, types: string[]): Error =>
  checker.createError('no_matching_overload', `found no matching overload for '${fn}' applied to '(${types.join(', ')})'`, node);

/** A range's variable types: element (one variable), or index/key and value (two). */
export function rangeTypes(checker: Checker, f: Fold, ctx: Ctx): [CheckedType, CheckedType] {
  const range = checker.check(f.range, ctx);
  if (range.kind === 'list') return [f.var2 === undefined ? range.valueType! : checker.getType('int'), range.valueType!];
  if (range.kind === 'map') return [range.keyType!, range.valueType!];
  if (range.kind === 'dyn') return [range, range];
  throw checker.createError(
    'invalid_comprehension_range',
    `Expression of type '${range.name}' cannot be range of a comprehension (must be list, map, or dynamic).`,
    f.range,
  );
}

/** The fold's steps to plan: the range, filter and body are evaluated as any expression. */
export function planFold(f: Fold, planner: Planner): { pre: number; preOpt: number } {
  planner.visit(f.range as never);
  if (f.filter) planner.visit(f.filter as never);
  planner.visit(f.body as never);
  f.constantBody = planner.isConstant(f.body as never);
  return { pre: 0, preOpt: 0 };
}

/** Runs an expression as cel-go's interpreter does: an error is a value (a cancellation is not). */
export function evaluated(ev: EvaluatorLike, node: Node, ctx: unknown): unknown {
  const v = ev.tryEval(node, ctx);
  if (isCancellation(v)) throw v;
  return v;
}

const isError = (v: unknown): v is Error => v instanceof Error;
/** MaybeNoSuchOverloadErr: a non-boolean where a boolean is needed. */
const asError = (v: unknown): Error => (isError(v) ? v : celError('no such overload'));

/** evalAnd (`stop` false) / evalOr (`stop` true) of the accumulator and a predicate's value. */
function logical(accu: unknown, p: unknown, stop: boolean): unknown {
  if (p === stop) return stop;
  if (typeof accu !== 'boolean') return asError(accu);
  if (typeof p !== 'boolean') return asError(p);
  return !stop;
}

function entries(range: unknown, f: Fold, ev: EvaluatorLike): [unknown, unknown][] {
  if (isList(range)) return listItems(range).map((v, i) => (f.var2 === undefined ? [v, undefined] : [BigInt(i), v]));
  if (isMap(range)) return mapEntries(range).map(([k, v]) => [typedMapKey(k, f.keyType?.name), v]);
  throw celError(`Expression of type '${celTypeName(range, ev)}' cannot be range of a comprehension (must be list, map, or dynamic).`);
}

/** A result map: an object when every key is a string, else a Map (cel-js takes both). */
function resultMap(entries: [unknown, unknown][]): Record<string, unknown> | Map<unknown, unknown> {
  if (entries.every(([k]) => typeof k === 'string')) return Object.fromEntries(entries);
  return new Map(entries);
}

/** InsertMapKeyValue: an error for a key already present (CEL equality). */
function insert(map: [unknown, unknown][], k: unknown, v: unknown, ev: EvaluatorLike): Error | undefined {
  if (map.some(([key]) => celEquals(key, k, ev))) return celError(`insert failed: key ${String(k)} already exists`);
  map.push([k, v]);
  return undefined;
}

export function evaluateFold(ev: EvaluatorLike, f: Fold, ctx: unknown): unknown {
  const opt = optimized();
  const items = entries(ev.run(f.range, ctx), f, ev);
  const bind = (k: unknown, v: unknown): Ctx => {
    const c1 = f.ctx1!.reuse(ctx).setIterValue(k, ev);
    return f.var2 === undefined ? c1 : f.ctx2!.reuse(c1).setIterValue(v, ev);
  };
  const result = (accu: unknown): unknown => {
    addCost(1); // the result: @result
    if (isError(accu)) throw accu;
    return accu;
  };

  switch (f.kind) {
    case 'all':
    case 'exists': {
      // all: @not_strictly_false(@result), @result && p; exists: @not_strictly_false(!@result), @result || p.
      const stop = f.kind === 'exists';
      let accu: unknown = !stop;
      for (const [k, v] of items) {
        addCost(stop ? 3 : 2);
        if (accu === stop) break;
        addCost(1);
        accu = logical(accu, evaluated(ev, f.body, bind(k, v)), stop);
      }
      return result(accu);
    }
    case 'existsOne': {
      // p ? @result + 1 : @result; the result is @result == 1.
      let accu: number | Error = 0;
      for (const [k, v] of items) {
        const p = evaluated(ev, f.body, bind(k, v));
        if (p === true) {
          addCost(2);
          if (!isError(accu)) accu++;
        } else if (p !== false) accu = asError(p);
      }
      addCost(2);
      if (isError(accu)) throw accu;
      return accu === 1;
    }
  }

  const toMap = f.kind === 'transformMap' || f.kind === 'transformMapEntry';
  // The accumulator's initial [] or {} (a constant with OptOptimize), evaluated at its first use.
  if (!opt) addCost(toMap ? MAP_CREATE_BASE_COST : LIST_CREATE_BASE_COST);
  const list: unknown[] = [];
  const map: [unknown, unknown][] = [];
  let accu: Error | undefined;
  for (const [k, v] of items) {
    const c = bind(k, v);
    if (f.filter) {
      // filter ? <step> : @result (the accumulator as a branch is only resolved: no cost).
      const p = evaluated(ev, f.filter, c);
      if (p === false) continue;
      if (p !== true) {
        accu = asError(p);
        continue;
      }
    }
    switch (f.kind) {
      case 'map':
      case 'filter':
      case 'transformList': {
        // @result + [transform]; filter's transform is its variable.
        addCost(1);
        let t: unknown;
        if (f.kind === 'filter') (addCost(1), (t = k));
        else t = evaluated(ev, f.body, c);
        addCost((opt && f.constantBody && f.kind !== 'filter' ? 0 : LIST_CREATE_BASE_COST) + 1);
        if (!accu) isError(t) ? (accu = t) : list.push(t);
        break;
      }
      case 'transformMap': {
        // cel.@mapInsert(@result, k, transform): its arguments in order, none after an error.
        addCost(1);
        if (accu) break;
        addCost(1);
        const t = evaluated(ev, f.body, c);
        addCost(1);
        accu = isError(t) ? t : insert(map, k, t, ev);
        break;
      }
      case 'transformMapEntry': {
        // cel.@mapInsert(@result, transform): both arguments.
        addCost(1);
        const t = evaluated(ev, f.body, c);
        addCost(1);
        if (accu) break;
        if (isError(t)) accu = t;
        else if (!isMap(t)) accu = celError('no such overload');
        else for (const [key, value] of mapEntries(t)) if ((accu = insert(map, key, value, ev))) break;
        break;
      }
    }
  }
  return result(accu ?? (toMap ? resultMap(map) : list));
}
