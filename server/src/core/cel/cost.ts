import { Optional } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { actualSize, codePointLength, isBytes, isList, isMap } from './library/values';

/**
 * Runtime cost, as cel-go's cost tracker counts it for the API server (interpreter/runtimecost.go,
 * with k8s.io/apiserver/pkg/cel/library/cost.go as the CallCost estimator). cel-go charges each
 * evaluation step as its planner made it (plan.ts writes that plan on cel-js's nodes): constants
 * nothing, an attribute 1 plus 1 per qualifier, a call its CallCost (1 by default), a list or map
 * literal 10 or 30; `&&`, `||` and `?:` nothing. The API server stops a rule past PerCallLimit
 * and a whole object past RuntimeCELCostBudget (k8s.io/apiserver/pkg/apis/cel/config.go).
 */
export const PER_CALL_LIMIT = 1_000_000;
export const RUNTIME_CEL_COST_BUDGET = 10_000_000;

/** cel-go's cancellation, as the API server matches it (cel/validation.go). */
export const COST_LIMIT_EXCEEDED = 'operation cancelled: actual cost limit exceeded';

export class CostLimitExceeded extends Error {
  constructor() {
    super(COST_LIMIT_EXCEEDED);
  }
}

/** cel-go's traversal factors (common/cost.go). */
export const STRING_TRAVERSAL_COST_FACTOR = 0.1;
export const REGEX_STRING_LENGTH_COST_FACTOR = 0.25;
export const LIST_CREATE_BASE_COST = 10;
export const MAP_CREATE_BASE_COST = 30;
/** The cost of traversing a string of `length` characters once. */
export const traversalCost = (length: number, factor = STRING_TRAVERSAL_COST_FACTOR): number => Math.ceil(length * factor);

/** A CEL string's size: its code points (cel-go String.Size is utf8.RuneCountInString). */
export function codePoints(s: string): number {
  return codePointLength(s);
}

/** What an evaluation step does after its node is evaluated (plan.ts). */
export const enum Post {
  None,
  /** A qualifier: 1 once its operand is evaluated, even if the qualification fails. */
  Qualifier,
  /** A qualifier of an optional chain: 1 when it yields a value (QualifyIfPresent). */
  OptionalQualifier,
  /** A standard function whose cost depends on its arguments (runtimecost.go costCall). */
  Builtin,
}

export const enum Builtin {
  /** `==`, `!=`: the smaller size × 0.1. */
  Equality,
  /** `<`, `<=`, `>`, `>=` on strings or bytes: the smaller size × 0.1. */
  Ordering,
  /** `+` of strings or bytes: both sizes × 0.1. */
  Concatenation,
  /** `in` a list: its size. */
  Membership,
  /** string.contains: the product of both traversals. */
  Contains,
  /** startsWith, endsWith: one traversal of the receiver. */
  Prefix,
  /** bytes(string), string(bytes): one traversal. */
  Conversion,
}

/** A node's step, as plan.ts plans it. */
export interface Plan {
  /** Charged when the node is evaluated (cel-go's default planner). */
  pre: number;
  /** The same with OptOptimize. */
  preOpt: number;
  post: Post;
  builtin?: Builtin;
  /** A constant with OptOptimize. */
  folded?: boolean;
  /** `x in [primitive constants]`: a set membership test with OptOptimize. */
  setMembership?: boolean;
  /** `x in []`: the constant false with OptOptimize. */
  constantFalse?: boolean;
  /** has(): its presence test costs 1 unless PresenceTestHasCost(false). */
  presence?: boolean;
  /** The parent's cost needs this node's value. */
  keep?: boolean;
  /** The operand of a qualifier. */
  operandOf?: boolean;
}
export const PLAN = Symbol('kubeplan.cost');
const VALUE = Symbol('kubeplan.value');

interface Tracker {
  cost: number;
  limit: number;
  optimize: boolean;
  presenceTestHasCost: boolean;
  /** Per qualifier being evaluated: whether its operand was. */
  frames: boolean[];
}

/** The evaluation in progress (evaluation is synchronous: one at a time). */
let current: Tracker | undefined;

function add(t: Tracker, n: number): void {
  t.cost += n;
  // The tracker's cost is a uint64: below 0 it wraps past any limit.
  if (t.cost > t.limit || t.cost < 0) throw new CostLimitExceeded();
}

/**
 * What a library call costs (its CallCost), called once by the function itself: it replaces the 1
 * its call step was charged, as cel-go's tracker takes CallCost instead of the default.
 */
export function charge(n: number): void {
  if (current) add(current, n - 1);
}

/** Steps a macro's expansion takes that are not nodes of the expression (loop conditions, accumulators…). */
export function addCost(n: number): void {
  if (current && n) add(current, n);
}

/** Whether the evaluation in progress runs as the API server's programs do (OptOptimize); true when untracked. */
export const optimized = (): boolean => current?.optimize ?? true;

export const isCancellation = (e: unknown): boolean => e instanceof CostLimitExceeded;

export interface TrackOptions {
  /** cel.EvalOptions(OptOptimize): the API server's programs (default true). */
  optimize?: boolean;
  /** interpreter.PresenceTestHasCost: the API server sets false (the default here). */
  presenceTestHasCost?: boolean;
}

/**
 * Runs `evaluate` with cost tracking: its result or the error it threw, and the cost it took (up to
 * the limit, where cel-go cancels it).
 */
export function tracked<T>(limit: number, evaluate: () => T, options: TrackOptions = {}): { value?: T; error?: unknown; cost: number } {
  const outer = current;
  const tracker: Tracker = { cost: 0, limit, optimize: options.optimize ?? true, presenceTestHasCost: options.presenceTestHasCost ?? false, frames: [] };
  current = tracker;
  try {
    const value = evaluate();
    // A step past the limit whose error an operator swallowed still cancels the evaluation.
    if (tracker.cost > limit || tracker.cost < 0) return { error: new CostLimitExceeded(), cost: limit };
    return { value, cost: tracker.cost };
  } catch (error) {
    return { error, cost: tracker.cost < 0 ? limit : Math.min(tracker.cost, limit) };
  } finally {
    current = outer;
  }
}

interface Evaluable {
  op: string;
  args: unknown;
  evaluate(ev: unknown, ast: Evaluable, ctx: unknown): unknown;
  [PLAN]?: Plan;
  [VALUE]?: unknown;
}

/**
 * One evaluation step: cel-js's Evaluator.run (scripts/build.mjs) evaluates every node through
 * this. The node's plan says what cel-go would charge for it.
 */
export function run(ev: unknown, ast: Evaluable, ctx: unknown): unknown {
  const t = current;
  if (t === undefined) return ast.evaluate(ev, ast, ctx);
  const p = ast[PLAN];
  if (p === undefined) {
    // Not planned (cannot happen for a planned root): the default step.
    if (ast.op !== 'value') add(t, 1);
    return ast.evaluate(ev, ast, ctx);
  }
  let pre = t.optimize ? p.preOpt : p.pre;
  if (p.presence && t.presenceTestHasCost) pre++;
  if (pre) add(t, pre);
  if (p.constantFalse && t.optimize) return false;
  let v: unknown;
  if (p.post === Post.Qualifier || p.post === Post.OptionalQualifier) {
    const frames = t.frames;
    const depth = frames.length;
    frames.push(false);
    try {
      v = ast.evaluate(ev, ast, ctx);
    } catch (e) {
      // An error qualifying (a missing key, an index out of range) is observed; one of the operand is not.
      const operandDone = frames[depth];
      frames.length = depth;
      if (operandDone && p.post === Post.Qualifier && !isCancellation(e)) add(t, 1);
      throw e;
    }
    frames.length = depth;
    if (p.post === Post.Qualifier || (v instanceof Optional && v.hasValue())) add(t, 1);
  } else {
    v = ast.evaluate(ev, ast, ctx);
    if (p.post === Post.Builtin && !(t.optimize && (p.folded || p.setMembership))) {
      const n = builtinCost(p.builtin!, ast);
      if (n !== 1) add(t, n - 1);
    }
  }
  if (p.operandOf && t.frames.length) t.frames[t.frames.length - 1] = true;
  if (p.keep) ast[VALUE] = v;
  return v;
}

/** The values of a call's arguments (receiver first), taken from the nodes' last evaluation. */
function argValues(ast: Evaluable): unknown[] {
  const a = ast.args as unknown[];
  const ns = (ast.op === 'rcall' ? [a[1], ...(a[2] as unknown[])] : ast.op === 'call' ? (a[1] as unknown[]) : a) as Evaluable[];
  return ns.map((n) => {
    const v = n[VALUE];
    n[VALUE] = undefined;
    return v;
  });
}

const isText = (v: unknown): boolean => typeof v === 'string' || isBytes(v);
const scaled = (size: number): number => Math.ceil(size * STRING_TRAVERSAL_COST_FACTOR);

/** A Kubernetes library type (quantity, IP, CIDR, URL, format): CallCost's `_==_` costs 1. */
function isLibraryType(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || isBytes(v) || isList(v) || isMap(v)) return false;
  return !(v instanceof Optional || v instanceof Date || v instanceof Duration || v instanceof UnsignedInt);
}

/** runtimecost.go costCall for the standard overloads whose cost depends on their arguments. */
function builtinCost(b: Builtin, ast: Evaluable): number {
  const [x, y] = argValues(ast);
  switch (b) {
    case Builtin.Equality:
      if (ast.op === '==' && isLibraryType(x)) return 1;
      return scaled(Math.min(actualSize(x), actualSize(y)));
    case Builtin.Ordering:
      return (typeof x === 'string' && typeof y === 'string') || (isBytes(x) && isBytes(y)) ? scaled(Math.min(actualSize(x), actualSize(y))) : 1;
    case Builtin.Concatenation:
      return isText(x) && isText(y) ? scaled(actualSize(x) + actualSize(y)) : 1;
    case Builtin.Membership:
      return isList(y) ? actualSize(y) : 1;
    case Builtin.Contains:
      return typeof x === 'string' && typeof y === 'string' ? scaled(actualSize(x)) * scaled(actualSize(y)) : 1;
    case Builtin.Prefix:
      return typeof x === 'string' ? scaled(actualSize(x)) : 1;
    case Builtin.Conversion:
      // StringToBytes, BytesToString; other conversions are O(1).
      return (ast.args as unknown[])[0] === 'bytes' ? (typeof x === 'string' ? scaled(actualSize(x)) : 1) : isBytes(x) ? scaled(actualSize(x)) : 1;
  }
}
