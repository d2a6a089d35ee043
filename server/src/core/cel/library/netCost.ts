import { charge, codePoints, STRING_TRAVERSAL_COST_FACTOR } from '../cost';

/**
 * The runtime cost of the IP, CIDR and URL library calls, as k8s.io/apiserver/pkg/cel/library/cost.go
 * (CostEstimator.CallCost) computes it: string traversals for parsing, nominal accessors, byte-list
 * comparisons for containment. Calls CallCost has no case for (isURL, the URL getters,
 * isGlobalUnicast, string()) cost what cel-go charges any call, which is not added here. The
 * arithmetic keeps Go's float64 order, so its rounding is the same.
 */



/** `url`, `ip(string)`, `isIP`, `cidr`, `isCIDR`: one traversal of the string. */
export const chargeParse = (s: string): void => charge(Math.ceil(codePoints(s) * STRING_TRAVERSAL_COST_FACTOR));

/** `ip.isCanonical`: parse, then compare with the original. */
export const chargeCanonical = (s: string): void => charge(Math.ceil(codePoints(s) * 2 * STRING_TRAVERSAL_COST_FACTOR));

/** `family`, `isUnspecified`, `isLoopback`, `isLinkLocalMulticast`, `isLinkLocalUnicast`, `masked`, `prefixLength`, `<CIDR>.ip()`. */
export const chargeAccessor = (): void => charge(1);

/** `containsIP`: compare up to the CIDR's prefix bytes, plus parsing a string argument. */
export function chargeContainsIP(cidrSize: number, other?: string): void {
  let cost = Math.ceil((cidrSize + cidrSize) * STRING_TRAVERSAL_COST_FACTOR);
  if (other !== undefined) cost += Math.ceil(codePoints(other) * STRING_TRAVERSAL_COST_FACTOR);
  charge(cost);
}

/** `containsCIDR`: the comparison, masking the receiver and comparing bits, plus parsing a string argument. */
export function chargeContainsCIDR(cidrSize: number, other?: string): void {
  let cost = Math.ceil((cidrSize + cidrSize) * STRING_TRAVERSAL_COST_FACTOR);
  cost += Math.ceil(cidrSize * STRING_TRAVERSAL_COST_FACTOR) + 1;
  if (other !== undefined) cost += Math.ceil(codePoints(other) * STRING_TRAVERSAL_COST_FACTOR);
  charge(cost);
}
