import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { labelsOf } from '../labels';
import type { PodIndex } from '../podIndex';
import { nameSuffix } from '../names';
import { isReady } from '../kubelet';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef } from './podFactory';

/** Upstream's default --max-endpoints-per-slice. */
const MAX_ENDPOINTS_PER_SLICE = 100;

/**
 * A Service port's target port on one pod (k8s.io/kubernetes/pkg/api/v1/pod FindPort): a number as
 * is; a name looked up in the pod's containers' ports with the same protocol, then in its sidecars'
 * (init containers with `restartPolicy: Always`) (undefined: not there).
 */
export function findPort(pod: Obj, targetPort: unknown, protocol: string): number | undefined {
  if (typeof targetPort === 'number') return targetPort;
  if (typeof targetPort !== 'string') return undefined;
  if (/^\d+$/.test(targetPort)) return Number(targetPort);
  const spec = obj(pod.spec);
  const containers = Array.isArray(spec?.containers) ? (spec!.containers as unknown[]) : [];
  const sidecars = Array.isArray(spec?.initContainers) ? (spec!.initContainers as unknown[]).filter((c) => obj(c)?.restartPolicy === 'Always') : [];
  for (const c of [...containers, ...sidecars]) {
    for (const p of Array.isArray(obj(c)?.ports) ? (obj(c)!.ports as unknown[]) : []) {
      const port = obj(p);
      if (port?.name === targetPort && (port.protocol ?? 'TCP') === protocol && typeof port.containerPort === 'number') return port.containerPort;
    }
  }
  return undefined;
}

/** Each node's topology.kubernetes.io/zone, by node name: read once per cluster, not per Service. */
const zoneMaps = new WeakMap<Obj[], Map<string, string | undefined>>();

function zonesOf(nodes: Obj[]): Map<string, string | undefined> {
  let zones = zoneMaps.get(nodes);
  if (!zones) zoneMaps.set(nodes, (zones = new Map(nodes.map((n) => [nameOf(n), labelsOf(n)['topology.kubernetes.io/zone']]))));
  return zones;
}

/** The pods a Service selects: same namespace, labels match, not finished, with an IP. */
export function selectedPods(pods: PodIndex, service: Obj): Obj[] {
  const selector = labelsOf({ metadata: { labels: obj(service.spec)?.selector } });
  return pods.selected(namespaceOf(service), selector).filter((p) => obj(p.status)?.podIP !== undefined && obj(p.status)?.phase !== 'Failed' && obj(p.status)?.phase !== 'Succeeded');
}

/**
 * The EndpointSlice controller (pkg/controller/endpointslice, staging/.../endpointslice/reconciler.go):
 * for a Service with a selector, one endpoint per selected pod with ready/serving/terminating conditions,
 * nodeName, zone and targetRef; pods grouped by the ports they resolve to (a named targetPort missing
 * in a pod leaves that port out for that pod), at most 100 endpoints per slice. Slices are named with a
 * seeded suffix (`<service>-<5 chars>`); pods are listed in creation order.
 */
export function syncEndpointSlices(ctx: SimulationContext, stored: Stored, pods: PodIndex): void {
  const service = stored.object;
  const spec = obj(service.spec) ?? {};
  if (spec.type === 'ExternalName' || !obj(spec.selector) || Object.keys(obj(spec.selector)!).length === 0) return;
  const ports = Array.isArray(spec.ports) ? spec.ports.map((p) => obj(p) ?? {}) : [];
  const zones = zonesOf(ctx.nodes);
  const publishNotReady = spec.publishNotReadyAddresses === true;
  const groups = new Map<string, { ports: Obj[]; endpoints: Obj[] }>();
  for (const pod of selectedPods(pods, service)) {
    const resolved: Obj[] = [];
    for (const port of ports) {
      const protocol = String(port.protocol ?? 'TCP');
      const number = findPort(pod, port.targetPort ?? port.port, protocol);
      if (number === undefined) continue;
      resolved.push({ name: port.name ?? '', port: number, protocol, ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}) });
    }
    const key = JSON.stringify(resolved);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports: resolved, endpoints: [] }));
    const ready = publishNotReady || isReady(pod);
    const nodeName = obj(pod.spec)?.nodeName;
    const zone = typeof nodeName === 'string' ? zones.get(nodeName) : undefined;
    group.endpoints.push({
      addresses: [String(obj(pod.status)!.podIP)],
      conditions: { ready, serving: ready, terminating: false },
      ...(typeof nodeName === 'string' ? { nodeName } : {}),
      targetRef: { kind: 'Pod', name: nameOf(pod), namespace: namespaceOf(pod), uid: metaOf(pod).uid },
      ...(zone ? { zone } : {}),
    });
  }
  const serviceLabels = labelsOf(service);
  let index = 0;
  // No pod selected: upstream still keeps one placeholder slice, without endpoints or ports.
  const slices = groups.size ? [...groups.values()] : [{ ports: [] as Obj[], endpoints: [] as Obj[] }];
  for (const group of slices) {
    for (let start = 0; start === 0 || start < group.endpoints.length; start += MAX_ENDPOINTS_PER_SLICE) {
      const name = `${nameOf(service)}-${nameSuffix(`${namespaceOf(service)}/${nameOf(service)}/slice/${index++}`)}`;
      const slice: Obj = {
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name,
          generateName: `${nameOf(service)}-`,
          namespace: namespaceOf(service),
          labels: { ...serviceLabels, 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': nameOf(service) },
          ownerReferences: [controllerRef(service)],
        },
        addressType: 'IPv4',
        endpoints: group.endpoints.slice(start, start + MAX_ENDPOINTS_PER_SLICE),
        ports: group.ports,
      };
      ctx.api.create(slice, namespaceOf(service), stored.source);
      const shown = (slice.endpoints as Obj[]).length;
      const ready = (slice.endpoints as Obj[]).filter((e) => obj(e.conditions)?.ready === true).length;
      ctx.emit('kube-controller-manager', 'Normal', service, 'EndpointSliceUpdated', `endpointslice ${name}: ${ready} ready, ${shown - ready} not ready endpoint(s)`, stored.source);
    }
  }
}
