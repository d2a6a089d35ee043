import { obj, type Obj } from '../../model/obj';
import { isDNS1123Label, isDNS1123Subdomain } from '../../schema/apimachineryValidation';
import type { FieldErrors } from '../../schema/fieldErrors';

/**
 * ValidateService (pkg/apis/core/validation/validation.go), after the API server's defaulting
 * (type ClusterIP, protocol TCP, sessionAffinity None, externalTrafficPolicy Cluster where external):
 * what the schema cannot say about ports, types and the fields only some types take.
 */
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function validateService(spec: Obj, fe: FieldErrors): void {
  const type = str(spec.type) || 'ClusterIP';
  const ports = list(spec.ports);
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : spec.clusterIP !== undefined ? [spec.clusterIP] : [];
  const headless = clusterIPs.length === 1 && clusterIPs[0] === 'None';
  if (ports.length === 0 && !headless && type !== 'ExternalName') fe.required(['spec', 'ports']);
  if (headless && (type === 'LoadBalancer' || type === 'NodePort')) fe.invalid(['spec', 'clusterIPs', 0], 'None', `may not be set to 'None' for ${type} services`);
  if (type === 'ExternalName') {
    if (clusterIPs.length && clusterIPs.some((ip) => ip !== '')) fe.forbidden(['spec', 'clusterIPs'], 'may not be set for ExternalName services');
    const name = str(spec.externalName).replace(/\.$/, '');
    if (name === '') fe.required(['spec', 'externalName']);
    else for (const msg of isDNS1123Subdomain(name)) fe.invalid(['spec', 'externalName'], name, msg);
  }
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const name = str(p.name);
    if (name === '' && ports.length > 1) fe.required(['spec', 'ports', i, 'name']);
    else if (name !== '') {
      const problems = isDNS1123Label(name);
      // The name's form is the schema's check (KP134); its presence and uniqueness are these.
      if (problems.length === 0 && names.has(name)) fe.duplicate(['spec', 'ports', i, 'name'], name);
      names.add(name);
    }
    const port = p.port;
    if (typeof port === 'number' && (port < 1 || port > 65535)) fe.invalid(['spec', 'ports', i, 'port'], port, 'must be between 1 and 65535, inclusive');
    const target = p.targetPort;
    if (typeof target === 'number' && target !== 0 && (target < 1 || target > 65535)) fe.invalid(['spec', 'ports', i, 'targetPort'], target, 'must be between 1 and 65535, inclusive');
  });
  const affinity = str(spec.sessionAffinity) || 'None';
  if (affinity === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) fe.forbidden(['spec', 'sessionAffinityConfig'], 'must not be set when session affinity is None');
  const timeout = obj(obj(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds;
  if (affinity === 'ClientIP' && typeof timeout === 'number' && (timeout <= 0 || timeout > 86400)) fe.invalid(['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], timeout, 'must be greater than 0 and less than 86400');
  if (type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (typeof p.nodePort === 'number' && p.nodePort !== 0) fe.forbidden(['spec', 'ports', i, 'nodePort'], "may not be used when `type` is 'ClusterIP'");
    });
  }
  // Two ports on the same port number and protocol, after protocol defaults to TCP.
  const seenNodePorts = new Set<string>();
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const protocol = str(p.protocol) || 'TCP';
    if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
      const key = `${protocol}/${p.nodePort}`;
      if (seenNodePorts.has(key)) fe.duplicate(['spec', 'ports', i, 'nodePort'], p.nodePort);
      seenNodePorts.add(key);
    }
    const key = `${protocol}/${String(p.port)}`;
    if (seenPorts.has(key)) fe.duplicate(['spec', 'ports', i], servicePortKey(protocol, p.port, fe));
    seenPorts.add(key);
  });
  const external = type === 'LoadBalancer' || type === 'NodePort' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length && type !== 'LoadBalancer') {
    // Upstream's path is capitalised here.
    fe.forbidden(['spec', 'LoadBalancerSourceRanges'], "may only be used when `type` is 'LoadBalancer'");
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer') fe.forbidden(['spec', 'allocateLoadBalancerNodePorts'], "may only be used when `type` is 'LoadBalancer'");
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null && type !== 'LoadBalancer') fe.forbidden(['spec', 'loadBalancerClass'], "may only be used when `type` is 'LoadBalancer'");
  if (!external && spec.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy !== null && spec.externalTrafficPolicy !== '') {
    fe.invalid(['spec', 'externalTrafficPolicy'], spec.externalTrafficPolicy, 'may only be set for externally-accessible services');
  }
  const health = spec.healthCheckNodePort;
  if (typeof health === 'number' && health !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    fe.invalid(['spec', 'healthCheckNodePort'], health, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
  }
}

/**
 * The duplicate-port key upstream prints: an internal core.ServicePort holding the protocol and the
 * port (JSON of its Go fields from 1.34, Go syntax before).
 */
function servicePortKey(protocol: string, port: unknown, fe: FieldErrors): unknown {
  return fe.goStruct('core.ServicePort', [
    ['Name', ''],
    ['Protocol', protocol],
    ['AppProtocol', null, '(*string)(nil)'],
    ['Port', port],
    ['TargetPort', 0, 'intstr.IntOrString{Type:0, IntVal:0, StrVal:""}'],
    ['NodePort', 0],
  ]);
}
