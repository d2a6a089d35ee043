import type { Obj } from '../model/obj';
import type { ApiServer } from './apiServer';
import type { ApiError } from './apiErrors';
import type { Rollout } from './plan';
import type { ClusterSettings } from './profile';
import type { Component, SimulationEvent, SourceRef } from './events';
import { nameOf, namespaceOf, refOf, type Store } from './store';

/** What controllers, the scheduler and the kubelet share while the simulation runs. */
/** A step of the simulation that failed inside kubeplan: reported on its manifest, the others go on. */
export interface SimulationFailure {
  message: string;
  source?: SourceRef;
}

export class SimulationContext {
  readonly events: SimulationEvent[] = [];
  readonly failures: SimulationFailure[] = [];
  /** Objects a controller has finished with (by uid): the loop runs until nothing changes. */
  readonly done = new Set<string>();
  /** The workloads' rollouts, by `Kind/namespace/name`, as their controllers step through them. */
  readonly rollouts = new Map<string, Rollout>();
  /** metadata.generation each controller last synced, by uid: an object is synced again when its spec changes. */
  readonly observed = new Map<string, number>();
  /** What a controller saw (its owned objects' writes) when a sync of it last did nothing, by uid. */
  readonly idleAt = new Map<string, number>();
  /** Pods each ReplicaSet created so far, by uid: the seed of the next one's name. */
  readonly podsCreated = new Map<string, number>();
  /** Volumes made for claims of a class kubeplan cannot see (assumed to provision): not static volumes of that class. */
  readonly assumedVolumes = new Set<string>();
  /** Who hears of a deleted pod (the scheduler's snapshot, the kubelets): what it held is free. */
  readonly podDeleted: Array<(pod: Obj) => void> = [];

  /** True when the object's spec changed since its controller last synced it (and records that it now has). */
  specChanged(object: Obj): boolean {
    const meta = (object.metadata as Obj | undefined) ?? {};
    const uid = String(meta.uid);
    const generation = typeof meta.generation === 'number' ? meta.generation : 1;
    if (this.observed.get(uid) === generation) return false;
    this.observed.set(uid, generation);
    return true;
  }

  /** A controller deletes a pod it scaled down. */
  deletePod(pod: Obj): void {
    if (!this.store.delete('Pod', namespaceOf(pod), nameOf(pod))) return;
    for (const listener of this.podDeleted) listener(pod);
  }

  /** A step of a workload's rollout: its controller's event, numbered from 1. */
  rolloutStep(workload: Obj, message: string): void {
    const ref = refOf(workload);
    let rollout = this.rollouts.get(ref);
    if (!rollout) this.rollouts.set(ref, (rollout = { workload: ref, steps: [], completes: false }));
    rollout.steps.push({ step: rollout.steps.length + 1, message });
  }

  constructor(
    readonly api: ApiServer,
    readonly store: Store,
    readonly settings: ClusterSettings,
    readonly nodes: Obj[],
    readonly kubernetesVersion: string,
  ) {}

  /** True the first time a controller looks at an object: controllers here sync each object once. */
  firstSync(object: Obj): boolean {
    const uid = String((object.metadata as Obj | undefined)?.uid);
    if (this.done.has(uid)) return false;
    this.done.add(uid);
    return true;
  }

  /** FailedCreate events whose error the checks already report on the field: no KP151 for them. */
  readonly reportedByChecks = new Set<SimulationEvent>();

  /** A controller's FailedCreate: the event, remembered when the checks say the same thing already. */
  failedCreate(owner: Obj, message: string, error: ApiError, source?: SourceRef): void {
    this.emit('kube-controller-manager', 'Warning', owner, 'FailedCreate', message, source);
    if (error.reportedByChecks) this.reportedByChecks.add(this.events[this.events.length - 1]);
  }

  emit(component: Component, type: SimulationEvent['type'], object: Obj | string, reason: string, message: string, source?: SourceRef): void {
    this.events.push({ type, reason, object: typeof object === 'string' ? object : refOf(object), message, component, ...(source ? { source } : {}) });
  }

  /**
   * Runs one step about one object; a failure inside kubeplan is recorded against the object's
   * manifest (a KP100 finding) instead of ending the whole simulation. Returns the step's result, or
   * `fallback` when it failed.
   */
  guard<T>(what: string, source: SourceRef | undefined, fallback: T, step: () => T, onFailure?: () => void): T {
    try {
      return step();
    } catch (e) {
      onFailure?.();
      this.failures.push({ message: `${what}: not simulated: internal error (${(e as Error)?.message ?? String(e)}); please report it`, ...(source ? { source } : {}) });
      return fallback;
    }
  }

  /** The manifest an object comes from, following what created it. */
  sourceOf(object: Obj): SourceRef | undefined {
    return this.store.get(String(object.kind), namespaceOf(object), nameOf(object))?.source;
  }
}
