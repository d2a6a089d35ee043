import { isObj } from '../model/obj';
import { CHART_FILE, isKustomization, KUSTOMIZATION_FILE_NAMES, type FileRole, type RoleContext } from '../ecosystem/fileRoles';
import { kustomizeReferences, ROLE_OF_USE } from '../ecosystem/kustomizeReferences';
import { baseOf, dirOf, pathOf, resolvePath } from '../ecosystem/paths';

/** What a path names on disk. */
export type PathKind = 'file' | 'directory' | undefined;
/** The front end's view of the disk (a path as ecosystem/paths.ts has it). */
export type StatPath = (path: string) => PathKind;

/**
 * What the workspace's files say about each other's roles (docs/ecosystem.md): which directories are
 * Helm charts (they hold a Chart.yaml), which files kustomizations use as patches, configs or values
 * files. Built from the files' names and the kustomizations' texts; rebuilt when a file comes or goes
 * or a kustomization changes.
 */
export class EcosystemIndex implements RoleContext {
  private readonly charts = new Set<string>();
  private readonly referenced = new Map<string, FileRole>();
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private readonly probed = new Map<string, boolean>();
  /** Changes when a file's role given by another file changes. */
  readonly signature: string;

  /** `documents` is a text's documents, parsed; `statPath`, when given, answers for files outside the workspace. */
  constructor(
    files: Array<[file: string, text: string]>,
    documents: (text: string) => unknown[],
    private readonly statPath?: StatPath,
  ) {
    const resources = new Set<string>();
    for (const [file, text] of files) {
      const path = pathOf(file);
      this.files.add(path);
      for (let d = dirOf(path); !this.dirs.has(d) && d !== dirOf(d); d = dirOf(d)) this.dirs.add(d);
      if (baseOf(path) === CHART_FILE) this.charts.add(dirOf(path));
      if (!isKustomization(path, text)) continue;
      for (const value of documents(text)) {
        if (!isObj(value)) continue;
        for (const ref of kustomizeReferences(value)) {
          const target = resolvePath(dirOf(path), ref.path);
          const role = ROLE_OF_USE[ref.use];
          if (role) this.referenced.set(target, role);
          else resources.add(target);
        }
      }
    }
    // A file another kustomization lists as a resource is a whole object, whatever else uses it.
    for (const r of resources) this.referenced.delete(r);
    this.signature = JSON.stringify([[...this.charts].sort(), [...this.referenced].sort()]);
  }

  isChart(dir: string): boolean {
    if (this.charts.has(dir)) return true;
    if (!this.statPath) return false;
    let found = this.probed.get(dir);
    if (found === undefined) this.probed.set(dir, (found = this.statPath(`${dir}/${CHART_FILE}`) === 'file'));
    return found;
  }

  referencedAs(path: string): FileRole | undefined {
    return this.referenced.get(path);
  }

  /** What a path names: on disk when the front end can tell, else among the workspace's files. */
  kind(path: string): PathKind {
    if (this.statPath) return this.statPath(path);
    return this.files.has(path) ? 'file' : this.dirs.has(path) ? 'directory' : undefined;
  }

  /** Whether a directory holds a kustomization (what kustomize reads a directory through). */
  hasKustomization(dir: string): boolean {
    return KUSTOMIZATION_FILE_NAMES.some((name) => this.kind(`${dir}/${name}`) === 'file');
  }
}
