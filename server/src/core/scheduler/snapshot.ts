import { obj, type Obj } from '../model/obj';
import { labelSelectorRequirements, labelsOf, selectorOf, type Labels, type Requirement, type Selector } from './labels';
import { NodeInfo } from './nodeInfo';
import { hasAffinity, newPodInfo, type PodInfo } from './podInfo';

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
  /** Bound pods with any (anti-)affinity term: the only existing pods InterPodAffinity scores need when the pod has no preferred terms. */
  readonly podsWithAffinity: PodInfo[] = [];
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
    this.selectorIndex.delete(o.kind);
    this.memos.clear();
  }

  /** Values derived from the related objects only (not from bound pods), dropped when one changes. */
  private readonly memos = new Map<string, unknown>();

  memo<T>(key: string, compute: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = compute();
    this.memos.set(key, value);
    return value;
  }

  /** Kind → namespace → the selectors of that kind's objects, as requirements (built once per change). */
  private readonly selectorCache = new Map<string, Map<string, Requirement[][]>>();
  /** Kind → `namespace NUL key=value` of a selector's first single-value In requirement → those selectors. */
  private readonly selectorIndex = new Map<string, { byPair: Map<string, Requirement[][]>; rest: Map<string, Requirement[][]> }>();

  /**
   * The selectors of a kind in a namespace that select these labels: candidates from an index on one
   * `key=value` each selector requires, so a pod is not tested against every Service of the namespace.
   */
  selectorsSelecting(kind: string, namespace: string, labels: Labels): Requirement[][] {
    let index = this.selectorIndex.get(kind);
    if (!index) {
      index = { byPair: new Map(), rest: new Map() };
      for (const [ns, list] of this.selectorCacheOf(kind)) {
        for (const reqs of list) {
          const pin = reqs.find((r) => r.operator === 'In' && r.values.length === 1);
          const [map, key] = pin ? [index.byPair, `${ns}\u0000${pin.key}=${pin.values[0]}`] : [index.rest, ns];
          const bucket = map.get(key);
          if (bucket) bucket.push(reqs);
          else map.set(key, [reqs]);
        }
      }
      this.selectorIndex.set(kind, index);
    }
    const out: Requirement[][] = [];
    const keep = (list: Requirement[][] | undefined) => {
      for (const reqs of list ?? []) if (selectorOf(reqs).matches(labels)) out.push(reqs);
    };
    for (const [k, v] of Object.entries(labels)) keep(index.byPair.get(`${namespace}\u0000${k}=${v}`));
    keep(index.rest.get(namespace));
    return out;
  }

  /**
   * The label selectors of the Services, ReplicationControllers (map selectors), ReplicaSets and
   * StatefulSets (LabelSelectors) by namespace; nil or empty selectors are left out (they select nothing).
   */
  private selectorCacheOf(kind: string): Map<string, Requirement[][]> {
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
    return byNamespace;
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
    if (hasAffinity(info)) this.podsWithAffinity.push(info);
    for (const [k, v] of Object.entries(info.labels)) {
      const key = `${info.namespace}\u0000${k}=${v}`;
      const list = this.podsByLabel.get(key);
      if (list) list.push(info);
      else this.podsByLabel.set(key, [info]);
    }
    const inNamespace = this.podsByNamespace.get(info.namespace);
    if (inNamespace) inNamespace.push(info);
    else this.podsByNamespace.set(info.namespace, [info]);
    if (info.requiredAntiAffinityTerms.length) this.podsWithRequiredAntiAffinity.push(info);
  }

  /** Bound pods deleted (a controller scaled them down): they no longer count anywhere. One pass per list. */
  removePods(pods: Obj[]): void {
    const uids = new Set(pods.map((p) => obj(p.metadata)?.uid));
    const gone = (p: PodInfo) => uids.has((p.pod.metadata as { uid?: unknown } | undefined)?.uid);
    const nodes = new Set<string>();
    // In place, keeping the order the pods were added in.
    const prune = (list: PodInfo[]) => {
      let kept = 0;
      for (const p of list) {
        if (gone(p)) nodes.add(p.nodeName);
        else list[kept++] = p;
      }
      list.length = kept;
    };
    prune(this.pods);
    prune(this.podsWithAffinity);
    prune(this.podsWithRequiredAntiAffinity);
    for (const list of this.podsByNamespace.values()) prune(list);
    for (const pod of pods) {
      for (const [k, v] of Object.entries(labelsOf(obj(pod.metadata)?.labels))) {
        const list = this.podsByLabel.get(`${namespaceOf(pod)}\u0000${k}=${v}`);
        if (list) prune(list);
      }
    }
    for (const name of nodes) this.nodeByName.get(name)?.removePods(uids);
  }

  /** Bound pods by `namespace NUL key=value`, and by namespace: counting plugins look up candidates. */
  private readonly podsByLabel = new Map<string, PodInfo[]>();
  private readonly podsByNamespace = new Map<string, PodInfo[]>();

  /**
   * Bound pods of a namespace that a selector selects, in the order they were added. Candidates come
   * from the label index through the selector's most selective `In` requirement.
   */
  podsMatching(namespace: string, selector: Selector): PodInfo[] {
    let candidates = this.podsByNamespace.get(namespace) ?? [];
    for (const r of selector.requirements ?? []) {
      if (r.operator !== 'In') continue;
      const lists = r.values.map((v) => this.podsByLabel.get(`${namespace}\u0000${r.key}=${v}`) ?? []);
      const union = lists.length === 1 ? lists[0] : candidates.filter((p) => r.values.includes(p.labels[r.key]));
      if (union.length < candidates.length) candidates = union;
    }
    return candidates.filter((p) => selector.matches(p.labels));
  }

  /** The last PodInfo computed per pod uid: binding a pod changes only its node, not what it asks for. */
  private readonly infoByUid = new Map<string, PodInfo>();

  podInfo(pod: Obj): PodInfo {
    const uid = obj(pod.metadata)?.uid;
    const cached = typeof uid === 'string' ? this.infoByUid.get(uid) : undefined;
    const nodeName = obj(pod.spec)?.nodeName;
    if (cached) return { ...cached, pod, nodeName: typeof nodeName === 'string' ? nodeName : '' };
    const info = newPodInfo(pod, this.priorityOf(pod));
    if (typeof uid === 'string') this.infoByUid.set(uid, info);
    return info;
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
