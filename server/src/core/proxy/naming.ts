/**
 * Chain names: one hashing function used everywhere, as upstream (pkg/proxy/iptables/proxier.go
 * servicePortPolicyClusterChain & co; pkg/proxy/nftables/proxier.go hashAndTruncate).
 */
import * as crypto from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE32_CODES = [...BASE32].map((c) => c.charCodeAt(0));

/**
 * sha256 as a latin1 ('binary') string, one character per byte: the one-shot crypto.hash (Node ≥ 20.12) is several
 * times cheaper than createHash, and latin1 output cheaper than hex.
 */
const sha256Bytes: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'binary') : (s) => crypto.createHash('sha256').update(s).digest('binary');

/** Character codes of the name being built (reused: one name at a time). */
const codes: number[] = [];

/**
 * `prefix` then the first `chars` characters of base32.StdEncoding(sha256(s)). A large cluster makes one
 * per endpoint, so: a string digest (not a Buffer), 20-bit steps (2.5 bytes = 4 base32 digits), and the
 * name made once from its character codes: one flat string, where concatenation would leave a chain of
 * pieces that the model keeps and every sort, map lookup and rendering walks again.
 */
function prefixedHash(prefix: string, s: string, chars: number): string {
  const digest = sha256Bytes(s);
  const length = prefix.length + chars;
  codes.length = length;
  for (let i = 0; i < prefix.length; i++) codes[i] = prefix.charCodeAt(i);
  for (let k = prefix.length, b = 0; k < length; b += 5) {
    // Five bytes are eight base32 digits: two 20-bit halves.
    const b2 = digest.charCodeAt(b + 2);
    const high = (digest.charCodeAt(b) << 12) | (digest.charCodeAt(b + 1) << 4) | (b2 >> 4);
    const low = ((b2 & 15) << 16) | (digest.charCodeAt(b + 3) << 8) | digest.charCodeAt(b + 4);
    for (let shift = 15; shift >= 0 && k < length; shift -= 5) codes[k++] = BASE32_CODES[(high >> shift) & 31];
    for (let shift = 15; shift >= 0 && k < length; shift -= 5) codes[k++] = BASE32_CODES[(low >> shift) & 31];
  }
  return String.fromCharCode.apply(null, codes);
}

/** The first `chars` characters of base32.StdEncoding(sha256(s)). */
export function hashBase32(s: string, chars = 16): string {
  return prefixedHash('', s, chars);
}

export type ChainKind = 'SVC' | 'SVL' | 'EXT' | 'FW';

/** `KUBE-SVC-…` & co for a service port name (`ns/svc:port`) and a lower-case protocol. */
export function serviceChain(kind: ChainKind, spn: string, proto: string): string {
  return prefixedHash(`KUBE-${kind}-`, servicePortSeed(spn, proto), 16);
}

/**
 * `KUBE-SEP-…` for an endpoint `ip:port` (`[ip]:port` for IPv6) of a service port: `seed` is the
 * service port name and lower-case protocol (servicePortSeed), made once for all its endpoints.
 */
export function endpointChain(seed: string, endpoint: string): string {
  return prefixedHash('KUBE-SEP-', seed + endpoint, 16);
}

/** A service port's hash input (KUBE-SVC/SVL/EXT/FW), and the start of its KUBE-SEP chains' one. */
export const servicePortSeed = (spn: string, proto: string): string => spn + proto.toLowerCase();

/** Every iptables chain name of a service port (the endpoint's KUBE-SEP when one is given). */
export function chainNames(spn: string, proto: string, endpoint?: string): { svc: string; svl: string; ext: string; fw: string; sep?: string } {
  const names = {
    svc: serviceChain('SVC', spn, proto),
    svl: serviceChain('SVL', spn, proto),
    ext: serviceChain('EXT', spn, proto),
    fw: serviceChain('FW', spn, proto),
  };
  return endpoint === undefined ? names : { ...names, sep: endpointChain(servicePortSeed(spn, proto), endpoint) };
}

/**
 * nftables names: prefix, 8 hash characters, then a readable name, e.g. `service-ULMVA6XW-ns1/svc1/tcp/p80`
 * (upstream servicePortChainNameBase: hash of the readable part).
 */
export function nftServiceChain(prefix: 'service' | 'local' | 'external' | 'firewall', namespace: string, name: string, proto: string, portName: string): string {
  const base = `${namespace}/${name}/${proto.toLowerCase()}/${portName}`;
  return `${prefix}-${hashBase32(base, 8)}-${base}`;
}

/** `endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80` */
export function nftEndpointChain(namespace: string, name: string, proto: string, portName: string, ip: string, port: number): string {
  const base = `${namespace}/${name}/${proto.toLowerCase()}/${portName}__${ip.replaceAll(':', '.')}/${port}`;
  return `endpoint-${hashBase32(base, 8)}-${base}`;
}
