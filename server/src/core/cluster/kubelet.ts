import { obj, podContainers, type Obj } from '../model/obj';
import type { SimulationContext } from './context';
import { formatIPv4, parseCidr, parseIPv4 } from './ipv4';
import { metaOf, nameOf, type Stored } from './store';
import { podResources } from '../resources/podResources';
import { podQOS } from '../resources/qos';
import { readResourceList, addResourceList, type ResourceList } from '../resources/resourceList';
import { milliValue, wholeValue } from '../resources/quantity';

/** The annotation that makes a simulated pod not Ready (to explore a failing readiness probe). */
export const READY_ANNOTATION = 'kubeplan.dev/ready';

const condition = (o: Obj, type: string): Obj | undefined =>
  (Array.isArray(obj(o.status)?.conditions) ? (obj(o.status)!.conditions as unknown[]) : []).map(obj).find((c) => c?.type === type);

export const isRunningAndReady = (pod: Obj): boolean => obj(pod.status)?.phase === 'Running' && condition(pod, 'Ready')?.status === 'True';
export const isReady = (pod: Obj): boolean => condition(pod, 'Ready')?.status === 'True';

/** What one node's kubelet has admitted so far, and the next pod IP of its pod CIDR. */
interface NodeState {
  node: Obj;
  requested: ResourceList;
  pods: number;
  nextIP: number;
  /** Pod IPs of the pods already running on it (the cluster state's): not given out again. */
  taken: Set<number>;
}

/**
 * The kubelets: each admits the pods bound to its node (re-checking that they fit, as the kubelet's
 * admission does: pkg/kubelet/lifecycle/predicate.go), gives them an IP from the node's pod CIDR (host-local
 * IPAM: .1 is the bridge, pods from .2; hostNetwork pods get the node's IP) and runs them: Running and
 * Ready unless the pod carries `kubeplan.dev/ready: "false"`.
 */
export class Kubelets {
  private readonly nodes = new Map<string, NodeState>();

  constructor(private readonly ctx: SimulationContext) {
    for (const node of ctx.nodes) {
      const cidr = parseCidr(String(obj(node.spec)?.podCIDR ?? ''));
      this.nodes.set(nameOf(node), { node, requested: new Map(), pods: 0, nextIP: cidr ? cidr.base + 2 : 0, taken: new Set() });
    }
  }

  /** Counts a pod that already runs (from the cluster profile). */
  occupy(pod: Obj): void {
    const state = this.nodes.get(String(obj(pod.spec)?.nodeName ?? ''));
    if (!state) return;
    addResourceList(state.requested, podResources(obj(pod.spec) ?? {}).requests);
    state.pods++;
    const ip = parseIPv4(String(obj(pod.status)?.podIP ?? ''));
    if (ip !== undefined) state.taken.add(ip);
  }

  /** Frees what a deleted pod held on its node (a controller scaled it down). */
  release(pod: Obj): void {
    const state = this.nodes.get(String(obj(pod.spec)?.nodeName ?? ''));
    if (!state) return;
    const requests = podResources(obj(pod.spec) ?? {}).requests;
    for (const [name, q] of requests) {
      const held = state.requested.get(name);
      if (held) state.requested.set(name, { ...held, nanos: held.nanos - q.nanos });
    }
    state.pods--;
  }

  /** Starts every bound pod not started yet, pausing every few pods; true when something changed. */
  *run(): Generator<void, boolean> {
    let changed = false;
    let started = 0;
    for (const stored of this.ctx.store.list('Pod')) {
      const pod = stored.object;
      const status = obj(pod.status) ?? {};
      const nodeName = obj(pod.spec)?.nodeName;
      if (typeof nodeName !== 'string' || status.phase !== 'Pending' || status.reason) continue;
      changed = true;
      if (++started % 64 === 0) yield;
      this.ctx.guard(`Pod ${nameOf(pod)}`, stored.source, undefined, () => this.start(stored, nodeName), () => this.ctx.store.update({ ...pod, status: { ...status, reason: 'NotSimulated' } }));
    }
    return changed;
  }

  private start(stored: Stored, nodeName: string): void {
    const { ctx } = this;
    const pod = stored.object;
    const state = this.nodes.get(nodeName);
    if (!state) {
      ctx.store.update({ ...pod, status: { ...(obj(pod.status) ?? {}), reason: 'NodeNotFound' } });
      ctx.emit('kubelet', 'Warning', pod, 'NodeNotFound', `node "${nodeName}" is not in the cluster: no kubelet will run this pod, it stays Pending`, stored.source);
      return;
    }
    const spec = obj(pod.spec) ?? {};
    const requests = podResources(spec).requests;
    const rejection = this.admit(state, requests);
    if (rejection) {
      ctx.store.update({ ...pod, status: { phase: 'Failed', reason: rejection.reason, message: `Pod was rejected: ${rejection.message}` } });
      ctx.emit('kubelet', 'Warning', pod, rejection.reason, rejection.message, stored.source);
      return;
    }
    addResourceList(state.requested, requests);
    state.pods++;
    const nodeIP = nodeAddress(state.node);
    if (spec.hostNetwork !== true) while (state.taken.has(state.nextIP)) state.nextIP++;
    const podIP = spec.hostNetwork === true ? nodeIP : formatIPv4(state.nextIP++);
    const ready = obj(metaOf(pod).annotations)?.[READY_ANNOTATION] !== 'false';
    const clock = ctx.settings.clock;
    // Init containers (and sidecars) start first, in order, then the app containers.
    const inOrder = [...podContainers(spec).filter((c) => c.list === 'initContainers'), ...podContainers(spec).filter((c) => c.list === 'containers')];
    for (const { name, container } of inOrder) {
      const pulls = container.imagePullPolicy === 'Always' || !nodeHasImage(state.node, container.image);
      if (pulls) ctx.emit('kubelet', 'Normal', pod, 'Pulling', `Pulling image "${String(container.image)}"`, stored.source);
      ctx.emit('kubelet', 'Normal', pod, 'Created', `Created container: ${name}`, stored.source);
      ctx.emit('kubelet', 'Normal', pod, 'Started', `Started container ${name}`, stored.source);
    }
    if (!ready) ctx.emit('kubelet', 'Warning', pod, 'Unhealthy', `Readiness probe failed: the pod is annotated ${READY_ANNOTATION}: "false"`, stored.source);
    const truth = (b: boolean) => (b ? 'True' : 'False');
    const containerStatus = (c: Obj) => ({
      name: c.name,
      image: c.image,
      imageID: '',
      ready,
      restartCount: 0,
      started: true,
      state: { running: { startedAt: clock } },
    });
    const containers = Array.isArray(spec.containers) ? spec.containers.map((c) => obj(c) ?? {}) : [];
    // Ready and ContainersReady say the same thing, with the same reason when false.
    const readiness = { status: truth(ready), lastTransitionTime: clock, ...(ready ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]` }) };
    const inits = Array.isArray(spec.initContainers) ? spec.initContainers.map((c) => obj(c) ?? {}) : [];
    ctx.store.update({
      ...pod,
      status: {
        phase: 'Running',
        conditions: [
          { type: 'PodReadyToStartContainers', status: 'True', lastTransitionTime: clock },
          { type: 'Initialized', status: 'True', lastTransitionTime: clock },
          { type: 'Ready', ...readiness },
          { type: 'ContainersReady', ...readiness },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: clock },
        ],
        hostIP: nodeIP,
        hostIPs: [{ ip: nodeIP }],
        podIP,
        podIPs: [{ ip: podIP }],
        startTime: clock,
        ...(inits.length
          ? {
              initContainerStatuses: inits.map((c) =>
                c.restartPolicy === 'Always' ? containerStatus(c) : { name: c.name, image: c.image, imageID: '', ready: true, restartCount: 0, started: false, state: { terminated: { exitCode: 0, reason: 'Completed', startedAt: clock, finishedAt: clock } } },
              ),
            }
          : {}),
        containerStatuses: containers.map(containerStatus),
        qosClass: podQOS(spec),
      },
    });
  }

  /** The kubelet's resource admission: pods count, then each requested resource against allocatable. */
  private admit(state: NodeState, requests: ResourceList): { reason: string; message: string } | undefined {
    const allocatable = readResourceList(obj(state.node.status)?.allocatable);
    const maxPods = allocatable.get('pods');
    if (maxPods && state.pods + 1 > Number(wholeValue(maxPods))) {
      return { reason: 'OutOfpods', message: `Node didn't have enough resource: pods, requested: 1, used: ${state.pods}, capacity: ${wholeValue(maxPods)}` };
    }
    for (const [name, q] of requests) {
      if (q.nanos === 0n) continue;
      const cap = allocatable.get(name);
      const used = state.requested.get(name);
      const value = (x: typeof q | undefined) => (x ? (name === 'cpu' ? milliValue(x) : wholeValue(x)) : 0n);
      if (value(used) + value(q) > value(cap)) {
        return { reason: `OutOf${name}`, message: `Node didn't have enough resource: ${name}, requested: ${value(q)}, used: ${value(used)}, capacity: ${value(cap)}` };
      }
    }
    return undefined;
  }
}

export function nodeAddress(node: Obj): string {
  const addresses = Array.isArray(obj(node.status)?.addresses) ? (obj(node.status)!.addresses as unknown[]).map(obj) : [];
  return String(addresses.find((a) => a?.type === 'InternalIP')?.address ?? '');
}

function nodeHasImage(node: Obj, image: unknown): boolean {
  if (typeof image !== 'string') return false;
  const images = Array.isArray(obj(node.status)?.images) ? (obj(node.status)!.images as unknown[]).map(obj) : [];
  return images.some((i) => Array.isArray(i?.names) && i!.names.includes(image));
}
