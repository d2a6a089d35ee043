import { obj, type Obj } from '../model/obj';
import type { ApiError } from './apiErrors';
import { Admission } from './admission';
import { ClusterIPAllocator, NodePortAllocator } from './allocators';
import { defaultedDeployment, defaultedJob, defaultedPodSpec, defaultedService } from './defaults';
import type { ClusterSettings } from './profile';
import { CLUSTER_SCOPED_KINDS } from './scope';
import { metaOf, nameOf, namespaceOf, refOf, type Store } from './store';
import { uidOf } from './names';
import type { SourceRef } from './events';
import { minorOf } from '../versions';

export type CreateResult = { object: Obj; error?: undefined } | { error: ApiError; object?: undefined };

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
  ) {
    this.admission = new Admission(store);
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

    switch (kind) {
      case 'Pod': {
        object = { ...object, spec: defaultedPodSpec(this.withFeatureGates(obj(object.spec) ?? {})) };
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
        const allocated = this.allocate(defaultedService(object));
        if (allocated.error) return { error: allocated.error };
        object = allocated.object;
        break;
      }
      case 'Deployment':
        object = defaultedDeployment(object);
        break;
      case 'Job':
        object = defaultedJob(object, uidOf(refOf(object)));
        break;
    }
    const created = this.store.create(object, source);
    if (kind === 'Namespace') this.createDefaultServiceAccount(nameOf(created), source);
    return { object: created };
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
