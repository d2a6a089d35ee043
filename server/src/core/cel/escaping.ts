/**
 * How a schema property name is spelled in CEL (k8s.io/apiserver/pkg/cel/escaping.go): CEL keywords
 * become `__keyword__`, and `__`, `.`, `-`, `/` become `__underscores__`, `__dot__`, `__dash__`,
 * `__slash__`. Names that cannot be escaped (a leading digit, other characters) are not accessible.
 */
export const RESERVED = new Set([
  'true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if',
  'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while',
]);
const ESCAPES: Record<string, string> = { __: '__underscores__', '.': '__dot__', '-': '__dash__', '/': '__slash__' };

export function escapeName(ident: string): string | undefined {
  if (ident === '' || (ident[0] >= '0' && ident[0] <= '9')) return undefined;
  if (RESERVED.has(ident)) return `__${ident}__`;
  if (/[^a-zA-Z0-9_.\-/]/.test(ident)) return undefined;
  return ident.replace(/__|[.\-/]/g, (s) => ESCAPES[s]);
}
