import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { quote } from '../../model/goString';
import { NetipError, parsePrefix, prefixFrom, type Prefix } from '../../model/netip';
import { CelIP, IP_TYPE, parseIPAddr } from './ip';
import { chargeAccessor, chargeContainsCIDR, chargeContainsIP, chargeParse } from './netCost';

/**
 * The CIDR library (k8s.io/apiserver/pkg/cel/library/cidr.go, the value in pkg/cel/cidr.go):
 * `cidr(string)`, `isCIDR`, `containsIP`, `containsCIDR`, `ip()`, `masked()`, `prefixLength()`,
 * `string(<CIDR>)` and equality, with upstream's error texts (including its doubled prefix).
 */

/** cel-go's type name (apiservercel.CIDRType). */
export const CIDR_TYPE = 'net.CIDR';

/** An apiservercel.CIDR: a netip.Prefix (host bits kept), never IPv4-mapped. */
export class CelCIDR {
  constructor(readonly prefix: Prefix) {}
  /** CIDR.Size: the prefix length in bytes (runtime cost). */
  size(): number {
    return Math.ceil(this.prefix.bits / 8);
  }
}

const PARSE_ERROR = 'network address parse error during conversion from string';

/** parseCIDR: netip.ParsePrefix, then no IPv4-mapped IPv6; an error is its message. */
function parseCIDR(raw: string): Prefix | string {
  let prefix: Prefix;
  try {
    prefix = parsePrefix(raw);
  } catch (e) {
    if (e instanceof NetipError) return `${PARSE_ERROR}: ${e.message}`;
    throw e;
  }
  if (prefix.addr.is4In6()) return `IPv4-mapped IPv6 address ${quote(raw)} is not allowed`;
  return prefix;
}

/** stringToCIDR: wraps parseCIDR's error once more, as upstream does. */
function stringToCIDR(s: string): CelCIDR {
  const prefix = parseCIDR(s);
  if (typeof prefix === 'string') throw new EvaluationError(`${PARSE_ERROR}: ${prefix}`);
  return new CelCIDR(prefix);
}

/**
 * cidrContainsCIDR: the receiver masked equals the other's address at the receiver's length, and the
 * receiver is no longer. Before the fix of kubernetes#130450 (1.33, cherry-picked to 1.32) the other
 * address was not masked, so only an equal address matched.
 */
function containsCIDR(cidr: Prefix, other: Prefix, minor: number): boolean {
  const atBits = prefixFrom(other.addr, cidr.bits); // undefined: Go's invalid Prefix (length past the family)
  const candidate = minor >= 32 ? atBits?.masked() : atBits;
  return candidate !== undefined && cidr.masked().equals(candidate) && cidr.bits <= other.bits;
}

function register(env: Environment, minor: number): void {
  env.registerType(CIDR_TYPE, { ctor: CelCIDR, fields: {} });

  env.registerFunction(`cidr(string): ${CIDR_TYPE}`, (s: string) => {
    chargeParse(s);
    return stringToCIDR(s);
  });
  env.registerFunction('isCIDR(string): bool', (s: string) => {
    chargeParse(s);
    return typeof parseCIDR(s) !== 'string';
  });
  env.registerFunction(`${CIDR_TYPE}.containsIP(${IP_TYPE}): bool`, (c: CelCIDR, ip: CelIP) => {
    chargeContainsIP(c.size());
    return c.prefix.contains(ip.addr);
  });
  // cidrContainsIPString: a string that is no IP reaches cidrContainsIP as an error value, which
  // answers MaybeNoSuchOverloadErr of the CIDR: "no such overload", not the parse error.
  env.registerFunction(`${CIDR_TYPE}.containsIP(string): bool`, (c: CelCIDR, s: string) => {
    chargeContainsIP(c.size(), s);
    const addr = parseIPAddr(s);
    if (typeof addr === 'string') throw new EvaluationError('no such overload');
    return c.prefix.contains(addr);
  });
  env.registerFunction(`${CIDR_TYPE}.containsCIDR(${CIDR_TYPE}): bool`, (c: CelCIDR, o: CelCIDR) => {
    chargeContainsCIDR(c.size());
    return containsCIDR(c.prefix, o.prefix, minor);
  });
  // cidrContainsCIDRString: here the parse error itself comes back.
  env.registerFunction(`${CIDR_TYPE}.containsCIDR(string): bool`, (c: CelCIDR, s: string) => {
    chargeContainsCIDR(c.size(), s);
    return containsCIDR(c.prefix, stringToCIDR(s).prefix, minor);
  });
  env.registerFunction(`${CIDR_TYPE}.ip(): ${IP_TYPE}`, (c: CelCIDR) => {
    chargeAccessor();
    return new CelIP(c.prefix.addr);
  });
  env.registerFunction(`${CIDR_TYPE}.masked(): ${CIDR_TYPE}`, (c: CelCIDR) => {
    chargeAccessor();
    return new CelCIDR(c.prefix.masked());
  });
  env.registerFunction(`${CIDR_TYPE}.prefixLength(): int`, (c: CelCIDR) => {
    chargeAccessor();
    return BigInt(c.prefix.bits);
  });
  env.registerFunction(`string(${CIDR_TYPE}): string`, (c: CelCIDR) => c.prefix.toString());
  env.registerOperator(`${CIDR_TYPE} == ${CIDR_TYPE}`, (a: CelCIDR, b: CelCIDR) => a.prefix.equals(b.prefix));
}

/** Kubernetes 1.30 (environment/base.go); needs the IP library. */
export const CIDR_LIBRARY = { name: 'net.cidr', since: 30, register };
