import type { Environment } from '@marcbachmann/cel-js';
import type { K8sSchema } from '../schema/catalog';
import { CompiledSchema, type CompiledRule } from './compile';
import { ExprBuilder } from './checkedExpr';
import { minorOf } from '../versions';
import { estimateCost, type AstNode, type CostEstimate, type CostEstimator, type FunctionEstimator, type SizeEstimate } from './estimate';
import { estimateCallCost } from './library/estimateCallCost';
import { EXT_LISTS_ESTIMATORS } from './library/extLists';
import { SETS_ESTIMATORS } from './library/sets';
import { estimateSizeAt, maxCardinality, schemaDeclSize } from './schemaSizes';

/**
 * The estimated costs of one node's rules, as compilation.go reports them (CompilationResult
 * MaxCost, MessageExpressionMaxCost, MaxCardinality): cel-go's estimate of each compiled rule
 * and messageExpression with the library's estimator and the node's sizes, and how many times the
 * node could repeat in a request. The API server estimates from 1.24; before, nothing.
 */
export interface RuleCost {
  maxCost: bigint;
  messageExpressionMaxCost: bigint;
}

export interface NodeCosts {
  /** The rule's own worst-case count (used where no maxItems/maxProperties bounds the node). */
  maxCardinality: bigint;
  rules: RuleCost[];
}

const ESTIMATES_SINCE = 24;

/** The environment's overload estimators: ext.Sets (1.29), ext.Lists version 3 (1.34). */
function overloadEstimators(minor: number): Map<string, FunctionEstimator> {
  const all = new Map<string, FunctionEstimator>();
  if (minor >= 29) for (const [k, v] of SETS_ESTIMATORS) all.set(k, v);
  if (minor >= 34) for (const [k, v] of EXT_LISTS_ESTIMATORS) all.set(k, v);
  return all;
}

/** The costs of `rules` (compiled at `schema` of `compiled`), undefined before 1.24. */
export function estimateNodeCosts(compiled: CompiledSchema, schema: K8sSchema, rules: CompiledRule[]): NodeCosts | undefined {
  const minor = minorOf(compiled.kubernetesVersion);
  if (minor < ESTIMATES_SINCE) return undefined;
  const isResourceRoot = schema === compiled.root || schema['x-kubernetes-embedded-resource'] === true;
  const size = schemaDeclSize(schema, isResourceRoot, minor);
  if (!size) return undefined;
  const estimateSize = (n: AstNode) => estimateSizeAt(size, n);
  const estimator: CostEstimator = {
    estimateSize,
    estimateCallCost: (fn, id, target, args) => estimateCallCost({ minor, estimateSize }, fn, id, target, args),
  };
  const options = { minor, overloadEstimators: overloadEstimators(minor) };
  const builder = new ExprBuilder(minor);
  const cost = (program: unknown): bigint => estimateCost(builder.build((program as { ast: never }).ast), estimator, options).max;
  return {
    maxCardinality: maxCardinality(size.minSerializedSize),
    rules: rules.map((r) => ({
      maxCost: r.program ? cost(r.program) : 0n,
      messageExpressionMaxCost: r.program && r.messageProgram ? cost(r.messageProgram) : 0n,
    })),
  };
}

/** The costs of the rules at a schema's root (for tests: compilation_test.go's TestCostEstimation). */
export function celRuleCosts(root: K8sSchema, kubernetesVersion: string): NodeCosts | undefined {
  const compiled = new CompiledSchema(root, kubernetesVersion);
  const node = compiled.rulesAt(root);
  return node && estimateNodeCosts(compiled, root, node.rules);
}

/**
 * The estimate of an expression in `env` (for tests: cost_test.go's testCost, whose sizes come
 * from `sizeOfKind`, by the cel-go type kind of a value; none when it returns undefined).
 */
export function celEstimatedCost(env: Environment, expression: string, kubernetesVersion: string, sizeOfKind: (kind: string) => SizeEstimate | undefined = () => undefined): CostEstimate {
  const minor = minorOf(kubernetesVersion);
  const program = env.parse(expression);
  const checked = program.check();
  if (!checked.valid) throw checked.error;
  const estimateSize = (n: AstNode) => sizeOfKind(n.type.kind);
  const estimator: CostEstimator = {
    estimateSize,
    estimateCallCost: (fn, id, target, args) => estimateCallCost({ minor, estimateSize }, fn, id, target, args),
  };
  const expr = new ExprBuilder(minor).build(program.ast as never);
  return estimateCost(expr, estimator, { minor, overloadEstimators: overloadEstimators(minor) });
}
