import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { kustomizationIn, kustomizeMessage, kustomizeTree, readRendered, renderErrorFinding, RULES, type OverlayRender, type PlacedFinding, type ReadFile, type TreeNode } from '../core';
import type { KustomizeCommand } from './command';
import { renderKey, renderKeyInBackground, type RenderCache } from './renderCache';
import { runKustomize, runKustomizeSync, type KustomizeRun } from './runKustomize';

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

/** An overlay to render: its tree and how it will be rendered, or its result already (not renderable here). */
type Prepared = { result: OverlayResult } | { tree: TreeNode[]; kustomizationFile: string; command: KustomizeCommand; label: string };

function prepare(overlayDir: string, renderer: Renderer): Prepared {
  const tree = kustomizeTree(overlayDir, readFileOrUndefined);
  const kustomizationFile = tree[0]?.file ?? join(overlayDir, 'kustomization.yaml');
  const { command } = renderer;
  if (!command || renderer.notRun) return { result: { ok: false, placed: unavailable(kustomizationFile, renderer.configured, renderer.notRun) } };
  return { tree, kustomizationFile, command, label: `${command.file} ${command.args.join(' ')}` };
}

/** kustomize's output read (or its error placed), and kept under `key`. */
function finish(overlayDir: string, p: Exclude<Prepared, { result: OverlayResult }>, r: KustomizeRun, cache: RenderCache<OverlayResult> | undefined, key: string | undefined): OverlayResult {
  const result: OverlayResult = r.ok
    ? { ok: true, overlay: { kustomizationFile: p.kustomizationFile, rendered: readRendered(r.stdout, r.builtDir), tree: p.tree } }
    : { ok: false, placed: renderErrorFinding(kustomizeMessage(r.stderr, overlayDir), overlayDir, p.tree) };
  if (cache && key !== undefined) cache.set(key, result);
  return result;
}

/**
 * Renders an overlay (an absolute directory) synchronously (the CLI), or takes the render from the
 * cache when none of the files it reads has changed.
 */
export function renderOverlay(overlayDir: string, renderer: Renderer, run: (dir: string, c: KustomizeCommand) => KustomizeRun = runKustomizeSync): OverlayResult {
  const p = prepare(overlayDir, renderer);
  if ('result' in p) return p.result;
  const key = renderer.cache ? renderKey(p.tree, p.label) : undefined;
  const cached = key === undefined ? undefined : renderer.cache!.get(key);
  return cached ?? finish(overlayDir, p, run(overlayDir, p.command), renderer.cache, key);
}

/** renderOverlay in the background (the language server): kustomize a child process, the files hashed without blocking. */
export async function renderOverlayInBackground(overlayDir: string, renderer: Renderer, run: (dir: string, c: KustomizeCommand) => Promise<KustomizeRun> = runKustomize): Promise<OverlayResult> {
  const p = prepare(overlayDir, renderer);
  if ('result' in p) return p.result;
  const key = renderer.cache ? await renderKeyInBackground(p.tree, p.label) : undefined;
  const cached = key === undefined ? undefined : renderer.cache!.get(key);
  return cached ?? finish(overlayDir, p, await run(overlayDir, p.command), renderer.cache, key);
}
