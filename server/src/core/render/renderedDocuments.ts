import { resolve } from 'node:path';
import { isMap, isScalar, parse, type Node, type Pair } from 'yaml';
import { splitDocuments } from '../yaml/splitDocuments';
import { parseChunk } from '../yaml/parseChunk';
import { LineIndex } from '../text/lineIndex';

/** The annotation `buildMetadata: [originAnnotations]` makes kustomize write on every object. */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** Where kustomize says an object comes from: a file (`path`), a generator (`configuredIn`), or a remote `repo`; paths absolute. */
export interface Origin {
  path?: string;
  repo?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string; name?: string };
}

/** One document of a rendered overlay, on the lines it has once its origin annotation is removed. */
export interface RenderedDocument {
  /** 0-based, end exclusive. */
  startLine: number;
  endLine: number;
  kind?: string;
  name?: string;
  namespace?: string;
  origin?: Origin;
}

export interface RenderedOverlay {
  /** kustomize's output without the origin annotations (they are kubeplan's, not the user's). */
  text: string;
  documents: RenderedDocument[];
}

/** Takes the origin annotations out of kustomize's output, keeping what each said (paths resolved from `originBase`, the directory kustomize built). */
export function readRendered(output: string, originBase: string): RenderedOverlay {
  const parts: string[] = [];
  const documents: RenderedDocument[] = [];
  let line = 0;
  for (const chunk of splitDocuments(output)) {
    const { text, origin, kind, name, namespace } = withoutOrigin(chunk.text, originBase);
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    documents.push({ startLine: line, endLine: line + lines, ...(kind ? { kind } : {}), ...(name ? { name } : {}), ...(namespace ? { namespace } : {}), ...(origin ? { origin } : {}) });
    parts.push(text);
    line += lines;
  }
  return { text: parts.join(''), documents };
}

/** The document's text without the annotation's lines (and `annotations:` if it held nothing else). */
function withoutOrigin(text: string, originBase: string): { text: string; origin?: Origin; kind?: string; name?: string; namespace?: string } {
  const { doc, value } = parseChunk(text);
  const obj = (value ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = typeof obj.kind === 'string' ? obj.kind : undefined;
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : undefined;
  const namespace = typeof obj.metadata?.namespace === 'string' ? obj.metadata.namespace : undefined;
  const metadata = isMap(doc.contents) ? doc.contents.get('metadata', true) : undefined;
  const annotations = isMap(metadata) ? (metadata.get('annotations', true) as Node | undefined) : undefined;
  if (!isMap(annotations) || annotations.flow) return { text, kind, name, namespace };
  const pair = (annotations.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === ORIGIN_ANNOTATION);
  if (!pair || !isScalar(pair.value) || typeof pair.value.value !== 'string') return { text, kind, name, namespace };
  const origin = parseOrigin(pair.value.value, originBase);
  const lines = new LineIndex(text);
  const alone = annotations.items.length === 1;
  // kustomize writes block style: the annotations key on its own line, the origin a block scalar below it.
  const from = alone ? lines.position(annotationsKeyStart(metadata, annotations)).line : lines.position((pair.key as Node).range![0]).line;
  const to = lines.position(pair.value.range![2]).line;
  const kept = text.split('\n');
  kept.splice(from, to - from);
  return { text: kept.join('\n'), origin, kind, name, namespace };
}

function annotationsKeyStart(metadata: unknown, annotations: Node): number {
  const pair = isMap(metadata) ? (metadata.items as Pair[]).find((p) => p.value === annotations) : undefined;
  return (pair?.key as Node | undefined)?.range?.[0] ?? annotations.range![0];
}

function parseOrigin(text: string, base: string): Origin | undefined {
  try {
    const o = parse(text) as Record<string, unknown> | null;
    if (!o || typeof o !== 'object') return undefined;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const by = o.configuredBy as Record<string, unknown> | undefined;
    return {
      ...(str(o.path) && !str(o.repo) ? { path: resolve(base, str(o.path)!) } : {}),
      ...(str(o.repo) ? { repo: str(o.repo) } : {}),
      ...(str(o.configuredIn) && !str(o.repo) ? { configuredIn: resolve(base, str(o.configuredIn)!) } : {}),
      ...(by && typeof by === 'object' ? { configuredBy: { kind: str(by.kind), name: str(by.name) } } : {}),
    };
  } catch {
    return undefined;
  }
}
