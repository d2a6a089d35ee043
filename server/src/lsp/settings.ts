import { DEFAULT_SETTINGS, type AnalysisSettings } from '../core';

/** The `kubeplan.*` settings as VS Code sends them (any field may be missing or of the wrong type). */
export interface KubeplanConfiguration {
  validation?: { enable?: unknown; schema?: unknown };
  kubernetesVersion?: unknown;
  maxFileSizeMB?: unknown;
}

export interface ServerSettings {
  enabled: boolean;
  analysis: AnalysisSettings;
}

const VERSION = /^1\.(2[3-9]|3[0-5])$/;

/** Reads settings defensively: a bad value falls back to the default instead of breaking analysis. */
export function toServerSettings(config: KubeplanConfiguration | null | undefined): ServerSettings {
  const c = config ?? {};
  const version = typeof c.kubernetesVersion === 'string' && VERSION.test(c.kubernetesVersion) ? c.kubernetesVersion : DEFAULT_SETTINGS.kubernetesVersion;
  // package.json declares the same minimum (0.1 MB) for the setting.
  const maxMB = typeof c.maxFileSizeMB === 'number' && c.maxFileSizeMB >= 0.1 ? c.maxFileSizeMB : DEFAULT_SETTINGS.maxFileSizeMB;
  return {
    enabled: c.validation?.enable !== false,
    analysis: {
      kubernetesVersion: version,
      schemaValidation: c.validation?.schema !== false,
      maxFileSizeMB: maxMB,
    },
  };
}
