import { ParseError, type Environment } from '@marcbachmann/cel-js';
import { charge } from '../cost';
import { goTypeText, type CheckedType } from './checkedType';
import { celEquals, celError, celTypeName, isList, isMap, listItems, mapEntries, typedMapKey, type Evaluator } from './values';

/**
 * cel-go's two-variable comprehensions (ext/comprehensions.go, in the environment from 1.32):
 * all, exists, existsOne (also exists_one), transformList, transformMap, transformMapEntry over a
 * list (index, value) or a map (key, value), with an optional filter for the transforms. cel-js has
 * no two-variable comprehension: each is a macro (cel-js's `ast` parameters) with its own type
 * check and evaluation. Evaluation follows the expanded comprehension: `all` and `exists` stop at
 * the first false/true and otherwise report the first error; the others evaluate every element.
 * The steps of the expansion that are not in the expression (loop condition, accumulator, list
 * and map construction, cel.@mapInsert) are charged as cel-go's cost tracker counts them.
 */
interface Node {
  op: string;
  args: unknown;
}
interface Ctx {
  forkWithVariable(name: string, type: CheckedType): Ctx;
  reuse(parent: unknown): Ctx;
  setIterValue(v: unknown, ev: EvaluatorLike): Ctx;
}
interface Checker {
  check(node: Node, ctx: Ctx): CheckedType;
  getType(name: string): CheckedType;
  registry: { getListType(t: CheckedType): CheckedType; getMapType(k: CheckedType, v: CheckedType): CheckedType };
  createError(code: string, message: string, node: Node): Error;
}
interface EvaluatorLike extends Evaluator {
  run(node: Node, ctx: unknown): unknown;
  tryEval(node: Node, ctx: unknown): unknown;
}

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

interface Macro {
  kind: Kind;
  name: string;
  ast: Node;
  range: Node;
  var1: string;
  var2: string;
  filter?: Node;
  body: Node;
  keyType?: CheckedType;
  ctx1?: Ctx;
  ctx2?: Ctx;
}

const ACCUMULATORS = new Set(['__result__', '@result']);

/** extractIterVar / extractIterVars (a parse error upstream). */
function iterVar(node: Node): string {
  if (node.op === 'id') return node.args as string;
  throw new ParseError({ code: 'invalid_macro_argument', message: 'argument must be a simple name', node: node as never });
}

const isBoolOrDyn = (t: CheckedType): boolean => t.kind === 'dyn' || t.name === 'bool';

function typeCheck(checker: Checker, m: Macro, ctx: Ctx): CheckedType {
  const range = checker.check(m.range, ctx);
  const dyn = checker.getType('dyn');
  let t1: CheckedType;
  let t2: CheckedType;
  if (range.kind === 'list') [t1, t2] = [checker.getType('int'), range.valueType!];
  else if (range.kind === 'map') [t1, t2] = [range.keyType!, range.valueType!];
  else if (range.kind === 'dyn') [t1, t2] = [dyn, dyn];
  else {
    throw checker.createError(
      'invalid_comprehension_range',
      `Expression of type '${range.name}' cannot be range of a comprehension (must be list, map, or dynamic).`,
      m.range,
    );
  }
  m.keyType = t1;
  m.ctx1 = ctx.forkWithVariable(m.var1, t1);
  m.ctx2 = m.ctx1.forkWithVariable(m.var2, t2);
  const noOverload = (fn: string, ...types: CheckedType[]) =>
    checker.createError('no_matching_overload', `found no matching overload for '${fn}' applied to '(${types.map(goTypeText).join(', ')})'`, m.ast);

  const bool = checker.getType('bool');
  const filter = m.filter && checker.check(m.filter, m.ctx2);
  const body = checker.check(m.body, m.ctx2);
  switch (m.kind) {
    case 'all':
    case 'exists':
      if (!isBoolOrDyn(body)) throw noOverload(m.kind === 'all' ? '_&&_' : '_||_', bool, body);
      return bool;
    case 'existsOne': {
      const int = checker.getType('int');
      if (!isBoolOrDyn(body)) throw noOverload('_?_:_', body, int, int);
      return bool;
    }
    case 'transformList': {
      const list = checker.registry.getListType(body);
      if (filter && !isBoolOrDyn(filter)) throw noOverload('_?_:_', filter, list, list);
      return list;
    }
    case 'transformMap': {
      const map = checker.registry.getMapType(t1, body);
      if (filter && !isBoolOrDyn(filter)) throw noOverload('_?_:_', filter, map, map);
      return map;
    }
    case 'transformMapEntry': {
      if (body.kind !== 'map' && body.kind !== 'dyn') throw noOverload('cel.@mapInsert', checker.registry.getMapType(dyn, dyn), body);
      if (filter && !isBoolOrDyn(filter)) throw noOverload('_?_:_', filter, body, body);
      return body.kind === 'map' ? body : checker.registry.getMapType(dyn, dyn);
    }
  }
}

function entriesOf(range: unknown, keyType: CheckedType | undefined, ev: EvaluatorLike): [unknown, unknown][] {
  if (isList(range)) return listItems(range).map((v, i) => [BigInt(i), v]);
  if (isMap(range)) return mapEntries(range).map(([k, v]) => [typedMapKey(k, keyType?.name), v]);
  throw celError(`Expression of type '${celTypeName(range, ev)}' cannot be range of a comprehension (must be list, map, or dynamic).`);
}

/** A result map: an object when every key is a string, else a Map (cel-js takes both). */
function resultMap(entries: [unknown, unknown][]): Record<string, unknown> | Map<unknown, unknown> {
  if (entries.every(([k]) => typeof k === 'string')) return Object.fromEntries(entries);
  return new Map(entries);
}

/** InsertMapKeyValue's error for a key already present (CEL equality). */
function insert(entries: [unknown, unknown][], k: unknown, v: unknown, ev: EvaluatorLike): void {
  if (entries.some(([key]) => celEquals(key, k, ev))) throw celError(`insert failed: key ${String(k)} already exists`);
  entries.push([k, v]);
}

function evaluate(ev: EvaluatorLike, m: Macro, ctx: unknown): unknown {
  const entries = entriesOf(ev.run(m.range, ctx), m.keyType, ev);
  const bind = (k: unknown, v: unknown) => m.ctx2!.reuse(m.ctx1!.reuse(ctx).setIterValue(k, ev)).setIterValue(v, ev);
  let error: unknown;
  const keep = (r: unknown): unknown => {
    if (r instanceof Error) error ??= r;
    return r;
  };

  if (m.kind === 'all' || m.kind === 'exists') {
    // accu = all ? true : false; loop while @not_strictly_false(accu) (all) / (!accu) (exists).
    const stop = m.kind === 'exists';
    let decided = false;
    for (const [k, v] of entries) {
      charge(m.kind === 'all' ? 2 : 3);
      if (decided) break;
      charge(1);
      const r = ev.tryEval(m.body, bind(k, v));
      if (r === stop) decided = true;
      else if (typeof r !== 'boolean') keep(r instanceof Error ? r : celError('no such overload'));
    }
    charge(1);
    if (decided) return stop;
    if (error) throw error;
    return !stop;
  }

  if (m.kind === 'existsOne') {
    let count = 0;
    for (const [k, v] of entries) {
      const r = ev.tryEval(m.body, bind(k, v));
      if (r === true) (count++, charge(2));
      else if (r === false) charge(1);
      else keep(r instanceof Error ? r : celError('no such overload'));
    }
    charge(2);
    if (error) throw error;
    return count === 1;
  }

  // transformList / transformMap / transformMapEntry: every element, the first error is the result.
  charge(m.kind === 'transformList' ? 10 : 30);
  const list: unknown[] = [];
  const map: [unknown, unknown][] = [];
  for (const [k, v] of entries) {
    const c = bind(k, v);
    if (m.filter) {
      const f = keep(ev.tryEval(m.filter, c));
      if (f === false) {
        charge(1);
        continue;
      }
      if (f !== true && !(f instanceof Error)) keep(celError('no such overload'));
    }
    const t = keep(ev.tryEval(m.body, c));
    charge(m.kind === 'transformList' ? 12 : m.kind === 'transformMap' ? 3 : 2);
    if (error) continue;
    if (m.kind === 'transformList') list.push(t);
    else if (m.kind === 'transformMap') map.push([k, t]);
    else if (isMap(t)) {
      try {
        for (const [key, value] of mapEntries(t)) insert(map, key, value, ev);
      } catch (e) {
        keep(e);
      }
    } else keep(celError('no such overload'));
  }
  charge(1);
  if (error) throw error;
  return m.kind === 'transformList' ? list : resultMap(map);
}

const MACROS: [Kind, string, number][] = [
  ['all', 'all', 3],
  ['exists', 'exists', 3],
  ['existsOne', 'existsOne', 3],
  ['existsOne', 'exists_one', 3],
  ['transformList', 'transformList', 3],
  ['transformList', 'transformList', 4],
  ['transformMap', 'transformMap', 3],
  ['transformMap', 'transformMap', 4],
  ['transformMapEntry', 'transformMapEntry', 3],
  ['transformMapEntry', 'transformMapEntry', 4],
];

function register(env: Environment): void {
  for (const [kind, name, arity] of MACROS) {
    const params = Array(arity).fill('ast').join(', ');
    env.registerFunction(`dyn.${name}(${params}): dyn`, ({ ast, args, receiver }: { ast: Node; args: Node[]; receiver: Node }) => {
      const var1 = iterVar(args[0]);
      const var2 = iterVar(args[1]);
      if (var1 === var2) {
        throw new ParseError({ code: 'invalid_macro_argument', message: `duplicate variable name: ${var1}`, node: args[1] as never });
      }
      for (const [v, node] of [[var1, args[0]], [var2, args[1]]] as const) {
        if (ACCUMULATORS.has(v)) {
          throw new ParseError({ code: 'invalid_macro_argument', message: 'iteration variable overwrites accumulator variable', node: node as never });
        }
      }
      const macro: Macro = { kind, name, ast, range: receiver, var1, var2, filter: arity === 4 ? args[2] : undefined, body: args[arity - 1] };
      return { ...macro, async: false, typeCheck, evaluate };
    });
  }
}

export const comprehensionsLibrary = { name: 'cel.lib.ext.comprev2', since: 32, register };
