import type { Environment } from '@marcbachmann/cel-js';
import { comprehensionsLibrary } from './comprehensions';
import { formatLibrary } from './format';
import { listsLibrary } from './lists';
import { quantityLibrary } from './quantity';
import { regexLibrary } from './regex';
import { setsLibrary } from './sets';
import { stringsLibrary } from './strings';

/**
 * A Kubernetes CEL library (k8s.io/apiserver/pkg/cel/library), and the Kubernetes minor version
 * whose environment first has it (environment/base.go).
 */
export interface CelLibrary {
  name: string;
  since: number;
  register(env: Environment, minor: number): void;
}

export const LIBRARIES: CelLibrary[] = [
  listsLibrary,
  regexLibrary,
  stringsLibrary,
  quantityLibrary,
  setsLibrary,
  formatLibrary,
  comprehensionsLibrary,
];
