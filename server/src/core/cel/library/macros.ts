import type { Environment } from '@marcbachmann/cel-js';
import { addCost, LIST_CREATE_BASE_COST, optimized } from '../cost';
import type { Planner } from '../plan';
import type { CheckedType } from './checkedType';
import { goTypeText } from './checkedType';
import { evaluateFold, iterVar, macroError, noOverload, planFold, rangeTypes, type Checker, type Ctx, type EvaluatorLike, type Fold, type FoldKind, type Node } from './fold';

/**
 * CEL's standard macros as cel-go expands them (parser/macro.go): all, exists, exists_one (and
 * existsOne from cel-go 0.23, Kubernetes 1.33), map with and without a filter, filter; and
 * cel.bind (ext/bindings.go, in every version of the API server's environment). They replace
 * cel-js's (scripts/build.mjs), for cel-go's semantics, errors and costs (fold.ts).
 */
const isBoolOrDyn = (t: CheckedType): boolean => t.kind === 'dyn' || t.name === 'bool';

function typeCheck(checker: Checker, f: Fold, ctx: Ctx): CheckedType {
  const [element] = rangeTypes(checker, f, ctx);
  f.keyType = element;
  f.ctx1 = ctx.forkWithVariable(f.var1, element);
  const filter = f.filter && checker.check(f.filter, f.ctx1);
  const body = checker.check(f.body, f.ctx1);
  const bool = checker.getType('bool');
  switch (f.kind) {
    case 'all':
    case 'exists':
      // @result && p / @result || p
      if (!isBoolOrDyn(body)) throw noOverload(checker, f.ast, f.kind === 'all' ? '_&&_' : '_||_', ['bool', goTypeText(body)]);
      return bool;
    case 'existsOne':
      // p ? @result + 1 : @result
      if (!isBoolOrDyn(body)) throw noOverload(checker, f.ast, '_?_:_', [goTypeText(body), 'int', 'int']);
      return bool;
    case 'filter': {
      const list = checker.registry.getListType(element);
      if (!isBoolOrDyn(filter!)) throw noOverload(checker, f.ast, '_?_:_', [goTypeText(filter!), goTypeText(list), goTypeText(list)]);
      return list;
    }
    default: {
      const list = checker.registry.getListType(body);
      if (filter && !isBoolOrDyn(filter)) throw noOverload(checker, f.ast, '_?_:_', [goTypeText(filter), goTypeText(list), goTypeText(list)]);
      return list;
    }
  }
}

/** The one-variable macros: name, arity, kind, and cel-go's message for a variable that is not a name. */
const FOLDS: [string, number, FoldKind, string, number][] = [
  ['all', 2, 'all', 'argument must be a simple name', 0],
  ['exists', 2, 'exists', 'argument must be a simple name', 0],
  ['exists_one', 2, 'existsOne', 'argument must be a simple name', 0],
  ['existsOne', 2, 'existsOne', 'argument must be a simple name', 33],
  ['map', 2, 'map', 'argument is not an identifier', 0],
  ['map', 3, 'map', 'argument is not an identifier', 0],
  ['filter', 2, 'filter', 'argument is not an identifier', 0],
];

interface Bind {
  ast: Node;
  name: string;
  init: Node;
  body: Node;
  ctx?: Ctx;
}

/**
 * The activation of cel.bind's result: the variable is the accumulator of a comprehension over an
 * empty list, initialized when first read (interpretable.go folder.ResolveName), so an unused
 * binding is never evaluated.
 */
class LazyBinding {
  private state: 0 | 1 | 2 = 0;
  private value: unknown;
  constructor(
    private readonly parent: { getValue(k: string): unknown; getCheckedValue(ev: unknown, ast: Node): unknown },
    private readonly b: Bind,
    private readonly ev: EvaluatorLike,
  ) {}
  private resolve(): unknown {
    if (this.state === 0) {
      this.state = 1;
      this.value = this.ev.tryEval(this.b.init, this.parent);
      this.state = 2;
    }
    if (this.value instanceof Error) throw this.value;
    return this.value;
  }
  getValue(key: string): unknown {
    return key === this.b.name ? this.resolve() : this.parent.getValue(key);
  }
  getCheckedValue(ev: unknown, ast: Node): unknown {
    return ast.args === this.b.name ? this.resolve() : this.parent.getCheckedValue(ev, ast);
  }
}

function register(env: Environment, minor: number): void {
  for (const [name, arity, kind, notAName, since] of FOLDS) {
    if (minor < since) continue;
    const params = Array(arity).fill('ast').join(', ');
    env.registerFunction(`dyn.${name}(${params}): dyn`, ({ ast, args, receiver }: { ast: Node; args: Node[]; receiver: Node }) => {
      // filter(x, p) is p ? @result + [x] : @result: its transform is the variable.
      const filtered = arity === 3 || kind === 'filter';
      const f: Fold = { kind, ast, range: receiver, var1: iterVar(args[0], notAName), filter: filtered ? args[1] : undefined, body: kind === 'filter' ? args[0] : args[arity - 1] };
      return {
        ...f,
        async: false,
        typeCheck: (checker: Checker, m: Fold, ctx: Ctx) => typeCheck(checker, m, ctx),
        evaluate: (ev: EvaluatorLike, m: Fold, ctx: unknown) => evaluateFold(ev, m, ctx),
        plan(this: Fold, planner: Planner) {
          return planFold(this, planner);
        },
      };
    });
  }

  env.registerFunction('CelNamespace.bind(ast, ast, ast): dyn', ({ ast, args }: { ast: Node; args: Node[] }) => {
    // ext/bindings.go: the variable must be a simple name.
    if (args[0].op !== 'id') throw macroError('cel.bind() variable names must be simple identifiers', args[0]);
    const b: Bind = { ast, name: args[0].args as string, init: args[1], body: args[2] };
    return {
      ...b,
      async: false,
      typeCheck(checker: Checker, m: Bind, ctx: Ctx) {
        m.ctx = ctx.forkWithVariable(m.name, checker.check(m.init, ctx));
        return checker.check(m.body, m.ctx);
      },
      evaluate(ev: EvaluatorLike, m: Bind, ctx: never) {
        // The comprehension's range, [], is a list to create without OptOptimize.
        if (!optimized()) addCost(LIST_CREATE_BASE_COST);
        return ev.run(m.body, new LazyBinding(ctx, m, ev));
      },
      plan(this: Bind, planner: Planner) {
        planner.visit(this.init as never);
        planner.visit(this.body as never);
        return { pre: 0, preOpt: 0 };
      },
    };
  });
}

export const standardMacrosLibrary = { name: 'cel.macros', since: 0, register };
