import type { Manifest } from './manifests';
import type { SchedulerProfile } from '../scheduler/types';
import { obj, type Obj } from '../model/obj';
import { LATEST_KUBERNETES_VERSION } from '../versions';
import { formatCidr, parseCidr } from './ipv4';
import { labelsOf } from '../scheduler/labels';

export const PROFILE_API_VERSION = 'kubeplan.dev/v1alpha1';
export const PROFILE_KIND = 'ClusterProfile';

/**
 * What a cluster file can list completely (`spec.authoritative`, kubectl's resource names): what the
 * manifests use of these and neither they nor the cluster file create is then missing, not assumed.
 */
export const AUTHORITIES = ['namespaces', 'customResourceDefinitions', 'configMaps', 'secrets', 'serviceAccounts', 'roles', 'clusterRoles', 'runtimeClasses', 'storageClasses', 'ingressClasses'] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** The kinds of a cluster file that references are looked up in (besides Nodes, Pods, Namespaces, StorageClasses). */
export const REFERENCED_KINDS = new Set(['ConfigMap', 'Secret', 'ServiceAccount', 'Role', 'ClusterRole', 'RuntimeClass', 'IngressClass']);

/** kube-proxy's settings for the rules the cluster's nodes get. */
export interface ProxySettings {
  mode: 'iptables' | 'ipvs' | 'nftables';
  ipvsScheduler: string;
  /** --iptables-masquerade-bit: the mark is 1 << bit (14 → 0x4000). */
  masqueradeBit: number;
  masqueradeAll: boolean;
  localhostNodePorts: boolean;
  randomFully: boolean;
  nodePortAddresses: string[];
}

/** The settings document (`kubeplan.dev/v1alpha1 ClusterProfile`, its `spec`), with defaults filled in. */
export interface ClusterSettings {
  name: string;
  /** Overrides the kubeplan.kubernetesVersion setting for the simulation when set. */
  kubernetesVersion?: string;
  /** --service-cluster-ip-range. */
  serviceCIDR: string;
  /** --cluster-cidr, cut into one block of `nodeCIDRMaskSize` per node. */
  podCIDR: string;
  nodeCIDRMaskSize: number;
  /** --service-node-port-range. */
  nodePortRange: [number, number];
  /** The simulated "now": creationTimestamp of every object, and from when a CronJob's next run counts. */
  clock: string;
  proxy: ProxySettings;
  apiServer: { maxRequestsInflight: number; maxMutatingRequestsInflight: number };
  scheduler?: SchedulerProfile;
  /**
   * What the cluster file lists completely (`spec.authoritative`): a namespace, a custom resource's
   * CRD, a ConfigMap… the manifests use that neither they nor the cluster file create is then an
   * error, not an assumption.
   */
  authoritative: Authority[];
}

/** What the simulation runs on: nodes, the pods already running on them, and settings. */
export interface ClusterProfile {
  settings: ClusterSettings;
  nodes: Obj[];
  /** Pods already bound (`spec.nodeName`): they occupy nodes and can back Services. */
  pods: Obj[];
  /** The cluster's StorageClasses (the default cluster has one, `standard`, as kind and minikube do). */
  storageClasses: Obj[];
  /** The cluster file's ConfigMaps, Secrets, ServiceAccounts, Roles, ClusterRoles, RuntimeClasses, IngressClasses: what references may name. */
  objects: Obj[];
  /** Namespaces the cluster has besides the system ones: its Namespace documents and its pods' namespaces. */
  namespaces: string[];
  /** The labels of the namespaces its Namespace documents declare (a pod's namespace alone says none). */
  namespaceLabels: Record<string, Record<string, string>>;
  /** Where it came from: `default`, a file, or `workspace Node documents`. */
  source: string;
  /**
   * The objects of the cluster state file (`--cluster-state`, `kubeplan.clusterState`,
   * `.kubeplan/state.yaml`) that the cluster holds before the apply, as `kubectl get -o yaml` shows
   * them: an apply of one of them is an update. Empty without a state file.
   */
  live: Obj[];
  /** The cluster state file's name, when there is one. */
  stateSource?: string;
  /** Problems found while reading it (a ClusterProfile twice, a Node without a name…). */
  problems: Array<{ message: string; manifest?: Manifest }>;
}

export const DEFAULT_SETTINGS_SPEC: Omit<ClusterSettings, 'name'> = {
  serviceCIDR: '10.96.0.0/12',
  podCIDR: '10.244.0.0/16',
  nodeCIDRMaskSize: 24,
  nodePortRange: [30000, 32767],
  clock: '2026-01-01T00:00:00Z',
  proxy: { mode: 'iptables', ipvsScheduler: 'rr', masqueradeBit: 14, masqueradeAll: false, localhostNodePorts: true, randomFully: false, nodePortAddresses: [] },
  apiServer: { maxRequestsInflight: 400, maxMutatingRequestsInflight: 200 },
  authoritative: [],
};

const CONTROL_PLANE_TAINT = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

/** A Node as `kubectl get node -o yaml` shows one of the default cluster. */
function defaultNode(name: string, index: number, zone: string, controlPlane: boolean, version: string): Obj {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'topology.kubernetes.io/zone': zone,
  };
  if (controlPlane) labels['node-role.kubernetes.io/control-plane'] = '';
  const resources = { cpu: '4', 'ephemeral-storage': '100Gi', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels },
    spec: { ...(controlPlane ? { taints: [CONTROL_PLANE_TAINT] } : {}) },
    status: {
      addresses: [
        { type: 'InternalIP', address: `192.168.49.${index + 2}` },
        { type: 'Hostname', address: name },
      ],
      allocatable: { ...resources },
      capacity: { ...resources },
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      nodeInfo: { architecture: 'amd64', kubeletVersion: `v${version}.0`, kubeProxyVersion: `v${version}.0`, operatingSystem: 'linux', containerRuntimeVersion: 'containerd://2.0.0' },
    },
  };
}

const defaultNodes = (version: string): Obj[] => [
  defaultNode('control-plane', 0, 'zone-a', true, version),
  defaultNode('worker-1', 1, 'zone-a', false, version),
  defaultNode('worker-2', 2, 'zone-b', false, version),
  defaultNode('worker-3', 3, 'zone-a', false, version),
];

/** A default StorageClass provisioning on first use, like the local-path class of kind. */
const STANDARD_STORAGE_CLASS: Obj = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
  provisioner: 'rancher.io/local-path',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};

/** The embedded cluster: one tainted control-plane node and three workers over two zones. */
export function defaultProfile(kubernetesVersion = LATEST_KUBERNETES_VERSION): ClusterProfile {
  const nodes = withPodCIDRs(defaultNodes(kubernetesVersion), DEFAULT_SETTINGS_SPEC);
  return { settings: { name: 'default', ...DEFAULT_SETTINGS_SPEC }, nodes, pods: [], storageClasses: [STANDARD_STORAGE_CLASS], objects: [], namespaces: [], namespaceLabels: {}, source: 'default', problems: [], live: [] };
}

/**
 * The node IPAM controller gives each node without a podCIDR the next free block of the cluster CIDR,
 * in node order (upstream: pkg/controller/nodeipam/ipam/range_allocator.go).
 */
function withPodCIDRs(nodes: Obj[], settings: Pick<ClusterSettings, 'podCIDR' | 'nodeCIDRMaskSize'>): Obj[] {
  const cluster = parseCidr(settings.podCIDR);
  if (!cluster || settings.nodeCIDRMaskSize < cluster.bits) return nodes;
  const blockSize = 2 ** (32 - settings.nodeCIDRMaskSize);
  const taken = new Set(nodes.map((n) => obj(n.spec)?.podCIDR).filter((c): c is string => typeof c === 'string'));
  let next = 0;
  return nodes.map((node) => {
    const spec = obj(node.spec) ?? {};
    if (typeof spec.podCIDR === 'string') return node;
    let block: string;
    do block = formatCidr({ base: cluster.base + next++ * blockSize, bits: settings.nodeCIDRMaskSize, size: blockSize });
    while (taken.has(block) && next * blockSize < cluster.size);
    if (next * blockSize > cluster.size) return node;
    return { ...node, spec: { ...spec, podCIDR: block, podCIDRs: [block] } };
  });
}

const str = (v: unknown, dflt: string): string => (typeof v === 'string' && v !== '' ? v : dflt);
const num = (v: unknown, dflt: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : dflt);
const bool = (v: unknown, dflt: boolean): boolean => (typeof v === 'boolean' ? v : dflt);

/** Reads a ClusterProfile document's spec (schema-checked like any manifest by its built-in CRD). */
export function settingsOf(doc: Obj | undefined): ClusterSettings {
  const spec = obj(doc?.spec) ?? {};
  const proxy = obj(spec.proxy) ?? {};
  const api = obj(spec.apiServer) ?? {};
  const d = DEFAULT_SETTINGS_SPEC;
  const range = /^(\d+)-(\d+)$/.exec(str(spec.nodePortRange, ''));
  const mode = proxy.mode === 'ipvs' || proxy.mode === 'nftables' ? proxy.mode : 'iptables';
  return {
    name: str(obj(doc?.metadata)?.name, 'cluster'),
    kubernetesVersion: typeof spec.kubernetesVersion === 'string' ? spec.kubernetesVersion.replace(/^v/, '').split('.').slice(0, 2).join('.') : undefined,
    serviceCIDR: str(spec.serviceCIDR, d.serviceCIDR),
    podCIDR: str(spec.podCIDR, d.podCIDR),
    nodeCIDRMaskSize: num(spec.nodeCIDRMaskSize, d.nodeCIDRMaskSize),
    nodePortRange: range ? [Number(range[1]), Number(range[2])] : d.nodePortRange,
    clock: str(spec.clock, d.clock),
    proxy: {
      mode,
      ipvsScheduler: str(proxy.ipvsScheduler, d.proxy.ipvsScheduler),
      masqueradeBit: num(proxy.masqueradeBit, d.proxy.masqueradeBit),
      masqueradeAll: bool(proxy.masqueradeAll, d.proxy.masqueradeAll),
      localhostNodePorts: bool(proxy.localhostNodePorts, d.proxy.localhostNodePorts),
      randomFully: bool(proxy.randomFully, d.proxy.randomFully),
      nodePortAddresses: Array.isArray(proxy.nodePortAddresses) ? proxy.nodePortAddresses.filter((a): a is string => typeof a === 'string') : [],
    },
    apiServer: {
      maxRequestsInflight: num(api.maxRequestsInflight, d.apiServer.maxRequestsInflight),
      maxMutatingRequestsInflight: num(api.maxMutatingRequestsInflight, d.apiServer.maxMutatingRequestsInflight),
    },
    scheduler: obj(spec.scheduler) as SchedulerProfile | undefined,
    authoritative: Array.isArray(spec.authoritative) ? spec.authoritative.filter((a): a is Authority => (AUTHORITIES as readonly unknown[]).includes(a)) : [],
  };
}

export const isProfileDocument = (o: Obj): boolean => o.apiVersion === PROFILE_API_VERSION && o.kind === PROFILE_KIND;

/**
 * A cluster from manifests: a cluster file (`--cluster`, `kubeplan.cluster`, `.kubeplan/cluster.yaml`,
 * `kubectl get nodes,namespaces,pods -A -o yaml` output) or the workspace's Node documents. Nodes,
 * Namespaces, bound Pods, StorageClasses, at most one ClusterProfile, and the objects references may
 * name (ConfigMaps, Secrets, ServiceAccounts, Roles, ClusterRoles, RuntimeClasses, IngressClasses)
 * count; anything else in a cluster file is ignored.
 */
export function profileFrom(manifests: Manifest[], source: string, kubernetesVersion = LATEST_KUBERNETES_VERSION): ClusterProfile {
  const problems: ClusterProfile['problems'] = [];
  const profiles = manifests.filter((m) => isProfileDocument(m.object));
  for (const extra of profiles.slice(1)) problems.push({ message: `a second ClusterProfile is ignored (the first one, in ${profiles[0].file}, is used)`, manifest: extra });
  const settings = settingsOf(profiles[0]?.object);
  const nodes: Obj[] = [];
  const seen = new Set<string>();
  for (const m of manifests) {
    if (m.object.kind !== 'Node' || m.object.apiVersion !== 'v1') continue;
    const name = obj(m.object.metadata)?.name;
    if (typeof name !== 'string' || name === '') problems.push({ message: 'a Node without metadata.name is ignored', manifest: m });
    else if (seen.has(name)) problems.push({ message: `Node "${name}" is defined twice: the first one is used`, manifest: m });
    else {
      seen.add(name);
      nodes.push(m.object);
    }
  }
  const pods = manifests.filter((m) => m.object.kind === 'Pod' && m.object.apiVersion === 'v1' && typeof obj(m.object.spec)?.nodeName === 'string').map((m) => m.object);
  const storageClasses: Obj[] = manifests.filter((m) => m.object.kind === 'StorageClass').map((m) => m.object);
  // A ClusterProfile alone keeps the default nodes (and storage class), with its own CIDRs.
  if (nodes.length === 0) {
    nodes.push(...defaultNodes(settings.kubernetesVersion ?? kubernetesVersion));
    if (storageClasses.length === 0) storageClasses.push(STANDARD_STORAGE_CLASS);
  }
  const objects = manifests.filter((m) => REFERENCED_KINDS.has(m.object.kind)).map((m) => m.object);
  const namespaces = new Set<string>();
  const namespaceLabels: Record<string, Record<string, string>> = {};
  for (const m of manifests) {
    const meta = obj(m.object.metadata);
    if (m.object.kind !== 'Namespace' || m.object.apiVersion !== 'v1' || typeof meta?.name !== 'string') continue;
    namespaces.add(meta.name);
    namespaceLabels[meta.name] = labelsOf(meta.labels);
  }
  for (const pod of pods) if (typeof obj(pod.metadata)?.namespace === 'string') namespaces.add(obj(pod.metadata)!.namespace as string);
  return { settings, nodes: withPodCIDRs(nodes, settings), pods, storageClasses, objects, namespaces: [...namespaces].sort(), namespaceLabels, source, problems, live: [] };
}

/**
 * The cluster a workspace runs on, in order of precedence: a cluster file (the `kubeplan.cluster`
 * setting, `.kubeplan/cluster.yaml`, or `--cluster`), the workspace's own Node and ClusterProfile
 * documents, the embedded default.
 */
export function resolveProfile(workspace: Manifest[], clusterFile: { name: string; manifests: Manifest[] } | undefined, kubernetesVersion = LATEST_KUBERNETES_VERSION): ClusterProfile {
  if (clusterFile) return profileFrom(clusterFile.manifests, clusterFile.name, kubernetesVersion);
  const own = workspace.filter(isClusterDocument);
  if (own.length) return profileFrom(own, 'workspace Node documents', kubernetesVersion);
  return defaultProfile(kubernetesVersion);
}

/** A Node or a ClusterProfile: what makes a cluster of a file's documents. */
export const isClusterDocument = (m: Manifest): boolean => isProfileDocument(m.object) || (m.object.kind === 'Node' && m.object.apiVersion === 'v1');
