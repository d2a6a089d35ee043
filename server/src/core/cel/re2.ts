import { RE2JS } from 're2js';
import { charge, REGEX_STRING_LENGTH_COST_FACTOR, traversalCost } from './cost';

/**
 * CEL's regular expressions are RE2 (Go's regexp), not JavaScript's: `(?i)` works, lookbehind does
 * not exist, `\d` is ASCII. Compiled patterns are kept: rules use a few constant patterns.
 */
const compiled = new Map<string, RE2JS>();

export function re2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    if (compiled.size >= 500) compiled.clear();
    re = RE2JS.compile(pattern); // throws Go's "error parsing regexp: …"
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * `string.matches(string)`: an unanchored search, as regexp.MatchString does; it costs the string's
 * traversal times the pattern's (cel-go interpreter/runtimecost.go).
 */
export function re2Matches(s: string, pattern: string): boolean {
  charge(traversalCost(s.length) * traversalCost(pattern.length, REGEX_STRING_LENGTH_COST_FACTOR));
  return re2(pattern).matcher(s).find();
}
