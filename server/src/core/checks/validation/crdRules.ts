import { CompiledSchema } from '../../cel/compile';
import { MAX_UINT64 } from '../../cel/estimate';
import { estimateNodeCosts } from '../../cel/ruleCost';
import { formatFixed } from '../../cel/library/goFloat';
import type { K8sSchema } from '../../schema/catalog';
import { obj } from '../../model/obj';
import type { CelRuleCompiler } from './crdSchema';
import { internalRuleValue } from './crdInternal';
import type { Errs, FieldErr, Seg } from './fieldErrorList';
import type { CelPrograms } from '../../cel/programs';
import { schemaFingerprint } from '../../crd/crdIndex';
import { minorOf } from '../../versions';

/** validation.go: the largest estimated cost of one expression, and of all a schema's. */
export const STATIC_ESTIMATED_COST_LIMIT = 10_000_000n;
export const STATIC_ESTIMATED_CRD_COST_LIMIT = 100_000_000n;

/**
 * The CEL checks of a CRD version's x-kubernetes-validations when the CRD is written
 * (apiextensions validation.go, cel_validation.go, with schema/cel/compilation.go's details):
 * - each rule that does not compile: `<node>.x-kubernetes-validations[i].rule: Invalid value:
 *   <the rule>: compilation failed: ERROR: …`, and the same on `messageExpression`;
 * - each rule whose estimated cost, times the number of times its node can repeat (the product of
 *   the maxItems/maxProperties above it, or else the rule's own count of its smallest values in a
 *   request), exceeds 10,000,000: `…rule: Forbidden: estimated rule cost exceeds budget by factor
 *   of …`; a messageExpression's own estimate likewise;
 * - all of them together over 100,000,000 (`totalCostErrors`): the four most expensive (at least
 *   1% of that each) "contributed to…", and the schema "x-kubernetes-validations estimated rule
 *   cost total for entire OpenAPIv3 schema exceeds budget…".
 * The schema is compiled once, on the first node with rules.
 */
export interface CelRules {
  compile: CelRuleCompiler;
  /** The total's errors, after every node is compiled (`root`: the openAPIV3Schema's path). */
  totalCostErrors(root: Seg[], e: Errs): FieldErr[];
}

/** multiplyWithOverflowGuard. */
const multiplyGuarded = (base: bigint, cardinality: bigint): bigint => (base === 0n ? 0n : MAX_UINT64 / base < cardinality ? MAX_UINT64 : base * cardinality);

/**
 * extractMaxElements: the factor by which a schema multiplies its children's count (undefined:
 * unbounded): a map's maxProperties, an array's maxItems, 1 otherwise.
 */
function extractMaxElements(s: K8sSchema): bigint | undefined {
  const bound = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? (v < 0 ? 0n : BigInt(Math.trunc(v))) : undefined);
  if (s.type === 'object') return s.additionalProperties !== undefined && s.additionalProperties !== null ? bound(s.maxProperties) : 1n;
  if (s.type === 'array') return bound(s.maxItems);
  return 1n;
}

/**
 * CELSchemaContext.MaxCardinality of the node at `path` (below openAPIV3Schema): the product of
 * extractMaxElements of the schemas above it, through properties, additionalProperties and items.
 */
function contextCardinality(root: K8sSchema, path: Seg[]): bigint | undefined {
  const start = path.indexOf('openAPIV3Schema');
  let s: K8sSchema | undefined = root;
  let cardinality: bigint | undefined = 1n;
  for (let i = start + 1; i < path.length && s; i++) {
    const seg = path[i];
    let child: K8sSchema | undefined;
    if (seg === 'properties') {
      const key = path[++i];
      child = obj(obj(s.properties)?.[typeof key === 'object' && 'key' in key ? key.key : String(key)]) as K8sSchema | undefined;
    } else if (seg === 'additionalProperties') child = obj(s.additionalProperties) as K8sSchema | undefined;
    else if (seg === 'items') child = typeof path[i + 1] === 'number' ? (obj((s.items as unknown[])[path[++i] as number]) as K8sSchema | undefined) : (obj(s.items) as K8sSchema | undefined);
    else return cardinality;
    if (cardinality !== undefined) {
      const factor = extractMaxElements(s);
      cardinality = factor === undefined ? undefined : multiplyGuarded(cardinality, factor);
    }
    s = child;
  }
  return cardinality;
}

/** getCostErrorMessage. */
export function costErrorMessage(costName: string, cost: bigint, limit: bigint): string {
  const exceedFactor = Number(cost) / Number(limit);
  // Past two orders of magnitude the rule is likely O(n²) or worse; below 1.5, "1.0x" would say nothing.
  const factor = exceedFactor > 100 ? 'more than 100x' : exceedFactor < 1.5 ? `${formatFixed(exceedFactor, 6)}x` : `${formatFixed(exceedFactor, 1)}x`;
  return `${costName} exceeds budget by factor of ${factor} (try simplifying the rule, or adding maxItems, maxProperties, and maxLength where arrays, maps, and strings are declared)`;
}

/** TotalCost: the sum, and the four most expensive expressions of at least 1% of the limit. */
export class TotalCost {
  total = 0n;
  readonly mostExpensive: { path: Seg[]; cost: bigint }[] = [];

  observe(path: Seg[], cost: bigint): void {
    this.total = MAX_UINT64 - this.total < cost ? MAX_UINT64 : this.total + cost;
    if (cost < STATIC_ESTIMATED_CRD_COST_LIMIT / 100n) return;
    // sort.Slice of at most five: an insertion sort, stable.
    let i = this.mostExpensive.length;
    while (i > 0 && this.mostExpensive[i - 1].cost < cost) i--;
    this.mostExpensive.splice(i, 0, { path, cost });
    if (this.mostExpensive.length > 4) this.mostExpensive.length = 4;
  }
}

export function celRuleCompiler(root: K8sSchema, kubernetesVersion: string, programs?: CelPrograms): CelRules {
  let compiled: CompiledSchema | undefined;
  const total = new TotalCost();
  const minor = minorOf(kubernetesVersion);
  const compile: CelRuleCompiler = (schema, path, e) => {
    // The custom resources' checks compile the same schema: through `programs` it is compiled once.
    compiled ??= programs ? programs.for(schemaFingerprint(root), root, kubernetesVersion) : new CompiledSchema(root, kubernetesVersion);
    const errs: FieldErr[] = [];
    const node = compiled.rulesAt(schema as K8sSchema);
    const raw = Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'] : [];
    const costs = node && estimateNodeCosts(compiled, schema as K8sSchema, node.rules);
    const cardinality = costs && contextCardinality(root, path);
    node?.rules.forEach((r, n) => {
      const i = raw.indexOf(r.rule);
      if (i < 0) return;
      const at = [...path, 'x-kubernetes-validations', i];
      if (costs) {
        const c = costs.rules[n];
        const expressionCost = multiplyGuarded(c.maxCost, cardinality ?? costs.maxCardinality);
        if (expressionCost > STATIC_ESTIMATED_COST_LIMIT) errs.push(e.forbidden([...at, 'rule'], costErrorMessage('estimated rule cost', expressionCost, STATIC_ESTIMATED_COST_LIMIT)));
        total.observe([...at, 'rule'], expressionCost);
      }
      if (r.error) errs.push(e.invalid([...at, 'rule'], internalRuleValue(r.rule), r.error));
      if (r.messageError) errs.push(e.invalid([...at, 'messageExpression'], internalRuleValue(r.rule), r.messageError));
      else if (costs && r.program && r.messageProgram && minor >= 27) {
        // A messageExpression's estimate is its own: not multiplied by the node's count.
        const cost = costs.rules[n].messageExpressionMaxCost;
        if (cost > STATIC_ESTIMATED_COST_LIMIT) errs.push(e.forbidden([...at, 'messageExpression'], costErrorMessage('estimated messageExpression cost', cost, STATIC_ESTIMATED_COST_LIMIT)));
        total.observe([...at, 'messageExpression'], cost);
      }
    });
    return errs;
  };
  return {
    compile,
    totalCostErrors(rootPath, e) {
      if (total.total <= STATIC_ESTIMATED_CRD_COST_LIMIT) return [];
      return [
        ...total.mostExpensive.map((x) => e.forbidden(x.path, 'contributed to estimated rule cost total exceeding cost limit for entire OpenAPIv3 schema')),
        e.forbidden(rootPath, costErrorMessage('x-kubernetes-validations estimated rule cost total for entire OpenAPIv3 schema', total.total, STATIC_ESTIMATED_CRD_COST_LIMIT)),
      ];
    },
  };
}
