/**
 * Kubernetes objects → the service ports kube-proxy programs on one node, for one IP family.
 * Upstream: pkg/proxy/serviceport.go (newBaseServiceInfo), pkg/proxy/servicechangetracker.go,
 * pkg/api/v1/service/util.go (ExternallyAccessible, ExternalPolicyLocal, NeedsHealthCheck).
 */
import { isObj, type Obj } from '../model/obj';
import { runToEnd } from '../model/steps';
import { endpointsFor, indexEndpointsInSteps, type EndpointIndex } from './endpoints';
import { canonicalCIDR, canonicalIP, ipFamily } from './ip';
import { endpointChain, serviceChain, servicePortSeed } from './naming';
import { categorizeEndpoints, externallyAccessible } from './topology';
import type { Endpoint, Protocol, ProxyConfig, ProxyModel, ServicePort } from './types';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** The default ClientIP affinity timeout (core/v1 DefaultClientIPServiceAffinitySeconds). */
export const DEFAULT_AFFINITY_SECONDS = 10800;

export function proxyModel(objects: Obj[], config: ProxyConfig): ProxyModel {
  return runToEnd(proxyModelInSteps(objects, config));
}

/** Services between two pauses of proxyModelInSteps (10,000 Services take ~0.3 s in all): ~5 ms of work. */
const SERVICES_PER_STEP = 100;
/** Objects looked at between two pauses while the Services are gathered. */
const OBJECTS_PER_STEP = 2000;

/** proxyModel in steps: the language server builds a large cluster's model between requests. */
export function* proxyModelInSteps(objects: Obj[], config: ProxyConfig): Generator<void, ProxyModel> {
  const family = config.family ?? 4;
  const index = yield* indexEndpointsInSteps(objects, family, config.nodeName);
  const servicePorts: ServicePort[] = [];
  const services: Array<{ o: Obj; namespace: string; name: string; key: string }> = [];
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i];
    if (o.kind === 'Service' && o.apiVersion === 'v1') {
      const meta = isObj(o.metadata) ? o.metadata : {};
      const labels = isObj(meta.labels) ? meta.labels : {};
      const namespace = str(meta.namespace) ?? 'default';
      const name = str(meta.name) ?? '';
      // Services asking for another proxy are left to it (kube-proxy's informer label selector).
      if (name && labels['service.kubernetes.io/service-proxy-name'] === undefined) services.push({ o, namespace, name, key: `${namespace}/${name}` });
    }
    if ((i + 1) % OBJECTS_PER_STEP === 0) yield;
  }
  services.sort((a, b) => cmp(a.key, b.key));
  yield;
  // One call per Service: V8 optimizes the function after a few hundred Services of a large cluster.
  let done = 0;
  for (const { o, namespace, name } of services) {
    addServicePorts(servicePorts, o, namespace, name, index, config, family);
    if (++done % SERVICES_PER_STEP === 0) yield;
  }
  const totalEndpoints = servicePorts.reduce((n, sp) => n + sp.endpoints.length, 0);
  return { family, servicePorts, totalEndpoints };
}

/** The service ports of one Service (none for ExternalName and headless Services, or another family). */
function addServicePorts(servicePorts: ServicePort[], o: Obj, namespace: string, name: string, index: EndpointIndex, config: ProxyConfig, family: 4 | 6): void {
  const spec = isObj(o.spec) ? o.spec : {};
  const status = isObj(o.status) ? o.status : {};
  const type = str(spec.type) ?? 'ClusterIP';
  if (type === 'ExternalName') return;
  const clusterIPs = strings(spec.clusterIPs).length ? strings(spec.clusterIPs) : strings([spec.clusterIP]);
  if (clusterIPs.length === 0 || clusterIPs[0] === 'None' || clusterIPs[0] === '') return;
  const clusterIP = clusterIPs.find((ip) => ipFamily(ip) === family);
  if (!clusterIP) return;

  const ofFamily = (ips: string[]) => ips.filter((ip) => ipFamily(ip) === family).map(canonicalIP);
  const externalIPs = ofFamily(strings(spec.externalIPs));
  const lbIngress = objs(isObj(status.loadBalancer) ? status.loadBalancer.ingress : undefined);
  // Proxy-mode load balancers (ipMode: Proxy) send traffic to node ports; only VIP ones are captured.
  // Whatever the type: kube-proxy reads the status as it is (newBaseServiceInfo).
  const loadBalancerVIPs = ofFamily(lbIngress.filter((i) => i.ipMode === undefined || i.ipMode === 'VIP').map((i) => str(i.ip) ?? ''));
  const loadBalancerSourceRanges = strings(spec.loadBalancerSourceRanges)
    .map((r) => r.trim())
    .filter((r) => ipFamily(r.split('/')[0]) === family)
    .map(canonicalCIDR);
  const externallyAccessibleType = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && strings(spec.externalIPs).length > 0);
  const externalPolicyLocal = externallyAccessibleType && spec.externalTrafficPolicy === 'Local';
  const internalPolicyLocal = spec.internalTrafficPolicy === 'Local';
  const healthCheckNodePort = type === 'LoadBalancer' && externalPolicyLocal && typeof spec.healthCheckNodePort === 'number' ? spec.healthCheckNodePort : 0;
  const affinityConfig = isObj(spec.sessionAffinityConfig) && isObj(spec.sessionAffinityConfig.clientIP) ? spec.sessionAffinityConfig.clientIP : {};
  const affinitySeconds =
    spec.sessionAffinity === 'ClientIP' ? (typeof affinityConfig.timeoutSeconds === 'number' ? affinityConfig.timeoutSeconds : DEFAULT_AFFINITY_SECONDS) : undefined;

  for (const p of objs(spec.ports)) {
    if (typeof p.port !== 'number') continue;
    const portName = str(p.name) ?? '';
    const protocol = (str(p.protocol) ?? 'TCP') as Protocol;
    const proto = protocol.toLowerCase();
    const spn = portName ? `${namespace}/${name}:${portName}` : `${namespace}/${name}`;
    const nodePort = typeof p.nodePort === 'number' && (type === 'NodePort' || type === 'LoadBalancer') ? p.nodePort : 0;
    // Each indexed endpoint belongs to this one service port: name its chain in place.
    const endpoints = endpointsFor(index, namespace, name, portName, protocol) as Endpoint[];
    const seed = servicePortSeed(spn, proto);
    for (const ep of endpoints) ep.chain = endpointChain(seed, ep.key);
    const accessible = externallyAccessible({ nodePort, loadBalancerVIPs, externalIPs });
    const c = categorizeEndpoints(endpoints, { internalPolicyLocal, externalPolicyLocal, externallyAccessible: accessible }, config.nodeName, config.nodeZone);
    const svc = serviceChain('SVC', spn, proto);
    const hash = svc.slice('KUBE-SVC-'.length);
    servicePorts.push({
      namespace,
      name,
      portName,
      spn,
      protocol,
      clusterIP: canonicalIP(clusterIP),
      port: p.port,
      nodePort,
      externalIPs,
      loadBalancerVIPs,
      loadBalancerSourceRanges,
      healthCheckNodePort,
      externalPolicyLocal,
      internalPolicyLocal,
      affinitySeconds,
      endpoints,
      clusterEndpoints: c.cluster,
      localEndpoints: c.local,
      reachableEndpoints: c.reachable,
      hasEndpoints: c.hasAny,
      chains: { svc, svl: `KUBE-SVL-${hash}`, ext: `KUBE-EXT-${hash}`, fw: `KUBE-FW-${hash}` },
    });
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
