import type { Finding, Severity } from '../finding';
import type { LineIndex } from '../text/lineIndex';
import { BEST_PRACTICE_CODES } from '../rules';
import { obj, type Obj } from '../model/obj';
import { codesIgnoredByLinters, LINTER_ANNOTATION } from './linterAnnotations';

/**
 * Findings the user silenced or re-ranked, as linters let them, applied to every finding of a file
 * whatever its source (the documents' checks, the simulation, the workspace's assumptions):
 * - the setting `kubeplan.bestPractices: false` (CLI `--no-best-practices`): every best-practice code;
 * - the setting `kubeplan.severity` (CLI `--severity`), a severity per code, or `off`;
 * - `# kubeplan-disable KP123` anywhere in the file (no codes: all), for the whole file;
 * - `# kubeplan-disable-next-line KP123, KP456` (no codes: all), for the line after it;
 * - the annotation `kubeplan.dev/ignore: "KP123,KP456"` on an object, for that object's document, and
 *   the ignore annotations of kube-linter, kube-score and Polaris for the codes that mean the same
 *   (linterAnnotations.ts).
 */
const NEXT_LINE = /#\s*kubeplan-disable-next-line\b([^\n]*)/g;
const FILE = /#\s*kubeplan-disable(?!-)\b([^\n]*)/g;
export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';

export type Codes = ReadonlySet<string> | 'all';

const codesOf = (rest: string): Codes => {
  const codes = rest.match(/KP\d{3}/g);
  return codes ? new Set(codes) : 'all';
};
const matches = (codes: Codes | undefined, code: string): boolean => codes !== undefined && (codes === 'all' || codes.has(code));

/** The codes an object's annotations silence on it: `kubeplan.dev/ignore`, and those of other linters. */
export function ignoredByAnnotations(object: Obj, defaultNamespace: string): Codes | undefined {
  const value = obj(obj(object.metadata)?.annotations)?.[IGNORE_ANNOTATION];
  const own = typeof value === 'string' ? codesOf(value) : undefined;
  if (own === 'all') return own;
  const linters = codesIgnoredByLinters(object, defaultNamespace);
  if (!own && linters.size === 0) return undefined;
  return new Set([...(own ?? []), ...linters]);
}

/** What a file's text says to silence, read once per text. */
export interface FileSuppressions {
  file?: Codes;
  /** By the line a `kubeplan-disable-next-line` comment applies to. */
  lines: Map<number, Codes>;
  /** Whether any document may carry an ignore annotation (then `ignoredAt` is asked). */
  annotations: boolean;
}

export function suppressionsOf(text: string, lines: LineIndex): FileSuppressions {
  const out: FileSuppressions = { lines: new Map(), annotations: text.includes(IGNORE_ANNOTATION) || LINTER_ANNOTATION.test(text) };
  if (!text.includes('kubeplan-disable')) return out;
  for (const m of text.matchAll(FILE)) {
    const codes = codesOf(m[1]);
    out.file = codes === 'all' || out.file === 'all' ? 'all' : new Set([...(out.file ?? []), ...codes]);
  }
  for (const m of text.matchAll(NEXT_LINE)) out.lines.set(lines.position(m.index!).line + 1, codesOf(m[1]));
  return out;
}

/** What the settings say: severities per code, and whether the best-practice checks are on. */
export interface SuppressionSettings {
  severity?: Record<string, Severity | 'off'>;
  bestPractices?: boolean;
}

/**
 * The findings that stay, with their severity as set. `ignoredAt(line)` gives the codes the ignore
 * annotations of the object at a line silence. Findings that change are new objects; the others are
 * returned as they were (callers cache by identity).
 */
export function applySuppressions(findings: Finding[], suppressions: FileSuppressions, settings: SuppressionSettings, ignoredAt: (line: number) => Codes | undefined): Finding[] {
  const { severity } = settings;
  const bestPractices = settings.bestPractices !== false;
  const quiet = bestPractices && !suppressions.file && suppressions.lines.size === 0 && !suppressions.annotations && (!severity || Object.keys(severity).length === 0);
  if (quiet) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const set = severity?.[f.code];
    if (set === 'off' || (!bestPractices && BEST_PRACTICE_CODES.has(f.code))) continue;
    if (matches(suppressions.file, f.code) || matches(suppressions.lines.get(f.range.start.line), f.code)) continue;
    if (suppressions.annotations && matches(ignoredAt(f.range.start.line), f.code)) continue;
    out.push(set && set !== f.severity ? { ...f, severity: set } : f);
  }
  return out;
}
