import type { Environment } from '@marcbachmann/cel-js';
import { traversalCost } from '../cost';
import { callCost } from './callCost';
import { KubernetesQuantity, parseKubernetesQuantity } from './quantityValue';
import { actualSize, celError } from './values';

/**
 * The quantity library (k8s.io/apiserver/pkg/cel/library/quantity.go, in the environment from 1.28).
 * `sign` is a global function upstream (cel.Overload, not MemberOverload): `sign(q)`, not `q.sign()`.
 * mul/div/divInt are not in any released Kubernetes (1.35 included).
 */
const Q = 'kubernetes.Quantity';

function register(env: Environment): void {
  env.registerType(Q, KubernetesQuantity);
  env.registerOperator(`${Q} == ${Q}`, (a: KubernetesQuantity, b: KubernetesQuantity) => {
    callCost(1); // cost.go: quantity equality is O(1)
    return a.equals(b);
  });
  env.registerFunction(`quantity(string): ${Q}`, (s: string) => {
    callCost(traversalCost(actualSize(s)));
    const q = parseKubernetesQuantity(s);
    if (typeof q === 'string') throw celError(q);
    return q;
  });
  env.registerFunction('isQuantity(string): bool', (s: string) => {
    callCost(traversalCost(actualSize(s)));
    return typeof parseKubernetesQuantity(s) !== 'string';
  });
  env.registerFunction(`sign(${Q}): int`, (q: KubernetesQuantity) => {
    callCost(1);
    return BigInt(q.sign());
  });
  env.registerFunction(`${Q}.isGreaterThan(${Q}): bool`, (q: KubernetesQuantity, other: KubernetesQuantity) => {
    callCost(1);
    return q.cmp(other.copy()) === 1;
  });
  env.registerFunction(`${Q}.isLessThan(${Q}): bool`, (q: KubernetesQuantity, other: KubernetesQuantity) => {
    callCost(1);
    return q.cmp(other.copy()) === -1;
  });
  env.registerFunction(`${Q}.compareTo(${Q}): int`, (q: KubernetesQuantity, other: KubernetesQuantity) => {
    callCost(1);
    return BigInt(q.cmp(other.copy()));
  });
  env.registerFunction(`${Q}.asApproximateFloat(): double`, (q: KubernetesQuantity) => {
    callCost(1);
    return q.asApproximateFloat64();
  });
  env.registerFunction(`${Q}.asInteger(): int`, (q: KubernetesQuantity) => {
    callCost(1);
    const v = q.asInt64();
    if (v === undefined) throw celError('cannot convert value to integer');
    return v;
  });
  env.registerFunction(`${Q}.isInteger(): bool`, (q: KubernetesQuantity) => {
    callCost(1);
    return q.asInt64() !== undefined;
  });
  const arithmetic = (name: 'add' | 'sub') => (q: KubernetesQuantity, other: KubernetesQuantity | bigint) => {
    callCost(1);
    // `copy := *q; copy.Add(…)`: the copy shares an inf.Dec with q (quantityAdd, quantitySub).
    const result = q.copy();
    const operand = typeof other === 'bigint' ? new KubernetesQuantity({ value: other, scale: 0 }, null) : other.copy();
    result[name](operand);
    return result;
  };
  env.registerFunction(`${Q}.add(${Q}): ${Q}`, arithmetic('add'));
  env.registerFunction(`${Q}.add(int): ${Q}`, arithmetic('add'));
  env.registerFunction(`${Q}.sub(${Q}): ${Q}`, arithmetic('sub'));
  env.registerFunction(`${Q}.sub(int): ${Q}`, arithmetic('sub'));
}

export const quantityLibrary = { name: 'kubernetes.quantity', since: 28, register };
