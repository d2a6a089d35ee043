/**
 * Runtime cost, as cel-go's interpreter tracks it for the API server (interpreter/runtimecost.go
 * with k8s.io/apiserver/pkg/cel/library/cost.go): each evaluated step costs 1 (constants 0), and
 * library functions add what `CallCost` says (string and list sizes). The API server stops a rule
 * past PerCallLimit and a whole object past RuntimeCELCostBudget
 * (k8s.io/apiserver/pkg/apis/cel/config.go).
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

/** The evaluation in progress (evaluation is synchronous: one at a time). */
let current: { cost: number; limit: number } | undefined;

/**
 * What a library call costs (its CallCost), called once by the function itself: it replaces the 1
 * its call step was charged, as cel-go's tracker takes CallCost instead of the default.
 */
export function charge(n: number): void {
  if (!current) return;
  current.cost += n - 1;
  if (current.cost > current.limit) throw new CostLimitExceeded();
}

/** Names that are namespaces (`ip.isCanonical`, `format.dns1123Label`): cel-go resolves them when it compiles. */
const NAMESPACES = new Set(['ip', 'format', 'sets', 'strings', 'net', 'cel', 'optional', 'lists', 'math']);

/**
 * One evaluation step (cel-js's Evaluator.run calls this, see scripts/build.mjs): constants and
 * namespaces are free, every other step costs 1.
 */
export function step(ast: { op: string; args?: unknown }): void {
  if (!current || ast.op === 'value' || (ast.op === 'id' && NAMESPACES.has(ast.args as string))) return;
  if (++current.cost > current.limit) throw new CostLimitExceeded();
}

/**
 * Runs `evaluate` with cost tracking: its result or the error it threw, and the cost it took (up to
 * the limit, where cel-go cancels it).
 */
export function tracked<T>(limit: number, evaluate: () => T): { value?: T; error?: unknown; cost: number } {
  const outer = current;
  const tracker = { cost: 0, limit };
  current = tracker;
  try {
    return { value: evaluate(), cost: tracker.cost };
  } catch (error) {
    return { error, cost: Math.min(tracker.cost, limit) };
  } finally {
    current = outer;
  }
}

/** cel-go's traversal factors (common/cost.go). */
export const STRING_TRAVERSAL_COST_FACTOR = 0.1;
export const REGEX_STRING_LENGTH_COST_FACTOR = 0.25;
/** The cost of traversing a string of `length` characters once. */
export const traversalCost = (length: number, factor = STRING_TRAVERSAL_COST_FACTOR): number => Math.ceil(length * factor);

/** A CEL string's size: its code points (cel-go String.Size is utf8.RuneCountInString). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
