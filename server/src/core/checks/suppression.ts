import type { DocFinding } from '../model/docFinding';

/**
 * Findings the user silenced, as linters let them:
 * - `# kubeplan-disable-next-line KP123, KP456` (no codes: all) on the line before the finding;
 * - `# kubeplan-disable KP123` anywhere in the file (no codes: all), for the whole file;
 * - the annotation `kubeplan.dev/ignore: "KP123,KP456"` on an object, for that object's document.
 */
const NEXT_LINE = /#\s*kubeplan-disable-next-line\b([^\n]*)/g;
const FILE = /#\s*kubeplan-disable(?!-)\b([^\n]*)/g;
export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';

const codesOf = (rest: string): Set<string> | 'all' => {
  const codes = rest.match(/KP\d{3}/g);
  return codes ? new Set(codes) : 'all';
};
const matches = (codes: Set<string> | 'all', code: string): boolean => codes === 'all' || codes.has(code);

/** Applies next-line comments and the ignore annotation of one document (offsets within it). */
export function suppressInDocument(findings: DocFinding[], text: string, annotation: unknown): DocFinding[] {
  if (findings.length === 0) return findings;
  const byLine = new Map<number, Set<string> | 'all'>();
  if (text.includes('kubeplan-disable-next-line')) {
    for (const m of text.matchAll(NEXT_LINE)) {
      const lineEnd = text.indexOf('\n', m.index!);
      if (lineEnd !== -1) byLine.set(lineEnd + 1, codesOf(m[1]));
    }
  }
  const ignored = typeof annotation === 'string' ? codesOf(annotation) : undefined;
  if (byLine.size === 0 && !ignored) return findings;
  const lineStarts = [...byLine.keys()];
  return findings.filter((f) => {
    if (ignored && matches(ignored, f.code)) return false;
    const start = text.lastIndexOf('\n', f.start - 1) + 1;
    const codes = lineStarts.includes(start) ? byLine.get(start)! : undefined;
    return !(codes && matches(codes, f.code));
  });
}

/** The codes disabled for a whole file by `# kubeplan-disable …` comments (undefined: none). */
export function fileSuppression(text: string): Set<string> | 'all' | undefined {
  if (!text.includes('kubeplan-disable')) return undefined;
  let result: Set<string> | 'all' | undefined;
  for (const m of text.matchAll(FILE)) {
    const codes = codesOf(m[1]);
    if (codes === 'all') return 'all';
    result = new Set([...(result === undefined ? [] : (result as Set<string>)), ...codes]);
  }
  return result;
}

export function isSuppressed(fileCodes: Set<string> | 'all' | undefined, code: string): boolean {
  return fileCodes !== undefined && matches(fileCodes, code);
}
