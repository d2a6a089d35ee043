import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { join } from 'node:path';
import type { Finding, RelatedLocation } from '../finding';
import { LineIndex, type Range } from '../text/lineIndex';
import { parseChunk } from '../yaml/parseChunk';
import type { Entry, Patch, PatchTarget } from './kustomization';
import type { ReadFile, TreeNode } from './kustomizeTree';
import type { RenderedDocument, RenderedOverlay } from './renderedDocuments';
import { SourceFiles, sourceOf, type SourceDocument } from './sourceFiles';
import { follow, pathAt, plain, sameValue, valueAt, type Found, type Segment } from './yamlPaths';

/** A rendered overlay as the mapping needs it. Paths are absolute. */
export interface OverlayRender {
  /** The overlay's kustomization file. */
  kustomizationFile: string;
  rendered: RenderedOverlay;
  /** The overlay's kustomizations, the overlay first (kustomizeTree). */
  tree: TreeNode[];
}

/** A finding placed in a file. */
export interface PlacedFinding {
  file: string;
  finding: Finding;
}

interface Place {
  file: string;
  range: Range;
}

/** A patch's documents and where their nodes are in the file that holds them. */
interface PatchSource {
  patch: Patch;
  documents: SourceDocument[];
  place: (doc: SourceDocument, node: Node) => Place | undefined;
}

/**
 * Findings of a rendered overlay, placed where the user wrote what they are about: the value in the
 * resource file it came from, or the patch or kustomization entry (`images:`, `replicas:`,
 * `namePrefix`, a generator) that produced it, else the object in its file, else the overlay's
 * kustomization. `renderedName` is the rendered text's name in the findings' related locations.
 */
export function mapRenderedFindings(findings: Finding[], overlay: OverlayRender, renderedName: string, read: ReadFile): PlacedFinding[] {
  const mapper = new RenderedMapper(overlay, read);
  const toOverlay: RelatedLocation = { file: overlay.kustomizationFile, range: mapper.line(overlay.kustomizationFile, 0), message: 'rendered by kustomize from this overlay' };
  return findings.map((f) => {
    const place = mapper.place(f.range);
    const related = (f.related ?? []).map((r) => (r.file === renderedName ? { ...r, ...mapper.place(r.range) } : r));
    const { fixes: _renderedEdits, ...rest } = f;
    const message = place.file === overlay.kustomizationFile && place.range.start.line === 0 ? `${f.message} (rendered line ${f.range.start.line + 1})` : f.message;
    return { file: place.file, finding: { ...rest, message, range: place.range, related: [...related, toOverlay] } };
  });
}

class RenderedMapper {
  private readonly sources: SourceFiles;
  private readonly lines: LineIndex;
  private readonly parsed = new Map<RenderedDocument, ReturnType<typeof parseChunk>>();
  private patchSources?: Array<PatchSource & { node: TreeNode }>;

  constructor(private readonly overlay: OverlayRender, read: ReadFile) {
    this.sources = new SourceFiles(read);
    this.lines = new LineIndex(overlay.rendered.text);
  }

  line(file: string, line: number): Range {
    return this.sources.lineRange(file, line);
  }

  place(range: Range): Place {
    const fallback = { file: this.overlay.kustomizationFile, range: this.line(this.overlay.kustomizationFile, 0) };
    const rendered = this.overlay.rendered.documents.find((d) => d.startLine <= range.start.line && range.start.line < d.endLine);
    if (!rendered) return fallback;
    const { doc, value } = this.parse(rendered);
    const { path, onKey } = pathAt(doc, this.lines.offset(range.start) - this.lines.offset({ line: rendered.startLine, character: 0 }));
    const want = valueAt(value, path);
    const source = rendered.origin?.path ? this.sourceDocument(rendered.origin.path, rendered) : undefined;
    const baseName = source?.name ?? rendered.name;
    /** Whether a found node holds the rendered value (or, for a finding on a key, the key at all). */
    const holds = (d: SourceDocument, found: Found | undefined): found is Found => !!found && (onKey || sameValue(plain(d.doc, found.value), want));
    const at = (found: Found) => (onKey && found.key ? found.key : found.value);

    // A patch names its target (apiVersion, kind, name) and the maps down to what it sets: only what it sets counts.
    const sets = (d: SourceDocument, found: Found | undefined): found is Found =>
      !!found && !IDENTITY.has(path.join('.')) && (sameValue(plain(d.doc, found.value), want) || (onKey && !isMap(found.value)));
    // Kustomizations apply from the innermost out, each its patches and then its images:, replicas:
    // entries: the value in the output is the outermost one's that sets it.
    for (const node of this.overlay.tree) {
      const entry = this.entryFor(node, path, want, source, baseName);
      if (entry) return entry;
      for (const p of this.patches().filter((x) => x.node === node)) {
        for (const d of p.documents) {
          const found = this.inPatch(p, d, rendered, baseName, path, value);
          if (sets(d, found)) return p.place(d, at(found)) ?? fallback;
        }
      }
    }
    const generated = this.generatorEntry(rendered);
    if (generated) return generated;
    if (source) {
      const found = follow(source.doc.contents, path, value);
      if (holds(source, found)) return this.nodePlace(rendered.origin!.path!, source, at(found)) ?? fallback;
    }
    if (source) {
      const found = follow(source.doc.contents, path, value);
      if (found) return this.nodePlace(rendered.origin!.path!, source, at(found)) ?? fallback;
      if (source.doc.contents) return this.nodePlace(rendered.origin!.path!, source, source.doc.contents as Node) ?? fallback;
    }
    return fallback;
  }

  private parse(d: RenderedDocument): ReturnType<typeof parseChunk> {
    let p = this.parsed.get(d);
    if (!p) {
      const from = this.lines.offset({ line: d.startLine, character: 0 });
      const to = d.endLine >= this.lines.lineCount ? this.overlay.rendered.text.length : this.lines.offset({ line: d.endLine, character: 0 });
      p = parseChunk(this.overlay.rendered.text.slice(from, to));
      this.parsed.set(d, p);
    }
    return p;
  }

  /** The document of the source file this object is rendered from: same kind, the name it had before namePrefix/nameSuffix. */
  private sourceDocument(file: string, rendered: RenderedDocument): SourceDocument | undefined {
    return sourceOf(this.sources.documents(file), rendered.kind, rendered.name);
  }

  private nodePlace(file: string, d: SourceDocument, node: Node): Place | undefined {
    const range = this.sources.nodeRange(file, d, node);
    return range && { file, range };
  }

  /** Where a patch document sets `path` of this object: a strategic merge patch by its own path, a JSON 6902 one by its operations. */
  private inPatch(p: PatchSource, d: SourceDocument, rendered: RenderedDocument, baseName: string | undefined, path: Segment[], value: unknown): Found | undefined {
    if (!targets(p.patch.target, rendered.kind, baseName)) return undefined;
    if (isSeq(d.doc.contents)) {
      if (!p.patch.target) return undefined;
      for (const op of d.doc.contents.items) {
        if (!isMap(op) || !['add', 'replace'].includes(String(op.get('op')))) continue;
        const opPath = pointer(String(op.get('path') ?? ''));
        if (opPath.length > path.length || !opPath.every((s, i) => String(s) === String(path[i]) || (s === '-' && appended(value, path, i)))) continue;
        const valuePair = op.items.find((pair) => isScalar(pair.key) && pair.key.value === 'value');
        if (!valuePair) continue;
        const rest = path.slice(opPath.length);
        if (rest.length === 0) return { key: valuePair.key as Node, value: valuePair.value as Node };
        const found = follow(valuePair.value, rest, valueAt(value, path.slice(0, opPath.length)));
        if (found) return found;
      }
      return undefined;
    }
    if (!p.patch.target && (d.kind !== rendered.kind || d.name !== baseName)) return undefined;
    return follow(d.doc.contents, path, value);
  }

  /** Every patch of the tree, the overlay's first. */
  private patches(): Array<PatchSource & { node: TreeNode }> {
    if (!this.patchSources) {
      this.patchSources = this.overlay.tree.flatMap((node) =>
        node.kustomization.patches.flatMap((patch): Array<PatchSource & { node: TreeNode }> => {
          if (patch.path) {
            const file = join(node.dir, patch.path.value);
            return [{ node, patch, documents: this.sources.documents(file), place: (d, n) => this.nodePlace(file, d, n) }];
          }
          if (!patch.inline) return [];
          const inline = patch.inline;
          const lines = new LineIndex(inline.text);
          const indent = this.line(node.file, inline.line).start.character;
          const place = (d: SourceDocument, n: Node): Place | undefined => {
            if (!n.range) return undefined;
            const s = lines.position(d.start + n.range[0]);
            const e = lines.position(d.start + n.range[1]);
            const end = e.line === s.line ? e.character : lines.lineText(s.line).length;
            return { file: node.file, range: { start: { line: inline.line + s.line, character: indent + s.character }, end: { line: inline.line + s.line, character: indent + end } } };
          };
          return [{ node, patch, documents: this.sources.documentsOfText(inline.text), place }];
        }),
      );
    }
    return this.patchSources;
  }

  /** The entry of a kustomization that set this value: `replicas:`, `images:`, `namePrefix`/`nameSuffix`. */
  private entryFor(node: TreeNode, path: Segment[], want: unknown, source: SourceDocument | undefined, baseName: string | undefined): Place | undefined {
    const p = path.join('.');
    const k = node.kustomization;
    let e: Entry | undefined;
    if (p === 'spec.replicas') e = k.replicas.find((r) => r.value === baseName);
    else if (/(^|\.)(initC|ephemeralC|c)ontainers\.\d+\.image$/.test(p)) {
      const names = [source ? valueAt(source.value, path) : undefined, want].map(repository);
      e = k.images.find((i) => names.includes(i.value));
    } else if (p === 'metadata.name') e = k.namePrefix ?? k.nameSuffix;
    return e && { file: node.file, range: this.line(node.file, e.line) };
  }

  /** The generator entry of a generated ConfigMap or Secret (its name has the generator's, a prefix and a hash). */
  private generatorEntry(rendered: RenderedDocument): Place | undefined {
    const generatedIn = rendered.origin?.configuredIn;
    const node = generatedIn ? this.overlay.tree.find((n) => n.file === generatedIn) : undefined;
    if (!node) return undefined;
    const name = rendered.name ?? '';
    const e = node.kustomization.generators.filter((g) => name.includes(g.value)).sort((a, b) => b.value.length - a.value.length)[0];
    return { file: node.file, range: this.line(node.file, e?.line ?? 0) };
  }
}

const IDENTITY = new Set(['apiVersion', 'kind', 'metadata.name', 'metadata.namespace']);

/** Whether a patch's `target:` selects this object (name as a regular expression, as kustomize reads it). */
function targets(target: PatchTarget | undefined, kind: string | undefined, name: string | undefined): boolean {
  if (!target) return true;
  if (target.kind && target.kind !== kind) return false;
  if (target.name) {
    try {
      if (!new RegExp(`^(?:${target.name})$`).test(name ?? '')) return false;
    } catch {
      return target.name === name;
    }
  }
  return true;
}

/** Whether `path[i]` is the last item of its list: where an `add` to `…/-` put its value. */
function appended(value: unknown, path: Segment[], i: number): boolean {
  const list = valueAt(value, path.slice(0, i));
  return Array.isArray(list) && path[i] === list.length - 1;
}

/** An image without its tag or digest, as `images:` names it. */
function repository(image: unknown): string | undefined {
  return typeof image === 'string' ? image.replace(/@.*$/, '').replace(/:[^/:]*$/, '') : undefined;
}

/** A JSON pointer's segments (RFC 6901). */
function pointer(p: string): string[] {
  return p.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
