import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cluster, type Analyzer, type AnalysisSettings, type Finding } from '../core';

const KIND_KEY = /kind\s*:/;

/** A file name as events and the panel show it: relative to the workspace folder. */
function displayName(uri: string, roots: string[]): string {
  if (!uri.startsWith('file:')) return uri;
  const path = fileURLToPath(uri);
  const root = roots.find((r) => !relative(r, path).startsWith('..'));
  return root ? relative(root, path) : path;
}

export interface SimulationSnapshot {
  run: number;
  profile: cluster.ClusterProfile;
  result: cluster.SimulationResult;
  /** Display name → uri, for the panel's "reveal in editor". */
  uris: Record<string, string>;
  findingsByUri: Map<string, Finding[]>;
}

/**
 * The workspace's manifests as the simulator sees them: every file set in the analyzer (open
 * documents, and the workspace folders' files from disk) that holds a `kind:` key, simulated as a
 * whole on the resolved cluster profile. Parsing is cached per document by the analyzer, so a
 * keystroke re-parses one document; files over the size limit are left out, unparsed.
 */
export class WorkspaceSimulation {
  private runs = 0;
  last?: SimulationSnapshot;

  constructor(
    private readonly analyzer: Analyzer,
    private readonly log: (m: string) => void,
  ) {}

  private get texts(): Map<string, string> {
    return new Map(this.analyzer.analysedFiles().filter(([, text]) => KIND_KEY.test(text)));
  }

  /**
   * Parses every document of the workspace into the analyzer's cache, yielding to other requests every
   * `sliceMs`, so that the simulation itself (synchronous) finds them parsed. Returns false when
   * `stale()` says a newer run is wanted.
   */
  async warm(sliceMs: number, stale: () => boolean): Promise<boolean> {
    let sliceStart = performance.now();
    for (const text of [...this.texts.values()]) {
      for (const chunk of this.analyzer.layout(text).chunks) {
        this.analyzer.parse(chunk.text);
        if (performance.now() - sliceStart > sliceMs) {
          await new Promise((resolve) => setImmediate(resolve));
          if (stale()) return false;
          sliceStart = performance.now();
        }
      }
    }
    return true;
  }

  /** The cluster file: the setting (relative to the first folder), else `.kubeplan/cluster.yaml`. */
  private clusterFile(setting: string, roots: string[]): { uri: string; path: string } | undefined {
    if (setting) {
      const path = isAbsolute(setting) || roots.length === 0 ? setting : join(roots[0], setting);
      return { uri: pathToFileURL(path).href, path };
    }
    for (const root of roots) {
      const path = join(root, '.kubeplan', 'cluster.yaml');
      if (existsSync(path)) return { uri: pathToFileURL(path).href, path };
    }
    return undefined;
  }

  /** Simulates the workspace, or only `onlyUri` (on the workspace's cluster). */
  simulate(settings: AnalysisSettings, clusterSetting: string, roots: string[], onlyUri?: string): SimulationSnapshot {
    const run = ++this.runs;
    const clusterFile = this.clusterFile(clusterSetting, roots);
    const uris: Record<string, string> = {};
    const texts = this.texts;
    const files = [...texts]
      .filter(([uri]) => uri !== clusterFile?.uri && (onlyUri === undefined || uri === onlyUri))
      .map(([uri, text]) => {
        const file = displayName(uri, roots);
        uris[file] = uri;
        return { file, text };
      })
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const manifests = cluster.manifestsOf(this.analyzer, files, settings);
    let clusterManifests;
    if (clusterFile) {
      let text = texts.get(clusterFile.uri);
      try {
        text ??= readFileSync(clusterFile.path, 'utf8');
      } catch {
        this.log(`cluster file ${clusterFile.path} cannot be read: using the default cluster`);
      }
      if (text !== undefined) {
        const name = displayName(clusterFile.uri, roots);
        uris[name] = clusterFile.uri;
        clusterManifests = { name, manifests: cluster.manifestsOf(this.analyzer, [{ file: name, text }]) };
      }
    }
    const workspaceForProfile = onlyUri === undefined ? manifests : cluster.manifestsOf(this.analyzer, [...texts].map(([uri, text]) => ({ file: displayName(uri, roots), text })));
    const profile = cluster.resolveProfile(workspaceForProfile, clusterManifests, settings.kubernetesVersion);
    const defaultNamespace = settings.defaultNamespace ?? 'default';
    const result = cluster.simulate(manifests, profile, { kubernetesVersion: settings.kubernetesVersion, defaultNamespace });
    const findingsByUri = new Map<string, Finding[]>();
    for (const f of [...cluster.simulationFindings(result), ...cluster.schedulingFindings(result, manifests, defaultNamespace)]) {
      const uri = uris[f.file];
      const severity = settings.severity?.[f.code];
      if (!uri || severity === 'off') continue;
      const list = findingsByUri.get(uri) ?? [];
      list.push({ code: f.code, severity: severity ?? f.severity, message: f.message, range: f.range });
      findingsByUri.set(uri, list);
    }
    const snapshot = { run, profile, result, uris, findingsByUri };
    if (onlyUri === undefined) this.last = snapshot;
    return snapshot;
  }
}
