/**
 * Chain names: one hashing function used everywhere, as upstream (pkg/proxy/iptables/proxier.go
 * servicePortPolicyClusterChain & co; pkg/proxy/nftables/proxier.go hashAndTruncate).
 */
import * as crypto from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Every pair of base32 digits, indexed by their 10 bits: one lookup per two output characters. */
const PAIRS = Array.from({ length: 1024 }, (_, v) => BASE32[v >> 5] + BASE32[v & 31]);

/** sha256 as hex: the one-shot crypto.hash (Node ≥ 20.12) is several times cheaper than createHash. */
const sha256Hex: (s: string) => string =
  typeof crypto.hash === 'function' ? (s) => crypto.hash('sha256', s, 'hex') : (s) => crypto.createHash('sha256').update(s).digest('hex');

/**
 * The first `chars` characters of base32.StdEncoding(sha256(s)). A string digest (not a Buffer) and
 * 20-bit steps (5 hex digits = 4 base32 digits) keep this cheap: a large cluster hashes once per endpoint.
 */
export function hashBase32(s: string, chars = 16): string {
  const hex = sha256Hex(s);
  let out = '';
  for (let i = 0; out.length < chars; i += 5) {
    const v = parseInt(hex.slice(i, i + 5), 16);
    out += PAIRS[v >> 10] + PAIRS[v & 1023];
  }
  return out.length === chars ? out : out.slice(0, chars);
}

export type ChainKind = 'SVC' | 'SVL' | 'EXT' | 'FW';

/** `KUBE-SVC-…` & co for a service port name (`ns/svc:port`) and a lower-case protocol. */
export function serviceChain(kind: ChainKind, spn: string, proto: string): string {
  return `KUBE-${kind}-${hashBase32(spn + proto.toLowerCase())}`;
}

/** `KUBE-SEP-…` for an endpoint `ip:port` (`[ip]:port` for IPv6). */
export function endpointChain(spn: string, proto: string, endpoint: string): string {
  return `KUBE-SEP-${hashBase32(spn + proto.toLowerCase() + endpoint)}`;
}

/** Every iptables chain name of a service port (the endpoint's KUBE-SEP when one is given). */
export function chainNames(spn: string, proto: string, endpoint?: string): { svc: string; svl: string; ext: string; fw: string; sep?: string } {
  const names = {
    svc: serviceChain('SVC', spn, proto),
    svl: serviceChain('SVL', spn, proto),
    ext: serviceChain('EXT', spn, proto),
    fw: serviceChain('FW', spn, proto),
  };
  return endpoint === undefined ? names : { ...names, sep: endpointChain(spn, proto, endpoint) };
}

/**
 * nftables names: prefix, 8 hash characters, then a readable name, e.g. `service-ULMVA6XW-ns1/svc1/tcp/p80`
 * (upstream servicePortChainNameBase: hash of the readable part).
 */
export function nftServiceChain(prefix: 'service' | 'external' | 'firewall', namespace: string, name: string, proto: string, portName: string): string {
  const base = `${namespace}/${name}/${proto.toLowerCase()}/${portName}`;
  return `${prefix}-${hashBase32(base, 8)}-${base}`;
}

/** `endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80` */
export function nftEndpointChain(namespace: string, name: string, proto: string, portName: string, ip: string, port: number): string {
  const base = `${namespace}/${name}/${proto.toLowerCase()}/${portName}__${ip.replaceAll(':', '.')}/${port}`;
  return `endpoint-${hashBase32(base, 8)}-${base}`;
}
