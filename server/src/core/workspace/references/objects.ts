import { obj, type Obj } from '../../model/obj';
import { valueAt } from '../../model/paths';
import { groupOf } from '../../schema/apiLifecycle';
import type { JsonPath } from '../../yaml/nodeAt';
import type { Range } from '../../text/lineIndex';
import { workloadOf, type Workload } from '../../resources/workloads';
import { labelsOf, type Labels } from '../../scheduler/labels';
import type { Manifest } from '../../cluster/manifests';
import type { AssumptionInputs } from '../assumptions';
import { objectName } from '../../cluster/findings/applyTime';
import type { SimulationFinding } from '../../cluster/findings/types';
import type { Rule } from '../../rules';

/** What the reference checks are given: the Workspace's model of the manifests and the cluster, as the assumptions are. */
export type ReferenceInputs = AssumptionInputs;

/** A pod template of the workspace: a workload's (or a bare Pod's), with its labels and where they are. */
export interface PodTemplate {
  manifest: Manifest;
  workload: Workload;
  /** `Kind/name`, as messages name it. */
  owner: string;
  /** The template's metadata.labels (a Pod's own labels). */
  labels: Labels;
  /** The workload's own metadata.labels (a Pod's own labels again). */
  ownLabels: Labels;
  /** The path of the template's metadata (a Pod's metadata). */
  metadataPath: JsonPath;
}

/**
 * Custom resources that only describe (routes, scrape targets, rules): no operator makes pods or
 * Secrets from them, so they do not make their namespace one kubeplan cannot see into.
 */
const DESCRIPTIVE: Record<string, string[] | 'all'> = {
  'gateway.networking.k8s.io': 'all',
  'monitoring.coreos.com': ['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'ScrapeConfig'],
};

const describesOnly = (apiVersion: string, kind: string): boolean => {
  const kinds = DESCRIPTIVE[groupOf(apiVersion)];
  return kinds === 'all' || (kinds?.includes(kind) ?? false);
};

const TEMPLATE_METADATA: Record<string, JsonPath> = {
  Pod: ['metadata'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
};

/**
 * The workspace's objects as `kubectl apply` of it leaves them, indexed for the reference checks: by
 * kind, namespace and name (a second manifest of an object replaces the first, as apply patches it),
 * the pod templates per namespace, and where an operator may create objects kubeplan cannot see
 * (beside custom resources other than descriptive ones, and in kube-system, where the kubelet runs
 * static pods).
 */
export class WorkspaceObjects {
  /** `group/Kind` → `namespace/name` → the last manifest of it ('' namespace: cluster-scoped). */
  private readonly byKind = new Map<string, Map<string, Manifest>>();
  private readonly templatesByNamespace = new Map<string, PodTemplate[]>();
  private all?: PodTemplate[];
  private byLabel?: Map<string, PodTemplate[]>;
  /** Namespace → the files of its custom resources. */
  private readonly operated = new Map<string, string[]>();

  constructor(readonly inputs: ReferenceInputs) {
    for (const m of inputs.manifests) {
      const { apiVersion, kind } = m.object;
      if (inputs.served(apiVersion, kind) !== 'builtin' && !describesOnly(apiVersion, kind)) this.operated.set(this.namespaceOf(m), [...(this.operated.get(this.namespaceOf(m)) ?? []), m.file]);
      let list = this.byKind.get(typeKey(apiVersion, kind));
      if (!list) this.byKind.set(typeKey(apiVersion, kind), (list = new Map()));
      list.set(`${this.namespaceOf(m)}/${nameOf(m)}`, m);
    }
    for (const m of this.unique()) {
      if (groupOf(m.object.apiVersion) !== '' && !['apps', 'batch'].includes(groupOf(m.object.apiVersion))) continue;
      const workload = workloadOf(m.object, inputs.defaultNamespace);
      if (!workload) continue;
      const metadataPath = TEMPLATE_METADATA[workload.kind] ?? ['spec', 'template', 'metadata'];
      const template: PodTemplate = { manifest: m, workload, owner: `${workload.kind}/${workload.name}`, labels: labelsOf(obj(valueAt(m.object, metadataPath))?.labels), ownLabels: labelsOf(obj(m.object.metadata)?.labels), metadataPath };
      const list = this.templatesByNamespace.get(workload.namespace);
      if (list) list.push(template);
      else this.templatesByNamespace.set(workload.namespace, [template]);
    }
  }

  /** The namespace an object is in ('' for cluster-scoped kinds). */
  namespaceOf(m: Manifest): string {
    if (!this.inputs.isNamespaced(m.object.kind)) return '';
    const ns = obj(m.object.metadata)?.namespace;
    return typeof ns === 'string' && ns !== '' ? ns : this.inputs.defaultNamespace;
  }

  /** Every object once (the last manifest of each), in workspace order. */
  unique(): Manifest[] {
    const last = new Set<Manifest>();
    for (const list of this.byKind.values()) for (const m of list.values()) last.add(m);
    return this.inputs.manifests.filter((m) => last.has(m));
  }

  /** The objects of a built-in kind (`group` '' for core), the last manifest of each. */
  list(group: string, kind: string): Manifest[] {
    return [...(this.byKind.get(`${group}/${kind}`)?.values() ?? [])];
  }

  /** An object of the workspace by group, kind, namespace ('' for cluster-scoped) and name. */
  get(group: string, kind: string, namespace: string, name: string): Manifest | undefined {
    return this.byKind.get(`${group}/${kind}`)?.get(`${namespace}/${name}`);
  }

  /** An object of the workspace written without metadata.namespace, by group, kind and name. */
  withoutNamespace(group: string, kind: string, name: string): Manifest | undefined {
    return this.list(group, kind).find((m) => nameOf(m) === name && !obj(m.object.metadata)?.namespace);
  }

  templates(namespace: string): PodTemplate[] {
    return this.templatesByNamespace.get(namespace) ?? [];
  }

  allTemplates(): PodTemplate[] {
    return (this.all ??= [...this.templatesByNamespace.values()].flat());
  }

  /** The templates whose own labels have `key: value`, in allTemplates' order (indexed on first use). */
  templatesLabelled(key: string, value: string): PodTemplate[] {
    if (!this.byLabel) {
      this.byLabel = new Map();
      for (const t of this.allTemplates()) {
        for (const [k, v] of Object.entries(t.labels)) {
          const pair = `${k}=${v}`;
          const list = this.byLabel.get(pair);
          if (list) list.push(t);
          else this.byLabel.set(pair, [t]);
        }
      }
    }
    return this.byLabel.get(`${key}=${value}`) ?? [];
  }

  /**
   * The templates among `matched` nearest to a file: those in its folder, else those sharing the
   * longest folder prefix with it. A workspace often holds several applications or alternatives side
   * by side (example repositories, `legacy/` folders); a Service belongs with the workloads next to it.
   */
  nearest(file: string, matched: PodTemplate[]): PodTemplate[] {
    const common = (t: PodTemplate) => commonFolderDepth(file, t.manifest.file);
    const best = Math.max(...matched.map(common));
    return matched.filter((t) => common(t) === best);
  }

  /**
   * Whether the workspace deploys pods into the namespace, in the file's project: where it deploys
   * none, the pods a selector means are evidently deployed by other means (a platform's managed
   * namespace, kube-system's static pods, another repository), and "selects nothing" would say nothing.
   */
  deploysTo(namespace: string, file: string): boolean {
    return this.templates(namespace).some((t) => sameProject(t.manifest.file, file));
  }

  /**
   * Whether something kubeplan cannot see may create pods and objects in the namespace for a file's
   * objects: the kubelet (kube-system's static pods), an operator (a custom resource in the namespace,
   * in the file's project).
   */
  isOperated(namespace: string, file: string): boolean {
    if (namespace === 'kube-system') return true;
    return (this.operated.get(namespace) ?? []).some((f) => sameProject(f, file));
  }
}

export const folderOf = (file: string): string => file.slice(0, file.lastIndexOf('/') + 1);

/**
 * Whether two files belong to one project of the workspace: they share a top folder, or one lies at
 * or above the other's folder (the workspace's root files belong to every project). The CLI's inputs
 * or an editor's folders may hold several repositories side by side; each is its own project.
 */
export function sameProject(a: string, b: string): boolean {
  const x = folderOf(a);
  const y = folderOf(b);
  return commonFolderDepth(a, b) >= 1 || x.startsWith(y) || y.startsWith(x);
}

/** How many folders two files' paths share (`a/b/x.yaml`, `a/c/y.yaml`: 1). */
function commonFolderDepth(a: string, b: string): number {
  const x = a.split('/').slice(0, -1);
  const y = b.split('/').slice(0, -1);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  // Same folder ranks above any deeper-sharing subfolder.
  return i === x.length && i === y.length ? Number.MAX_SAFE_INTEGER : i;
}

export const typeKey = (apiVersion: string, kind: string): string => `${groupOf(apiVersion)}/${kind}`;

export const nameOf = (m: Manifest | Obj): string => {
  const meta = obj(('object' in m ? (m as Manifest).object : m).metadata);
  return typeof meta?.name === 'string' ? meta.name : '';
};

/** The mappings of a list (anything else: none). */
export const mappings = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj).filter((x): x is Obj => !!x) : []);

/** A string that is not empty, else undefined. */
export const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** `app=web, tier=frontend` */
export const showLabels = (labels: Labels): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');

/** A finding on a manifest's path (the kind when the path is absent). */
export function findingAt(rule: Rule, m: Manifest, path: JsonPath | undefined, message: string, related?: SimulationFinding['related'], severity = rule.severity): SimulationFinding {
  return { file: m.file, range: path ? m.locate(path) : m.range, code: rule.code, severity, message, ...(related?.length ? { related } : {}) };
}

/** The other end of a finding: a place in another (or the same) manifest. */
export const relatedAt = (m: Manifest, path: JsonPath | undefined, message: string): { file: string; range: Range; message: string } => ({ file: m.file, range: path ? m.locate(path) : m.range, message });

export { objectName };
