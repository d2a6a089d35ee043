import { obj, type Obj } from '../model/obj';
import { sameJson } from '../model/sameJson';

const typeOf = (spec: Obj): string => (typeof spec.type === 'string' ? spec.type : 'ClusterIP');
/** A type whose ports get node ports: NodePort and LoadBalancer. */
export const needsNodePort = (spec: Obj): boolean => typeOf(spec) === 'NodePort' || typeOf(spec) === 'LoadBalancer';
const needsHealthCheckNodePort = (spec: Obj): boolean => typeOf(spec) === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local';
/** serviceapi.ExternallyAccessible (pkg/api/service/util.go). */
const externallyAccessible = (spec: Obj): boolean => needsNodePort(spec) || (typeOf(spec) === 'ClusterIP' && Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
const nodePortsOf = (spec: Obj): number[] => (Array.isArray(spec.ports) ? spec.ports : []).map((p) => obj(p)?.nodePort).filter((n): n is number => typeof n === 'number' && n !== 0);

/**
 * dropTypeDependentFields (pkg/registry/core/service/strategy.go, PrepareForUpdate): a Service switched
 * to a type that no longer uses a field loses it, when the update left the field as it was — values
 * the API server allocated or defaulted, which a client-side apply keeps since its manifest never had
 * them. Without this, `type: LoadBalancer` → `ClusterIP` would fail validation on the node ports,
 * `allocateLoadBalancerNodePorts` and `externalTrafficPolicy` the old type left behind.
 */
export function dropTypeDependentFields(next: Obj, old: Obj): Obj {
  const before = obj(old.spec) ?? {};
  const spec: Obj = { ...(obj(next.spec) ?? {}) };
  if (typeOf(before) !== 'ExternalName' && typeOf(spec) === 'ExternalName') {
    if (spec.clusterIP === before.clusterIP && sameJson(spec.clusterIPs, before.clusterIPs)) {
      delete spec.clusterIP;
      delete spec.clusterIPs;
    }
    if (sameJson(spec.ipFamilies, before.ipFamilies)) delete spec.ipFamilies;
    if ((spec.ipFamilyPolicy ?? '') === (before.ipFamilyPolicy ?? '')) delete spec.ipFamilyPolicy;
  }
  // Users may add, remove or change ports, as long as they add no node port the old one lacked.
  const oldPorts = new Set(nodePortsOf(before));
  if (needsNodePort(before) && !needsNodePort(spec) && nodePortsOf(spec).every((n) => oldPorts.has(n)) && Array.isArray(spec.ports)) {
    spec.ports = spec.ports.map((p) => {
      const port = obj(p);
      if (!port || port.nodePort === undefined) return p;
      const kept = { ...port };
      delete kept.nodePort;
      return kept;
    });
  }
  if (needsHealthCheckNodePort(before) && !needsHealthCheckNodePort(spec) && spec.healthCheckNodePort === before.healthCheckNodePort) delete spec.healthCheckNodePort;
  if (typeOf(before) === 'LoadBalancer' && typeOf(spec) !== 'LoadBalancer') {
    if (typeof spec.allocateLoadBalancerNodePorts === 'boolean' && spec.allocateLoadBalancerNodePorts === before.allocateLoadBalancerNodePorts) delete spec.allocateLoadBalancerNodePorts;
    if (spec.loadBalancerClass === before.loadBalancerClass) delete spec.loadBalancerClass;
  }
  if (externallyAccessible(before) && !externallyAccessible(spec) && spec.externalTrafficPolicy === before.externalTrafficPolicy) delete spec.externalTrafficPolicy;
  const status = obj(next.status);
  // The load balancer's status goes with the type (its de-provisioning is the cloud's business).
  const clearedStatus = typeOf(spec) !== 'LoadBalancer' && status && obj(status.loadBalancer) && Object.keys(obj(status.loadBalancer)!).length ? { status: { ...status, loadBalancer: {} } } : {};
  return { ...next, spec, ...clearedStatus };
}
