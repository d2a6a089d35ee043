/**
 * CRD `pattern`s are Go RE2 expressions; JavaScript's RegExp differs in a few spellings. This
 * translates the common ones (inline flags such as `(?i)`, `\A`, `\z`, POSIX classes) and, when a
 * pattern still cannot be compiled, accepts every value rather than report a false error.
 */
const POSIX: Record<string, string> = {
  '[:alpha:]': 'A-Za-z',
  '[:digit:]': '0-9',
  '[:alnum:]': 'A-Za-z0-9',
  '[:upper:]': 'A-Z',
  '[:lower:]': 'a-z',
  '[:space:]': '\\s',
  '[:xdigit:]': '0-9A-Fa-f',
  '[:word:]': '\\w',
};

export interface RegExpLike {
  test(s: string): boolean;
}

const ACCEPT_ALL: RegExpLike = { test: () => true };

/** ajv's `code.regExp` engine (the `code` field only matters for standalone code, unused here). */
export const goRegExpEngine = Object.assign((pattern: string, flags: string) => goRegExp(pattern, flags), { code: 'goRegExp' });

export function goRegExp(pattern: string, flags = 'u'): RegExpLike {
  let source = pattern;
  let extra = '';
  source = source.replace(/\(\?([imsU]+)\)/g, (_m, f: string) => {
    for (const c of f) if ('ims'.includes(c) && !extra.includes(c)) extra += c;
    return '';
  });
  source = source.replace(/\\A/g, '^').replace(/\\z/g, '$');
  for (const [posix, js] of Object.entries(POSIX)) source = source.split(posix).join(js);
  for (const f of [flags + extra, extra]) {
    try {
      return new RegExp(source, f);
    } catch {
      // try without the unicode flag, then give up
    }
  }
  return ACCEPT_ALL;
}
