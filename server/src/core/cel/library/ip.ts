import { EvaluationError, type Environment } from '@marcbachmann/cel-js';
import { quote } from '../../model/goString';
import { NetipError, parseAddr, type Addr } from '../../model/netip';
import { chargeAccessor, chargeCanonical, chargeParse } from './netCost';

/**
 * The IP library (k8s.io/apiserver/pkg/cel/library/ip.go, the value in pkg/cel/ip.go): `ip(string)`,
 * `isIP`, `ip.isCanonical`, the `net.IP` accessors, `string(<IP>)` and equality. Errors carry
 * upstream's texts (cel-go returns them as error values; here an EvaluationError whose summary is
 * the text).
 */

/** cel-go's type name (apiservercel.IPType). */
export const IP_TYPE = 'net.IP';

/** An apiservercel.IP: a netip.Addr without zone, never IPv4-mapped. */
export class CelIP {
  constructor(readonly addr: Addr) {}
  /** IP.Size: the address's bytes (runtime cost). */
  size(): number {
    return Math.ceil(this.addr.bitLen() / 8);
  }
}

/** Receiver of `ip.isCanonical(...)`: cel-go declares the dotted function name; here `ip` is a constant of this type. */
class IPFunctions {}

/** parseIPAddr: netip.ParseAddr, then no zone and no IPv4-mapped IPv6; an error is its message. */
export function parseIPAddr(raw: string): Addr | string {
  let addr: Addr;
  try {
    addr = parseAddr(raw);
  } catch (e) {
    if (e instanceof NetipError) return `IP Address ${quote(raw)} parse error during conversion from string: ${e.message}`;
    throw e;
  }
  if (addr.hasZone()) return `IP address ${quote(raw)} with zone value is not allowed`;
  if (addr.is4In6()) return `IPv4-mapped IPv6 address ${quote(raw)} is not allowed`;
  return addr;
}

/** stringToIP: the parse error, unwrapped ("we control the error message already"). */
export function stringToIP(s: string): CelIP {
  const addr = parseIPAddr(s);
  if (typeof addr === 'string') throw new EvaluationError(addr);
  return new CelIP(addr);
}

function register(env: Environment): void {
  env.registerType(IP_TYPE, { ctor: CelIP, fields: {} });
  env.registerType('ip', { ctor: IPFunctions, fields: {} });
  env.registerConstant('ip', 'ip', Object.freeze(new IPFunctions()));

  env.registerFunction(`ip(string): ${IP_TYPE}`, (s: string) => {
    chargeParse(s);
    return stringToIP(s);
  });
  env.registerFunction('isIP(string): bool', (s: string) => {
    chargeParse(s);
    return typeof parseIPAddr(s) !== 'string';
  });
  // Addr.String() is the canonical form: the input is canonical if it prints back unchanged.
  env.registerFunction('ip.isCanonical(string): bool', (_ip: IPFunctions, s: string) => {
    chargeCanonical(s);
    const addr = parseIPAddr(s);
    if (typeof addr === 'string') throw new EvaluationError(addr);
    return addr.toString() === s;
  });
  env.registerFunction(`${IP_TYPE}.family(): int`, (ip: CelIP) => {
    chargeAccessor();
    return ip.addr.is4() ? 4n : 6n;
  });
  const predicate = (name: string, test: (a: Addr) => boolean, nominal = true): void => {
    env.registerFunction(`${IP_TYPE}.${name}(): bool`, (ip: CelIP) => {
      if (nominal) chargeAccessor();
      return test(ip.addr);
    });
  };
  predicate('isUnspecified', (a) => a.isUnspecified());
  predicate('isLoopback', (a) => a.isLoopback());
  predicate('isLinkLocalMulticast', (a) => a.isLinkLocalMulticast());
  predicate('isLinkLocalUnicast', (a) => a.isLinkLocalUnicast());
  predicate('isGlobalUnicast', (a) => a.isGlobalUnicast(), false); // not in CallCost
  env.registerFunction(`string(${IP_TYPE}): string`, (ip: CelIP) => ip.addr.toString());
  env.registerOperator(`${IP_TYPE} == ${IP_TYPE}`, (a: CelIP, b: CelIP) => a.addr.equals(b.addr));
}

/** Kubernetes 1.30 (environment/base.go). */
export const IP_LIBRARY = { name: 'kubernetes.net.ip', since: 30, register };
