import type { Environment } from '@marcbachmann/cel-js';
import { callCost } from './callCost';
import { add, fixed, multiply, multiplyByCostFactor, type FunctionEstimator } from '../estimate';
import { extEstimateSize } from './extLists';
import { actualSize, celEquals, listItems, type Evaluator } from './values';

/**
 * cel-go's ext.Sets (ext/sets.go, in the environment from 1.29): sets.contains(list, sublist),
 * sets.equivalent(a, b), sets.intersects(a, b), membership by CEL equality (1 == 1.0 == 1u).
 * Cost (trackSetsCost): 1 + |a|·|b| (twice that for equivalent).
 */
class SetsNamespace {}

/** Lister.Contains: any element CEL-equal. */
const contains = (list: unknown[], v: unknown, ev: Evaluator): boolean => list.some((x) => celEquals(x, v, ev));
const containsAll = (list: unknown[], sub: unknown[], ev: Evaluator): boolean => sub.every((v) => contains(list, v, ev));

type SetFunction = (this: Evaluator, ns: SetsNamespace, a: unknown[], b: unknown[]) => boolean;

const FUNCTIONS: Record<string, [number, (a: unknown[], b: unknown[], ev: Evaluator) => boolean]> = {
  contains: [1, (a, b, ev) => containsAll(a, b, ev)],
  equivalent: [2, (a, b, ev) => containsAll(a, b, ev) && containsAll(b, a, ev)],
  intersects: [1, (a, b, ev) => a.some((v) => contains(b, v, ev))],
};

function register(env: Environment): void {
  env.registerType('SetsNamespace', SetsNamespace);
  env.registerConstant('sets', 'SetsNamespace', new SetsNamespace());
  for (const [name, [factor, test]] of Object.entries(FUNCTIONS)) {
    const handler: SetFunction = function (_, a, b) {
      callCost(1 + Math.trunc(actualSize(a) * actualSize(b) * factor));
      return test(listItems(a), listItems(b), this);
    };
    env.registerFunction(`SetsNamespace.${name}(list<T>, list<T>): bool`, handler);
    // cel-js dispatches a dyn list by its first element's type at run time, which would make
    // list<T> fail on [1] against [dyn(1.0)]; untyped lists take the same function.
    env.registerFunction(`SetsNamespace.${name}(list, list): bool`, handler);
  }
}

/** estimateSetsCost: |a|·|b| × the factor, plus 1 for the call (ext/sets.go's checker.OverloadCostEstimate options). */
const estimateSetsCost = (factor: number): FunctionEstimator => (est, _target, args) => {
  if (args.length !== 2) return undefined;
  return { cost: add(multiplyByCostFactor(multiply(extEstimateSize(est, args[0]), extEstimateSize(est, args[1])), factor), fixed(1)) };
};
export const SETS_ESTIMATORS = new Map<string, FunctionEstimator>([
  ['list_sets_contains_list', estimateSetsCost(1)],
  ['list_sets_intersects_list', estimateSetsCost(1)],
  ['list_sets_equivalent_list', estimateSetsCost(2)],
]);

export const setsLibrary = { name: 'cel.lib.ext.sets', since: 29, register };
