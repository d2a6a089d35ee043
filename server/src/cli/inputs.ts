import { isUtf8 } from 'node:buffer';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analyzer, cluster, KUSTOMIZATION_FILE_NAMES, Workspace, type AnalysisSettings, type WorkspaceOptions, type OverlayRender, type PlacedFinding } from '../core';
import { loadPrecompiledValidators, schemasDir, statPath } from '../runtimeFiles';
import { findKustomize } from '../kustomize/command';
import { isOverlay, renderOverlay } from '../kustomize/renderOverlay';
import { runKustomizeSync } from '../kustomize/runKustomize';
import { readStateInWorker } from './stateReader';

/** A file to analyse, as the CLI read it. `text` is undefined when it could not be decoded. */
export interface Input {
  /** The path as the user sees it (relative to the working directory), or "<stdin>". */
  name: string;
  text?: string;
  /** Why the file is not analysed (not UTF-8, too large), when it is not. */
  skipped?: { message: string; line: number };
}

export class UsageError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

/** Expands files and folders (recursively, *.yaml and *.yml and kustomize's `Kustomization`, sorted) into inputs; `-` is stdin. */
export function readInputs(paths: string[], maxBytes: number, readStdin: () => Buffer): Input[] {
  const inputs: Input[] = [];
  for (const p of paths) {
    if (p === '-') {
      inputs.push(decode('<stdin>', readStdin(), maxBytes));
      continue;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or directory`);
    }
    const files = stat.isDirectory() ? yamlFilesUnder(p) : [p];
    for (const file of files) inputs.push(readFile(file, maxBytes));
  }
  return inputs;
}

function yamlFilesUnder(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(p);
      } else if (entry.isFile() && (YAML_FILE.test(entry.name) || KUSTOMIZATION_FILE_NAMES.includes(entry.name))) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/** How the CLI names a file: relative to the working directory. */
const inputName = (file: string): string => relative(process.cwd(), file) || file;

function readFile(file: string, maxBytes: number): Input {
  const name = inputName(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  if (size > maxBytes) return tooLarge(name, size, maxBytes);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return decode(name, bytes, maxBytes);
}

function tooLarge(name: string, bytes: number, maxBytes: number): Input {
  const mb = (n: number) => n / 1024 / 1024;
  return { name, skipped: { message: `file too large to analyse: ${mb(bytes).toFixed(1)} MB, limit ${mb(maxBytes)} MB (--max-file-size)`, line: 0 } };
}

function decode(name: string, bytes: Buffer, maxBytes: number): Input {
  if (bytes.length > maxBytes) return tooLarge(name, bytes.length, maxBytes);
  // Decoded once (a cluster state is tens of megabytes): an invalid byte decodes as U+FFFD, so a text
  // without one was valid UTF-8; only a text with one (rare, and free to find in an ASCII text) is validated.
  const loose = bytes.toString('utf8');
  if (!loose.includes('\uFFFD') || isUtf8(bytes)) return { name, text: loose.replace(/^\uFEFF/, '') };
  const bad = loose.indexOf('\uFFFD');
  const line = bad === -1 ? 0 : loose.slice(0, bad).split('\n').length - 1;
  return { name, skipped: { message: `not valid UTF-8 (first invalid byte on line ${line + 1}): not analysed`, line } };
}

/** The CLI's workspace: every input file set in it, and the cluster file if one is given. */
export interface CliWorkspace {
  workspace: Workspace;
  inputs: Input[];
  /** Inputs kubeplan failed on while reading them (reported as KP100 findings of those files). */
  failed: Map<string, unknown>;
  /** Rendered overlays by the input name of their rendered text. */
  overlays: Map<string, OverlayRender>;
  /** Overlays not rendered: why, on their kustomization files (absolute paths). */
  notRendered: PlacedFinding[];
}

/** `--kustomize DIR` (overlays besides the folders given that hold a kustomization) and `--kustomize-command`. */
export interface RenderOptions {
  kustomize: string[];
  command?: string;
}

/** Reads the inputs (and `--cluster FILE`) into one workspace, as every command sees them. */
export function openWorkspace(paths: string[], settings: AnalysisSettings, readStdin: () => Buffer, clusterPath?: string, render: RenderOptions = { kustomize: [] }, statePath?: string, options: Pick<WorkspaceOptions, 'nodeReports' | 'findings' | 'finalState'> = {}): CliWorkspace {
  const maxBytes = settings.maxFileSizeMB * 1024 * 1024;
  // A cluster state file is read in a worker thread from here on, while the files are read and analysed.
  const stateMaxBytes = Math.max(maxBytes, cluster.STATE_FILE_MAX_MB * 1024 * 1024);
  const readState = (): { name: string; text: string } => {
    const [state] = readInputs([statePath!], stateMaxBytes, readStdin);
    if (!state || state.text === undefined) throw new UsageError(`cannot read cluster state file ${statePath}: ${state?.skipped?.message ?? 'no such file'}`);
    return { name: state.name, text: state.text };
  };
  const stateSize = statePath === undefined || statePath === '-' ? undefined : regularFileSize(statePath);
  const stateInWorker = stateSize !== undefined && stateSize <= stateMaxBytes ? readStateInWorker(statePath!, stateSize, () => readState().text) : undefined;
  const workspace = new Workspace(new Analyzer(schemasDir, loadPrecompiledValidators), { statPath, ...options });
  workspace.setSettings(settings);
  const overlayDirs = [...paths.filter((p) => p !== '-' && isDirectory(p) && isOverlay(p)), ...render.kustomize];
  // The input names each argument gave: kubectl apply reads its -f arguments in the order given.
  const namesOf = new Map<string, string[]>();
  const inputs: Input[] = [];
  for (const p of paths.filter((p) => !overlayDirs.includes(p))) {
    const read = readInputs([p], maxBytes, readStdin);
    namesOf.set(p, read.map((i) => i.name));
    inputs.push(...read);
  }
  const { overlays, notRendered, unrendered, renderedName } = renderOverlays(overlayDirs, render.command, inputs);
  for (const [dir, name] of renderedName) namesOf.set(dir, [name]);
  // An overlay kustomize did not render is read file by file: its kustomization checked against
  // kustomize's schema, its objects as written (docs/ecosystem.md).
  for (const dir of unrendered) {
    const read = readInputs([dir], maxBytes, readStdin);
    namesOf.set(dir, read.map((i) => i.name));
    inputs.push(...read);
  }
  const failed = new Map<string, unknown>();
  workspace.setApplyOrder([...paths, ...render.kustomize].flatMap((p) => namesOf.get(p) ?? []));
  for (const input of inputs) {
    if (input.text === undefined) continue;
    try {
      workspace.setFile(input.name, input.text);
    } catch (e) {
      failed.set(input.name, e);
    }
  }
  if (clusterPath !== undefined) {
    const [cluster] = readInputs([clusterPath], maxBytes, readStdin);
    if (!cluster || cluster.text === undefined) throw new UsageError(`cannot read cluster file ${clusterPath}: ${cluster?.skipped?.message ?? 'no such file'}`);
    // As in the editor, the cluster file describes the cluster: it is not applied, even if it is among the inputs.
    workspace.setFile(cluster.name, cluster.text);
    workspace.setClusterFile(cluster.name);
  }
  if (statePath !== undefined) {
    // The cluster as it is: not applied, even if it is among the inputs.
    if (stateInWorker) {
      workspace.setClusterStateFile(inputName(statePath), stateInWorker);
    } else {
      const state = readState();
      workspace.setFile(state.name, state.text);
      workspace.setClusterStateFile(state.name);
    }
  }
  return { workspace, inputs, failed, overlays, notRendered };
}

/** The size of a regular file; undefined for anything else (a folder, a missing path). */
function regularFileSize(p: string): number | undefined {
  try {
    const stat = statSync(p);
    return stat.isFile() ? stat.size : undefined;
  } catch {
    return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Each overlay's rendered text joins the inputs, named after its kustomization file. */
function renderOverlays(dirs: string[], configured: string | undefined, inputs: Input[]): Pick<CliWorkspace, 'overlays' | 'notRendered'> & { unrendered: string[]; renderedName: Map<string, string> } {
  const overlays = new Map<string, OverlayRender>();
  const notRendered: PlacedFinding[] = [];
  const unrendered: string[] = [];
  /** The input name of each rendered overlay, by the folder given. */
  const renderedName = new Map<string, string>();
  if (dirs.length === 0) return { overlays, notRendered, unrendered, renderedName };
  const renderer = { command: findKustomize(configured), configured };
  for (const dir of new Set(dirs)) {
    if (!isDirectory(dir) || !isOverlay(dir)) throw new UsageError(`--kustomize ${dir}: not a directory with a kustomization.yaml`);
    // kustomize names directories by their real path in its messages.
    const result = renderOverlay(realpathSync(dir), renderer, runKustomizeSync);
    if (!result.ok) {
      notRendered.push(result.placed);
      unrendered.push(dir);
      continue;
    }
    const name = `${relative(process.cwd(), result.overlay.kustomizationFile) || result.overlay.kustomizationFile} (rendered)`;
    overlays.set(name, result.overlay);
    renderedName.set(dir, name);
    inputs.push({ name, text: result.overlay.rendered.text });
  }
  return { overlays, notRendered, unrendered, renderedName };
}
