import { isObj, obj, type Obj } from '../model/obj';
import { defaultPodSpec, podResources } from '../resources/podResources';
import { PodSpecCache } from '../resources/podSpecCache';
import { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, schedulerResources, type Resources } from './resources';
import { NOTHING, labelKeyRequirements, labelSelector, labelsOf, type Labels, type Selector } from './labels';
import { requiredNodeAffinity, type RequiredNodeAffinity } from './nodeSelector';
import { tolerationsOf, type Toleration } from './taints';

/**
 * framework.PodInfo: what the plugins read of a pod, computed once per pod (the incoming one, and
 * every pod the snapshot holds).
 */

/** fwk.AffinityTerm: which pods (namespaces × selector) a pod (anti-)affinity term is about. */
export interface AffinityTerm {
  namespaces: Set<string>;
  namespaceSelector: Selector;
  selector: Selector;
  topologyKey: string;
  weight: number;
}

export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

export interface PodInfo {
  pod: Obj;
  spec: Obj;
  name: string;
  namespace: string;
  labels: Labels;
  nodeName: string;
  /** PodRequests: the real requests (sidecars, init peak, pod-level, overhead). */
  requests: Resources;
  /** PodRequests with 100m / 200Mi for each container missing a cpu / memory request. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  priority: number;
  tolerations: Toleration[];
  nodeAffinity: RequiredNodeAffinity;
  requiredAffinityTerms: AffinityTerm[];
  requiredAntiAffinityTerms: AffinityTerm[];
  preferredAffinityTerms: AffinityTerm[];
  preferredAntiAffinityTerms: AffinityTerm[];
  /** Container then init container images, as written. */
  images: string[];
  /** Claim names of persistentVolumeClaim and ephemeral volumes. */
  claims: Array<{ name: string; ephemeral: boolean }>;
  terminating: boolean;
}

const NON_ZERO = { cpu: `${DEFAULT_MILLI_CPU_REQUEST}m`, memory: `${DEFAULT_MEMORY_REQUEST}` };

/** The spec with the scheduler's non-missing container requests (NonMissingContainerRequests). */
function withNonZeroRequests(spec: Obj): Obj {
  const fill = (list: unknown) =>
    Array.isArray(list)
      ? list.map((c) => {
          if (!isObj(c)) return c;
          const resources = obj(c.resources) ?? {};
          const requests = { ...(obj(resources.requests) ?? {}) };
          for (const [name, q] of Object.entries(NON_ZERO)) if (!(name in requests)) requests[name] = q;
          return { ...c, resources: { ...resources, requests } };
        })
      : list;
  return { ...spec, containers: fill(spec.containers), initContainers: fill(spec.initContainers) };
}

/** newAffinityTerm: no namespaces and no namespaceSelector mean the pod's own namespace. */
function affinityTerms(list: unknown, pod: { namespace: string; labels: Labels }, weighted: boolean): AffinityTerm[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((raw) => {
    const w = obj(raw);
    const t = weighted ? obj(w?.podAffinityTerm) : w;
    if (!t) return [];
    const namespaces = new Set(Array.isArray(t.namespaces) ? t.namespaces.map(String) : []);
    if (namespaces.size === 0 && (t.namespaceSelector === undefined || t.namespaceSelector === null)) namespaces.add(pod.namespace);
    // The API server merges matchLabelKeys / mismatchLabelKeys into the selector at creation (1.33+).
    const extra = [...labelKeyRequirements(t.matchLabelKeys, pod.labels, 'In'), ...labelKeyRequirements(t.mismatchLabelKeys, pod.labels, 'NotIn')];
    return [
      {
        namespaces,
        namespaceSelector: t.namespaceSelector === undefined || t.namespaceSelector === null ? NOTHING : labelSelector(t.namespaceSelector),
        selector: labelSelector(t.labelSelector, extra),
        topologyKey: typeof t.topologyKey === 'string' ? t.topologyKey : '',
        weight: weighted && typeof w?.weight === 'number' ? w.weight : 0,
      },
    ];
  });
}

/** AffinityTerm.Matches: the pod's namespace is listed or selected, and its labels are selected. */
export function termMatchesPod(term: AffinityTerm, pod: PodInfo, namespaceLabels: Labels): boolean {
  if (!term.namespaces.has(pod.namespace) && !term.namespaceSelector.matches(namespaceLabels)) return false;
  return term.selector.matches(pod.labels);
}

/** schedutil.GetHostPorts: containers' and sidecars' ports with a hostPort. */
function hostPorts(spec: Obj): HostPort[] {
  const out: HostPort[] = [];
  const add = (c: unknown) => {
    const ports = obj(c)?.ports;
    if (!Array.isArray(ports)) return;
    for (const p of ports) {
      const port = obj(p);
      if (!port || typeof port.hostPort !== 'number' || port.hostPort <= 0) continue;
      out.push({ ip: typeof port.hostIP === 'string' && port.hostIP ? port.hostIP : '0.0.0.0', protocol: typeof port.protocol === 'string' && port.protocol ? port.protocol : 'TCP', port: port.hostPort });
    }
  };
  if (Array.isArray(spec.containers)) spec.containers.forEach(add);
  if (Array.isArray(spec.initContainers)) for (const c of spec.initContainers) if (obj(c)?.restartPolicy === 'Always') add(c);
  return out;
}

function images(spec: Obj): string[] {
  const out: string[] = [];
  for (const list of [spec.containers, spec.initContainers]) {
    if (Array.isArray(list)) for (const c of list) if (typeof obj(c)?.image === 'string') out.push(obj(c)!.image as string);
  }
  return out;
}

function claims(spec: Obj, podName: string): PodInfo['claims'] {
  if (!Array.isArray(spec.volumes)) return [];
  return spec.volumes.flatMap((v): PodInfo['claims'] => {
    const vol = obj(v);
    const claim = obj(vol?.persistentVolumeClaim);
    if (claim && typeof claim.claimName === 'string') return [{ name: claim.claimName, ephemeral: false }];
    // ephemeral.VolumeClaimName: <pod name>-<volume name>.
    if (vol && obj(vol.ephemeral)) return [{ name: `${podName}-${String(vol.name)}`, ephemeral: true }];
    return [];
  });
}

/** A pod's requests and non-zero requests, by its raw containers list (shared by a workload's pods) or its resource inputs. */
const requestsCache = new PodSpecCache<{ requests: Resources; nonZero: Resources }>();

function podRequests(raw: Obj): { requests: Resources; nonZero: Resources } {
  return requestsCache.get(raw, false, () => {
    const spec = defaultPodSpec(raw);
    return { requests: schedulerResources(podResources(spec).requests), nonZero: schedulerResources(podResources(withNonZeroRequests(spec)).requests) };
  });
}

/** The parts of a PodInfo that depend on the spec alone. */
type SpecInfo = Pick<PodInfo, 'requests' | 'nonZeroCpu' | 'nonZeroMemory' | 'hostPorts' | 'tolerations' | 'nodeAffinity' | 'images'>;

/** SpecInfo by spec object: the replicas of a workload share one admitted spec (and never change it). */
const specInfos = new WeakMap<Obj, SpecInfo>();

function specInfo(spec: Obj): SpecInfo {
  let info = specInfos.get(spec);
  if (!info) {
    const { requests, nonZero } = podRequests(spec);
    info = {
      requests,
      nonZeroCpu: nonZero.cpu ?? 0,
      nonZeroMemory: nonZero.memory ?? 0,
      hostPorts: hostPorts(spec),
      tolerations: tolerationsOf(spec.tolerations),
      nodeAffinity: requiredNodeAffinity(spec),
      images: images(spec),
    };
    specInfos.set(spec, info);
  }
  return info;
}

export function newPodInfo(pod: Obj, priority: number): PodInfo {
  const metadata = obj(pod.metadata) ?? {};
  // Only requests depend on SetDefaults (limits → requests), and podRequests applies it itself.
  const spec = obj(pod.spec) ?? {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  const labels = labelsOf(metadata.labels);
  const fromSpec = specInfo(spec);
  const affinity = obj(spec.affinity);
  const podAffinity = obj(affinity?.podAffinity);
  const podAntiAffinity = obj(affinity?.podAntiAffinity);
  const self = { namespace, labels };
  return {
    pod,
    spec,
    name,
    namespace,
    labels,
    nodeName: typeof spec.nodeName === 'string' ? spec.nodeName : '',
    requests: fromSpec.requests,
    nonZeroCpu: fromSpec.nonZeroCpu,
    nonZeroMemory: fromSpec.nonZeroMemory,
    hostPorts: fromSpec.hostPorts,
    priority,
    tolerations: fromSpec.tolerations,
    nodeAffinity: fromSpec.nodeAffinity,
    requiredAffinityTerms: affinityTerms(podAffinity?.requiredDuringSchedulingIgnoredDuringExecution, self, false),
    requiredAntiAffinityTerms: affinityTerms(podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution, self, false),
    preferredAffinityTerms: affinityTerms(podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, self, true),
    preferredAntiAffinityTerms: affinityTerms(podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, self, true),
    images: fromSpec.images,
    claims: claims(spec, name),
    terminating: metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null,
  };
}

export const hasAffinity = (p: PodInfo): boolean =>
  p.requiredAffinityTerms.length + p.requiredAntiAffinityTerms.length + p.preferredAffinityTerms.length + p.preferredAntiAffinityTerms.length > 0;

