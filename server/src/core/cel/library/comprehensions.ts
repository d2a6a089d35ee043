import { ParseError, type Environment } from '@marcbachmann/cel-js';
import type { Planner } from '../plan';
import { goTypeText, type CheckedType } from './checkedType';
import { accumulatorError, ACCUMULATORS, evaluateFold, iterVar, planFold, rangeTypes, type Checker, type Ctx, type EvaluatorLike, type Fold } from './fold';

/**
 * cel-go's two-variable comprehensions (ext/comprehensions.go, in the environment from 1.32):
 * all, exists, existsOne (also exists_one), transformList, transformMap, transformMapEntry over a
 * list (index, value) or a map (key, value), with an optional filter for the transforms. cel-js has
 * no two-variable comprehension: each is a macro (cel-js's `ast` parameters) with its own type
 * check; evaluation and cost are the expansion's (fold.ts).
 */
interface Node {
  op: string;
  args: unknown;
}

type Kind = 'all' | 'exists' | 'existsOne' | 'transformList' | 'transformMap' | 'transformMapEntry';

interface Macro extends Fold {
  kind: Kind;
  var2: string;
  body: Node;
}

const isBoolOrDyn = (t: CheckedType): boolean => t.kind === 'dyn' || t.name === 'bool';

function typeCheck(checker: Checker, m: Macro, ctx: Ctx): CheckedType {
  const [t1, t2] = rangeTypes(checker, m, ctx);
  m.keyType = t1;
  m.ctx1 = ctx.forkWithVariable(m.var1, t1);
  m.ctx2 = m.ctx1.forkWithVariable(m.var2, t2);
  const dyn = checker.getType('dyn');
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
      // extractIterVars: names, distinct, neither the accumulator's.
      const var1 = iterVar(args[0], 'argument must be a simple name', false);
      const var2 = iterVar(args[1], 'argument must be a simple name', false);
      if (var1 === var2) {
        throw new ParseError({ code: 'invalid_macro_argument', message: `duplicate variable name: ${var1}`, node: args[1] as never });
      }
      if (ACCUMULATORS.has(var1)) throw accumulatorError(args[0]);
      if (ACCUMULATORS.has(var2)) throw accumulatorError(args[1]);
      const macro: Macro = { kind, ast, range: receiver, var1, var2, filter: arity === 4 ? args[2] : undefined, body: args[arity - 1] };
      return {
        ...macro,
        async: false,
        typeCheck,
        evaluate: (ev: EvaluatorLike, m: Macro, ctx: unknown) => evaluateFold(ev, m, ctx),
        plan(this: Macro, planner: Planner) {
          return planFold(this, planner);
        },
      };
    });
  }
}

export const comprehensionsLibrary = { name: 'cel.lib.ext.comprev2', since: 32, register };
