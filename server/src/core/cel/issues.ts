import { goTypeText, type CheckedType } from './library/checkedType';
/**
 * A compile error in cel-go's words and layout (common/errors.go ToDisplayString), as the API
 * server puts it after "compilation failed: ":
 *   ERROR: <input>:1:5: undefined field 'missing'
 *    | self.missing > 1
 *    | ....^
 * cel-js reports the same errors in its own words; the common ones are translated to cel-go's, at
 * the place cel-go's parser gives the expression (a field selection at its '.', an operator at its
 * token, a call at its '(').
 */
const OPERATORS: Record<string, string> = {
  '==': '_==_', '!=': '_!=_', '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_',
  '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_', in: '@in',
};

/** A type as cel-go's FormatCELType prints it: list(int), map(string, int), optional_type(string). */
export function celGoType(t: string): string {
  return t
    .replace(/\boptional</g, 'optional_type<')
    .replace(/</g, '(')
    .replace(/>/g, ')');
}

function celGoMessage(message: string): string {
  let m = /^No such key: (.*)$/.exec(message);
  if (m) return `undefined field '${m[1]}'`;
  m = /^Unknown variable: (.*)$/.exec(message);
  if (m) return `undeclared reference to '${m[1]}' (in container '')`;
  m = /^no such overload: (.+) (==|!=|<=|>=|<|>|\+|-|\*|\/|%|in) (.+)$/.exec(message);
  if (m) return `found no matching overload for '${OPERATORS[m[2]]}' applied to '(${celGoType(m[1])}, ${celGoType(m[3])})'`;
  // cel-go's ValidateHomogeneousAggregateLiterals
  m = /^(?:List elements must have the same type|Map (?:key|value) uses wrong type), expected type '(.*)' but found '(.*)'$/.exec(message);
  if (m) return `expected type '${celGoType(m[1])}' but found '${celGoType(m[2])}'`;
  return message;
}

interface AstNode {
  op?: string;
  pos?: number;
  start?: number;
  end?: number;
  args?: unknown;
}

const BINARY = new Set(['==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'in', '&&', '||']);

/** Where cel-go's parser locates an expression (its ID's offset), from cel-js's node. */
export function celGoOffset(node: AstNode | undefined, source: string, fallback: number): number {
  if (!node || typeof node.op !== 'string') return fallback;
  const args = Array.isArray(node.args) ? (node.args as AstNode[]) : [];
  const after = (s: string, from: number | undefined) => {
    const i = source.indexOf(s, from ?? 0);
    return i < 0 ? fallback : i;
  };
  switch (node.op) {
    case '.':
    case '.?': {
      const i = source.lastIndexOf('.', (node.pos ?? fallback) - 1);
      return i < 0 ? fallback : i;
    }
    case 'call':
      return after('(', node.start);
    case 'rcall':
      return after('(', (args[1] as AstNode | undefined)?.end);
    case '[]':
    case '[?]':
      return after('[', args[0]?.end);
  }
  if (BINARY.has(node.op) && args.length === 2) return after(node.op, args[0]?.end);
  return fallback;
}

/** One error of a source at a UTF-16 offset, as cel-go displays it (columns count code points). */
export function displayIssue(message: string, at: number, source: string): string {
  at = Math.min(Math.max(at, 0), source.length);
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = source.indexOf('\n', at);
  const line = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const lineNumber = source.slice(0, lineStart).split('\n').length;
  const before = Array.from(source.slice(lineStart, at));
  const under = Array.from(source.slice(at))[0];
  // Multi-byte UTF-8 characters are marked with wide dots (common/error.go).
  const dots = before.map((c) => (c.codePointAt(0)! < 0x80 ? '.' : '\uff0e')).join('');
  const caret = under !== undefined && under.codePointAt(0)! >= 0x80 ? '\uff3e' : '^';
  return `ERROR: <input>:${lineNumber}:${before.length + 1}: ${message}\n | ${line.replace(/\t/g, ' ')}\n | ${dots}${caret}`;
}

export function celGoIssue(error: unknown, source: string): string {
  const e = error as { summary?: string; message?: string; range?: { start: number }; node?: AstNode };
  const message = celGoMessage(e.summary ?? String(e.message ?? error));
  return displayIssue(message, celGoOffset(e.node, source, e.range?.start ?? 0), source);
}

/** Several errors, in source order, one display each (Errors.ToDisplayString). */
export function celGoIssues(issues: Array<{ at: number; message: string }>, source: string): string {
  return [...issues]
    .sort((a, b) => a.at - b.at)
    .map((i) => displayIssue(i.message, i.at, source))
    .join('\n');
}

interface Registry {
  functionCandidates(receiver: boolean, name: string, arity: number): { declarations: unknown[] };
}

/**
 * The checker's error for a call no overload takes (cel-go checker/errors.go): an undeclared
 * function is an undeclared reference; otherwise the argument types, after the receiver's for a
 * member call: "found no matching overload for 'sum' applied to 'list(string).()'".
 */
export function noMatchingOverload(registry: Registry, name: string, receiver: CheckedType | null, args: CheckedType[]): string {
  // cel-go looks a function up by name; cel-js keeps its overloads by call style and arity.
  const declared = [true, false].some((member) => Array.from({ length: 10 }, (_, n) => registry.functionCandidates(member, name, n).declarations.length > 0).some(Boolean));
  if (!declared) return `undeclared reference to '${name}' (in container '')`;
  const list = args.map(goTypeText).join(', ');
  return `found no matching overload for '${name}' applied to '${receiver ? `${goTypeText(receiver)}.` : ''}(${list})'`;
}
