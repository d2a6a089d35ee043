import type { Environment } from '@marcbachmann/cel-js';
import { tracked } from '../cost';

/**
 * The type identifiers `net.IP` and `net.CIDR` (`type(ip('1.2.3.4')) == net.IP`), which the IP and
 * CIDR libraries declare as variables of their type's type (cel.Variable(IPType.TypeName(), …)).
 * cel-js resolves no qualified identifiers, so `net` is a constant map from the names to the type
 * values; those are the registered types' own, read back with `type()` (outside any cost tracking).
 */
function register(env: Environment): void {
  const typeOf = (expression: string): unknown => tracked(Number.POSITIVE_INFINITY, () => env.evaluate(expression)).value;
  const names = Object.freeze({ IP: typeOf('type(ip("0.0.0.0"))'), CIDR: typeOf('type(cidr("0.0.0.0/0"))') });
  env.registerConstant('net', 'map<string, type>', names);
}

/** With the IP and CIDR libraries (1.30), after them. */
export const NET_TYPE_NAMES_LIBRARY = { name: 'kubernetes.net.typeNames', since: 30, register };
