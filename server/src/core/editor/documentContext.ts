import type { Analyzer } from '../analyzer';
import type { ParsedChunk } from '../yaml/parseChunk';
import type { Chunk } from '../yaml/splitDocuments';
import { groupOf, versionOf } from '../schema/apiLifecycle';
import type { RootSchema } from '../schema/fieldInfo';
import type { CustomKindVersion } from '../crd/crdIndex';

import type { Obj } from '../model/obj';
import type { FileRole } from '../ecosystem/fileRoles';
import { KUSTOMIZATION_SCHEMA, KUSTOMIZE_API_VERSIONS } from '../ecosystem/kustomizationSchema';

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
  /** A kustomization: `root` is kustomize's schema. */
  kustomization?: true;
}

export function documentAt(analyzer: Analyzer, text: string, offset: number, role: FileRole = 'manifest'): DocumentContext {
  const chunks = analyzer.layout(text).chunks;
  let chunk = chunks[0];
  for (const c of chunks) if (c.start <= offset) chunk = c;
  const parsed = analyzer.parse(chunk.text);
  return { chunk, parsed, offset: offset - chunk.start, ...identify(analyzer, parsed.value, role) };
}

/**
 * apiVersion/kind of a parsed document and the schema to use for it (built-in, CRD, or kustomize's
 * for a kustomization, whose apiVersion and kind may be left out).
 */
export function identify(analyzer: Analyzer, value: unknown, role: FileRole = 'manifest'): Pick<DocumentContext, 'apiVersion' | 'kind' | 'root' | 'crd' | 'kustomization'> {
  if (role === 'kustomization') {
    const { apiVersion, kind } = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as Obj;
    const k = typeof kind === 'string' ? kind : 'Kustomization';
    return { apiVersion: typeof apiVersion === 'string' ? apiVersion : (KUSTOMIZE_API_VERSIONS[k] ?? ''), kind: k, root: { crdSchema: KUSTOMIZATION_SCHEMA }, kustomization: true };
  }
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
