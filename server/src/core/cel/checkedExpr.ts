import type { CheckedType } from './library/checkedType';

/**
 * A checked expression as cel-go's cost estimator walks it (common/ast: literal, ident, select,
 * call with its overload IDs, list, map, comprehension), made from cel-js's checked nodes: the
 * macros expanded as cel-go's parser expands them (parser/macro.go all, exists, exists_one, map,
 * filter, has; ext/comprehensions.go; ext/bindings.go cel.bind; ext/lists.go sortBy), operators
 * as the calls they are (`_==_`, `_[_]`, `_?_:_`, `@in`…), namespaced functions
 * (`strings.quote`, `sets.contains`, `ip.isCanonical`) as global calls, and each call with the
 * standard overloads cel-go's checker keeps for its argument types (all that a `dyn` argument
 * could take).
 */
type GoKind =
  | 'bool' | 'int' | 'uint' | 'double' | 'string' | 'bytes' | 'duration' | 'timestamp' | 'null'
  | 'list' | 'map' | 'struct' | 'opaque' | 'dyn' | 'type' | 'typeParam';

export interface GoType {
  kind: GoKind;
  name: string;
  /** list: [element]; map: [key, value]; optional_type: [value]. */
  params: GoType[];
}

interface Base {
  type: GoType;
}
interface Literal extends Base { kind: 'literal'; value: unknown }
interface Ident extends Base { kind: 'ident'; name: string }
interface Select extends Base { kind: 'select'; operand: Expr; field: string; testOnly: boolean }
export interface Call extends Base { kind: 'call'; fn: string; target?: Expr; args: Expr[]; overloads: string[] }
interface ListExpr extends Base { kind: 'list'; elements: Expr[] }
interface MapExpr extends Base { kind: 'map'; entries: [Expr, Expr][] }
export interface Comprehension extends Base {
  kind: 'comprehension';
  iterRange: Expr;
  iterVar: string;
  iterVar2?: string;
  accuVar: string;
  accuInit: Expr;
  loopCondition: Expr;
  loopStep: Expr;
  result: Expr;
}
export type Expr = Literal | Ident | Select | Call | ListExpr | MapExpr | Comprehension;

const t = (kind: GoKind, name: string = kind, params: GoType[] = []): GoType => ({ kind, name, params });
const DYN = t('dyn');
const BOOL = t('bool');
const INT = t('int');
const STRING = t('string');
const listOf = (e: GoType): GoType => t('list', 'list', [e]);
const mapOf = (k: GoType, v: GoType): GoType => t('map', 'map', [k, v]);

/** Types cel-go declares as opaque (common/types OpaqueType) rather than object types. */
const OPAQUE = new Set(['net.IP', 'net.CIDR']);
const PRIMITIVES: Record<string, GoKind> = {
  bool: 'bool', int: 'int', uint: 'uint', double: 'double', string: 'string', bytes: 'bytes', null: 'null', null_type: 'null', type: 'type',
  'google.protobuf.Duration': 'duration', 'google.protobuf.Timestamp': 'timestamp',
};

/** cel-js's checked type as cel-go's. */
function goType(c: CheckedType | undefined): GoType {
  if (!c) return DYN;
  switch (c.kind) {
    case 'dyn':
      return DYN;
    case 'param':
      return t('typeParam', c.name);
    case 'list':
      return listOf(goType(c.valueType));
    case 'map':
      return mapOf(goType(c.keyType), goType(c.valueType));
    case 'optional':
      return t('opaque', 'optional_type', [goType(c.valueType)]);
  }
  if (PRIMITIVES[c.name]) return t(PRIMITIVES[c.name]);
  return OPAQUE.has(c.name) ? t('opaque', c.name) : t('struct', c.name);
}

interface Node {
  op: string;
  args: unknown;
  start?: number;
  input?: string;
  checkedType?: CheckedType;
  meta?: { alternate?: Node; macro?: Record<string, unknown> };
}

const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && typeof (x as Node).op === 'string';

/** `-1`, `- 2.5`: one literal for cel-go's parser; `-(1)` is a negation. */
function negativeLiteral(n: Node): Node | undefined {
  if (n.op !== '-_' || !isNode(n.args) || n.args.op !== 'value') return undefined;
  const v = n.args.args;
  if (typeof v !== 'bigint' && typeof v !== 'number') return undefined;
  const between = n.input?.slice((n.start ?? 0) + 1, n.args.start) ?? '';
  return /^\s*$/.test(between) ? n.args : undefined;
}

const BINARY_FUNCTIONS: Record<string, string> = {
  '==': '_==_', '!=': '_!=_', '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_',
  '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_', in: '@in',
};
const ORDERING: Record<string, string> = { '<': 'less', '<=': 'less_equals', '>': 'greater', '>=': 'greater_equals' };

/**
 * The overloads cel-go's checker keeps for a call (checker.go resolveOverload: every declared
 * overload its argument types are assignable to). Only the overloads the estimator tells apart
 * are named; the others are one generic name each, which costs what any O(1) call costs.
 */
function overloadsOf(fn: string, target: GoType | undefined, args: GoType[], op?: string): string[] {
  const isDyn = (x: GoType | undefined) => !x || x.kind === 'dyn' || x.kind === 'typeParam';
  const can = (x: GoType | undefined, kind: GoKind) => isDyn(x) || x!.kind === kind;
  const both = (kind: GoKind) => args.length === 2 && can(args[0], kind) && can(args[1], kind);
  const out: string[] = [];
  const other = () => out.push(`${fn}#other`);
  if (op === '==') return ['equals'];
  if (op === '!=') return ['not_equals'];
  if (op && ORDERING[op]) {
    const name = ORDERING[op];
    if (both('string')) out.push(`${name}_string`);
    if (both('bytes')) out.push(`${name}_bytes`);
    if (!(args.every((a) => a.kind === 'string') || args.every((a) => a.kind === 'bytes'))) other();
    return out;
  }
  if (op === '+') {
    if (both('string')) out.push('add_string');
    if (both('bytes')) out.push('add_bytes');
    if (both('list')) out.push('add_list');
    if (!args.every((a) => a.kind === 'string' || a.kind === 'bytes' || a.kind === 'list')) other();
    return out;
  }
  if (op === 'in') {
    if (can(args[1], 'list')) out.push('in_list');
    if (can(args[1], 'map')) out.push('in_map');
    return out.length ? out : ['in#other'];
  }
  if (op === '[]') {
    if (can(args[0], 'list')) out.push('index_list');
    if (isDyn(args[0]) || args[0].kind !== 'list') out.push('index_map');
    return out;
  }
  if (op) return [`${fn}#other`];
  if (!target) {
    if (fn === 'bytes' && args.length === 1) {
      if (can(args[0], 'string')) out.push('string_to_bytes');
      if (args[0].kind !== 'string') other();
      return out;
    }
    if (fn === 'string' && args.length === 1) {
      if (can(args[0], 'bytes')) out.push('bytes_to_string');
      if (args[0].kind !== 'bytes') other();
      return out;
    }
    if (fn === 'strings.quote') return ['strings_quote'];
    if (fn === 'lists.range') return ['lists_range'];
    if (fn.startsWith('sets.')) return [`list_sets_${fn.slice(5)}_list`];
    return [fn];
  }
  const onString = (id: string) => (can(target, 'string') ? [id] : [`${fn}#other`]);
  switch (fn) {
    case 'contains':
      return onString('contains_string');
    case 'startsWith':
      return onString('starts_with_string');
    case 'endsWith':
      return onString('ends_with_string');
    case 'matches':
      return onString('matches_string');
    case 'format':
      return onString('string_format');
    case 'ip':
      return ['cidr_ip'];
    case 'containsIP':
      return args[0] && can(args[0], 'string') ? (isDyn(args[0]) ? ['cidr_contains_ip_string', 'cidr_contains_ip_ip'] : ['cidr_contains_ip_string']) : ['cidr_contains_ip_ip'];
    case 'containsCIDR':
      return args[0] && can(args[0], 'string') ? (isDyn(args[0]) ? ['cidr_contains_cidr_string', 'cidr_contains_cidr'] : ['cidr_contains_cidr_string']) : ['cidr_contains_cidr'];
    case 'slice':
      return ['list_slice'];
    case 'flatten':
      return [args.length ? 'list_flatten_int' : 'list_flatten'];
    case 'reverse':
      return ['list_reverse'];
    case 'distinct':
      return ['list_distinct'];
    case 'sort':
      return [`list_${elementTypeName(target)}_sort`];
    case '@sortByAssociatedKeys':
      return [`list_${elementTypeName(args[0])}_sortByAssociatedKeys`];
  }
  return [`${fn}#member`];
}

/** cel-go's type name of a list's elements, as ext/lists.go names its sort overloads. */
function elementTypeName(list: GoType | undefined): string {
  const e = list?.kind === 'list' ? list.params[0] : undefined;
  if (!e) return 'dyn';
  return e.kind === 'duration' ? 'google.protobuf.Duration' : e.kind === 'timestamp' ? 'google.protobuf.Timestamp' : e.name;
}

/** The accumulator's name in cel-go's macros: `__result__` up to 1.32 (cel-go 0.22), `@result` since. */
const accumulator = (minor: number): string => (minor >= 33 ? '@result' : '__result__');

/** Turns cel-js's checked expression into cel-go's. */
export class ExprBuilder {
  constructor(private readonly minor: number) {}

  build(n: Node): Expr {
    const literal = negativeLiteral(n);
    if (literal) return { kind: 'literal', value: typeof literal.args === 'bigint' ? -literal.args : -(literal.args as number), type: goType(n.checkedType) };
    if (n.meta?.macro) return this.macro(n);
    const type = goType(n.checkedType);
    switch (n.op) {
      case 'value':
        return { kind: 'literal', value: n.args, type };
      case 'id':
        return { kind: 'ident', name: n.args as string, type };
      case '.': {
        const [operand, field] = n.args as [Node, string];
        return { kind: 'select', operand: this.build(operand), field, testOnly: false, type };
      }
      case '.?': {
        const [operand, field] = n.args as [Node, string];
        return this.call('_?._', undefined, [this.build(operand), { kind: 'literal', value: field, type: STRING }], type, ['select_optional_field']);
      }
      case '[]': {
        const [operand, index] = (n.args as Node[]).map((a) => this.build(a));
        return this.call('_[_]', undefined, [operand, index], type, undefined, '[]');
      }
      case '[?]': {
        const [operand, index] = (n.args as Node[]).map((a) => this.build(a));
        return this.call('_[?_]', undefined, [operand, index], type, ['optional_index']);
      }
      case '?:':
        return this.call('_?_:_', undefined, (n.args as Node[]).map((a) => this.build(a)), type, ['conditional']);
      case '&&':
        return this.call('_&&_', undefined, (n.args as Node[]).map((a) => this.build(a)), type, ['logical_and']);
      case '||':
        return this.call('_||_', undefined, (n.args as Node[]).map((a) => this.build(a)), type, ['logical_or']);
      case '!_':
        return this.call('!_', undefined, [this.build(n.args as Node)], type, ['logical_not']);
      case '-_':
        return this.call('-_', undefined, [this.build(n.args as Node)], type, ['negate']);
      case 'list':
        return { kind: 'list', elements: (n.args as Node[]).map((a) => this.build(a)), type };
      case 'map':
        return { kind: 'map', entries: (n.args as Node[][]).map(([k, v]) => [this.build(k), this.build(v)] as [Expr, Expr]), type };
      case 'call': {
        const [name, args] = n.args as [string, Node[]];
        return this.call(name, undefined, args.map((a) => this.build(a)), type);
      }
      case 'rcall': {
        const [name, receiver, args] = n.args as [string, Node, Node[]];
        // A constant receiver is a namespace: cel-go's function is named `strings.quote`.
        if (receiver.op === 'id' && receiver.meta?.alternate) return this.call(`${receiver.args as string}.${name}`, undefined, args.map((a) => this.build(a)), type);
        return this.call(name, this.build(receiver), args.map((a) => this.build(a)), type);
      }
    }
    const fn = BINARY_FUNCTIONS[n.op];
    if (fn) return this.call(fn, undefined, (n.args as Node[]).map((a) => this.build(a)), type, undefined, n.op);
    return this.call(n.op, undefined, [], type);
  }

  private call(fn: string, target: Expr | undefined, args: Expr[], type: GoType, overloads?: string[], op?: string): Call {
    return { kind: 'call', fn, target, args, type, overloads: overloads ?? overloadsOf(fn, target?.type, args.map((a) => a.type), op) };
  }

  private ident(name: string, type: GoType): Ident {
    return { kind: 'ident', name, type };
  }

  private lit(value: unknown, type: GoType): Literal {
    return { kind: 'literal', value, type };
  }

  private macro(n: Node): Expr {
    const m = n.meta!.macro!;
    const type = goType(n.checkedType);
    if (Array.isArray(m.macroHasProps)) return this.has(m.macroHasProps as Node[]);
    if (typeof m.kind === 'string' && isNode(m.range)) return this.fold(m as unknown as Fold, type);
    if (typeof m.name === 'string' && isNode(m.init) && isNode(m.body)) {
      // cel.bind(name, init, body) (ext/bindings.go).
      const init = this.build(m.init);
      return this.comprehension(this.emptyList(), '#unused', undefined, m.name, init, this.lit(false, BOOL), this.ident(m.name, init.type), this.build(m.body), type);
    }
    if (isNode(m.target) && isNode(m.key) && typeof m.name === 'string') return this.sortBy(m as unknown as SortBy, type);
    if (isNode(m.receiver) && isNode(m.arg)) {
      // optional or / orValue: member calls of their own (cel.OptionalTypes).
      const fn = String(m.functionDesc ?? '').includes('orValue') ? 'orValue' : 'or';
      return this.call(fn, this.build(m.receiver), [this.build(m.arg)], type, [`optional_${fn}`]);
    }
    return this.call('macro', undefined, [], type);
  }

  /** has(a.b.c): a presence test of `c` on `a.b` (parser/macro.go MakeHas). */
  private has(props: Node[]): Expr {
    let e = this.build(props[props.length - 1]);
    for (let i = props.length - 2; i >= 0; i--) {
      const field = (props[i].args as [Node, string])[1];
      const testOnly = i === 0;
      e = { kind: 'select', operand: e, field, testOnly, type: testOnly ? BOOL : goType(props[i].checkedType) };
    }
    return e;
  }

  private emptyList(): ListExpr {
    return { kind: 'list', elements: [], type: listOf(DYN) };
  }

  private comprehension(iterRange: Expr, iterVar: string, iterVar2: string | undefined, accuVar: string, accuInit: Expr, loopCondition: Expr, loopStep: Expr, result: Expr, type: GoType): Comprehension {
    return { kind: 'comprehension', iterRange, iterVar, iterVar2, accuVar, accuInit, loopCondition, loopStep, result, type };
  }

  /** The standard macros (parser/macro.go) and the two-variable ones (ext/comprehensions.go). */
  private fold(f: Fold, type: GoType): Comprehension {
    const accu = accumulator(this.minor);
    const range = this.build(f.range);
    const body = this.build(f.body);
    const filter = f.filter && f.kind !== 'filter' ? this.build(f.filter) : undefined;
    const accuIdent = (ty: GoType) => this.ident(accu, ty);
    const make = (init: Expr, cond: Expr, step: Expr, result: Expr) => this.comprehension(range, f.var1, f.var2, accu, init, cond, step, result, type);
    switch (f.kind) {
      case 'all':
        return make(this.lit(true, BOOL), this.call('@not_strictly_false', undefined, [accuIdent(BOOL)], BOOL, ['not_strictly_false']), this.call('_&&_', undefined, [accuIdent(BOOL), body], BOOL, ['logical_and']), accuIdent(BOOL));
      case 'exists': {
        const not = this.call('!_', undefined, [accuIdent(BOOL)], BOOL, ['logical_not']);
        return make(this.lit(false, BOOL), this.call('@not_strictly_false', undefined, [not], BOOL, ['not_strictly_false']), this.call('_||_', undefined, [accuIdent(BOOL), body], BOOL, ['logical_or']), accuIdent(BOOL));
      }
      case 'existsOne': {
        const inc = this.call('_+_', undefined, [accuIdent(INT), this.lit(1n, INT)], INT, ['add_int64']);
        const step = this.call('_?_:_', undefined, [body, inc, accuIdent(INT)], INT, ['conditional']);
        return make(this.lit(0n, INT), this.lit(true, BOOL), step, this.call('_==_', undefined, [accuIdent(INT), this.lit(1n, INT)], BOOL, ['equals']));
      }
      case 'map':
      case 'transformList': {
        const list = listOf(body.type);
        let step: Expr = this.call('_+_', undefined, [accuIdent(list), { kind: 'list', elements: [body], type: list }], list, ['add_list']);
        if (filter) step = this.call('_?_:_', undefined, [filter, step, accuIdent(list)], list, ['conditional']);
        return make({ kind: 'list', elements: [], type: list }, this.lit(true, BOOL), step, accuIdent(list));
      }
      case 'filter': {
        // filter(x, p): p ? @result + [x] : @result, with the predicate as the fold's body.
        const list = type.kind === 'list' ? type : listOf(DYN);
        const add = this.call('_+_', undefined, [accuIdent(list), { kind: 'list', elements: [body], type: list }], list, ['add_list']);
        const predicate = this.build(f.filter!);
        return make({ kind: 'list', elements: [], type: list }, this.lit(true, BOOL), this.call('_?_:_', undefined, [predicate, add, accuIdent(list)], list, ['conditional']), accuIdent(list));
      }
      case 'transformMap':
      case 'transformMapEntry': {
        const map = type.kind === 'map' ? type : mapOf(DYN, DYN);
        const args = f.kind === 'transformMap' ? [accuIdent(map), this.ident(f.var1, range.type.kind === 'list' ? INT : range.type.params[0] ?? DYN), body] : [accuIdent(map), body];
        let step: Expr = this.call('cel.@mapInsert', undefined, args, map, ['cel_@mapInsert']);
        if (filter) step = this.call('_?_:_', undefined, [filter, step, accuIdent(map)], map, ['conditional']);
        return make({ kind: 'map', entries: [], type: map }, this.lit(true, BOOL), step, accuIdent(map));
      }
    }
    return make(this.lit(true, BOOL), this.lit(true, BOOL), this.lit(true, BOOL), accuIdent(BOOL));
  }

  /**
   * sortBy(e, key) (ext/lists.go sortByMacro): cel.bind(@__sortBy_input__, target,
   * @__sortBy_input__.@sortByAssociatedKeys(@__sortBy_input__.map(e, key))).
   */
  private sortBy(m: SortBy, type: GoType): Comprehension {
    const name = '@__sortBy_input__';
    const target = this.build(m.target);
    const input = () => this.ident(name, target.type);
    const key = this.build(m.key);
    const keys = listOf(key.type);
    const accu = accumulator(this.minor);
    const step = this.call('_+_', undefined, [this.ident(accu, keys), { kind: 'list', elements: [key], type: keys }], keys, ['add_list']);
    const map = this.comprehension(input(), m.name, undefined, accu, { kind: 'list', elements: [], type: keys }, this.lit(true, BOOL), step, this.ident(accu, keys), keys);
    const sort = this.call('@sortByAssociatedKeys', input(), [map], type);
    return this.comprehension(this.emptyList(), '#unused', undefined, name, target, this.lit(false, BOOL), input(), sort, type);
  }
}

interface Fold {
  kind: 'all' | 'exists' | 'existsOne' | 'map' | 'filter' | 'transformList' | 'transformMap' | 'transformMapEntry';
  range: Node;
  var1: string;
  var2?: string;
  filter?: Node;
  body: Node;
}

interface SortBy {
  target: Node;
  name: string;
  key: Node;
}
