import { obj, type Obj } from '../model/obj';
import { addResources, nodeAllocatable, type Resources } from './resources';
import { labelsOf, type Labels } from './labels';
import { taintsOf, type Taint } from './taints';
import { hasAffinity, type HostPort, type PodInfo } from './podInfo';

/**
 * framework.NodeInfo (pkg/scheduler/framework/types.go): a node and the aggregate of the pods bound
 * to it, kept up to date incrementally as pods are added.
 */
export class NodeInfo {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: Resources;
  readonly allowedPodNumber: number;
  /** Image name → size in bytes, from status.images (every name of every image). */
  readonly images: Map<string, number>;
  readonly pods: PodInfo[] = [];
  readonly podsWithAffinity: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  readonly requested: Resources = {};
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  /** HostPortInfo: host IP → set of `protocol/port`. */
  readonly usedPorts = new Map<string, Set<string>>();

  constructor(readonly node: Obj) {
    const metadata = obj(node.metadata) ?? {};
    const spec = obj(node.spec) ?? {};
    this.name = typeof metadata.name === 'string' ? metadata.name : '';
    this.labels = labelsOf(metadata.labels);
    this.taints = taintsOf(spec.taints);
    this.unschedulable = spec.unschedulable === true;
    const allocatable = nodeAllocatable(obj(node.status));
    this.allocatable = allocatable.resources;
    this.allowedPodNumber = allocatable.pods;
    this.images = new Map();
    const images = obj(node.status)?.images;
    if (Array.isArray(images)) {
      for (const image of images) {
        const i = obj(image);
        if (!i || !Array.isArray(i.names)) continue;
        const size = typeof i.sizeBytes === 'number' ? i.sizeBytes : 0;
        for (const name of i.names) if (typeof name === 'string') this.images.set(name, size);
      }
    }
  }

  addPod(p: PodInfo): void {
    this.pods.push(p);
    if (hasAffinity(p)) this.podsWithAffinity.push(p);
    if (p.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity.push(p);
    addResources(this.requested, p.requests);
    this.nonZeroCpu += p.nonZeroCpu;
    this.nonZeroMemory += p.nonZeroMemory;
    for (const port of p.hostPorts) {
      let set = this.usedPorts.get(port.ip);
      if (!set) this.usedPorts.set(port.ip, (set = new Set()));
      set.add(`${port.protocol}/${port.port}`);
    }
  }

  /** RemovePod: pods deleted from the node (a controller scaled them down, by uid); the aggregates made again. */
  removePods(uids: Set<unknown>): void {
    const keep = this.pods.filter((p) => !uids.has(obj(p.pod.metadata)?.uid));
    if (keep.length === this.pods.length) return;
    this.pods.length = 0;
    this.podsWithAffinity.length = 0;
    this.podsWithRequiredAntiAffinity.length = 0;
    for (const key of Object.keys(this.requested)) delete (this.requested as Record<string, unknown>)[key];
    this.nonZeroCpu = 0;
    this.nonZeroMemory = 0;
    this.usedPorts.clear();
    for (const p of keep) this.addPod(p);
  }

  /** A copy holding only `pods` (the preemption dry run removes victims from it). */
  withPods(pods: PodInfo[]): NodeInfo {
    const copy = new NodeInfo(this.node);
    for (const p of pods) copy.addPod(p);
    return copy;
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP on the same protocol and port. */
  portConflicts(port: HostPort): boolean {
    const key = `${port.protocol}/${port.port}`;
    if (port.ip === '0.0.0.0') {
      for (const set of this.usedPorts.values()) if (set.has(key)) return true;
      return false;
    }
    return !!this.usedPorts.get(port.ip)?.has(key) || !!this.usedPorts.get('0.0.0.0')?.has(key);
  }
}
