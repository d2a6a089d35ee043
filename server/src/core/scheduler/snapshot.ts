import { obj, type Obj } from '../model/obj';
import { labelSelectorRequirements, labelsOf, type Labels, type Requirement } from './labels';
import { NodeInfo } from './nodeInfo';
import { newPodInfo, type PodInfo } from './podInfo';

/** Built-in PriorityClasses (pkg/apis/scheduling/types.go). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

const nameOf = (o: Obj): string => String(obj(o.metadata)?.name ?? '');
const namespaceOf = (o: Obj): string => String(obj(o.metadata)?.namespace ?? '') || 'default';

/**
 * The cluster as the scheduler sees it (the scheduler cache's snapshot): nodes with the pods bound to
 * them, plus the objects plugins read. Pods are added incrementally: the simulator adds each placed
 * replica before scheduling the next one.
 */
export class SchedulerSnapshot {
  readonly nodes: NodeInfo[];
  readonly nodeByName = new Map<string, NodeInfo>();
  /** Every bound pod, in the order added (plugins that count pods walk this, not nodes × pods). */
  readonly pods: PodInfo[] = [];
  readonly podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Image name → number of nodes that have it (ImageStateSummary.NumNodes). */
  readonly imageNumNodes = new Map<string, number>();
  /** Kind → namespace/name → object. */
  private readonly related = new Map<string, Map<string, Obj>>();
  private readonly namespaceLabelsCache = new Map<string, Labels>();
  /** Where the next search for feasible nodes starts (upstream's nextStartNodeIndex). */
  nextStartNodeIndex = 0;

  constructor(nodes: Obj[], related: Obj[]) {
    this.nodes = nodes.map((n) => new NodeInfo(n));
    for (const n of this.nodes) {
      this.nodeByName.set(n.name, n);
      for (const image of n.images.keys()) this.imageNumNodes.set(image, (this.imageNumNodes.get(image) ?? 0) + 1);
    }
    for (const o of related) this.addObject(o);
  }

  /** Records (or replaces) an object plugins read: the simulator adds those controllers create. */
  addObject(o: Obj): void {
    if (typeof o.kind !== 'string') return;
    let byKey = this.related.get(o.kind);
    if (!byKey) this.related.set(o.kind, (byKey = new Map()));
    const clusterScoped = ['PersistentVolume', 'StorageClass', 'PriorityClass', 'Namespace', 'CSINode'].includes(o.kind);
    byKey.set(clusterScoped ? nameOf(o) : `${namespaceOf(o)}/${nameOf(o)}`, o);
    if (o.kind === 'Namespace') this.namespaceLabelsCache.clear();
    this.selectorCache.delete(o.kind);
  }

  /** Kind → namespace → the selectors of that kind's objects, as requirements (built once per change). */
  private readonly selectorCache = new Map<string, Map<string, Requirement[][]>>();

  /**
   * The label selectors of the Services, ReplicationControllers (map selectors), ReplicaSets and
   * StatefulSets (LabelSelectors) of a namespace; nil or empty selectors are left out (they select nothing).
   */
  selectorsIn(kind: string, namespace: string): Requirement[][] {
    let byNamespace = this.selectorCache.get(kind);
    if (!byNamespace) {
      byNamespace = new Map();
      const mapSelector = kind === 'Service' || kind === 'ReplicationController';
      for (const o of this.related.get(kind)?.values() ?? []) {
        const raw = obj(o.spec)?.selector;
        const reqs = mapSelector
          ? Object.entries(obj(raw) ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [String(v)] }))
          : labelSelectorRequirements(raw);
        if (!reqs || reqs.length === 0) continue;
        const ns = namespaceOf(o);
        const list = byNamespace.get(ns) ?? [];
        list.push(reqs);
        byNamespace.set(ns, list);
      }
      this.selectorCache.set(kind, byNamespace);
    }
    return byNamespace.get(namespace) ?? [];
  }

  /** Records a bound pod (spec.nodeName set); pods that finished (Succeeded/Failed) hold nothing. */
  addPod(pod: Obj): void {
    const phase = obj(pod.status)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const info = this.podInfo(pod);
    const node = this.nodeByName.get(info.nodeName);
    if (!node) return;
    node.addPod(info);
    this.pods.push(info);
    if (info.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity.push(info);
  }

  podInfo(pod: Obj): PodInfo {
    return newPodInfo(pod, this.priorityOf(pod));
  }

  /** corev1helpers.PodPriority, with the Priority admission plugin's resolution when not set yet. */
  priorityOf(pod: Obj): number {
    const spec = obj(pod.spec) ?? {};
    if (typeof spec.priority === 'number') return spec.priority;
    if (typeof spec.priorityClassName === 'string' && spec.priorityClassName) {
      if (spec.priorityClassName in SYSTEM_PRIORITY_CLASSES) return SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
      const value = this.get('PriorityClass', spec.priorityClassName)?.value;
      return typeof value === 'number' ? value : 0;
    }
    for (const pc of this.list('PriorityClass')) if (pc.globalDefault === true && typeof pc.value === 'number') return pc.value;
    return 0;
  }

  get(kind: string, key: string): Obj | undefined {
    return this.related.get(kind)?.get(key);
  }

  list(kind: string): Obj[] {
    return [...(this.related.get(kind)?.values() ?? [])];
  }

  /** A namespace's labels; a Namespace not among the related objects has only its name label. */
  namespaceLabels(namespace: string): Labels {
    let labels = this.namespaceLabelsCache.get(namespace);
    if (!labels) {
      labels = { ...labelsOf(obj(this.get('Namespace', namespace)?.metadata)?.labels), 'kubernetes.io/metadata.name': namespace };
      this.namespaceLabelsCache.set(namespace, labels);
    }
    return labels;
  }
}
