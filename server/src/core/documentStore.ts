import { BoundedCache } from './boundedCache';

/**
 * What is derived from the text of one YAML document (one `---` chunk of a file): its parse, and
 * what analyses attach to it (findings, workloads). Keyed by the document's text, so a keystroke
 * re-derives only the document it touched.
 */
export interface DocumentEntry {
  /** The document's text, as a string of its own (see detach). */
  readonly text: string;
  /** Derived data, each kind under its own key, set by the module that computes it. */
  readonly derived: Map<string, unknown>;
}

/** Text of loose documents (held by no file) kept at most: about ten times that in syntax trees. */
export const LOOSE_BYTES = 8 * 1024 * 1024;

/**
 * The documents of the workspace's files and what is derived from them. Memory follows the files, not
 * the history of their edits:
 * - a file holds the documents of its current text (`hold`); a document no file holds any more is
 *   released at once, so typing in a 600 KB CRD keeps one parse of it, not one per keystroke;
 * - documents of texts no file holds (a CLI's one-off analysis, a test) are kept loose, within
 *   LOOSE_BYTES of text, oldest first out.
 */
export class DocumentStore {
  private readonly held = new Map<string, { entry: DocumentEntry; holders: number }>();
  private readonly byFile = new Map<string, string[]>();
  private readonly loose: BoundedCache<string, DocumentEntry>;

  constructor(looseBytes = LOOSE_BYTES) {
    this.loose = new BoundedCache(looseBytes, (text) => text.length);
  }

  entry(text: string): DocumentEntry {
    const held = this.held.get(text);
    if (held) return held.entry;
    let entry = this.loose.get(text);
    if (!entry) {
      entry = newEntry(text);
      this.loose.set(entry.text, entry);
    }
    return entry;
  }

  /** `file` now holds exactly these documents (none: it is gone); what nothing holds any more is released. */
  hold(file: string, texts: string[]): void {
    const before = this.byFile.get(file) ?? [];
    const now: string[] = [];
    // An edit changes one document of many: those that did not move or change keep their hold (a
    // string comparison, not a map lookup that hashes every document again).
    const unchanged = new Set<number>();
    for (let i = 0; i < texts.length; i++) {
      if (i < before.length && before[i] === texts[i]) {
        unchanged.add(i);
        now.push(before[i]);
        continue;
      }
      const text = texts[i];
      let held = this.held.get(text);
      if (held) held.holders++;
      else {
        const entry = this.loose.delete(text) ?? newEntry(text);
        held = { entry, holders: 1 };
        this.held.set(entry.text, held);
      }
      now.push(held.entry.text);
    }
    if (now.length) this.byFile.set(file, now);
    else this.byFile.delete(file);
    for (let i = 0; i < before.length; i++) {
      if (unchanged.has(i)) continue;
      const held = this.held.get(before[i])!;
      if (--held.holders === 0) this.held.delete(before[i]);
    }
  }

  /** Documents held by files, and the loose ones: what the server's status reports. */
  stats(): { heldDocuments: number; heldBytes: number; looseDocuments: number; looseBytes: number } {
    let heldBytes = 0;
    for (const text of this.held.keys()) heldBytes += text.length;
    return { heldDocuments: this.held.size, heldBytes, looseDocuments: this.loose.entries, looseBytes: this.loose.total };
  }
}

function newEntry(text: string): DocumentEntry {
  return { text: detach(text), derived: new Map() };
}

/**
 * A copy of `text` that does not point into a larger string. A document's text is a slice of its
 * file's text, and V8 keeps a slice as a view of the whole: kept as a cache key, it would keep every
 * version of the file it was cut from alive (a 3 MB file, a new version per keystroke).
 * Concatenating flattens into a new string, of which the slice keeps only one more character.
 */
function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}
