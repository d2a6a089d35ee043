import type { Finding } from '../../core';
import { countBySeverity, type FileFindings } from './fileFindings';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One finding per cause, on one line: the first related places, and how many more. */
export function relatedText(f: Finding): string {
  if (!f.related?.length) return '';
  const shown = f.related.slice(0, 3).map((r) => `${r.file}:${r.range.start.line + 1}`);
  const more = f.related.length - shown.length;
  return ` (also ${shown.join(', ')}${more ? ` and ${more} more` : ''})`;
}

/** Compiler-style lines, `file:line:col: severity CODE message` (1-based), then a summary line. */
export function formatText(results: FileFindings[]): string {
  const lines: string[] = [];
  for (const { file, findings } of results) {
    for (const f of findings) lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}${relatedText(f)}`);
  }
  const c = countBySeverity(results);
  lines.push(
    `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${c.information + c.hint} notes in ${plural(results.length, 'file')}`,
  );
  return lines.join('\n') + '\n';
}
