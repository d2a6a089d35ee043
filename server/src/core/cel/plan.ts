import { Builtin, PLAN, Post, run, type Plan } from './cost';
import { re2 } from './re2';

/**
 * What cel-go's planner (interpreter/planner.go) makes of a checked expression, as far as the cost
 * tracker (interpreter/runtimecost.go) sees it, written on cel-js's nodes (see cost.ts for how an
 * evaluation charges them):
 * - constants cost nothing: literals, type names and qualified names the checker resolves
 *   (`int`, `google.protobuf.Duration`), and with OptOptimize (the API server's programs,
 *   environment/base.go) list and map literals of constants and type conversions of a constant
 *   (decorators.go decOptimize);
 * - an attribute (a variable, `a.b`, `a[i]`, `a.?b`, `c ? x : y`) costs 1 for its evaluation and 1
 *   per qualifier; one that is only resolved, not evaluated (the index of `a[i]`, a branch of
 *   `?:`, the operand of `has()`), does not pay for its evaluation; an attribute over something else
 *   (`f(x).a`, `[1, 2][0]`) pays for that expression and its own evaluation;
 * - `&&`, `||` and `?:` cost nothing themselves; a call costs its CallCost (1 unless cost.ts or the
 *   library function says otherwise); creating a list costs 10, a map 30;
 * - `x in [constants]` with OptOptimize is a set membership test that costs nothing (and `x in []`
 *   is the constant false).
 * Macros plan their own parts (`plan` on the macro object) and charge what their expansion costs.
 *
 * Planning also finds what makes cel-go's Program() fail ("program instantiation failed"): a
 * constant pattern of `find`, `findAll` (the regex library's OptimizeRegex) or `matches`
 * (OptOptimize) that does not compile.
 */
export interface Node {
  op: string;
  args: unknown;
  pos: number;
  start: number;
  input?: string;
  meta?: { alternate?: Node; macro?: MacroLike };
  checkedType?: { kind: string };
  [PLAN]?: Plan;
}

/** A macro object (cel-js keeps it on the call's node) that plans its own parts. */
export interface MacroLike {
  plan?(planner: Planner): { pre: number; preOpt: number };
  [k: string]: unknown;
}

export type Position = 'eval' | 'resolve';

const QUALIFIERS = new Set(['.', '.?', '[]', '[?]']);
const CONVERSIONS = new Set(['bool', 'bytes', 'double', 'duration', 'dyn', 'int', 'string', 'timestamp', 'type', 'uint']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const BINARY = new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in']);

const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && typeof (x as Node).op === 'string';
const nodes = (x: unknown): Node[] => (Array.isArray(x) ? x.filter(isNode) : []);

/** A call's name, receiver (for `a.f(…)`) and arguments. */
function callParts(n: Node): { name: string; receiver?: Node; args: Node[] } {
  const a = n.args as unknown[];
  return n.op === 'rcall' ? { name: a[0] as string, receiver: a[1] as Node, args: nodes(a[2]) } : { name: a[0] as string, args: nodes(a[1]) };
}

const isConstIdent = (n: Node): boolean => n.op === 'id' && !!n.meta?.alternate;

/** `-1`, `- 2.5`: one literal for cel-go's parser; `-(1)` is a negation. */
function isNegativeLiteral(n: Node): boolean {
  if (n.op !== '-_' || !isNode(n.args) || n.args.op !== 'value') return false;
  const v = n.args.args;
  if (typeof v !== 'bigint' && typeof v !== 'number') return false;
  const between = n.input?.slice(n.start + 1, n.args.start) ?? '';
  return /^\s*$/.test(between);
}

/** The innermost operand of a chain of selections and indexes. */
function chainRoot(n: Node): Node {
  while (QUALIFIERS.has(n.op)) n = (n.args as Node[])[0];
  return n;
}

/** An expression cel-go plans as an attribute (planner.go: idents, selects, indexes, conditionals). */
const isAttribute = (n: Node): boolean => (n.op === 'id' && !isConstIdent(n)) || QUALIFIERS.has(n.op) || n.op === '?:';

/** A value cel-go's set membership optimization takes (types.IsPrimitiveType, bytes excepted). */
function isPrimitive(v: unknown): boolean {
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return true;
  return typeof v === 'object' && v !== null && v.constructor?.name === 'UnsignedInt';
}

export class Planner {
  readonly errors: string[] = [];
  private readonly constant = new Map<Node, boolean>();

  /** A literal or a qualified name: free with or without OptOptimize. */
  isLiteral(n: Node): boolean {
    if (n.op === 'value' || isConstIdent(n) || isNegativeLiteral(n)) return true;
    return QUALIFIERS.has(n.op) && n.op !== '[]' && n.op !== '[?]' && isConstIdent(chainRoot(n));
  }

  /** A constant once OptOptimize has folded it (decOptimize). */
  isConstant(n: Node): boolean {
    let c = this.constant.get(n);
    if (c !== undefined) return c;
    if (this.isLiteral(n)) c = true;
    else if (n.op === 'list') c = nodes(n.args).every((e) => this.isConstant(e));
    else if (n.op === 'map') c = (n.args as Node[][]).every(([k, v]) => this.isConstant(k) && this.isConstant(v));
    else if (n.op === 'call' && !n.meta?.macro) {
      const { name, args } = callParts(n);
      c = CONVERSIONS.has(name) && args.length === 1 && this.isConstant(args[0]);
    } else c = false;
    this.constant.set(n, c);
    return c;
  }

  private set(n: Node, plan: Partial<Plan>): Plan {
    const p: Plan = { pre: 0, preOpt: 0, post: Post.None, ...plan };
    n[PLAN] = p;
    return p;
  }

  /** Plans `n`, evaluated (its attribute observed) or only resolved. */
  visit(n: Node, pos: Position = 'eval'): void {
    if (n.meta?.macro) return this.macro(n);
    switch (n.op) {
      case 'value':
        this.set(n, {});
        return;
      case 'id':
        this.set(n, isConstIdent(n) || pos === 'resolve' ? {} : { pre: 1, preOpt: 1 });
        return;
      case '.':
      case '.?':
      case '[]':
      case '[?]':
        return this.chain(n, pos);
      case '?:': {
        this.set(n, {});
        const [cond, truthy, falsy] = n.args as Node[];
        this.visit(cond);
        this.visit(truthy, 'resolve');
        this.visit(falsy, 'resolve');
        return;
      }
      case '&&':
      case '||':
        this.set(n, {});
        for (const a of nodes(n.args)) this.visit(a);
        return;
      case '!_':
      case '-_':
        this.set(n, isNegativeLiteral(n) ? {} : { pre: 1, preOpt: 1 });
        this.visit(n.args as Node);
        return;
      case 'list': {
        const c = this.isConstant(n);
        this.set(n, { pre: 10, preOpt: c ? 0 : 10, folded: c });
        for (const e of nodes(n.args)) this.visit(e);
        return;
      }
      case 'map': {
        const c = this.isConstant(n);
        this.set(n, { pre: 30, preOpt: c ? 0 : 30, folded: c });
        for (const [k, v] of n.args as Node[][]) (this.visit(k), this.visit(v));
        return;
      }
      case 'call':
      case 'rcall':
        return this.call(n);
    }
    if (BINARY.has(n.op)) return this.binary(n);
    // Not a node kind the planner knows: a step of 1, as the default call cost.
    this.set(n, { pre: 1, preOpt: 1 });
    for (const a of nodes(n.args)) this.visit(a);
  }

  private binary(n: Node): void {
    const [l, r] = n.args as Node[];
    let builtin: Builtin | undefined;
    if (n.op === '==' || n.op === '!=') builtin = Builtin.Equality;
    else if (ORDERING.has(n.op)) builtin = Builtin.Ordering;
    else if (n.op === '+') builtin = Builtin.Concatenation;
    else if (n.op === 'in') builtin = Builtin.Membership;
    const p = this.set(n, { pre: 1, preOpt: 1, post: builtin === undefined ? Post.None : Post.Builtin, builtin });
    this.visit(l);
    this.visit(r);
    if (builtin !== undefined) this.keep(l, r);
    if (n.op === 'in' && r.op === 'list' && this.isConstant(r)) {
      // maybeOptimizeSetMembership: a constant list of primitives is a set; an empty one, false.
      const elems = nodes(r.args);
      if (elems.length === 0) p.constantFalse = true;
      else if (elems.every((e) => this.isPrimitiveConstant(e))) p.setMembership = true;
    }
  }

  /** A constant element the set membership test takes: a primitive literal or a conversion to one. */
  private isPrimitiveConstant(e: Node): boolean {
    if (e.op === 'value') return isPrimitive(e.args);
    if (isNegativeLiteral(e)) return true;
    if (e.op === 'call' && this.isConstant(e)) return ['bool', 'double', 'int', 'string', 'uint'].includes(callParts(e).name);
    return false;
  }

  private keep(...ns: Node[]): void {
    for (const n of ns) n[PLAN]!.keep = true;
  }

  private call(n: Node): void {
    const { name, receiver, args } = callParts(n);
    const folded = this.isConstant(n);
    let builtin: Builtin | undefined;
    if (n.op === 'rcall' && args.length === 1 && name === 'contains') builtin = Builtin.Contains;
    else if (n.op === 'rcall' && args.length === 1 && (name === 'startsWith' || name === 'endsWith')) builtin = Builtin.Prefix;
    else if (n.op === 'call' && args.length === 1 && (name === 'bytes' || name === 'string')) builtin = Builtin.Conversion;
    this.set(n, { pre: 1, preOpt: folded ? 0 : 1, folded, post: builtin === undefined ? Post.None : Post.Builtin, builtin });
    if (receiver) this.visit(receiver);
    for (const a of args) this.visit(a);
    if (builtin !== undefined) this.keep(...(receiver ? [receiver] : []), ...args);
    this.instantiation(name, n.op === 'rcall' ? args[0] : name === 'matches' ? args[1] : undefined);
  }

  /** decRegexOptimizer: a constant pattern is compiled when the program is built. */
  private instantiation(name: string, pattern: Node | undefined): void {
    if (!pattern || (name !== 'find' && name !== 'findAll' && name !== 'matches')) return;
    if (pattern.op !== 'value' || typeof pattern.args !== 'string') return;
    try {
      re2(pattern.args);
    } catch (e) {
      this.errors.push((e as Error).message);
    }
  }

  /** A chain of qualifiers over one operand (attributes.go: absolute, relative or conditional). */
  private chain(top: Node, pos: Position): void {
    const chain: Node[] = [];
    let n = top;
    while (QUALIFIERS.has(n.op)) (chain.push(n), (n = (n.args as Node[])[0]));
    const root = n;
    if (isConstIdent(root) && chain.every((q) => q.op === '.' || q.op === '.?')) {
      // A qualified name (`google.protobuf.Duration`): the checker resolves it, a constant.
      this.visit(root);
      for (const q of chain) this.set(q, {});
      return;
    }
    let extra = 0;
    if (root.op === 'id' || root.op === '?:') this.visit(root, pos);
    else {
      // A relative attribute: the operand is evaluated, the attribute observed when evaluated.
      this.visit(root);
      if (pos === 'eval') extra = 1;
    }
    let optional = root.checkedType?.kind === 'optional';
    let operand = root;
    for (let i = chain.length - 1; i >= 0; i--) {
      const q = chain[i];
      if (q.op === '.?' || q.op === '[?]') optional = true;
      this.set(q, { post: optional ? Post.OptionalQualifier : Post.Qualifier });
      operand[PLAN]!.operandOf = true;
      if (q.op === '[]' || q.op === '[?]') this.index((q.args as Node[])[1]);
      operand = q;
    }
    top[PLAN]!.pre += extra;
    top[PLAN]!.preOpt += extra;
  }

  /** planCallIndex: a constant qualifier, an attribute qualifier (resolved), or a relative one. */
  private index(i: Node): void {
    this.visit(i, isAttribute(i) ? 'resolve' : 'eval');
  }

  private macro(n: Node): void {
    const m = n.meta!.macro!;
    if (typeof m.plan === 'function') {
      this.set(n, m.plan(this));
      return;
    }
    const props = m.macroHasProps as Node[] | undefined;
    if (props) {
      // has(): every selection of the operand is a qualifier, the last a presence test
      // (PresenceTestHasCost(false) in the API server: the test itself costs nothing).
      this.set(n, { pre: props.length - 1, preOpt: props.length - 1, presence: true });
      const base = props[props.length - 1];
      this.visit(base, isAttribute(base) ? 'resolve' : 'eval');
      return;
    }
    if (isNode(m.receiver) && isNode(m.arg)) {
      // optional or / orValue (cel.OptionalTypes decorateOptionalOr): no cost of their own.
      this.set(n, {});
      this.visit(m.receiver);
      this.visit(m.arg);
      return;
    }
    this.set(n, { pre: 1, preOpt: 1 });
  }
}

const PLANNED = Symbol('kubeplan.planned');

/** Plans an expression once; the errors cel-go's Program() would report. */
export function planExpression(ast: Node & { [PLANNED]?: string[] }): string[] {
  if (!ast[PLANNED]) {
    const planner = new Planner();
    planner.visit(ast);
    ast[PLANNED] = planner.errors;
  }
  return ast[PLANNED];
}

/** The root of an evaluation (cel-js evaluates the root without Evaluator.run): planned, then run. */
export function root(ev: unknown, ast: Node, ctx: unknown): unknown {
  planExpression(ast);
  return run(ev, ast as never, ctx);
}
