import { obj } from '../../model/obj';
import { groupOf } from '../../schema/apiLifecycle';
import { RULES } from '../../rules';
import type { JsonPath } from '../../yaml/nodeAt';
import type { Manifest } from '../../cluster/manifests';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, mappings, nameOf, relatedAt, type WorkspaceObjects } from './objects';

/** A route to a Service port: an Ingress backend or a Gateway API backendRef. */
interface Backend {
  route: Manifest;
  namespace: string;
  service: string;
  /** The Service port, by number or by name (an Ingress may name it). */
  port?: number | string;
  /** Where the Service name and the port are written. */
  namePath: JsonPath;
  portPath: JsonPath;
}

const GATEWAY_GROUP = 'gateway.networking.k8s.io';
const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];

/** An Ingress's service backends: `spec.defaultBackend` and every path's (resource backends are not Services). */
function ingressBackends(objects: WorkspaceObjects, m: Manifest): Backend[] {
  const spec = obj(m.object.spec) ?? {};
  const namespace = objects.namespaceOf(m);
  const out: Backend[] = [];
  const add = (backend: unknown, path: JsonPath) => {
    const service = obj(obj(backend)?.service);
    if (!service || typeof service.name !== 'string') return;
    const port = obj(service.port) ?? {};
    const value = typeof port.number === 'number' ? port.number : typeof port.name === 'string' ? port.name : undefined;
    const portPath = [...path, 'service', 'port', typeof port.number === 'number' ? 'number' : 'name'];
    out.push({ route: m, namespace, service: service.name, port: value, namePath: [...path, 'service', 'name'], portPath });
  };
  add(spec.defaultBackend, ['spec', 'defaultBackend']);
  mappings(spec.rules).forEach((rule, i) => mappings(obj(rule.http)?.paths).forEach((p, j) => add(p.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend'])));
  return out;
}

/** A Gateway API route's backendRefs to Services (group "" and kind Service, the defaults). */
function routeBackends(objects: WorkspaceObjects, m: Manifest): Backend[] {
  const namespace = objects.namespaceOf(m);
  const out: Backend[] = [];
  mappings(obj(m.object.spec)?.rules).forEach((rule, i) =>
    mappings(rule.backendRefs).forEach((ref, j) => {
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service' || typeof ref.name !== 'string') return;
      const path = ['spec', 'rules', i, 'backendRefs', j];
      out.push({ route: m, namespace: typeof ref.namespace === 'string' ? ref.namespace : namespace, service: ref.name, port: typeof ref.port === 'number' ? ref.port : undefined, namePath: [...path, 'name'], portPath: [...path, 'port'] });
    }),
  );
  return out;
}

/**
 * KP166: Ingress backends, and HTTPRoute/GRPCRoute backendRefs when the Gateway API's CRDs are in the
 * workspace, that name a Service the namespace does not have, or a port (number or name) the Service
 * does not define: the ingress controller or gateway answers 503 (or 500) for those paths. A missing
 * Service is reported only in a namespace the workspace puts Services in, and where no operator may
 * create them (custom resources there).
 */
export function backendFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const backends: Backend[] = [];
  for (const m of objects.unique()) {
    if (m.invalid) continue;
    const { apiVersion, kind } = m.object;
    if (kind === 'Ingress' && apiVersion === 'networking.k8s.io/v1') backends.push(...ingressBackends(objects, m));
    if (ROUTE_KINDS.includes(kind) && groupOf(apiVersion) === GATEWAY_GROUP && objects.inputs.served(apiVersion, kind) === 'crd') backends.push(...routeBackends(objects, m));
  }
  const out: SimulationFinding[] = [];
  for (const b of backends) {
    const who = `${b.route.object.kind} ${nameOf(b.route)}`;
    const service = objects.get('', 'Service', b.namespace, b.service);
    if (!service) {
      if (!objects.isOperated(b.namespace, b.route.file) && objects.list('', 'Service').some((s) => objects.namespaceOf(s) === b.namespace)) out.push(findingAt(RULES.backendNotFound, b.route, b.namePath, `${who} routes to Service "${b.service}", which is not in namespace "${b.namespace}": requests to this backend fail (503)`));
      continue;
    }
    const spec = obj(service.object.spec) ?? {};
    if (b.port === undefined || spec.type === 'ExternalName') continue;
    const ports = mappings(spec.ports);
    if (ports.some((p) => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port))) continue;
    const defined = ports.map((p) => `${String(p.port)}${typeof p.name === 'string' ? ` "${p.name}"` : ''}`).join(', ') || 'none';
    out.push(
      findingAt(
        RULES.backendNotFound,
        b.route,
        b.portPath,
        `${who} routes to port ${typeof b.port === 'number' ? b.port : `"${b.port}"`} of Service ${b.service}, which has no such port (its ports: ${defined}): requests to this backend fail (503)`,
        [relatedAt(service, ['spec', 'ports'], `the ports of Service ${b.service}`)],
      ),
    );
  }
  return out;
}
