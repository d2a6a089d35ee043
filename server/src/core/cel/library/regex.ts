import type { Environment } from '@marcbachmann/cel-js';
import { REGEX_STRING_LENGTH_COST_FACTOR, traversalCost } from '../cost';
import { re2 } from '../re2';
import { callCost } from './callCost';
import { actualSize, celError } from './values';

/**
 * The regex library (k8s.io/apiserver/pkg/cel/library/regex.go, in every version): find and findAll
 * with RE2, Go's regexp.FindString / FindAllString semantics (an empty match right after the previous
 * match is skipped). A pattern that does not compile is "Illegal regex: error parsing regexp: …" at
 * run time (a constant pattern fails earlier upstream, when the program is built).
 */
function compile(pattern: string) {
  try {
    return re2(pattern);
  } catch (e) {
    throw celError(`Illegal regex: ${(e as Error).message}`);
  }
}

/** regexp.allMatches: up to n (all when n < 0) non-overlapping matches. */
export function findAll(s: string, pattern: string, n: number): string[] {
  const m = compile(pattern).matcher(s);
  const out: string[] = [];
  let prevMatchEnd = -1;
  for (let pos = 0; out.length !== n && pos <= s.length; ) {
    if (!m.find(pos)) break;
    const [start, end] = [m.start(), m.end()];
    let accept = true;
    if (end === pos && start === end) {
      // An empty match: not right after the previous match; move on one character.
      if (start === prevMatchEnd) accept = false;
      pos += pos < s.length ? String.fromCodePoint(s.codePointAt(pos)!).length : 1;
    } else {
      pos = end;
    }
    prevMatchEnd = end;
    if (accept) out.push(s.slice(start, end));
  }
  return out;
}

/** cost.go "find"/"findAll": (1 + string size) × 0.1, times the pattern size × 0.25, both rounded up. */
const chargeRegex = (s: string, pattern: string): void =>
  callCost(traversalCost(1 + actualSize(s)) * traversalCost(actualSize(pattern), REGEX_STRING_LENGTH_COST_FACTOR));

function register(env: Environment): void {
  env.registerFunction('string.find(string): string', (s: string, pattern: string) => {
    chargeRegex(s, pattern);
    const m = compile(pattern).matcher(s);
    return m.find() ? s.slice(m.start(), m.end()) : '';
  });
  env.registerFunction('string.findAll(string): list<string>', (s: string, pattern: string) => {
    chargeRegex(s, pattern);
    return findAll(s, pattern, -1);
  });
  env.registerFunction('string.findAll(string, int): list<string>', (s: string, pattern: string, n: bigint) => {
    chargeRegex(s, pattern);
    // int(n) in Go: an int64 beyond the JavaScript range means "no limit" here as there.
    return findAll(s, pattern, n > BigInt(Number.MAX_SAFE_INTEGER) || n < 0n ? -1 : Number(n));
  });
}

export const regexLibrary = { name: 'kubernetes.regex', since: 0, register };
