/**
 * A compile error in cel-go's words and layout (common/errors.go ToDisplayString), as the API
 * server puts it after "compilation failed: ":
 *   ERROR: <input>:1:6: undefined field 'missing'
 *    | self.missing > 1
 *    | .....^
 * cel-js reports the same errors in its own words; the common ones are translated to cel-go's.
 */
const OPERATORS: Record<string, string> = {
  '==': '_==_', '!=': '_!=_', '+': '_+_', '-': '_-_', '*': '_*_', '/': '_/_', '%': '_%_',
  '<': '_<_', '<=': '_<=_', '>': '_>_', '>=': '_>=_', in: '@in',
};

function celGoMessage(message: string): string {
  let m = /^No such key: (.*)$/.exec(message);
  if (m) return `undefined field '${m[1]}'`;
  m = /^Unknown variable: (.*)$/.exec(message);
  if (m) return `undeclared reference to '${m[1]}' (in container '')`;
  m = /^no such overload: (\S+) (\S+) (\S+)$/.exec(message);
  if (m && OPERATORS[m[2]]) return `found no matching overload for '${OPERATORS[m[2]]}' applied to '(${m[1]}, ${m[3]})'`;
  return message;
}

export function celGoIssue(error: unknown, source: string): string {
  const e = error as { summary?: string; message?: string; range?: { start: number } };
  const message = celGoMessage(e.summary ?? String(e.message ?? error));
  const at = Math.min(Math.max(e.range?.start ?? 0, 0), source.length);
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = source.indexOf('\n', at);
  const line = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  const lineNumber = source.slice(0, lineStart).split('\n').length;
  const column = at - lineStart;
  return `ERROR: <input>:${lineNumber}:${column + 1}: ${message}\n | ${line}\n | ${'.'.repeat(column)}^`;
}
