import { RE2JS } from 're2js';
import { charge, codePoints, REGEX_STRING_LENGTH_COST_FACTOR, traversalCost } from './cost';

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
 * `string.matches(string)`: an unanchored search, as regexp.MatchString does. It costs
 * ceil((1 + size) × 0.1) × ceil(pattern size × 0.25), sizes in code points (cel-go
 * interpreter/runtimecost.go costCall, MatchesString).
 */
export function re2Matches(s: string, pattern: string): boolean {
  charge(traversalCost(codePoints(s) + 1) * traversalCost(codePoints(pattern), REGEX_STRING_LENGTH_COST_FACTOR));
  return re2(pattern).matcher(s).find();
}
