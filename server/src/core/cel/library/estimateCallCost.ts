import type { GoType } from '../checkedExpr';
import { LIST_CREATE_BASE_COST, REGEX_STRING_LENGTH_COST_FACTOR, STRING_TRAVERSAL_COST_FACTOR } from '../cost';
import { add, fixed, MAX_UINT64, multiply, multiplyByCostFactor, union, UNKNOWN_SIZE, type AstNode, type CallEstimate, type CostEstimate, type SizeEstimate } from '../estimate';

/**
 * The estimated cost of the Kubernetes libraries' calls: k8s.io/apiserver/pkg/cel/library/cost.go
 * (CostEstimator.EstimateCallCost), keyed by function name as upstream's, release by release
 * (`minor`). Up to 1.32 cel-go handed the estimator a target even for a global call, so the
 * `target != nil` tests of 1.30–1.33 passed for `ip(s)`, `quantity(s)`…; in 1.33 they do not
 * (those calls cost 1, as any O(1) call), and 1.34 tests the arguments instead.
 */
const STRUCT_CREATE_BASE_COST = 40;
/** limits.go. */
const MAX_FORMAT_SIZE = 64n;
const MAX_NAME_FORMAT_REGEX_SIZE = 128;

const ONE: CallEstimate = { cost: fixed(1) };

export interface LibraryEstimator {
  minor: number;
  /** compilation.go sizeEstimator.EstimateSize. */
  estimateSize(node: AstNode): SizeEstimate | undefined;
}

/** sizeEstimate: the node's computed size, else the estimator's, else unknown. */
const sizeEstimate = (l: LibraryEstimator, n: AstNode): SizeEstimate => n.computedSize ?? l.estimateSize(n) ?? UNKNOWN_SIZE;

/** listElementNode: the items of a list, with their path when the list has one (for their maxLength). */
function listElementNode(list: AstNode): AstNode | undefined {
  if (list.type.kind !== 'list') return undefined;
  return { path: list.path ? [...list.path, '@items'] : undefined, type: list.type.params[0], expr: undefined, computedSize: undefined };
}

/** selectorCostEstimate (fieldSelector, labelSelector). */
function selectorCostEstimate(length: SizeEstimate): CostEstimate {
  const parseCost = multiplyByCostFactor(length, STRING_TRAVERSAL_COST_FACTOR);
  const requirementCount = multiplyByCostFactor(length, 0.5);
  const requirementCost = multiplyByCostFactor(requirementCount, LIST_CREATE_BASE_COST + STRUCT_CREATE_BASE_COST);
  return add(add(fixed(LIST_CREATE_BASE_COST), parseCost), requirementCost);
}

const typesEqual = (a: GoType, b: GoType): boolean =>
  a.kind === b.kind && a.name === b.name && a.params.length === b.params.length && a.params.every((p, i) => typesEqual(p, b.params[i]));

/** uint64(math.Ceil(float64(a) / float64(b))), as Go converts on amd64 (out of range: 1<<63). */
function ceilDiv(a: bigint, b: bigint): bigint {
  const x = Math.ceil(Number(a) / Number(b));
  return Number.isFinite(x) && x < 2 ** 64 ? BigInt(x) : 1n << 63n;
}
const mulWrap = (x: bigint, y: bigint): bigint => (x * y) & MAX_UINT64;

/** The size of replace()'s result (1.29's, which counts an empty search string). */
function replaceSize(sz: SizeEstimate, toReplace: SizeEstimate, replaceWith: SizeEstimate): SizeEstimate {
  const count: SizeEstimate = { min: 0n, max: 0n };
  const retained: SizeEstimate = { min: 0n, max: 0n };
  if (toReplace.min === 0n) {
    // An empty search string surrounds every character.
    count.max = sz.max < MAX_UINT64 ? sz.max + 1n : sz.max;
    retained.max = sz.max;
  } else if (replaceWith.max <= toReplace.min) {
    retained.max = sz.max;
  } else {
    count.max = ceilDiv(sz.max, toReplace.min);
  }
  if (toReplace.max === 0n) {
    count.min = sz.min < MAX_UINT64 ? sz.min + 1n : sz.min;
    retained.min = sz.min;
  } else if (toReplace.max <= replaceWith.min) {
    retained.min = sz.min;
  } else {
    count.min = ceilDiv(sz.min, toReplace.max);
  }
  return add(multiply(count, replaceWith), retained);
}

export function estimateCallCost(l: LibraryEstimator, fn: string, overloadId: string, target: AstNode | undefined, args: AstNode[]): CallEstimate | undefined {
  const m = l.minor;
  // Up to 1.32 `target != nil` held for every call.
  const hasTarget = m <= 32 || target !== undefined;
  const size = (n: AstNode) => sizeEstimate(l, n);
  const traversal = (n: AstNode, factor = STRING_TRAVERSAL_COST_FACTOR): CostEstimate => multiplyByCostFactor(size(n), factor);
  switch (fn) {
    case 'fieldSelector':
    case 'labelSelector':
      if (m >= 31 && args.length === 1) return { cost: selectorCostEstimate(size(args[0])) };
      break;
    case 'isSorted':
    case 'sum':
    case 'max':
    case 'min':
    case 'indexOf':
    case 'lastIndexOf':
      if (target) {
        // 1 per element compared; strings and bytes add a traversal of each.
        let elCost = fixed(1);
        const el = listElementNode(target);
        if (el) {
          if (el.type.kind === 'string' || el.type.kind === 'bytes') elCost = add(elCost, multiplyByCostFactor(size(el), STRING_TRAVERSAL_COST_FACTOR));
          return { cost: multiply(size(target), elCost) };
        }
        // The target is a string (indexOf, lastIndexOf).
        return { cost: traversal(target) };
      }
      break;
    case 'url':
      if (args.length === 1) {
        const sz = size(args[0]);
        return { cost: multiplyByCostFactor(sz, STRING_TRAVERSAL_COST_FACTOR), resultSize: m >= 32 ? sz : undefined };
      }
      break;
    case 'lowerAscii':
    case 'upperAscii':
    case 'substring':
    case 'trim':
      if (target) {
        const sz = size(target);
        return { cost: multiplyByCostFactor(sz, STRING_TRAVERSAL_COST_FACTOR), resultSize: sz };
      }
      break;
    case 'replace':
      if (target && args.length >= 2) {
        const sz = size(target);
        const toReplace = size(args[0]);
        const replaceWith = size(args[1]);
        const resultSize =
          m >= 29
            ? replaceSize(sz, toReplace, replaceWith)
            : { min: mulWrap(ceilDiv(sz.min, toReplace.max), replaceWith.min), max: mulWrap(ceilDiv(sz.max, toReplace.min), replaceWith.max) };
        // The traversal, and building the result.
        return { cost: multiplyByCostFactor(sz, 2 * STRING_TRAVERSAL_COST_FACTOR), resultSize };
      }
      break;
    case 'split':
      if (target) {
        const sz = size(target);
        // At worst, a separator of "" makes each character an element.
        let max = sz.max;
        const limit = args[1]?.expr;
        if (limit?.kind === 'literal' && typeof limit.value === 'bigint') max = BigInt.asUintN(64, limit.value);
        return { cost: multiplyByCostFactor(sz, 2 * STRING_TRAVERSAL_COST_FACTOR), resultSize: { min: 0n, max } };
      }
      break;
    case 'join':
      if (target) {
        let sz: SizeEstimate = fixed(0);
        const listSize = size(target);
        const el = listElementNode(target);
        if (el) sz = multiply(listSize, size(el));
        if (args.length > 0) {
          const separators = { min: listSize.min > 0n ? listSize.min - 1n : 0n, max: listSize.max > 0n ? listSize.max - 1n : 0n };
          sz = add(sz, multiply(size(args[0]), separators));
        }
        return { cost: multiplyByCostFactor(sz, STRING_TRAVERSAL_COST_FACTOR), resultSize: sz };
      }
      break;
    case 'find':
    case 'findAll':
      if (target && args.length >= 1) {
        const sz = size(target);
        // 1 more than the string's length: an empty string against an expensive pattern still costs.
        const strCost = multiplyByCostFactor(add(sz, fixed(1)), STRING_TRAVERSAL_COST_FACTOR);
        const regexCost = traversal(args[0], REGEX_STRING_LENGTH_COST_FACTOR);
        return { cost: multiply(strCost, regexCost), resultSize: { min: 0n, max: sz.max } };
      }
      break;
    case 'cidr':
    case 'isIP':
    case 'isCIDR':
      if (m >= 30 && (m >= 34 ? args.length >= 1 : hasTarget)) return { cost: traversal(args[0]) };
      break;
    case 'ip':
      if (m < 30) break;
      if (m >= 34) {
        if (overloadId === 'cidr_ip') return ONE;
        if (args.length >= 1) return { cost: traversal(args[0]) };
        break;
      }
      if (hasTarget && args.length >= 1) return overloadId === 'cidr_ip' ? ONE : { cost: traversal(args[0]) };
      if (hasTarget) return ONE;
      break;
    case 'ip.isCanonical':
      if (m >= 30 && (m >= 34 || hasTarget) && args.length >= 1) return { cost: traversal(args[0], 2 * STRING_TRAVERSAL_COST_FACTOR) };
      break;
    case 'masked':
    case 'prefixLength':
    case 'family':
    case 'isUnspecified':
    case 'isLoopback':
    case 'isLinkLocalMulticast':
    case 'isLinkLocalUnicast':
      if (m >= 30) return ONE;
      break;
    case 'isGlobalUnicast':
      if (m >= 31) return ONE;
      break;
    case 'containsIP':
    case 'containsCIDR':
      if (m >= 30 && (m >= 34 || hasTarget) && args.length >= 1) {
        // Two byte lists of an IPv4 or IPv6 address compared.
        const sz: SizeEstimate = { min: 4n, max: 16n };
        let cost = multiplyByCostFactor(add(sz, sz), STRING_TRAVERSAL_COST_FACTOR);
        if (fn === 'containsCIDR') cost = add(add(cost, multiplyByCostFactor(sz, STRING_TRAVERSAL_COST_FACTOR)), fixed(1));
        if (overloadId === 'cidr_contains_ip_string' || overloadId === 'cidr_contains_cidr_string') cost = add(cost, traversal(args[0]));
        return { cost };
      }
      break;
    case 'quantity':
    case 'isQuantity':
      if (m >= 30 && (m >= 34 ? args.length >= 1 : hasTarget)) return { cost: traversal(args[0]) };
      break;
    case 'validate':
      if (m >= 31 && (m >= 34 ? args.length >= 1 : hasTarget)) {
        return { cost: multiplyByCostFactor(traversal(args[0]), MAX_NAME_FORMAT_REGEX_SIZE * REGEX_STRING_LENGTH_COST_FACTOR) };
      }
      break;
    case 'format.named':
      if (m >= 31) return ONE;
      break;
    case 'sign':
    case 'asInteger':
    case 'isInteger':
    case 'asApproximateFloat':
    case 'isGreaterThan':
    case 'isLessThan':
    case 'compareTo':
    case 'add':
    case 'sub':
      if (m >= 30) return ONE;
      break;
    case 'getScheme':
    case 'getHostname':
    case 'getHost':
    case 'getPort':
    case 'getEscapedPath':
    case 'getQuery':
      if (m >= 31) return ONE;
      break;
    case '_==_':
      if (m >= 32 && args.length === 2 && typesEqual(args[0].type, args[1].type)) {
        const t = args[0].type;
        if (t.kind === 'opaque' && (t.name === 'net.IP' || t.name === 'net.CIDR')) return ONE;
        if (t.kind === 'struct') {
          if (t.name === 'kubernetes.Quantity') return ONE;
          if (t.name === 'kubernetes.NamedFormat') return { cost: multiplyByCostFactor({ min: 1n, max: MAX_FORMAT_SIZE }, STRING_TRAVERSAL_COST_FACTOR) };
          if (t.name === 'kubernetes.URL') {
            // Upstream takes both sizes from the right-hand side.
            let sz = fixed(1);
            const rh = args[1].computedSize;
            if (rh) sz = union(rh, rh);
            return { cost: multiplyByCostFactor({ min: 1n, max: sz.max }, STRING_TRAVERSAL_COST_FACTOR) };
          }
        }
      }
      break;
  }
  return undefined;
}
