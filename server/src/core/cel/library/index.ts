import type { Environment } from '@marcbachmann/cel-js';

/**
 * A Kubernetes CEL library (k8s.io/apiserver/pkg/cel/library), and the Kubernetes minor version
 * whose environment first has it (environment/base.go).
 */
export interface CelLibrary {
  name: string;
  since: number;
  register(env: Environment, minor: number): void;
}

export const LIBRARIES: CelLibrary[] = [];
