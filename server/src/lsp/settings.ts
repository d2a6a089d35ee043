import { apimachinery, DEFAULT_SETTINGS, KUBERNETES_VERSIONS, type AnalysisSettings, type Severity } from '../core';

/** The `kubeplan.*` settings as VS Code sends them (any field may be missing or of the wrong type). */
export interface KubeplanConfiguration {
  validation?: { enable?: unknown; schema?: unknown };
  kubernetesVersion?: unknown;
  maxFileSizeMB?: unknown;
  severity?: unknown;
  defaultNamespace?: unknown;
  cluster?: unknown;
  clusterState?: unknown;
  bestPractices?: unknown;
  kustomize?: { enable?: unknown; command?: unknown; overlay?: unknown };
  helm?: { enable?: unknown; command?: unknown; valuesFiles?: unknown };
}

export interface ServerSettings {
  enabled: boolean;
  analysis: AnalysisSettings;
  /** kubeplan.cluster: the cluster file (relative to the first workspace folder), '' for none. */
  cluster: string;
  /** kubeplan.clusterState: the cluster state file (relative to the first workspace folder), '' for `.kubeplan/state.yaml` or none. */
  clusterState: string;
  kustomize: KustomizeSettings;
  helm: HelmSettings;
}

/** kubeplan.helm.*: whether the charts are rendered in the editor, by what, with which values files. */
export interface HelmSettings {
  enable: boolean;
  /** The command ('' : helm from PATH). */
  command: string;
  /** Values files relative to the chart's folder, passed as -f in order ([]: the chart's values.yaml, which helm reads anyway). */
  valuesFiles: string[];
}

/** kubeplan.kustomize.*: whether overlays are rendered, by what, and which one the simulation applies. */
export interface KustomizeSettings {
  enable: boolean;
  /** The command ('' : kustomize, else kubectl, from PATH). */
  command: string;
  /** The overlay the simulation applies where several share files: its folder, relative to its workspace folder ('': the first in path order). */
  overlay: string;
}

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** `{"KP112": "error", "KP115": "off"}`; entries with an unknown code form or severity are ignored. */
function severityOverrides(value: unknown): Record<string, Severity | 'off'> {
  const out: Record<string, Severity | 'off'> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [code, severity] of Object.entries(value)) {
      if (/^KP\d{3}$/.test(code) && typeof severity === 'string' && SEVERITIES.has(severity)) out[code] = severity as Severity | 'off';
    }
  }
  return out;
}

/** Reads settings defensively: a bad value falls back to the default instead of breaking analysis. */
export function toServerSettings(config: KubeplanConfiguration | null | undefined): ServerSettings {
  const c = config ?? {};
  const version = typeof c.kubernetesVersion === 'string' && KUBERNETES_VERSIONS.includes(c.kubernetesVersion) ? c.kubernetesVersion : DEFAULT_SETTINGS.kubernetesVersion;
  // package.json declares the same minimum (0.1 MB) for the setting.
  const maxMB = typeof c.maxFileSizeMB === 'number' && c.maxFileSizeMB >= 0.1 ? c.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return {
    enabled: c.validation?.enable !== false,
    cluster: typeof c.cluster === 'string' ? c.cluster.trim() : '',
    clusterState: typeof c.clusterState === 'string' ? c.clusterState.trim() : '',
    kustomize: {
      enable: c.kustomize?.enable !== false,
      command: typeof c.kustomize?.command === 'string' ? c.kustomize.command.trim() : '',
      overlay: typeof c.kustomize?.overlay === 'string' ? c.kustomize.overlay.trim().replace(/^\.\/|\/+$/g, '') : '',
    },
    helm: {
      enable: c.helm?.enable !== false,
      command: typeof c.helm?.command === 'string' ? c.helm.command.trim() : '',
      valuesFiles: Array.isArray(c.helm?.valuesFiles) ? c.helm.valuesFiles.filter((f): f is string => typeof f === 'string' && f.trim() !== '').map((f) => f.trim()) : [],
    },
    analysis: {
      kubernetesVersion: version,
      schemaValidation: c.validation?.schema !== false,
      maxFileSizeMB: maxMB,
      severity: severityOverrides(c.severity),
      defaultNamespace: typeof c.defaultNamespace === 'string' && apimachinery.isDNS1123Label(c.defaultNamespace).length === 0 ? c.defaultNamespace : 'default',
      bestPractices: c.bestPractices !== false,
    },
  };
}
