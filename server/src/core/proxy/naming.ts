/**
 * Chain names: one hashing function used everywhere, as upstream (pkg/proxy/iptables/proxier.go
 * servicePortPolicyClusterChain & co; pkg/proxy/nftables/proxier.go hashAndTruncate).
 */
import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The first `chars` characters of base32.StdEncoding(sha256(s)). */
export function hashBase32(s: string, chars = 16): string {
  const digest = createHash('sha256').update(s).digest();
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; out.length < chars; i++) {
    buffer = ((buffer << 8) | digest[i]) & 0xffff;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
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
