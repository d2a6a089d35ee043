import type { Severity } from '../finding';
import type { Rule } from '../rules';

/** A finding inside one document, with offsets relative to that document's text (cacheable). */
export interface DocFinding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes?: DocFix[];
}
export interface DocFix {
  title: string;
  edits: Array<{ start: number; end: number; newText: string }>;
  disabled?: string;
}

export function docFinding(rule: Rule, message: string, span: [number, number], fixes?: DocFix[]): DocFinding {
  const f: DocFinding = { code: rule.code, severity: rule.severity, message, start: span[0], end: span[1] };
  if (fixes?.length) f.fixes = fixes;
  return f;
}
