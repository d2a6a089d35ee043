import { obj, type Obj } from '../../model/obj';
import { isDNS1123Subdomain } from '../../schema/apimachineryValidation';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';

/**
 * ValidateIngressSpec and ValidateNetworkPolicySpec (pkg/apis/networking/validation/validation.go):
 * the rules, paths and backends of an Ingress; the ports and peers of a NetworkPolicy.
 */
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

export function validateIngress(spec: Obj, fe: FieldErrors): void {
  const rules = list(spec.rules);
  if (rules.length === 0 && !obj(spec.defaultBackend)) fe.invalid(['spec'], spec.rules ?? null, 'either `defaultBackend` or `rules` must be specified');
  if (obj(spec.defaultBackend)) validateBackend(obj(spec.defaultBackend)!, ['spec', 'defaultBackend'], fe);
  rules.forEach((rule, i) => {
    const at: PathSegment[] = ['spec', 'rules', i];
    const host = typeof rule.host === 'string' ? rule.host : '';
    if (IPV4.test(host) || (host.includes(':') && /^[0-9a-fA-F:.]+$/.test(host))) fe.invalid([...at, 'host'], host, 'must be a DNS name, not an IP address');
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
  if (typeof service.name !== 'string' || service.name === '') fe.required([...at, 'service', 'name']);
  const port = obj(service.port) ?? {};
  const hasName = typeof port.name === 'string' && port.name !== '';
  const hasNumber = typeof port.number === 'number' && port.number !== 0;
  if (hasName && hasNumber) fe.invalid(at, '', 'cannot set both port name & port number');
  else if (!hasName && !hasNumber) fe.required(at, 'port name or number is required');
  else if (hasNumber && ((port.number as number) < 1 || (port.number as number) > 65535)) fe.invalid([...at, 'service', 'port', 'number'], port.number, 'must be between 1 and 65535, inclusive');
}

export function validateNetworkPolicy(spec: Obj, fe: FieldErrors): void {
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    list(spec[direction]).forEach((rule, i) => {
      list(rule.ports).forEach((p, j) => {
        const at: PathSegment[] = ['spec', direction, i, 'ports', j];
        if (typeof p.port === 'number' && (p.port < 1 || p.port > 65535)) fe.invalid([...at, 'port'], p.port, 'must be between 1 and 65535, inclusive');
        const end = p.endPort;
        if (typeof end === 'number') {
          if (p.port === undefined || p.port === null) fe.invalid([...at, 'endPort'], end, 'may not be specified when `port` is not specified');
          else if (typeof p.port === 'string') fe.invalid([...at, 'endPort'], end, 'may not be specified when `port` is non-numeric');
          else if (end < (p.port as number)) fe.invalid([...at, 'endPort'], end, 'must be greater than or equal to `port`');
        }
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
