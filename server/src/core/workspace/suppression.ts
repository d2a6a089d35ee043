import type { Finding, Severity } from '../finding';
import type { LineIndex } from '../text/lineIndex';

/**
 * Findings the user silenced or re-ranked, as linters let them, applied to every finding of a file
 * whatever its source (the documents' checks, the simulation, the workspace's assumptions):
 * - the setting `kubeplan.severity` (CLI: none), a severity per code, or `off`;
 * - `# kubeplan-disable KP123` anywhere in the file (no codes: all), for the whole file;
 * - `# kubeplan-disable-next-line KP123, KP456` (no codes: all), for the line after it;
 * - the annotation `kubeplan.dev/ignore: "KP123,KP456"` on an object, for that object's document.
 */
const NEXT_LINE = /#\s*kubeplan-disable-next-line\b([^\n]*)/g;
const FILE = /#\s*kubeplan-disable(?!-)\b([^\n]*)/g;
export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';

type Codes = Set<string> | 'all';

const codesOf = (rest: string): Codes => {
  const codes = rest.match(/KP\d{3}/g);
  return codes ? new Set(codes) : 'all';
};
const matches = (codes: Codes | undefined, code: string): boolean => codes !== undefined && (codes === 'all' || codes.has(code));

/** What a file's text says to silence, read once per text. */
export interface FileSuppressions {
  file?: Codes;
  /** By the line a `kubeplan-disable-next-line` comment applies to. */
  lines: Map<number, Codes>;
  /** Whether any document carries the ignore annotation (then `annotationAt` is asked). */
  annotations: boolean;
}

export function suppressionsOf(text: string, lines: LineIndex): FileSuppressions {
  const out: FileSuppressions = { lines: new Map(), annotations: text.includes(IGNORE_ANNOTATION) };
  if (!text.includes('kubeplan-disable')) return out;
  for (const m of text.matchAll(FILE)) {
    const codes = codesOf(m[1]);
    out.file = codes === 'all' || out.file === 'all' ? 'all' : new Set([...(out.file ?? []), ...codes]);
  }
  for (const m of text.matchAll(NEXT_LINE)) out.lines.set(lines.position(m.index!).line + 1, codesOf(m[1]));
  return out;
}

/**
 * The findings that stay, with their severity as set. `annotationAt(line)` gives the ignore
 * annotation of the document at a line. Findings that change are new objects; the others are
 * returned as they were (callers cache by identity).
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: FileSuppressions,
  severity: Record<string, Severity | 'off'> | undefined,
  annotationAt: (line: number) => unknown,
): Finding[] {
  const quiet = !suppressions.file && suppressions.lines.size === 0 && !suppressions.annotations && (!severity || Object.keys(severity).length === 0);
  if (quiet) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const set = severity?.[f.code];
    if (set === 'off' || matches(suppressions.file, f.code) || matches(suppressions.lines.get(f.range.start.line), f.code)) continue;
    if (suppressions.annotations) {
      const annotation = annotationAt(f.range.start.line);
      if (typeof annotation === 'string' && matches(codesOf(annotation), f.code)) continue;
    }
    out.push(set && set !== f.severity ? { ...f, severity: set } : f);
  }
  return out;
}
