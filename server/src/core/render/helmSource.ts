import type { Finding } from '../finding';
import { splitDocuments } from '../yaml/splitDocuments';

/** A document of `helm template` output and the chart template it came from. */
export interface HelmDocument {
  /** The template as the `# Source:` comment names it (chart/templates/x.yaml). */
  source: string;
  /** 0-based line of the `# Source:` comment; the document ends before `endLine`. */
  sourceLine: number;
  endLine: number;
}

const SOURCE = /^# Source: (.+?)\s*$/m;

/** The documents of a text that say which template rendered them, as `helm template` writes. */
export function helmDocuments(text: string): HelmDocument[] {
  const docs: HelmDocument[] = [];
  let line = 0;
  for (const chunk of splitDocuments(text)) {
    const lines = chunk.text.split('\n').length - (chunk.text.endsWith('\n') ? 1 : 0);
    const m = SOURCE.exec(chunk.text);
    if (m) docs.push({ source: m[1], sourceLine: line + chunk.text.slice(0, m.index).split('\n').length - 1, endLine: line + lines });
    line += lines;
  }
  return docs;
}

/**
 * A finding of rendered Helm output, placed in its template: the line counted from the template's
 * first rendered line (templates that render line for line keep their numbers), and the rendered line
 * in the message. Undefined for a finding outside every document with a `# Source:` comment.
 */
export function helmFinding(f: Finding, docs: HelmDocument[]): { source: string; finding: Finding } | undefined {
  const line = f.range.start.line;
  const doc = docs.find((d) => d.sourceLine <= line && line < d.endLine);
  if (!doc) return undefined;
  const shift = (p: { line: number; character: number }) => ({ line: Math.max(0, p.line - doc.sourceLine - 1), character: p.character });
  const { fixes: _renderedEdits, ...rest } = f;
  return { source: doc.source, finding: { ...rest, message: `${f.message} (rendered line ${line + 1})`, range: { start: shift(f.range.start), end: shift(f.range.end) } } };
}
