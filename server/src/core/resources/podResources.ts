import { addResourceList, copyResourceList, maxResourceList, readResourceList, type ResourceList } from './resourceList';
import { obj, type Obj } from '../model/obj';
import { PodSpecCache } from './podSpecCache';

/**
 * PodRequests / PodLimits as Kubernetes computes them
 * (staging/src/k8s.io/component-helpers/resource/helpers.go, 1.33–1.35): containers summed;
 * init containers walked in order, sidecars (restartPolicy: Always) added to the sum and to every
 * later init container's use; the larger of the two phases wins per resource; pod-level resources
 * replace the aggregate for the keys they support; overhead is added (to limits only where a
 * non-zero limit exists).
 */

export interface ContainerResources {
  name: string;
  requests: ResourceList;
  limits: ResourceList;
}
export interface InitContainerResources extends ContainerResources {
  sidecar: boolean;
  /** What the pod needs while this init container runs: its own plus the sidecars started before it. */
  initUse: { requests: ResourceList; limits: ResourceList };
}

/** The whole computation, kept for the hover that explains it. */
export interface PodResources {
  containers: ContainerResources[];
  initContainers: InitContainerResources[];
  /** Containers plus sidecars: the pod's steady state. */
  regular: { requests: ResourceList; limits: ResourceList };
  /** The largest init-phase use per resource, and which init container it comes from. */
  initPeak: { requests: ResourceList; limits: ResourceList; requestsBy: Map<string, string>; limitsBy: Map<string, string> };
  podLevel: { requests: ResourceList; limits: ResourceList };
  overhead: ResourceList;
  requests: ResourceList;
  limits: ResourceList;
  /** Per resource of `requests`: 'containers', 'init container NAME' or 'pod-level'. */
  requestsFrom: Map<string, string>;
}

export interface PodResourcesOptions {
  /** ExcludeOverhead. */
  excludeOverhead?: boolean;
}

/** IsSupportedPodLevelResource. */
export const isSupportedPodLevelResource = (name: string): boolean => name === 'cpu' || name === 'memory' || name.startsWith('hugepages-');

/**
 * SetDefaults_Pod: a limit without a request gives the request (containers, init containers and
 * pod-level resources). Returns a defaulted copy of the pod spec; the input is not modified.
 */
export function defaultPodSpec(spec: Obj): Obj {
  const withRequests = (resources: unknown): unknown => {
    const r = obj(resources);
    const limits = obj(r?.limits);
    if (!r || !limits) return resources;
    const requests = { ...(obj(r.requests) ?? {}) };
    for (const [name, q] of Object.entries(limits)) if (!(name in requests)) requests[name] = q;
    return { ...r, requests };
  };
  const containers = (list: unknown) => (Array.isArray(list) ? list.map((c) => (obj(c) ? { ...c, resources: withRequests(c.resources) } : c)) : list);
  const out: Obj = { ...spec, containers: containers(spec.containers), initContainers: containers(spec.initContainers) };
  if (spec.resources !== undefined) {
    const r = obj(spec.resources);
    const limits = obj(r?.limits);
    if (r && limits) {
      const requests = { ...(obj(r.requests) ?? {}) };
      for (const [name, q] of Object.entries(limits)) if (!(name in requests) && isSupportedPodLevelResource(name)) requests[name] = q;
      out.resources = { ...r, requests };
    }
  }
  return out;
}

function containerResources(c: unknown, index: number): ContainerResources {
  const o = obj(c);
  const resources = obj(o?.resources);
  const requests = readResourceList(resources?.requests);
  return { name: typeof o?.name === 'string' ? o.name : `#${index}`, requests, limits: readResourceList(resources?.limits) };
}

/** PodRequests per workload (its pods share the containers list) and per distinct resource inputs. */
const cache = new PodSpecCache<PodResources>();

export function podResources(spec: Obj, options: PodResourcesOptions = {}): PodResources {
  return cache.get(spec, options.excludeOverhead === true, () => computePodResources(spec, options));
}

function computePodResources(spec: Obj, options: PodResourcesOptions): PodResources {
  const containers = (Array.isArray(spec.containers) ? spec.containers : []).map((c, i) => containerResources(c, i));
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const c of containers) {
    addResourceList(requests, c.requests);
    addResourceList(limits, c.limits);
  }
  const sidecarRequests: ResourceList = new Map();
  const sidecarLimits: ResourceList = new Map();
  const initPeak = { requests: new Map() as ResourceList, limits: new Map() as ResourceList, requestsBy: new Map<string, string>(), limitsBy: new Map<string, string>() };
  const initContainers: InitContainerResources[] = [];
  (Array.isArray(spec.initContainers) ? spec.initContainers : []).forEach((raw, i) => {
    const c = containerResources(raw, i);
    const sidecar = obj(raw)?.restartPolicy === 'Always';
    let useRequests: ResourceList;
    let useLimits: ResourceList;
    if (sidecar) {
      addResourceList(requests, c.requests);
      addResourceList(limits, c.limits);
      addResourceList(sidecarRequests, c.requests);
      addResourceList(sidecarLimits, c.limits);
      useRequests = copyResourceList(sidecarRequests);
      useLimits = copyResourceList(sidecarLimits);
    } else {
      useRequests = new Map();
      addResourceList(useRequests, c.requests);
      addResourceList(useRequests, sidecarRequests);
      useLimits = new Map();
      addResourceList(useLimits, c.limits);
      addResourceList(useLimits, sidecarLimits);
    }
    track(initPeak.requests, initPeak.requestsBy, useRequests, c.name);
    track(initPeak.limits, initPeak.limitsBy, useLimits, c.name);
    initContainers.push({ ...c, sidecar, initUse: { requests: useRequests, limits: useLimits } });
  });
  const regular = { requests: copyResourceList(requests), limits: copyResourceList(limits) };
  const requestsFrom = new Map<string, string>([...requests.keys()].map((k) => [k, 'containers']));
  for (const [name, q] of initPeak.requests) {
    const current = requests.get(name);
    if (!current || q.nanos > current.nanos) requestsFrom.set(name, `init container ${initPeak.requestsBy.get(name)}`);
  }
  maxResourceList(requests, initPeak.requests);
  maxResourceList(limits, initPeak.limits);

  const podLevelRaw = obj(spec.resources);
  const podLevel = { requests: readResourceList(podLevelRaw?.requests), limits: readResourceList(podLevelRaw?.limits) };
  for (const [name, q] of podLevel.requests) {
    if (isSupportedPodLevelResource(name)) {
      requests.set(name, { ...q });
      requestsFrom.set(name, 'pod-level');
    }
  }
  for (const [name, q] of podLevel.limits) if (isSupportedPodLevelResource(name)) limits.set(name, { ...q });

  const overhead = readResourceList(spec.overhead);
  if (!options.excludeOverhead) {
    addResourceList(requests, overhead);
    for (const [name, q] of overhead) {
      const l = limits.get(name);
      if (l && l.nanos !== 0n) limits.set(name, { nanos: l.nanos + q.nanos, format: l.format });
    }
  }
  return { containers, initContainers, regular, initPeak, podLevel, overhead, requests, limits, requestsFrom };
}

function track(peak: ResourceList, by: Map<string, string>, use: ResourceList, name: string): void {
  for (const [r, q] of use) {
    const current = peak.get(r);
    if (!current || q.nanos > current.nanos) {
      peak.set(r, { ...q });
      by.set(r, name);
    }
  }
}
