import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kustomizationIn, kustomizeMessage, kustomizeTree, readRendered, renderErrorFinding, RULES, type OverlayRender, type PlacedFinding, type ReadFile } from '../core';
import type { KustomizeCommand } from './command';
import { renderKey, type RenderCache } from './renderCache';
import type { KustomizeRun } from './runKustomize';

/** An overlay rendered, or the one finding that says why it is not (on its kustomization file). */
export type OverlayResult = { ok: true; overlay: OverlayRender } | { ok: false; placed: PlacedFinding };

export const readFileOrUndefined: ReadFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** Whether a directory holds a kustomization (and so is rendered, not read file by file). */
export const isOverlay = (dir: string): boolean => kustomizationIn(dir, readFileOrUndefined) !== undefined;

/** What renders: the command (undefined: none found, as `configured` says) and a cache of renders. */
export interface Renderer {
  command: KustomizeCommand | undefined;
  configured?: string;
  cache?: RenderCache<OverlayResult>;
  /** Why kustomize must not run at all (the editor's untrusted workspace): each overlay is a note saying so. */
  notRun?: string;
}

/** The finding of an overlay that cannot be rendered here: how to make it rendered. */
function unavailable(file: string, configured: string | undefined, notRun: string | undefined): PlacedFinding {
  const message = notRun
    ? `kustomize overlay not rendered: ${notRun}`
    : configured
    ? `kustomize overlay not rendered: the command "${configured}" was not found (--kustomize-command, setting kubeplan.kustomize.command)`
    : 'kustomize overlay not rendered: neither kustomize nor kubectl is on PATH; install one, or name the command with --kustomize-command (setting kubeplan.kustomize.command)';
  const r = RULES.kustomizeUnavailable;
  return { file, finding: { code: r.code, severity: r.severity, message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } } };
}

/**
 * Renders an overlay (an absolute directory) with `run` (the CLI's synchronous runner or the server's
 * background one), or takes the render from the cache when none of the files it reads has changed.
 */
export function renderOverlay(overlayDir: string, renderer: Renderer, run: (dir: string, c: KustomizeCommand) => KustomizeRun): OverlayResult;
export function renderOverlay(overlayDir: string, renderer: Renderer, run: (dir: string, c: KustomizeCommand) => Promise<KustomizeRun>): Promise<OverlayResult>;
export function renderOverlay(overlayDir: string, renderer: Renderer, run: (dir: string, c: KustomizeCommand) => KustomizeRun | Promise<KustomizeRun>): OverlayResult | Promise<OverlayResult> {
  const tree = kustomizeTree(overlayDir, readFileOrUndefined);
  const kustomizationFile = tree[0]?.file ?? join(overlayDir, 'kustomization.yaml');
  const { command, cache } = renderer;
  if (!command || renderer.notRun) return { ok: false, placed: unavailable(kustomizationFile, renderer.configured, renderer.notRun) };
  const key = cache ? renderKey(tree, `${command.file} ${command.args.join(' ')}`) : undefined;
  const cached = key === undefined ? undefined : cache!.get(key);
  if (cached) return cached;
  const finish = (r: KustomizeRun): OverlayResult => {
    const result: OverlayResult = r.ok
      ? { ok: true, overlay: { kustomizationFile, rendered: readRendered(r.stdout, r.builtDir), tree } }
      : { ok: false, placed: renderErrorFinding(kustomizeMessage(r.stderr, overlayDir), overlayDir, tree) };
    if (key !== undefined) cache!.set(key, result);
    return result;
  };
  const ran = run(overlayDir, command);
  return ran instanceof Promise ? ran.then(finish) : finish(ran);
}
