import type { Analyzer } from '../analyzer';
import type { ParsedChunk } from '../yaml/parseChunk';
import type { Chunk } from '../yaml/splitDocuments';
import { groupOf, versionOf } from '../schema/apiLifecycle';
import type { RootSchema } from '../schema/fieldInfo';
import type { CustomKindVersion } from '../crd/crdIndex';

import type { Obj } from '../model/obj';

/** The document of a file that contains an offset, parsed, with its Kubernetes identity. */
export interface DocumentContext {
  chunk: Chunk;
  parsed: ParsedChunk;
  /** The offset relative to the document. */
  offset: number;
  apiVersion?: string;
  kind?: string;
  root?: RootSchema;
  crd?: CustomKindVersion;
}

export function documentAt(analyzer: Analyzer, text: string, offset: number): DocumentContext {
  const chunks = analyzer.layout(text).chunks;
  let chunk = chunks[0];
  for (const c of chunks) if (c.start <= offset) chunk = c;
  const parsed = analyzer.parse(chunk.text);
  return { chunk, parsed, offset: offset - chunk.start, ...identify(analyzer, parsed.value) };
}

/** apiVersion/kind of a parsed document and the schema to use for it (built-in or CRD). */
export function identify(analyzer: Analyzer, value: unknown): Pick<DocumentContext, 'apiVersion' | 'kind' | 'root' | 'crd'> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const { apiVersion, kind } = value as Obj;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return {};
  const builtin = analyzer.catalog.kind(apiVersion, kind);
  if (builtin) return { apiVersion, kind, root: { definition: builtin.definition } };
  const group = groupOf(apiVersion);
  const version = versionOf(apiVersion);
  const crd = analyzer.crds.versionsOf(group, kind).find((v) => v.version === version);
  if (crd?.schema) return { apiVersion, kind, crd, root: { crdSchema: crd.schema } };
  return { apiVersion, kind, crd };
}
