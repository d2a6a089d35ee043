import { baseOf, dirOf } from './paths';

/**
 * What a YAML file of the workspace is to the tools that read it. Only `manifest` files hold API
 * objects that are validated as such and applied (simulated); the others belong to kustomize, Helm,
 * kpt, skaffold or helmfile and are never sent to the API server (docs/ecosystem.md).
 */
export type FileRole =
  /** Kubernetes objects (the default). */
  | 'manifest'
  /** A kustomize Kustomization or Component: checked against kustomize's own schema. */
  | 'kustomization'
  /** A patch a kustomization applies: a partial object (strategic merge) or a list of JSON 6902 operations. */
  | 'patch'
  /** What a kustomization reads besides objects: generator, transformer and validator configs, replacements, generator inputs. */
  | 'kustomizeConfig'
  /** kpt's Kptfile and function configs. */
  | 'kpt'
  /** A skaffold config. */
  | 'skaffold'
  /** A Helm chart's Chart.yaml. */
  | 'helmChart'
  /** A Helm values file. */
  | 'helmValues'
  /** A file under a chart's templates/: YAML only once rendered. */
  | 'helmTemplate'
  /** A helmfile (itself a Go template). */
  | 'helmfile';

/** The names kustomize looks for in a directory (konfig.RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
export const CHART_FILE = 'Chart.yaml';

/** What the workspace knows around a file: which directories are charts, what its kustomizations make of it. */
export interface RoleContext {
  /** Whether a directory (a path) holds a Chart.yaml. */
  isChart(dir: string): boolean;
  /** The role a kustomization of the workspace gives the file at `path` (its patches, its configs…). */
  referencedAs(path: string): FileRole | undefined;
}

/** The first top-level apiVersion of a text (cheap: no parse). */
const TOP_API_VERSION = /^apiVersion\s*:\s*["']?([^\s"'#]+)/m;
/** Builtin plugin configs (`apiVersion: builtin`) and the tools' own apiVersions. */
const TOOL_API_VERSIONS: Array<[RegExp, FileRole]> = [
  [/^kustomize\.config\.k8s\.io\//, 'kustomization'],
  [/^builtin$/, 'kustomizeConfig'],
  [/^(?:[\w-]+\.)*kpt\.dev\//, 'kpt'],
  [/^skaffold\/v/, 'skaffold'],
];
const VALUES_FILE = /^values.*\.ya?ml$/;
const HELMFILE = /^helmfile\.ya?ml$/;

/**
 * A file's role: by its name first (a kustomization, a chart's files, a helmfile, a Kptfile), then
 * by what a kustomization of the workspace makes of it, then by its content (the tools' apiVersions).
 */
export function fileRole(path: string, text: string, context: RoleContext): FileRole {
  return roleByName(path, context) ?? context.referencedAs(path) ?? roleByContent(text) ?? 'manifest';
}

function roleByName(path: string, context: RoleContext): FileRole | undefined {
  const base = baseOf(path);
  const dir = dirOf(path);
  if (KUSTOMIZATION_FILE_NAMES.includes(base)) return 'kustomization';
  if (base === CHART_FILE) return 'helmChart';
  if (base === 'Kptfile') return 'kpt';
  if (HELMFILE.test(base) || baseOf(dir) === 'helmfile.d') return 'helmfile';
  if (VALUES_FILE.test(base) && context.isChart(dir)) return 'helmValues';
  // chart-testing's values files, one per test install.
  if (baseOf(dir) === 'ci' && context.isChart(dirOf(dir))) return 'helmValues';
  // templates/ and its subfolders, in a chart.
  for (let d = dir; d !== '.' && d !== '/' && d !== dirOf(d); d = dirOf(d)) {
    if (baseOf(d) === 'templates' && context.isChart(dirOf(d))) return 'helmTemplate';
  }
  return undefined;
}

/** How far into a text its tool's apiVersion is looked for: the tools write it first. */
const HEAD = 4096;

function roleByContent(text: string): FileRole | undefined {
  // Only the head: this runs on each edit of any file, however large.
  const apiVersion = TOP_API_VERSION.exec(text.slice(0, HEAD))?.[1];
  if (apiVersion === undefined) return undefined;
  return TOOL_API_VERSIONS.find(([pattern]) => pattern.test(apiVersion))?.[1];
}

/** Whether a file is a kustomization (by name or apiVersion): what it lists decides other files' roles. */
export function isKustomization(path: string, text: string | undefined): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(baseOf(path)) || (text !== undefined && roleByContent(text) === 'kustomization');
}
