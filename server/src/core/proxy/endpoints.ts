/**
 * Endpoints of each service port, from EndpointSlices (discovery.k8s.io/v1) or, for a Service without
 * slices, from its legacy v1 Endpoints (what the EndpointSlice mirroring controller would produce).
 * Upstream: pkg/proxy/endpointslicecache.go (addEndpoints: first address only, conditions defaults,
 * duplicates by ip:port with local winning, sorted by ip:port).
 */
import { isObj, type Obj } from '../model/obj';
import { canonicalIP, ipFamily, joinHostPort } from './ip';
import type { Endpoint, Protocol } from './types';

/**
 * An endpoint as read from a slice, before the model ties it to a service port (its chain name still
 * empty; present from the start so that every endpoint keeps one object shape), with its node hints.
 */
export type RawEndpoint = Endpoint & { nodeHints?: string[] };

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const objs = (v: unknown): Obj[] => list(v).filter(isObj);

/** `namespace/service` → `portName/PROTOCOL` → endpoints, for one IP family and node. */
export type EndpointIndex = Map<string, Map<string, RawEndpoint[]>>;

const portKey = (name: string, protocol: string) => `${name}/${protocol}`;

/** Objects between two pauses of indexEndpointsInSteps (the endpoints of proxyModelInSteps): ~5 ms of work. */
const OBJECTS_PER_STEP = 500;
/** Services whose endpoints are sorted between two pauses. */
const SERVICES_PER_STEP = 1000;

export function* indexEndpointsInSteps(objects: Obj[], family: 4 | 6, nodeName: string): Generator<void, EndpointIndex> {
  const fromSlices: EndpointIndex = new Map();
  const fromLegacy: EndpointIndex = new Map();
  // One call per object (not one loop body): V8 optimizes a function by its calls, so a large cluster's
  // slices run optimized code after the first few hundred instead of waiting for on-stack replacement.
  let done = 0;
  for (const o of objects) {
    if (o.kind === 'EndpointSlice') indexSlice(fromSlices, o, family, nodeName);
    else if (o.kind === 'Endpoints') indexLegacy(fromLegacy, o, family, nodeName);
    if (++done % OBJECTS_PER_STEP === 0) yield;
  }
  // kube-proxy reads only slices; a Service with hand-written Endpoints gets mirrored slices.
  for (const [service, ports] of fromLegacy) if (!fromSlices.has(service)) fromSlices.set(service, ports);
  done = 0;
  for (const ports of fromSlices.values()) {
    for (const [k, eps] of ports) ports.set(k, dedupeAndSort(eps));
    if (++done % SERVICES_PER_STEP === 0) yield;
  }
  return fromSlices;
}

function listOf(index: EndpointIndex, service: string, port: string): RawEndpoint[] {
  let ports = index.get(service);
  if (!ports) index.set(service, (ports = new Map()));
  let eps = ports.get(port);
  if (!eps) ports.set(port, (eps = []));
  return eps;
}

const namespaceOf = (meta: Obj) => str(meta.namespace) ?? 'default';

function indexSlice(index: EndpointIndex, o: Obj, family: 4 | 6, nodeName: string): void {
  if (!str(o.apiVersion)?.startsWith('discovery.k8s.io/')) return;
  const meta = isObj(o.metadata) ? o.metadata : {};
  const labels = isObj(meta.labels) ? meta.labels : {};
  const service = str(labels['kubernetes.io/service-name']);
  if (!service || o.addressType !== (family === 4 ? 'IPv4' : 'IPv6')) return;
  const endpoints = objs(o.endpoints);
  for (const p of objs(o.ports)) {
    if (typeof p.port !== 'number') continue;
    // The list is looked up once per slice port (and made only when an endpoint is kept).
    let list: RawEndpoint[] | undefined;
    for (const e of endpoints) {
      const ep = sliceEndpoint(e, p.port, family, nodeName);
      if (ep) (list ??= listOf(index, `${namespaceOf(meta)}/${service}`, portKey(str(p.name) ?? '', str(p.protocol) ?? 'TCP'))).push(ep);
    }
  }
}

function indexLegacy(index: EndpointIndex, o: Obj, family: 4 | 6, nodeName: string): void {
  if (o.apiVersion !== 'v1') return;
  const meta = isObj(o.metadata) ? o.metadata : {};
  const service = str(meta.name);
  if (!service) return;
  for (const subset of objs(o.subsets)) {
    for (const p of objs(subset.ports)) {
      if (typeof p.port !== 'number') continue;
      const key = portKey(str(p.name) ?? '', str(p.protocol) ?? 'TCP');
      for (const [field, ready] of [['addresses', true], ['notReadyAddresses', false]] as const) {
        for (const a of objs(subset[field])) {
          const ep = legacyEndpoint(a, p.port, ready, family, nodeName);
          if (ep) listOf(index, `${namespaceOf(meta)}/${service}`, key).push(ep);
        }
      }
    }
  }
}

function sliceEndpoint(e: Obj, port: number, family: 4 | 6, nodeName: string): RawEndpoint | undefined {
  const address = Array.isArray(e.addresses) ? str(e.addresses[0]) : undefined;
  // ipFamily accepts any IPv4 text; canonicalIP returns a canonical one as it is (no allocation).
  if (!address || ipFamily(address) !== family) return undefined;
  const conditions = isObj(e.conditions) ? e.conditions : undefined;
  const ip = canonicalIP(address);
  const node = str(e.nodeName);
  const hints = isObj(e.hints) ? e.hints : undefined;
  const zoneHints = hints ? hintNames(hints.forZones) : undefined;
  const nodeHints = hints ? hintNames(hints.forNodes) : undefined;
  return {
    ip,
    port,
    key: joinHostPort(ip, port),
    nodeName: node,
    zone: str(e.zone),
    local: node !== undefined && node === nodeName,
    ready: conditions?.ready !== false,
    serving: conditions?.serving !== false,
    terminating: conditions?.terminating === true,
    zoneHints: zoneHints?.length ? zoneHints : undefined,
    nodeHints: nodeHints?.length ? nodeHints : undefined,
    chain: '',
  };
}

const hintNames = (v: unknown): string[] =>
  objs(v)
    .map((z) => str(z.name))
    .filter((z): z is string => !!z);

function legacyEndpoint(a: Obj, port: number, ready: boolean, family: 4 | 6, nodeName: string): RawEndpoint | undefined {
  const address = str(a.ip);
  if (!address || ipFamily(address) !== family) return undefined;
  const ip = canonicalIP(address);
  const node = str(a.nodeName);
  return { ip, port, key: joinHostPort(ip, port), nodeName: node, local: node !== undefined && node === nodeName, ready, serving: ready, terminating: false, chain: '' };
}

/** Sorted by key; of endpoints sharing a key the last local one wins, else the first (a stable sort keeps their order). */
function dedupeAndSort(eps: RawEndpoint[]): RawEndpoint[] {
  sortByKey(eps);
  let unique = true;
  for (let i = 1; i < eps.length && unique; i++) unique = eps[i - 1].key !== eps[i].key;
  // The usual case, no endpoint twice: the sorted list itself.
  if (unique) return eps;
  const out: RawEndpoint[] = [];
  for (const ep of eps) {
    const last = out.length > 0 ? out[out.length - 1] : undefined;
    if (last === undefined || last.key !== ep.key) out.push(ep);
    else if (ep.local) out[out.length - 1] = ep;
  }
  return out;
}

/**
 * A stable sort by key, in place: insertion sort for a slice's worth of endpoints (a hundred or fewer),
 * where the built-in sort's set-up costs more than the sorting; the built-in one beyond.
 */
function sortByKey(eps: RawEndpoint[]): void {
  if (eps.length > 100) {
    eps.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return;
  }
  for (let i = 1; i < eps.length; i++) {
    const ep = eps[i];
    let j = i - 1;
    for (; j >= 0 && eps[j].key > ep.key; j--) eps[j + 1] = eps[j];
    eps[j + 1] = ep;
  }
}

export function endpointsFor(index: EndpointIndex, namespace: string, service: string, portName: string, protocol: Protocol): RawEndpoint[] {
  return index.get(`${namespace}/${service}`)?.get(portKey(portName, protocol)) ?? [];
}
