import { evaluate } from '@marcbachmann/cel-js';
import { re2 } from './re2';

/**
 * cel-go's literal validators, in the API server's environment from 1.29 (environment/base.go:
 * ValidateDurationLiterals, ValidateTimestampLiterals, ValidateRegexLiterals; cel-go
 * cel/validator.go): a call of `duration`, `timestamp` or `matches` whose first argument is a
 * literal is evaluated (the pattern compiled) when the rule compiles, and a failure is a compile
 * error at the literal: "invalid <function> argument". As cel-go, the first argument of a call
 * (the receiver is not one): the pattern of `s.matches(p)`, the string of `matches(s, p)`.
 */
interface Node {
  op: string;
  pos: number;
  args: unknown;
}

const isNode = (x: unknown): x is Node => !!x && typeof x === 'object' && typeof (x as Node).op === 'string';

/** A literal as cel-go's parser makes it: a constant, or a negated number (`-1` is one literal). */
function literal(n: Node | undefined): { value: unknown } | undefined {
  if (!n) return undefined;
  if (n.op === 'value') return { value: n.args };
  if (n.op === '-_' && isNode(n.args) && n.args.op === 'value' && (typeof n.args.args === 'bigint' || typeof n.args.args === 'number')) {
    return { value: -(n.args.args as number) };
  }
  return undefined;
}

const CHECKS: Record<string, (value: unknown) => boolean> = {
  duration: (v) => evaluates('duration(v)', v),
  timestamp: (v) => evaluates('timestamp(v)', v),
  matches: (v) => {
    if (typeof v !== 'string') return true;
    try {
      re2(v);
      return true;
    } catch {
      return false;
    }
  },
};

function evaluates(expression: string, v: unknown): boolean {
  try {
    evaluate(expression, { v });
    return true;
  } catch {
    return false;
  }
}

export function literalIssues(ast: unknown): Array<{ at: number; message: string }> {
  const issues: Array<{ at: number; message: string }> = [];
  const seen = new Set<unknown>();
  const walk = (x: unknown): void => {
    if (!x || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (Array.isArray(x)) return x.forEach(walk);
    if (!isNode(x)) return;
    const args = Array.isArray(x.args) ? (x.args as unknown[]) : [];
    if ((x.op === 'call' || x.op === 'rcall') && typeof args[0] === 'string' && CHECKS[args[0]]) {
      const callArgs = (x.op === 'call' ? args[1] : args[2]) as Node[] | undefined;
      const first = Array.isArray(callArgs) ? callArgs[0] : undefined;
      const lit = literal(first);
      if (lit && first && !CHECKS[args[0]](lit.value)) issues.push({ at: first.pos, message: `invalid ${args[0]} argument` });
    }
    if (Array.isArray(x.args)) x.args.forEach(walk);
    else walk(x.args);
  };
  walk(ast);
  return issues;
}
