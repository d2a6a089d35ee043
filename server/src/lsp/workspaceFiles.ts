import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHART_FILE, DECLARES, KUSTOMIZATION_FILE_NAMES, KUSTOMIZATION_FILES } from '../core';

/**
 * How the workspace names a rendered overlay's output: a uri of a scheme of its own (no file has it)
 * under the overlay's folder, named as no tool's file is (it holds Kubernetes objects).
 */
const RENDERED_SCHEME = 'kubeplan-rendered:';
const RENDERED_NAME = '/kustomize-build.yaml';
export const renderedUri = (overlayDir: string, name = RENDERED_NAME): string => pathToFileURL(overlayDir).href.replace(/^file:/, RENDERED_SCHEME) + name;
/** How the workspace names a chart's `helm template` output (the same scheme). */
export const helmRenderedUri = (chartDir: string): string => renderedUri(chartDir, '/helm-template.yaml');

/** Whether a file name is one kustomize reads as a kustomization. */
export const isKustomization = (name: string): boolean => (KUSTOMIZATION_FILES as readonly string[]).includes(name);

/**
 * The workspace folders on disk: which files are in them, their texts, how events and the panel name
 * them, and which file is the cluster file.
 */
export class WorkspaceFolders {
  constructor(readonly roots: string[]) {}

  /** Whether a document is in one of the folders (a closed file outside them leaves the workspace). */
  contains(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const path = fileURLToPath(uri);
    return this.roots.some((root) => {
      const r = relative(root, path);
      return r !== '' && !r.startsWith('..') && !isAbsolute(r);
    });
  }

  /** A file name as events and the panel show it: relative to its workspace folder. */
  displayName = (uri: string): string => {
    if (uri.startsWith(RENDERED_SCHEME)) return `${this.displayName(uri.replace(RENDERED_SCHEME, 'file:').slice(0, -RENDERED_NAME.length))} (rendered)`;
    if (!uri.startsWith('file:')) return uri;
    const path = fileURLToPath(uri);
    const root = this.roots.find((r) => !relative(r, path).startsWith('..'));
    return root ? relative(root, path) : path;
  };

  /**
   * Reads the folders' YAML files that hold Kubernetes objects, one at a time (requests are answered
   * meanwhile), and hands each to `set` (which may leave out an open document: its text is the
   * editor's), and the path of each file that makes its folder rendered (a kustomization, a Chart.yaml) to `renders`. Logs what it found.
   */
  async scan(maxBytes: number, set: (uri: string, text: string) => unknown, log: (m: string) => void, renders: (path: string) => void = () => undefined): Promise<void> {
    let manifests = 0;
    let declaring = 0;
    for (const root of this.roots) {
      for await (const { path, text, declares } of manifestFiles(root, maxBytes, log, renders)) {
        manifests++;
        set(pathToFileURL(path).href, text);
        if (declares) declaring++;
      }
    }
    if (this.roots.length) log(`workspace scan: ${manifests} YAML file(s) with Kubernetes objects`);
    if (declaring) log(`found CustomResourceDefinitions, LimitRanges, ResourceQuotas or RuntimeClasses in ${declaring} workspace file(s)`);
  }

  /** The cluster file: the kubeplan.cluster setting (relative to the first folder), else `.kubeplan/cluster.yaml`. */
  clusterFile(setting: string): string | undefined {
    return this.configuredFile(setting, 'cluster.yaml');
  }

  /** The cluster state file: the kubeplan.clusterState setting (relative to the first folder), else `.kubeplan/state.yaml`. */
  stateFile(setting: string): string | undefined {
    return this.configuredFile(setting, 'state.yaml');
  }

  private configuredFile(setting: string, name: string): string | undefined {
    if (setting) return pathToFileURL(isAbsolute(setting) || this.roots.length === 0 ? setting : join(this.roots[0], setting)).href;
    for (const root of this.roots) {
      const path = join(root, '.kubeplan', name);
      if (existsSync(path)) return pathToFileURL(path).href;
    }
    return undefined;
  }
}

/** The text of a file on disk, or undefined (deleted, unreadable, never saved). */
export async function diskText(uri: string): Promise<string | undefined> {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return await readFile(fileURLToPath(uri), 'utf8');
  } catch {
    return undefined;
  }
}

/** Not scanned: dependencies, build output, and `.kubeplan/` (the cluster and state files, read only as such). */
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.kubeplan']);
const YAML_FILE = /\.ya?ml$/i;
/** Files read whatever they hold: what they are decides other files' roles (a chart's folder, a kustomization's patches). */
const ECOSYSTEM_FILES = new Set([...KUSTOMIZATION_FILE_NAMES, CHART_FILE]);
/** A `kind` key at a line's start, quoted or not (`"kind": …` is YAML too, and a JSON object's layout). */
const KIND_KEY = /^\s*["']?kind["']?\s*:/m;
/** A workspace larger than this is only partly scanned for CRDs (the log says so). */
export const MAX_SCANNED_FILES = 20_000;

/**
 * Yields the YAML files under `root` that hold Kubernetes objects (a cheap text test: a `kind:` key)
 * and the kustomizations and Chart.yaml files,
 * reading them one at a time so the server keeps answering requests while it scans. The caller indexes
 * those that declare what other files depend on (DECLARES) and simulates them all.
 */
export async function* manifestFiles(root: string, maxBytes: number, log: (m: string) => void, renders: (path: string) => void = () => undefined): AsyncGenerator<{ path: string; text: string; declares: boolean }> {
  let seen = 0;
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) stack.push(p);
        continue;
      }
      if (e.isFile() && (isKustomization(e.name) || e.name === CHART_FILE)) renders(p);
      const ecosystem = ECOSYSTEM_FILES.has(e.name);
      if (!e.isFile() || !(YAML_FILE.test(e.name) || ecosystem)) continue;
      if (++seen > MAX_SCANNED_FILES) {
        log(`workspace scan stopped after ${MAX_SCANNED_FILES} YAML files`);
        return;
      }
      try {
        if ((await stat(p)).size > maxBytes) continue;
        const text = await readFile(p, 'utf8');
        if (KIND_KEY.test(text) || ecosystem) yield { path: p, text, declares: DECLARES.test(text) };
      } catch {
        // unreadable: nothing to index
      }
    }
  }
}
