import { obj, type Obj } from '../../model/obj';
import { isIP } from 'node:net';
import { isDNS1035Label, isDNS1123Subdomain, isValidPortName, isValidPortNum } from '../../schema/apimachineryValidation';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';

/**
 * ValidateIngressSpec and ValidateNetworkPolicySpec (pkg/apis/networking/validation/validation.go):
 * the rules, paths and backends of an Ingress; the ports and peers of a NetworkPolicy.
 */
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
/** netutils.ParseIPSloppy: an IPv6 address, or an IPv4 one whose octets may have leading zeros. */
const isSloppyIP = (host: string): boolean => isIP(host) !== 0 || (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) && host.split('.').every((o) => Number(o) <= 255));

export function validateIngress(spec: Obj, fe: FieldErrors): void {
  const rules = list(spec.rules);
  if (rules.length === 0 && !obj(spec.defaultBackend)) fe.invalid(['spec'], spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified');
  if (obj(spec.defaultBackend)) validateBackend(obj(spec.defaultBackend)!, ['spec', 'defaultBackend'], fe);
  rules.forEach((rule, i) => {
    const at: PathSegment[] = ['spec', 'rules', i];
    const host = typeof rule.host === 'string' ? rule.host : '';
    if (host !== '' && isSloppyIP(host)) fe.invalid([...at, 'host'], host, 'must be a DNS name, not an IP address');
    else if (host !== '' && !host.includes('*')) for (const msg of isDNS1123Subdomain(host)) fe.invalid([...at, 'host'], host, msg);
    const http = obj(rule.http);
    if (!http) return;
    const paths = list(http.paths);
    if (paths.length === 0) fe.required([...at, 'http', 'paths']);
    paths.forEach((p, j) => {
      const pathAt: PathSegment[] = [...at, 'http', 'paths', j];
      const type = p.pathType;
      if (type === undefined || type === null) {
        fe.required([...pathAt, 'pathType'], 'pathType must be specified');
        return;
      }
      const path = typeof p.path === 'string' ? p.path : '';
      if (type === 'Exact' || type === 'Prefix') {
        if (!path.startsWith('/')) fe.invalid([...pathAt, 'path'], path, 'must be an absolute path');
        for (const bad of ['//', '/./', '/../', '%2f', '%2F']) if (path.includes(bad)) fe.invalid([...pathAt, 'path'], path, `must not contain '${bad}'`);
        for (const end of ['/..', '/.']) if (path.endsWith(end)) fe.invalid([...pathAt, 'path'], path, `cannot end with '${end}'`);
      } else if (type === 'ImplementationSpecific' && path !== '' && !path.startsWith('/')) fe.invalid([...pathAt, 'path'], path, 'must be an absolute path');
      const backend = obj(p.backend);
      if (backend) validateBackend(backend, [...pathAt, 'backend'], fe);
    });
  });
}

function validateBackend(b: Obj, at: PathSegment[], fe: FieldErrors): void {
  const service = obj(b.service);
  if (service && obj(b.resource)) {
    fe.invalid(at, '', 'cannot set both resource and service backends');
    return;
  }
  if (!service) {
    if (!obj(b.resource)) fe.invalid(at, '', 'resource or service backend is required');
    return;
  }
  const name = typeof service.name === 'string' ? service.name : '';
  if (name === '') fe.required([...at, 'service', 'name']);
  // ValidateServiceName: a DNS-1035 label (RelaxedServiceNameValidation is alpha).
  else for (const msg of isDNS1035Label(name)) fe.invalid([...at, 'service', 'name'], name, msg);
  const port = obj(service.port) ?? {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNumber) fe.invalid(at, '', 'cannot set both port name & port number');
  else if (hasName) for (const msg of isValidPortName(port.name as string)) fe.invalid([...at, 'service', 'port', 'name'], port.name, msg);
  else if (hasNumber && ((port.number as number) < 1 || (port.number as number) > 65535)) fe.invalid([...at, 'service', 'port', 'number'], port.number, 'must be between 1 and 65535, inclusive');
  else if (!hasName && !hasNumber) fe.required(at, 'port name or number is required');
}

export function validateNetworkPolicy(spec: Obj, fe: FieldErrors): void {
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((rule, i) => {
      // ValidateNetworkPolicyPort (the protocol is the schema's enum).
      list(rule.ports).forEach((p, j) => {
        const at: PathSegment[] = ['spec', direction, i, 'ports', j];
        const end = p.endPort;
        if (typeof p.port === 'number') {
          for (const msg of isValidPortNum(p.port)) fe.invalid([...at, 'port'], p.port, msg);
          if (typeof end === 'number') {
            if (end < p.port) fe.invalid([...at, 'endPort'], end, 'must be greater than or equal to `port`');
            for (const msg of isValidPortNum(end)) fe.invalid([...at, 'endPort'], end, msg);
          }
        } else if (typeof p.port === 'string') {
          if (typeof end === 'number') fe.invalid([...at, 'endPort'], end, 'may not be specified when `port` is non-numeric');
          for (const msg of isValidPortName(p.port)) fe.invalid([...at, 'port'], p.port, msg);
        } else if (typeof end === 'number') fe.invalid([...at, 'endPort'], end, 'may not be specified when `port` is not specified');
      });
      list(rule[peers]).forEach((peer, j) => {
        const at: PathSegment[] = ['spec', direction, i, peers, j];
        const set = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => peer[k] !== undefined && peer[k] !== null);
        if (set.length === 0) fe.required(at, 'must specify a peer');
        else if (set.length > 1 && set.includes('ipBlock')) fe.forbidden(at, 'may not specify both ipBlock and another peer');
        const block = obj(peer.ipBlock);
        if (block && (typeof block.cidr !== 'string' || block.cidr === '')) fe.required([...at, 'ipBlock', 'cidr']);
      });
    });
  }
  const types = Array.isArray(spec.policyTypes) ? spec.policyTypes : [];
  if (types.length > 2) fe.invalid(['spec', 'policyTypes'], types, 'may not specify more than two policyTypes');
}
