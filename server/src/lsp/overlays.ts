import { isAbsolute, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { addOnce, mapRenderedFindings, overlayParts, overlayTrees, renamedObjects, type Finding, type RenderedView, type OverlayRender, type TreeNode, type Workspace } from '../core';
import { findKustomize, readFileOrUndefined, RenderCache, renderOverlayInBackground, type OverlayResult, type Renderer } from '../kustomize';
import type { OverlaysParams, OverlaysStatus } from './protocol';
import type { KustomizeSettings } from './settings';
import { FolderRenders, type Changes } from './renderPasses';
import { renderedUri } from './workspaceFiles';

/** What the overlays need from the server. */
export interface OverlayHost {
  workspace: Workspace;
  settings(): KustomizeSettings;
  /** vscode.workspace.isTrusted: kustomize never runs in an untrusted workspace. */
  trusted(): boolean;
  /** A folder's name relative to its workspace folder (the form of kubeplan.kustomize.overlay). */
  displayName(uri: string): string;
  /** Renders changed: the workspace is simulated again and the open documents republished. */
  changed(): void;
  /** The overlays, or those the simulation applies, changed (the client's status bar). */
  overlaysChanged(params: OverlaysParams): void;
  logError(what: string, e: unknown): void;
}

interface Overlay {
  dir: string;
  tree: TreeNode[];
  /** The uris of the files it is made of. */
  parts: string[];
  /** The workspace's name of its output. */
  name: string;
  result?: OverlayResult;
  /** Its findings placed on the files they are about (uris), for the raw findings they were placed from. */
  placed?: { from: string; byFile: Map<string, Finding[]> };
  /** What it renames, per source file (renamedObjects), for a default namespace. */
  renames?: { defaultNamespace: string; byFile: Map<string, Map<string, string>> };
}

const toUri = (path: string): string => pathToFileURL(path).href;
/** Related locations of placed findings name files by path (the overlay, a patch); the editor names them by uri. */
const withUris = (f: Finding): Finding => (f.related ? { ...f, related: f.related.map((r) => (isAbsolute(r.file) ? { ...r, file: toUri(r.file) } : r)) } : f);

/**
 * The kustomize overlays of the workspace folders, rendered in the background (`kubectl kustomize` or
 * `kustomize build`, a child process; never while the event loop waits), cached by the contents of the
 * files they read, and rendered again RENDER_DELAY_MS after one of those files changes on disk.
 * kustomize reads the disk: the editor's unsaved text counts once it is saved.
 *
 * What the renders give: each overlay's findings placed on the files the user wrote (findingsFor), and
 * the simulation's input (the rendered objects of one overlay per set of shared files, the setting
 * kubeplan.kustomize.overlay first, else in path order, replacing the files they are made of).
 */
export class OverlayRenders extends FolderRenders {
  private overlays: Overlay[] = [];
  /** The names of the overlays the simulation applies. */
  private simulated = new Set<string>();
  private readonly cache = new RenderCache<OverlayResult>();
  private lastSent = '';

  constructor(private readonly host: OverlayHost) {
    super();
  }

  /** One round: the overlays found again, those changed rendered (one at a time), the workspace told. */
  protected async pass(changes: Changes): Promise<void> {
    const settings = this.host.settings();
    const previous = new Map(this.overlays.map((o) => [o.dir, o]));
    const trees = settings.enable ? overlayTrees([...this.folders].sort(), readFileOrUndefined) : [];
    const renderer: Renderer = {
      command: findKustomize(settings.command || undefined),
      configured: settings.command || undefined,
      cache: this.cache,
      ...(this.host.trusted() ? {} : { notRun: 'the workspace is not trusted (kubeplan runs no program in an untrusted workspace; trust it to render overlays)' }),
    };
    const next: Overlay[] = [];
    for (const tree of trees) {
      const dir = tree[0].dir;
      const before = previous.get(dir);
      const reads = (p: string) => tree.some((n) => p === n.dir || p.startsWith(n.dir + sep));
      const stale = !before?.result || changes === 'all' || [...changes].some(reads) || JSON.stringify(before.tree) !== JSON.stringify(tree);
      const overlay: Overlay = { dir, tree, parts: overlayParts(tree).map(toUri), name: renderedUri(dir), result: before?.result };
      if (stale) {
        try {
          overlay.result = await renderOverlayInBackground(dir, renderer);
        } catch (e) {
          this.host.logError(`rendering the overlay ${dir}`, e);
        }
      }
      // An unchanged render (the cache gives the same result) keeps what was derived from it.
      if (before && overlay.result === before.result) Object.assign(overlay, { placed: before.placed, renames: before.renames });
      next.push(overlay);
    }
    const unchanged = next.length === this.overlays.length && next.every((o, i) => o.name === this.overlays[i].name && o.result === this.overlays[i].result);
    this.overlays = next;
    this.apply(unchanged);
  }

  /** The simulation's input: one rendered overlay per set of overlays sharing files, the chosen one first. */
  private apply(unchanged: boolean): void {
    const { overlay: chosen } = this.host.settings();
    const name = (o: Overlay) => this.host.displayName(toUri(o.dir));
    const rendered = this.overlays.filter((o) => o.result?.ok);
    const order = [...rendered.filter((o) => name(o) === chosen), ...rendered.filter((o) => name(o) !== chosen)];
    const simulated: Overlay[] = [];
    for (const o of order) if (!simulated.some((s) => s.tree.some((n) => o.tree.some((m) => m.dir === n.dir)))) simulated.push(o);
    const names = simulated.map((o) => o.name);
    // Nothing new (a save that changed no render, a workspace without overlays): nothing to simulate again.
    if (!unchanged || names.length !== this.simulated.size || names.some((n) => !this.simulated.has(n))) {
      this.simulated = new Set(names);
      // Every render is a workspace file (its documents held, not re-parsed per publication); the simulated ones applied.
      this.host.workspace.setOverlays(
        rendered.flatMap((o) => (o.result?.ok ? [{ file: o.name, text: o.result.overlay.rendered.text, applied: this.simulated.has(o.name) }] : [])),
        rendered.flatMap((o) => o.parts),
      );
      this.host.changed();
    }
    const params: OverlaysParams = { overlays: this.overlays.map(name), simulated: simulated.map(name).sort() };
    const sent = JSON.stringify(params);
    if (sent !== this.lastSent) {
      this.lastSent = sent;
      this.host.overlaysChanged(params);
    }
  }

  /** For kubeplan/serverStatus. */
  status(): OverlaysStatus {
    const name = (o: Overlay) => this.host.displayName(toUri(o.dir));
    return { passes: this.passes.count, rendered: this.overlays.filter((o) => o.result?.ok).map(name), notRendered: this.overlays.filter((o) => !o.result?.ok).map(name) };
  }

  /**
   * The findings the overlays place on a file (its uri and current text): each rendered overlay's
   * (its documents', and for an overlay the simulation applies, the workspace's), the same finding
   * from several overlays once with each overlay related; an overlay that did not render, its note
   * (KP210) or error (KP211) on its kustomization. Through the file's pipeline (its comments and
   * annotations silence them as they silence its own).
   */
  findingsFor(uri: string, text: string): Finding[] {
    const found: Finding[] = [];
    for (const o of this.overlays) {
      if (!o.result) continue;
      if (!o.result.ok) {
        if (toUri(o.result.placed.file) === uri) addOnce(found, o.result.placed.finding);
        continue;
      }
      for (const f of this.placed(o, o.result.overlay).get(uri) ?? []) addOnce(found, f);
    }
    found.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return found.length ? this.host.workspace.placedFindings(text, found) : found;
  }

  /**
   * A file's objects as the simulation has them: renamed by the overlays it applies (a namePrefix, a
   * `namespace:`), in their rendered texts, so that a base file's lenses and hovers show them.
   */
  view(uri: string, defaultNamespace: string): RenderedView {
    const maps: Map<string, string>[] = [];
    const texts: string[] = [];
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    for (const o of this.overlays) {
      if (!file || !o.result?.ok || !this.simulated.has(o.name)) continue;
      const { overlay } = o.result;
      if (!overlay.rendered.documents.some((d) => d.origin?.path === file)) continue;
      texts.push(overlay.rendered.text);
      if (o.renames?.defaultNamespace !== defaultNamespace) o.renames = { defaultNamespace, byFile: renamedObjects(overlay, readFileOrUndefined, defaultNamespace) };
      const renames = o.renames.byFile.get(file);
      if (renames) maps.push(renames);
    }
    return { rename: (ref) => maps.find((m) => m.has(ref))?.get(ref) ?? ref, texts };
  }

  /** An overlay's findings by file, placed again only when they change. */
  private placed(o: Overlay, render: OverlayRender): Map<string, Finding[]> {
    const { workspace } = this.host;
    const { text } = render.rendered;
    const raw = [...workspace.documentFindings(o.name, text), ...(this.simulated.has(o.name) ? workspace.liveFindings(o.name, text) : [])];
    const from = JSON.stringify(raw);
    if (o.placed?.from !== from) {
      const byFile = new Map<string, Finding[]>();
      try {
        for (const p of mapRenderedFindings(raw, render, o.name, readFileOrUndefined)) {
          const file = toUri(p.file);
          byFile.set(file, addOnce(byFile.get(file) ?? [], withUris(p.finding)));
        }
      } catch (e) {
        this.host.logError(`placing the findings of the overlay ${o.dir}`, e);
      }
      o.placed = { from, byFile };
    }
    return o.placed.byFile;
  }
}
