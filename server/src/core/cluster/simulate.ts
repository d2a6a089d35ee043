import { obj, type Obj } from '../model/obj';
import { RULES } from '../rules';
import type { ScheduleOptions, ScheduleResult } from '../scheduler/types';
import type { Manifest } from './manifests';
import type { ClusterProfile } from './profile';
import { isProfileDocument } from './profile';
import type { SimulationEvent } from './events';
import type { ApiError } from './apiErrors';
import { kubectlError, kubectlInvalid, kubectlName } from './apiErrors';
import { ApiServer } from './apiServer';
import { SimulationContext, type SimulationFailure } from './context';
import { Store, metaOf, nameOf, namespaceOf, refOf, objectRef, type Stored } from './store';
import { Kubelets, nodeAddress } from './kubelet';
import { formatIPv4 } from './ipv4';
import { FrameworkPlacement, runScheduler, type Placement } from './scheduling';
import { syncDeployment } from './controllers/deployment';
import { syncReplicaSet } from './controllers/replicaSet';
import { syncStatefulSet } from './controllers/statefulSet';
import { syncDaemonSet } from './controllers/daemonSet';
import { syncJob } from './controllers/job';
import { syncCronJob } from './controllers/cronJob';
import { syncEndpointSlices } from './controllers/endpointSlice';
import { reportUnboundDelayBindingClaims, syncClaim, syncVolume } from './controllers/persistentVolume';
import { workloadStatus } from './status';
import { PodIndex } from './podIndex';
import type { AppliedChange, Rollout } from './plan';
import { finishRollouts } from './rolloutStatus';
import { runToEnd } from '../model/steps';
import { annotationsTooLong } from './updateValidation';
import type { FieldChange } from './fieldDiff';

export interface SimulationOptions {
  kubernetesVersion: string;
  /** Where objects without metadata.namespace go (kubectl's current namespace). */
  defaultNamespace: string;
  /**
   * Namespaces the manifests use and nothing creates, assumed to exist in the cluster (unless a
   * cluster file is authoritative for namespaces): they exist from the start.
   */
  assumedNamespaces?: string[];
  /**
   * Whether a custom resource's type is served: by a CRD of the workspace or the cluster (`crd`),
   * assumed served by the cluster (`assumed`: accepted, not validated), or unknown to a cluster that
   * is authoritative for CRDs (`missing`: kubectl cannot map it). Without it, every one is `crd`.
   */
  customResource?: (apiVersion: string, kind: string) => 'builtin' | 'crd' | 'assumed' | 'missing';
  /** Which scheduling results keep their per-node reports (ScheduleOptions.nodeReports; default all). */
  nodeReports?: ScheduleOptions['nodeReports'];
  /**
   * Whether the objects' final state is made once the controllers settle: the EndpointSlices and the
   * workloads' status (default true). A plan reads only the changes and the rollouts.
   */
  finalState?: boolean;
}

/** An object the API server refused, with why and where it was written. */
export interface Rejection {
  manifest: Manifest;
  error: ApiError;
}

export interface SimulationResult {
  events: SimulationEvent[];
  /** The objects the workspace made, as the API server would return them after the controllers ran. */
  objects: Obj[];
  rejections: Rejection[];
  /** Controllers' FailedCreate events the resources checks report on the field already (KP142, KP144). */
  reportedByChecks: Set<SimulationEvent>;
  /** The manifest each applied object came from (`Kind/ns/name`), for findings on its fields. */
  manifests: Map<string, Manifest>;
  /** The scheduler's answer for each pod it tried (`Pod/ns/name`). */
  scheduling: Map<string, ScheduleResult>;
  /** Nodes of the cluster, as simulated (pod CIDRs filled in). */
  nodes: Obj[];
  /** Steps that failed inside kubeplan (each reported on its manifest); the rest was simulated. */
  failures: SimulationFailure[];
  /** What the apply did with each manifest's object, in apply order: the plan's changes. */
  changes: AppliedChange[];
  /** The workloads' rollouts (`Kind/namespace/name`): each controller's steps and whether it got there. */
  rollouts: Map<string, Rollout>;
  /**
   * The configuration kubectl's apply wrote for each object it applied (`Kind/namespace/name`): what
   * the cluster keeps in the `kubectl.kubernetes.io/last-applied-configuration` annotation, kept here
   * rather than on the objects (the editor holds the last simulation).
   */
  lastApplied: Map<string, Obj>;
}

/** The namespaces every cluster has. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Namespaces and CRDs first, then everything else in file and document order. */
function applyOrder(manifests: Manifest[]): Manifest[] {
  const first = (m: Manifest) => m.object.kind === 'Namespace' || m.object.kind === 'CustomResourceDefinition';
  return [...manifests.filter(first), ...manifests.filter((m) => !first(m))];
}

/** What a cluster starts with: its system namespaces, their default accounts and the kubernetes Service. */
function bootstrap(api: ApiServer, store: Store, profile: ClusterProfile, assumed: string[]): void {
  const namespaces = new Set([...SYSTEM_NAMESPACES, ...profile.namespaces, ...assumed]);
  for (const ns of namespaces) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, ...(profile.namespaceLabels[ns] ? { labels: profile.namespaceLabels[ns] } : {}) } }, '');
  const kubernetes = api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, spec: { clusterIP: firstServiceIP(api), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] } }, 'default');
  const controlPlane = profile.nodes.filter((n) => 'node-role.kubernetes.io/control-plane' in (obj(metaOf(n).labels) ?? {}));
  const addresses = (controlPlane.length ? controlPlane : profile.nodes.slice(0, 1)).map(nodeAddress).filter(Boolean);
  if (kubernetes.object) {
    store.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' } },
      addressType: 'IPv4',
      endpoints: addresses.map((a) => ({ addresses: [a], conditions: { ready: true, serving: true, terminating: false } })),
      ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
    });
  }
  for (const node of profile.nodes) store.create(node);
  for (const sc of profile.storageClasses) store.create(sc);
  for (const pod of profile.pods) store.create({ ...pod, status: obj(pod.status) ?? { phase: 'Running' } });
}

/**
 * The cluster state's objects, stored as the cluster holds them; the addresses and ports its Services
 * hold are taken (the allocators' bitmaps, rebuilt from the Services as the repair loop does).
 */
function restoreLive(api: ApiServer, store: Store, live: Obj[]): void {
  for (const o of live) {
    if (store.has(String(o.kind), namespaceOf(o), nameOf(o))) continue;
    store.restore(o);
    if (o.kind !== 'Service') continue;
    const spec = obj(o.spec) ?? {};
    for (const ip of Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP]) if (typeof ip === 'string' && ip !== 'None' && ip !== '') api.clusterIPs.allocate(ip);
    for (const p of Array.isArray(spec.ports) ? spec.ports : []) if (typeof obj(p)?.nodePort === 'number') api.nodePorts.allocate(obj(p)!.nodePort as number);
    if (typeof spec.healthCheckNodePort === 'number') api.nodePorts.allocate(spec.healthCheckNodePort);
  }
}

/** The kubernetes Service takes the range's first address (10.96.0.1 in 10.96.0.0/12). */
const firstServiceIP = (api: ApiServer): string => formatIPv4(api.clusterIPs.cidr.base + 1);

/** The controllers that make objects from objects, in the order their kinds are visited each round. */
const CONTROLLERS: Array<[kind: string, sync: (ctx: SimulationContext, s: Stored) => boolean]> = [
  ['CronJob', syncCronJob],
  ['Deployment', syncDeployment],
  ['ReplicaSet', syncReplicaSet],
  ['ReplicationController', syncReplicaSet],
  ['StatefulSet', syncStatefulSet],
  ['DaemonSet', syncDaemonSet],
  ['Job', syncJob],
  // The PV controller last: the claims the workload controllers just made are bound (Immediate) before the scheduler runs.
  ['PersistentVolume', syncVolume],
  ['PersistentVolumeClaim', syncClaim],
];

/** kubectl's discovery error for a type its API server does not serve (it maps a kind before any request), and how kubectl prints it. */
const noMatchesFor = (o: Obj): string => `no matches for kind "${String(o.kind)}" in version "${String(o.apiVersion)}" (ensure CRDs are installed first)`;
const mappingNotFound = (name: string, namespace: string, file: string, message: string): string => `error: resource mapping not found for name: "${name}" namespace: "${namespace}" from "${file}": ${message}`;

/** The checks' findings for an apiVersion the API server does not serve (removed, not yet, no such kind). */
const UNSERVED_CODES = new Set([RULES.removedApi.code, RULES.notYetServed.code, RULES.unknownKind.code]);

/** kubectl apply of one manifest: the API server admits and stores it (a create or an update), or refuses it. */
function apply(ctx: SimulationContext, m: Manifest, options: SimulationOptions, run: ApplyRun): void {
  const { api, store } = ctx;
  const o = m.object;
  const source = { file: m.file, range: m.range };
  if (o.kind === 'CustomResourceDefinition' && obj(o.spec)?.scope === 'Cluster') {
    const kind = obj(obj(o.spec)?.names)?.kind;
    if (typeof kind === 'string') api.clusterScopedCustomKinds.add(kind);
  }
  const name = nameOf(o);
  const ns = api.isClusterScoped(String(o.kind)) ? '' : namespaceOf(o) || options.defaultNamespace;
  const label = kubectlName(o.apiVersion, o.kind, name);
  const ref = objectRef(o.kind, ns, name);
  const existing = store.get(o.kind, ns, name);
  const refuse = (error: ApiError, by: 'kubectl' | 'kube-apiserver', message: string) => {
    run.rejections.push({ manifest: m, error });
    run.changes.push({ manifest: m, object: ref, action: 'rejected', message: error.message });
    ctx.emit(by, 'Warning', ref, by === 'kubectl' ? 'FailedCreate' : existing ? 'FailedUpdate' : 'FailedCreate', message, source);
  };
  if (m.invalid) {
    // The checks report why, on the field (no KP150 twice). A version the API server does not serve
    // stops kubectl at discovery, in kubectl's words; anything else is the API server's validation.
    const why = `${m.invalid.message} (${m.invalid.code})`;
    if (UNSERVED_CODES.has(m.invalid.code)) {
      const unmapped = noMatchesFor(o);
      run.changes.push({ manifest: m, object: ref, action: 'rejected', message: `${unmapped}: ${why}` });
      ctx.emit('kubectl', 'Warning', ref, 'FailedCreate', mappingNotFound(name, ns, m.file, unmapped), source);
      return;
    }
    run.changes.push({ manifest: m, object: ref, action: 'rejected', message: why });
    ctx.emit('kube-apiserver', 'Warning', ref, 'Invalid', `${label} not applied: the API server would refuse it: ${why}`, source);
    return;
  }
  const served = options.customResource?.(o.apiVersion, o.kind) ?? 'builtin';
  if (served === 'missing') {
    // kubectl maps a kind to its resource through the API server's discovery first, and stops there.
    const error: ApiError = { status: 'NotFound', by: 'kubectl', message: noMatchesFor(o) };
    refuse(error, 'kubectl', mappingNotFound(name, ns, m.file, error.message));
    return;
  }
  // kubectl keeps the manifest in the last-applied annotation: too big, and the API server refuses it.
  const tooLong = annotationsTooLong(o, o.kind, name);
  if (tooLong) {
    refuse(tooLong, 'kube-apiserver', kubectlInvalid(o.kind, name, tooLong.causes!));
    return;
  }
  if (existing) {
    // The object exists (in the cluster state, or from an earlier manifest): kubectl apply patches it.
    const scaler = run.autoscaled.get(ref);
    const liveReplicas = obj(existing.object.spec)?.replicas;
    const held = scaler !== undefined && typeof obj(o.spec)?.replicas === 'number' && typeof liveReplicas === 'number' && liveReplicas !== obj(o.spec)?.replicas;
    // Replicas an autoscaler manages are its own: the plan leaves them as the cluster has them.
    const updated = api.update(existing, held ? { ...o, spec: { ...obj(o.spec), replicas: liveReplicas } } : o, ns);
    const note = held ? `spec.replicas: ${String(obj(o.spec)?.replicas)} in the manifest, left at ${String(liveReplicas)}: HorizontalPodAutoscaler ${scaler} manages it` : undefined;
    if (updated.error) {
      refuse(updated.error, 'kube-apiserver', updated.error.causes ? kubectlInvalid(o.kind, name, updated.error.causes) : kubectlError(m.file, updated.error, 'patching'));
      return;
    }
    run.applied.set(ref, m);
    if (updated.changes.length === 0) {
      run.changes.push({ manifest: m, object: ref, action: 'unchanged', ...(note ? { message: note } : {}) });
      ctx.emit('kubectl', 'Normal', ref, 'Unchanged', `${label} unchanged`, source);
    } else {
      run.changes.push({ manifest: m, object: ref, action: 'update', diff: o.kind === 'Secret' ? maskSecretValues(updated.changes) : updated.changes, ...(note ? { message: note } : {}) });
      ctx.emit('kubectl', 'Normal', ref, 'Configured', `${label} configured`, source);
    }
    return;
  }
  const created = api.create(o, options.defaultNamespace, source);
  if (created.error) {
    refuse(created.error, 'kube-apiserver', kubectlError(m.file, created.error));
  } else {
    // What kubectl writes in the annotation: the manifest, with the namespace it was applied to.
    store.setApplied(created.object, ns ? { ...o, metadata: { ...metaOf(o), namespace: ns } } : o);
    run.applied.set(refOf(created.object), m);
    run.changes.push({ manifest: m, object: refOf(created.object), action: 'create' });
    const assumed = served === 'assumed' ? ' (its CustomResourceDefinition is not in the workspace: assumed served by the cluster, not validated)' : '';
    ctx.emit('kube-apiserver', 'Normal', created.object, 'Created', `${label} created${assumed}`, source);
  }
}

/** A Secret's values are not shown, as `kubectl diff` masks them. */
function maskSecretValues(changes: FieldChange[]): FieldChange[] {
  const secret = (path: string) => /^(data|stringData)(\.|$)/.test(path);
  return changes.map((c) => (secret(c.path) ? { path: c.path, ...('old' in c ? { old: '*** (before)' } : {}), ...('new' in c ? { new: '*** (after)' } : {}) } : c));
}

/** What the apply of the manifests yields, filled in as they are applied. */
interface ApplyRun {
  rejections: Rejection[];
  applied: Map<string, Manifest>;
  changes: AppliedChange[];
  /** Workloads an autoscaler scales (`Kind/namespace/name` → the HorizontalPodAutoscaler's name). */
  autoscaled: Map<string, string>;
}

/** The workloads the HorizontalPodAutoscalers of the cluster and the manifests scale. */
function autoscaledWorkloads(manifests: Manifest[], live: Obj[], defaultNamespace: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const hpa of [...live, ...manifests.map((m) => m.object)]) {
    if (hpa.kind !== 'HorizontalPodAutoscaler') continue;
    const target = obj(obj(hpa.spec)?.scaleTargetRef) ?? {};
    if (typeof target.kind === 'string' && typeof target.name === 'string') out.set(objectRef(target.kind, namespaceOf(hpa) || defaultNamespace, target.name), nameOf(hpa));
  }
  return out;
}

/**
 * Replays `kubectl apply` of the manifests on the cluster: the API server admits and stores each object,
 * then controllers, scheduler and kubelets run until nothing changes, then the EndpointSlice controller
 * and kube-proxy. Deterministic: same inputs, same events and objects, byte for byte.
 */
export function simulate(manifests: Manifest[], profile: ClusterProfile, options: SimulationOptions, placement?: Placement): SimulationResult {
  return runToEnd(simulateInSteps(manifests, profile, options, placement));
}

/** Objects handled between two pause points of a simulation run in steps. */
const OBJECTS_PER_STEP = 32;

/**
 * The same simulation as a generator that pauses (yields) every few objects, so that the language
 * server can answer other requests between steps and drop a run a newer change made stale. Each step
 * takes at most a few milliseconds.
 */
export function* simulateInSteps(manifests: Manifest[], profile: ClusterProfile, options: SimulationOptions, placement?: Placement): Generator<void, SimulationResult> {
  const settings = profile.settings;
  const store = new Store(settings.clock);
  // The cluster file's ServiceAccounts exist for the ServiceAccount admission plugin (not as objects
  // of the apply: a manifest of the same account is still a creation without a cluster state).
  const accounts = new Set(profile.objects.filter((o) => o.kind === 'ServiceAccount').map((o) => `${namespaceOf(o) || 'default'}/${nameOf(o)}`));
  const api = new ApiServer(store, settings, settings.kubernetesVersion ?? options.kubernetesVersion, accounts);
  bootstrap(api, store, profile, options.assumedNamespaces ?? []);
  store.markBootstrap();
  restoreLive(api, store, profile.live);
  const kubernetesVersion = settings.kubernetesVersion ?? options.kubernetesVersion;
  const ctx = new SimulationContext(api, store, settings, profile.nodes, kubernetesVersion);
  const run: ApplyRun = { rejections: [], applied: new Map(), changes: [], autoscaled: autoscaledWorkloads(manifests, profile.live, options.defaultNamespace) };
  // The cluster state's workloads are as their controllers left them: synced again only when the apply changes them.
  for (const s of store.all()) if (s.live) ctx.specChanged(s.object);

  // kubectl apply → kube-apiserver → etcd.
  let handled = 0;
  const pause = () => ++handled % OBJECTS_PER_STEP === 0;
  for (const m of applyOrder(manifests.filter((m) => !isProfileDocument(m.object) && m.object.kind !== 'Node'))) {
    if (pause()) yield;
    ctx.guard(`${m.object.kind} ${nameOf(m.object)}`, { file: m.file, range: m.range }, undefined, () => apply(ctx, m, options, run));
  }

  // kube-controller-manager, kube-scheduler and the kubelets, until nothing changes.
  const scheduler = placement ?? new FrameworkPlacement(profile.nodes);
  const kubelets = new Kubelets(ctx);
  const running = (pod: Obj) => typeof obj(pod.spec)?.nodeName === 'string' && obj(pod.status)?.phase !== 'Succeeded' && obj(pod.status)?.phase !== 'Failed';
  for (const pod of [...profile.pods, ...profile.live.filter((o) => o.kind === 'Pod' && running(o))]) {
    scheduler.addPod(pod);
    kubelets.occupy(pod);
  }
  const scheduling = new Map<string, ScheduleResult>();
  let freed = false;
  ctx.podDeleted.push((pod) => {
    scheduler.removePod(pod);
    kubelets.release(pod);
    freed = true;
  });
  /** Objects whose controller failed inside kubeplan: not synced again. */
  const failed = new Set<string>();
  const scheduleOptions: ScheduleOptions = { kubernetesVersion, profile: settings.scheduler, nodeReports: options.nodeReports };
  for (let round = 0; round < 10_000; round++) {
    let changed = false;
    for (const [kind, sync] of CONTROLLERS) {
      for (const s of store.list(kind)) {
        if (s.bootstrap || (failed.size > 0 && failed.has(refOf(s.object)))) continue;
        if (pause()) yield;
        changed = ctx.guard(`${kind} ${nameOf(s.object)}`, s.source, false, () => sync(ctx, s), () => failed.add(refOf(s.object))) || changed;
      }
    }
    // A deleted pod freed room: the pods that did not fit are tried again (the scheduling queue moves
    // them back to active on a pod delete event).
    if (freed) for (const [ref, result] of scheduling) if (result.node === null && !result.nominatedNode) scheduling.delete(ref);
    freed = false;
    changed = (yield* runScheduler(ctx, scheduler, scheduling, scheduleOptions)) || changed;
    changed = (yield* kubelets.run()) || changed;
    if (!changed) break;
  }
  finishRollouts(ctx, scheduling);
  ctx.guard('PersistentVolumeClaims', undefined, undefined, () => reportUnboundDelayBindingClaims(ctx));
  for (const hpa of store.list('HorizontalPodAutoscaler')) {
    const spec = obj(hpa.object.spec) ?? {};
    const target = obj(spec.scaleTargetRef) ?? {};
    ctx.emit('kube-controller-manager', 'Normal', hpa.object, 'NotSimulated', `replicas of ${String(target.kind)}/${String(target.name)} follow metrics at run time (between ${spec.minReplicas ?? 1} and ${String(spec.maxReplicas)}); simulated with its spec.replicas`, hpa.source);
  }

  // EndpointSlice controller, once the pods have IPs.
  if (options.finalState !== false) {
    const pods = new PodIndex(store.list('Pod').map((s) => s.object));
    for (const s of store.list('Service')) {
      if (s.bootstrap) continue;
      if (pause()) yield;
      ctx.guard(`Service ${nameOf(s.object)}`, s.source, undefined, () => syncEndpointSlices(ctx, s, pods));
    }
    ctx.guard('workload status', undefined, undefined, () => workloadStatus(ctx, pods));
  }

  const objects = store
    .all()
    .filter((s) => !s.bootstrap)
    .map((s) => s.object);
  const lastApplied = new Map<string, Obj>();
  for (const s of store.all()) if (s.applied && !s.live) lastApplied.set(refOf(s.object), s.applied);
  return { events: ctx.events, objects, rejections: run.rejections, reportedByChecks: ctx.reportedByChecks, manifests: run.applied, scheduling, nodes: profile.nodes, failures: ctx.failures, changes: run.changes, rollouts: ctx.rollouts, lastApplied };
}
