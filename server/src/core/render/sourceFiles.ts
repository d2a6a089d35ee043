import type { Document, Node } from 'yaml';
import { splitDocuments } from '../yaml/splitDocuments';
import { parseChunk } from '../yaml/parseChunk';
import { LineIndex, type Range } from '../text/lineIndex';
import type { ReadFile } from './kustomizeTree';

/** One document of a file the rendered objects came from (a resource, a patch). */
export interface SourceDocument {
  doc: Document.Parsed;
  value: unknown;
  /** Offset of the document in its file. */
  start: number;
  kind?: string;
  name?: string;
}

/**
 * The document of a source file a rendered object came from: of its kind, named as it is or as a part
 * of its rendered name (a namePrefix, a nameSuffix), else the one object of that kind in the file.
 */
export function sourceOf(documents: SourceDocument[], kind: string | undefined, renderedName: string | undefined): SourceDocument | undefined {
  const candidates = documents.filter((d) => d.kind === kind);
  const name = renderedName ?? '';
  return (
    candidates.find((d) => d.name === name) ??
    candidates.filter((d) => d.name && name.includes(d.name)).sort((a, b) => b.name!.length - a.name!.length)[0] ??
    (candidates.length === 1 ? candidates[0] : undefined)
  );
}

interface Parsed {
  lines: LineIndex;
  documents: SourceDocument[];
}

/** The source files of one mapping, each read and parsed once. */
export class SourceFiles {
  private readonly files = new Map<string, Parsed | undefined>();

  constructor(private readonly read: ReadFile) {}

  documents(file: string): SourceDocument[] {
    return this.parsed(file)?.documents ?? [];
  }

  /** A text that is not a file (an inline patch), parsed as if it were one. */
  documentsOfText(text: string): SourceDocument[] {
    return parseAll(text).documents;
  }

  /** A node's range in its file, on its first line only (a block map spans many). */
  nodeRange(file: string, doc: SourceDocument, node: Node): Range | undefined {
    const lines = this.parsed(file)?.lines;
    if (!lines || !node.range) return undefined;
    const start = lines.position(doc.start + node.range[0]);
    const end = lines.position(doc.start + Math.max(node.range[1], node.range[0] + 1));
    return { start, end: end.line === start.line ? end : { line: start.line, character: lines.lineText(start.line).length } };
  }

  /** A whole line, without its indentation. */
  lineRange(file: string, line: number): Range {
    const text = this.parsed(file)?.lines.lineText(line) ?? '';
    const indent = text.length - text.trimStart().length;
    return { start: { line, character: indent }, end: { line, character: Math.max(text.length, indent + 1) } };
  }

  private parsed(file: string): Parsed | undefined {
    if (!this.files.has(file)) {
      const text = this.read(file);
      this.files.set(file, text === undefined ? undefined : parseAll(text));
    }
    return this.files.get(file);
  }
}

function parseAll(text: string): Parsed {
  const documents = splitDocuments(text).map((chunk) => {
    const { doc, value } = parseChunk(chunk.text);
    const obj = (value ?? {}) as { kind?: unknown; metadata?: { name?: unknown } };
    return {
      doc,
      value,
      start: chunk.start,
      ...(typeof obj.kind === 'string' ? { kind: obj.kind } : {}),
      ...(typeof obj.metadata?.name === 'string' ? { name: obj.metadata.name } : {}),
    };
  });
  return { lines: new LineIndex(text), documents };
}
