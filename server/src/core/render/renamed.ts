import { SourceFiles, sourceOf } from './sourceFiles';
import type { ReadFile } from './kustomizeTree';
import type { OverlayRender } from './mapRendered';

/** A `Kind/namespace/name` as a file writes it → as the overlay renders it; unchanged when not renamed. */
export type Rename = (ref: string) => string;

/**
 * How the simulation has a file's objects when an overlay it belongs to is applied: under which names,
 * and the overlay's output they are in (the editor's views of the file read the rendered object).
 */
export interface RenderedView {
  rename: Rename;
  /** The rendered texts of the simulated overlays that hold objects of the file. */
  texts: string[];
}

/**
 * What an overlay renames (a namePrefix or nameSuffix, a `namespace:`), per source file (absolute
 * path): each object's `Kind/namespace/name` as the file writes it → as rendered. The editor's views
 * of a file (the scheduling lens, hover) find the rendered object in the simulation by it.
 */
export function renamedObjects(overlay: OverlayRender, read: ReadFile, defaultNamespace: string): Map<string, Map<string, string>> {
  const sources = new SourceFiles(read);
  const byFile = new Map<string, Map<string, string>>();
  for (const d of overlay.rendered.documents) {
    const file = d.origin?.path;
    if (!file || !d.kind || !d.name) continue;
    const source = sourceOf(sources.documents(file), d.kind, d.name);
    if (!source?.name) continue;
    const meta = (source.value as { metadata?: { namespace?: unknown } } | null)?.metadata;
    const from = `${d.kind}/${typeof meta?.namespace === 'string' ? meta.namespace : defaultNamespace}/${source.name}`;
    const to = `${d.kind}/${d.namespace ?? defaultNamespace}/${d.name}`;
    if (from === to) continue;
    const renames = byFile.get(file) ?? new Map<string, string>();
    byFile.set(file, renames.set(from, to));
  }
  return byFile;
}
