import { obj, type Obj } from '../model/obj';
import type { ApiError } from './apiErrors';
import { Admission } from './admission';
import { ClusterIPAllocator, NodePortAllocator } from './allocators';
import { defaultedDeployment, defaultedJob, defaultedPodSpec, defaultedService } from './defaults';
import type { ClusterSettings } from './profile';
import { CLUSTER_SCOPED_KINDS } from './scope';
import { metaOf, nameOf, namespaceOf, refOf, type Store, type Stored } from './store';
import { applyPatch } from './applyPatch';
import { fieldDiff, type FieldChange } from './fieldDiff';
import { validateUpdate } from './updateValidation';
import { dropTypeDependentFields, needsNodePort } from './serviceTypeFields';
import { uidOf } from './names';
import type { SourceRef } from './events';
import { minorOf } from '../versions';

export type CreateResult = { object: Obj; error?: undefined } | { error: ApiError; object?: undefined };

/** An update's outcome: the object stored and the fields that changed (none: unchanged), or why it is refused. */
export type UpdateResult = { object: Obj; changes: FieldChange[]; error?: undefined } | { error: ApiError; object?: undefined; changes?: undefined };

/** Every namespace carries its name as the label `kubernetes.io/metadata.name` (the NamespaceDefaultLabelName feature, GA since 1.22). */
function withNameLabel(ns: Obj): Obj {
  const meta = metaOf(ns);
  return { ...ns, metadata: { ...meta, labels: { ...(obj(meta.labels) ?? {}), 'kubernetes.io/metadata.name': nameOf(ns) } } };
}

/** A Secret's `stringData` is written into `data`, base64-encoded, and is not stored (pkg/apis/core/v1/conversion.go). */
function withStringData(secret: Obj): Obj {
  const stringData = obj(secret.stringData);
  if (!stringData) return secret;
  const { stringData: _written, ...rest } = secret;
  const data: Obj = { ...(obj(secret.data) ?? {}) };
  for (const [k, v] of Object.entries(stringData)) if (typeof v === 'string') data[k] = Buffer.from(v, 'utf8').toString('base64');
  return { ...rest, data };
}

/** The configuration kubectl's last apply wrote, from its annotation (objects of a cluster state). */
function lastAppliedOf(o: Obj): Obj | undefined {
  const text = obj(metaOf(o).annotations)?.['kubectl.kubernetes.io/last-applied-configuration'];
  if (typeof text !== 'string') return undefined;
  try {
    return obj(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/**
 * The API server's create path: scope and namespace, defaulting, admission, Service IP and port
 * allocation, then storage in etcd with uid and resourceVersion.
 */
export class ApiServer {
  readonly admission: Admission;
  readonly clusterIPs: ClusterIPAllocator;
  readonly nodePorts: NodePortAllocator;
  /** Kinds of the workspace's CRDs that are cluster-scoped. */
  readonly clusterScopedCustomKinds = new Set<string>();

  constructor(
    readonly store: Store,
    settings: ClusterSettings,
    private readonly kubernetesVersion: string,
    /** The cluster file's ServiceAccounts (`namespace/name`): the admission plugin finds them. */
    accounts: ReadonlySet<string> = new Set(),
  ) {
    this.admission = new Admission(store, { listed: settings.authoritative.includes('serviceAccounts'), known: accounts });
    this.clusterIPs = new ClusterIPAllocator(settings.serviceCIDR);
    this.nodePorts = new NodePortAllocator(settings.nodePortRange);
  }

  isClusterScoped(kind: string): boolean {
    return CLUSTER_SCOPED_KINDS.has(kind) || this.clusterScopedCustomKinds.has(kind);
  }

  /**
   * Creates an object (from a manifest or a controller); `namespace` applies to namespaced kinds.
   * `generatedName` is the name a `metadata.generateName` gets (drawn by the caller, seeded).
   */
  create(input: Obj, namespace: string, source?: SourceRef, generatedName?: string): CreateResult {
    const kind = String(input.kind);
    const meta = { ...metaOf(input) };
    if (this.isClusterScoped(kind)) delete meta.namespace;
    else meta.namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : namespace;
    let object: Obj = { ...input, metadata: meta };
    const ns = namespaceOf(object);
    const missing = this.admission.namespaceLifecycle(ns);
    if (missing) return { error: missing };

    object = this.defaulted(object);
    switch (kind) {
      case 'Pod': {
        const mutated = this.admission.mutatePod(object);
        if ('error' in mutated) return { error: mutated.error };
        object = mutated.pod;
        if (!nameOf(object) && generatedName) object = { ...object, metadata: { ...metaOf(object), name: generatedName } };
        const rejected = this.admission.validatePod(object);
        if (rejected) return { error: rejected };
        object = { ...object, status: { phase: 'Pending' } };
        break;
      }
      case 'PersistentVolumeClaim':
        object = { ...this.admission.admitClaim(object), status: { phase: 'Pending' } };
        break;
      case 'Service': {
        const allocated = this.allocate(object);
        if (allocated.error) return { error: allocated.error };
        object = allocated.object;
        break;
      }
      case 'Job':
        object = defaultedJob(object, uidOf(refOf(object)));
        break;
    }
    const created = this.store.create(object, source);
    if (kind === 'Namespace') this.createDefaultServiceAccount(nameOf(created), source);
    return { object: created };
  }

  /**
   * `kubectl apply` of a manifest to an object that exists: the three-way merge of the live object,
   * the manifest and the last applied configuration, defaulting, the kind's update validation
   * (immutable fields, core/cluster/updateValidation.ts), and for a Service its addresses and node
   * ports kept (the registry's patchAllocatedValues). Unchanged fields leave the object as it was.
   */
  update(stored: Stored, manifest: Obj, namespace: string): UpdateResult {
    const old = stored.object;
    const kind = String(old.kind);
    const meta = { ...metaOf(manifest) };
    if (this.isClusterScoped(kind)) delete meta.namespace;
    else meta.namespace = namespace;
    const input: Obj = { ...manifest, metadata: meta };
    // kubectl writes the last-applied annotation into what it applies: the annotations map is never
    // removed as a whole, whatever the manifest has (GetModifiedConfiguration).
    const modified: Obj = obj(metaOf(old).annotations) ? { ...input, metadata: { ...meta, annotations: { ...(obj(meta.annotations) ?? {}) } } } : input;
    let merged = applyPatch(old, modified, stored.applied ?? lastAppliedOf(old));
    merged = { ...merged, metadata: { ...metaOf(merged), uid: metaOf(old).uid, resourceVersion: metaOf(old).resourceVersion, creationTimestamp: metaOf(old).creationTimestamp }, ...(old.status !== undefined ? { status: old.status } : {}) };
    merged = this.defaulted(merged);
    // PrepareForUpdate: a Service's fields its new type does not use, left as they were, are dropped.
    if (kind === 'Service') merged = dropTypeDependentFields(merged, old);
    // Nothing changes: nothing to validate, allocate or write (the usual case of a plan).
    let changes = fieldDiff(old, merged);
    if (changes.length === 0) {
      this.store.setApplied(old, input);
      return { object: old, changes };
    }
    const invalid = validateUpdate(merged, old, this.kubernetesVersion);
    if (invalid) return { error: invalid };
    if (kind === 'Service') {
      const allocated = this.reallocate(old, merged);
      if (allocated.error) return { error: allocated.error };
      merged = allocated.object;
      changes = fieldDiff(old, merged);
    }
    return { object: this.store.update(merged, { applied: input }), changes };
  }

  /**
   * A Service's update keeps what it was given (patchAllocatedValues in
   * pkg/registry/core/service/storage/storage.go): its cluster IPs, a port's node port by the port's
   * name, the health check node port; new ports that need one are allocated, released ones freed.
   */
  private reallocate(old: Obj, service: Obj): CreateResult {
    const before = obj(old.spec) ?? {};
    const spec = { ...(obj(service.spec) ?? {}) };
    if (spec.type !== 'ExternalName' && before.type !== 'ExternalName') {
      if (spec.clusterIP === undefined || spec.clusterIP === '') spec.clusterIP = before.clusterIP;
      if (!Array.isArray(spec.clusterIPs) || spec.clusterIPs.length === 0) spec.clusterIPs = before.clusterIPs;
    }
    if (needsNodePort(before) && needsNodePort(spec) && Array.isArray(spec.ports)) {
      const byName = new Map((Array.isArray(before.ports) ? before.ports : []).map((p) => [String(obj(p)?.name ?? ''), obj(p)?.nodePort] as const));
      const used = new Set(spec.ports.map((p) => obj(p)?.nodePort).filter((n) => typeof n === 'number'));
      spec.ports = spec.ports.map((p) => {
        const port = obj(p) ?? {};
        const kept = byName.get(String(port.name ?? ''));
        return typeof port.nodePort !== 'number' && typeof kept === 'number' && !used.has(kept) ? { ...port, nodePort: kept } : port;
      });
    }
    if (typeof spec.healthCheckNodePort !== 'number' && typeof before.healthCheckNodePort === 'number' && spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') spec.healthCheckNodePort = before.healthCheckNodePort;
    // What the old Service held is given back, then taken again with the new one's values: kept values
    // succeed, new ports are allocated, and a failure takes the old ones back.
    const held = this.heldBy(before);
    for (const ip of held.ips) this.clusterIPs.release(ip);
    for (const port of held.ports) this.nodePorts.release(port);
    const result = this.allocate({ ...service, spec });
    if (result.error) {
      for (const ip of held.ips) this.clusterIPs.allocate(ip);
      for (const port of held.ports) this.nodePorts.allocate(port);
    }
    return result;
  }

  /** The cluster IPs and node ports a Service holds. */
  private heldBy(spec: Obj): { ips: string[]; ports: number[] } {
    const ips = (Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP]).filter((ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None');
    const ports = (Array.isArray(spec.ports) ? spec.ports : []).map((p) => obj(p)?.nodePort).filter((n): n is number => typeof n === 'number');
    if (typeof spec.healthCheckNodePort === 'number') ports.push(spec.healthCheckNodePort);
    return { ips, ports };
  }

  /**
   * What the API server writes into an object on create and on update alike: the defaults of its kind
   * (core/cluster/defaults.ts), a Namespace's name label, a Secret's stringData into data.
   */
  private defaulted(object: Obj): Obj {
    switch (object.kind) {
      case 'Pod':
        return { ...object, spec: defaultedPodSpec(this.withFeatureGates(obj(object.spec) ?? {})) };
      case 'Service':
        return defaultedService(object);
      case 'Deployment':
        return defaultedDeployment(object);
      case 'Namespace':
        return withNameLabel(object);
      case 'Secret':
        return withStringData(object);
      default:
        return object;
    }
  }

  /** PodLevelResources is on from 1.34 (beta); before, the API server drops the pod's spec.resources. */
  private withFeatureGates(spec: Obj): Obj {
    if (minorOf(this.kubernetesVersion) >= 34 || spec.resources === undefined) return spec;
    const { resources: _dropped, ...rest } = spec;
    return rest;
  }

  /** The ServiceAccount controller gives every new namespace its `default` account. */
  createDefaultServiceAccount(namespace: string, source?: SourceRef): void {
    if (!this.store.has('ServiceAccount', namespace, 'default')) {
      this.store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } }, source);
    }
  }

  /** ClusterIPs and node ports, chosen or allocated; a taken or out-of-range value is rejected. */
  private allocate(service: Obj): CreateResult {
    const spec = { ...(obj(service.spec) ?? {}) };
    // What this call took, given back when a later field is rejected (the registry's transaction).
    const taken: Array<() => void> = [];
    const invalid = (path: ApiError['path'], field: string, detail: string): CreateResult => {
      for (const release of taken) release();
      return { error: { status: 'Invalid', by: 'Service registry', message: `Service "${nameOf(service)}" is invalid: ${field}: ${detail}`, path } };
    };
    if (spec.type !== 'ExternalName') {
      const chosen = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP : undefined;
      if (chosen === 'None') {
        spec.clusterIPs = ['None'];
      } else if (chosen) {
        const problem = this.clusterIPs.allocate(chosen);
        if (problem) return invalid(['spec', 'clusterIP'], 'spec.clusterIPs', `Invalid value: []string{"${chosen}"}: ${problem}`);
        spec.clusterIPs = [chosen];
        taken.push(() => this.clusterIPs.release(chosen));
      } else {
        const ip = this.clusterIPs.allocateNext();
        if (!ip) return invalid(['spec'], 'spec.clusterIPs', 'Internal error occurred: failed to allocate a serviceIP: range is full');
        spec.clusterIP = ip;
        spec.clusterIPs = [ip];
        taken.push(() => this.clusterIPs.release(ip));
      }
      spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
      spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
    }
    const wantsNodePorts = spec.type === 'NodePort' || (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts !== false);
    if (Array.isArray(spec.ports)) {
      const ports = spec.ports.map((p) => ({ ...(obj(p) ?? {}) }));
      for (const [i, port] of ports.entries()) {
        if (typeof port.nodePort === 'number') {
          if (!wantsNodePorts && spec.type !== 'LoadBalancer') continue;
          const problem = this.nodePorts.allocate(port.nodePort);
          if (problem) return invalid(['spec', 'ports', i, 'nodePort'], `spec.ports[${i}].nodePort`, `Invalid value: ${port.nodePort}: ${problem}`);
          const chosenPort = port.nodePort;
          taken.push(() => this.nodePorts.release(chosenPort));
        } else if (wantsNodePorts) {
          const allocated = this.nodePorts.allocateNext();
          if (allocated === undefined) return invalid(['spec', 'ports', i], `spec.ports[${i}].nodePort`, 'Internal error occurred: failed to allocate a nodePort: range is full');
          port.nodePort = allocated;
          taken.push(() => this.nodePorts.release(allocated));
        }
      }
      spec.ports = ports;
    }
    if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local') {
      if (typeof spec.healthCheckNodePort === 'number') {
        const problem = this.nodePorts.allocate(spec.healthCheckNodePort);
        if (problem) return invalid(['spec', 'healthCheckNodePort'], 'spec.healthCheckNodePort', `Invalid value: ${spec.healthCheckNodePort}: ${problem}`);
      } else {
        spec.healthCheckNodePort = this.nodePorts.allocateNext();
      }
    }
    // A Service's status is kept as written: with no cloud provider here, that is the only way to give
    // a LoadBalancer its ingress IPs.
    return { object: { ...service, spec, status: service.status ?? { loadBalancer: {} } } };
  }
}

export type { ApiError };
