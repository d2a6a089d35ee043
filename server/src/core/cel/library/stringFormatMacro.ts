import { LIST_CREATE_BASE_COST, traversalCost } from '../cost';
import type { Planner } from '../plan';
import { callCost } from './callCost';
import { goTypeText, type CheckedType } from './checkedType';
import { FormatError, MESSAGES, parseFormatString, runtimeClauses, type Clauses } from './stringFormat';
import { actualSize, celError, isList, isMap, listItems, mapEntries, typedMapKey, type Evaluator } from './values';

/**
 * `<string>.format(<list>)` as a cel-js macro, for what a plain function cannot do: cel-go exempts
 * the literals inside a format call from homogeneous aggregate literals
 * (stringFormatValidator.Configure), so `"%s: %d".format(["a", 1])` compiles; and with a literal
 * format string and a list literal it
 * checks the clauses against the argument types when compiling (stringFormatValidator.Validate,
 * stringFormatChecker): "error during formatting: …", "too many arguments supplied to
 * string.format (expected N, got M)".
 */
interface Node {
  op: string;
  args: unknown;
  checkedType?: CheckedType;
}
interface Checker {
  opts: Record<string, unknown>;
  check(node: Node, ctx: unknown): CheckedType;
  getType(name: string): CheckedType;
  createError(code: string, message: string, node: Node): Error;
}
interface EvaluatorLike extends Evaluator {
  run(node: Node, ctx: unknown): unknown;
}
interface Macro {
  ast: Node;
  receiver: Node;
  arg: Node;
}

/** cel-go's name and kind of a checked type. */
const KINDS: Record<string, string> = {
  null: 'null_type',
  'google.protobuf.Timestamp': 'timestamp',
  'google.protobuf.Duration': 'duration',
};
const kindOf = (t: CheckedType): string => (t.kind === 'list' || t.kind === 'map' || t.kind === 'dyn' ? t.kind : (KINDS[t.name] ?? t.name));
const typeName = (t: CheckedType): string => (t.kind === 'list' || t.kind === 'map' ? t.kind : t.kind === 'optional' ? 'optional_type' : t.name === 'null' ? 'null_type' : t.name);

/** stringFormatChecker: each clause checks its argument's type (dyn always passes). */
function staticClauses(): Clauses {
  const verify = (what: string, ...kinds: string[]) => (arg: unknown) => {
    const t = (arg as Node).checkedType!;
    if (kindOf(t) !== 'dyn' && !kinds.includes(kindOf(t))) throw new FormatError(`${what}, was given ${typeName(t)}`);
    return '';
  };
  const STRING_KINDS = ['list', 'map', 'int', 'uint', 'double', 'bool', 'string', 'timestamp', 'bytes', 'duration', 'type', 'null_type'];
  const verifyString = (node: Node): void => {
    verify(MESSAGES.string, ...STRING_KINDS)(node);
    if (node.op === 'list') for (const e of node.args as Node[]) verifyString(e);
    if (node.op === 'map') for (const [k, v] of node.args as [Node, Node][]) (verifyString(k), verifyString(v));
  };
  return {
    string: (arg) => (verifyString(arg as Node), ''),
    decimal: verify(MESSAGES.decimal, 'int', 'uint'),
    fixed: () => verify(MESSAGES.fixed, 'double', 'string'),
    scientific: () => verify(MESSAGES.scientific, 'double', 'string'),
    binary: verify(MESSAGES.binary, 'int', 'uint', 'bool'),
    hex: () => verify(MESSAGES.hex, 'int', 'uint', 'string', 'bytes'),
    octal: verify(MESSAGES.octal, 'int', 'uint'),
  };
}

/**
 * Checks with homogeneous aggregate literals off: cel-go's validator skips every list and map
 * literal with a `format` call among its ancestors (validator.go inExemptFunction).
 */
function checkExempt<T>(checker: Checker, check: () => T): T {
  const opts = checker.opts;
  checker.opts = { ...opts, homogeneousAggregateLiterals: false };
  try {
    return check();
  } finally {
    checker.opts = opts;
  }
}

function typeCheck(checker: Checker, m: Macro, ctx: unknown): CheckedType {
  const literal = m.arg.op === 'list' ? (m.arg.args as Node[]) : undefined;
  const [receiver, arg] = checkExempt(checker, () => {
    const r = checker.check(m.receiver, ctx);
    // A list literal's elements are checked one by one (the literal itself is evaluated as such).
    return [r, literal ? (literal.forEach((e) => checker.check(e, ctx)), undefined) : checker.check(m.arg, ctx)] as const;
  });
  if ((receiver.kind !== 'dyn' && receiver.name !== 'string') || (arg && arg.kind !== 'list' && arg.kind !== 'dyn')) {
    const argText = arg ? goTypeText(arg) : 'list(dyn)';
    throw checker.createError('no_matching_overload', `found no matching overload for 'format' applied to '${goTypeText(receiver)}.(${argText})'`, m.ast);
  }
  if (literal && m.receiver.op === 'value' && typeof m.receiver.args === 'string') {
    let requested = 0;
    try {
      parseFormatString(m.receiver.args, staticClauses(), {
        size: literal.length,
        arg: (i) => (requested++, literal[i]),
      });
    } catch (e) {
      if (e instanceof FormatError) throw checker.createError('invalid_format', e.message, m.ast);
      throw e;
    }
    if (literal.length > requested) {
      throw checker.createError('invalid_format', `too many arguments supplied to string.format (expected ${requested}, got ${literal.length})`, m.ast);
    }
  }
  return checker.getType('string');
}

/** A value with the key types of its maps restored from its checked type (for %s of `{1: …}`). */
function retype(v: unknown, t: CheckedType | undefined): unknown {
  if (t?.kind === 'list' && isList(v)) return listItems(v).map((x) => retype(x, t.valueType));
  if (t?.kind === 'map' && isMap(v)) return new Map(mapEntries(v).map(([k, x]) => [typedMapKey(k, t.keyType?.name), retype(x, t.valueType)]));
  return v;
}

export function formatMacro(minor: number) {
  function evaluate(ev: EvaluatorLike, m: Macro, ctx: unknown): string {
    const format = ev.run(m.receiver, ctx);
    const literal = m.arg.op === 'list' ? (m.arg.args as Node[]) : undefined;
    const list = literal ? literal.map((e) => retype(ev.run(e, ctx), e.checkedType)) : retype(ev.run(m.arg, ctx), m.arg.checkedType);
    if (typeof format !== 'string' || !isList(list)) throw celError('no such overload');
    // runtimecost.go: ExtFormatString traverses the format string.
    callCost(traversalCost(actualSize(format)));
    const items = listItems(list);
    try {
      return parseFormatString(format, runtimeClauses(minor, ev), {
        size: items.length,
        arg: (i) => {
          if (i >= items.length) throw new FormatError(`index ${i} out of range`);
          return items[i];
        },
      });
    } catch (e) {
      if (e instanceof FormatError) throw celError(e.message);
      throw e;
    }
  }
  return ({ ast, args, receiver }: { ast: Node; args: Node[]; receiver: Node }) => ({
    ast,
    receiver,
    arg: args[0],
    async: false,
    typeCheck,
    evaluate,
    // The call costs 1 (its CallCost replaces it); a list literal argument, whose elements
    // evaluate one by one here, costs what creating it costs (nothing when constant, with OptOptimize).
    plan(this: { receiver: Node; arg: Node }, planner: Planner) {
      planner.visit(this.receiver as never);
      planner.visit(this.arg as never);
      const list = this.arg.op === 'list' ? LIST_CREATE_BASE_COST : 0;
      return { pre: 1 + list, preOpt: 1 + (list && !planner.isConstant(this.arg as never) ? list : 0) };
    },
  });
}
