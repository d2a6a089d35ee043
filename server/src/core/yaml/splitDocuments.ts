/**
 * Splits a multi-document YAML stream into one chunk per document, without parsing.
 *
 * A line that starts with `---` (followed by a space or the end of the line) at column 0 is always a
 * document boundary in YAML 1.2 (it even ends a block scalar), so cutting there is exact. Parsing each
 * chunk separately lets a keystroke re-parse only the document it touched.
 */
export interface Chunk {
  /** Offset of the chunk's first character in the whole text. */
  start: number;
  text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;

export function splitDocuments(text: string): Chunk[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(MARKER)) cuts.push(m.index ?? 0);
  const chunks: Chunk[] = [];
  let start = 0;
  for (const cut of cuts) {
    // What precedes the first marker only counts as a document if it holds content, not merely
    // comments, blank lines or directives (which belong to the document the marker opens).
    if (cut > start && (chunks.length > 0 || hasContent(text.slice(start, cut)))) {
      chunks.push({ start, text: text.slice(start, cut) });
      start = cut;
    } else if (chunks.length === 0 && cut > start) {
      // leading comments/directives join the first document
    } else {
      start = cut;
    }
  }
  chunks.push({ start, text: text.slice(start) });
  return chunks;
}

function hasContent(text: string): boolean {
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith('%')) return true;
  }
  return false;
}
