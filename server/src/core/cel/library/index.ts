import type { Environment } from '@marcbachmann/cel-js';
import { CIDR_LIBRARY } from './cidr';
import { IP_LIBRARY } from './ip';
import { NET_TYPE_NAMES_LIBRARY } from './netTypeNames';
import { URLS_LIBRARY } from './urls';
import { comprehensionsLibrary } from './comprehensions';
import { extListsLibrary } from './extLists';
import { formatLibrary } from './format';
import { listsLibrary } from './lists';
import { standardMacrosLibrary } from './macros';
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
  standardMacrosLibrary,
  URLS_LIBRARY,
  IP_LIBRARY,
  CIDR_LIBRARY, // after IP: it returns and takes net.IP
  NET_TYPE_NAMES_LIBRARY, // after IP and CIDR
  listsLibrary,
  regexLibrary,
  stringsLibrary,
  quantityLibrary,
  setsLibrary,
  formatLibrary,
  comprehensionsLibrary,
  extListsLibrary,
];
