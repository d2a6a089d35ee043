import type { Analyzer } from '../analyzer';
import type { Range } from '../text/lineIndex';
import type { JsonPath } from '../yaml/nodeAt';
import { isKubernetesObject, obj } from '../model/obj';
import { valueAt } from '../model/paths';
import { groupOf } from '../schema/apiLifecycle';
import { CLUSTER_SCOPED_KINDS } from '../cluster/scope';
import type { Manifest } from '../cluster/manifests';
import type { ClusterProfile } from '../cluster/profile';
import { labelSelector, labelsOf, selectorFromSet, type Selector } from '../scheduler/labels';
import { WorkspaceObjects, mappings, nameOf, type PodTemplate } from '../workspace/references/objects';
import { selectsPods } from '../workspace/references/podLabels';
import { podReferences } from '../workspace/references/podReferences';
import { documentAt } from './documentContext';
import { targetAt } from './cursor';

/** A place in the workspace (its file named as the workspace names it: a uri in the language server). */
export interface Location {
  file: string;
  range: Range;
}

/** What a simulation snapshot knows of the workspace: its manifests (display names) and the names of their files. */
export interface WorkspaceManifests {
  manifests: Manifest[];
  files: Record<string, string>;
  profile: ClusterProfile;
}

const startsWith = (path: JsonPath, prefix: JsonPath): boolean => prefix.every((seg, i) => path[i] === seg);

/** The workspace's objects, and the one (and the path in it) at an offset of a text. */
function context(analyzer: Analyzer, workspace: WorkspaceManifests, text: string, offset: number, defaultNamespace: string) {
  const ctx = documentAt(analyzer, text, offset);
  const target = targetAt(ctx.parsed, ctx.offset);
  const value = ctx.parsed.value;
  if (!target || !isKubernetesObject(value)) return undefined;
  const objects = new WorkspaceObjects({
    manifests: workspace.manifests,
    profile: workspace.profile,
    defaultNamespace,
    isNamespaced: (kind) => !CLUSTER_SCOPED_KINDS.has(kind),
    served: (apiVersion) => (analyzer.lifecycle.isBuiltinGroup(groupOf(apiVersion)) ? 'builtin' : 'unknown'),
  });
  const scoped = !CLUSTER_SCOPED_KINDS.has(value.kind);
  const written = obj(value.metadata)?.namespace;
  const namespace = scoped ? (typeof written === 'string' && written ? written : defaultNamespace) : '';
  const self = objects.get(groupOf(value.apiVersion), value.kind, namespace, nameOf(value));
  return self ? { objects, self, path: target.path, namespace } : undefined;
}

const at = (workspace: WorkspaceManifests, m: Manifest, path: JsonPath | undefined): Location => ({ file: workspace.files[m.file] ?? m.file, range: path ? m.locate(path) : m.range });
const templateLabels = (workspace: WorkspaceManifests, t: PodTemplate): Location => at(workspace, t.manifest, [...t.metadataPath, 'labels']);

/** The pod selector an object has at a path, if the path is in it. */
function podSelectorAt(m: Manifest, path: JsonPath): Selector | undefined {
  const spec = obj(m.object.spec) ?? {};
  if (m.object.kind === 'Service' && startsWith(path, ['spec', 'selector'])) return Object.keys(labelsOf(spec.selector)).length ? selectorFromSet(labelsOf(spec.selector)) : undefined;
  if (m.object.kind === 'PodDisruptionBudget' && startsWith(path, ['spec', 'selector'])) return labelSelector(spec.selector);
  if (m.object.kind === 'NetworkPolicy' && startsWith(path, ['spec', 'podSelector'])) return labelSelector(spec.podSelector);
  // A NetworkPolicy peer without a namespaceSelector: pods of the policy's namespace.
  if (m.object.kind === 'NetworkPolicy' && (path[1] === 'ingress' || path[1] === 'egress') && path[3] === (path[1] === 'ingress' ? 'from' : 'to') && path[5] === 'podSelector') {
    const peer = obj(valueAt(m.object, path.slice(0, 5)));
    return peer && peer.namespaceSelector === undefined ? labelSelector(peer.podSelector) : undefined;
  }
  return undefined;
}

/**
 * Go to definition: from a Service's, PodDisruptionBudget's or NetworkPolicy's pod selector to the
 * pod templates it selects; from a ConfigMap or Secret reference of a pod template (env, envFrom,
 * volumes) to the object (its key, for a keyRef's `key`); from a `scaleTargetRef` to the workload;
 * from an Ingress backend or an HTTPRoute backendRef to the Service, from `ingressClassName` to the
 * IngressClass, from a route's `parentRefs` entry to the Gateway; from a binding's `roleRef` to the role.
 */
export function definitions(analyzer: Analyzer, workspace: WorkspaceManifests, text: string, offset: number, defaultNamespace = 'default'): Location[] {
  const c = context(analyzer, workspace, text, offset, defaultNamespace);
  if (!c) return [];
  const { objects, self, path, namespace } = c;
  const selector = podSelectorAt(self, path);
  if (selector) return objects.templates(namespace).filter((t) => selectsPods(selector, t)).map((t) => templateLabels(workspace, t));
  const spec = obj(self.object.spec) ?? {};
  const named = (group: string, kind: string, ns: string, name: unknown): Location[] => {
    const m = typeof name === 'string' ? objects.get(group, kind, ns, name) : undefined;
    return m ? [at(workspace, m, ['metadata', 'name'])] : [];
  };
  if (self.object.kind === 'HorizontalPodAutoscaler' && startsWith(path, ['spec', 'scaleTargetRef'])) {
    const ref = obj(spec.scaleTargetRef) ?? {};
    return named(groupOf(String(ref.apiVersion ?? '')), String(ref.kind), namespace, ref.name);
  }
  if ((self.object.kind === 'RoleBinding' || self.object.kind === 'ClusterRoleBinding') && startsWith(path, ['roleRef'])) {
    const ref = obj(self.object.roleRef) ?? {};
    return named('rbac.authorization.k8s.io', String(ref.kind), ref.kind === 'Role' ? namespace : '', ref.name);
  }
  if (self.object.kind === 'Ingress' && startsWith(path, ['spec', 'ingressClassName'])) return named('networking.k8s.io', 'IngressClass', '', spec.ingressClassName);
  // A Gateway API route's parent (kind Gateway unless it says otherwise; its own namespace unless it names one).
  if (groupOf(self.object.apiVersion) === 'gateway.networking.k8s.io' && startsWith(path, ['spec', 'parentRefs']) && typeof path[2] === 'number') {
    const ref = mappings(spec.parentRefs)[path[2]] ?? {};
    if ((ref.kind ?? 'Gateway') !== 'Gateway' || (ref.group ?? 'gateway.networking.k8s.io') !== 'gateway.networking.k8s.io') return [];
    return named('gateway.networking.k8s.io', 'Gateway', typeof ref.namespace === 'string' ? ref.namespace : namespace, ref.name);
  }
  // An Ingress backend's `service`, an HTTPRoute's backendRef: the Service.
  const backend = path.indexOf('service') !== -1 && self.object.kind === 'Ingress' ? path.slice(0, path.indexOf('service') + 1) : path.indexOf('backendRefs') !== -1 ? path.slice(0, path.indexOf('backendRefs') + 2) : undefined;
  if (backend) return named('', 'Service', namespace, obj(backend.reduce<unknown>((v, k) => (Array.isArray(v) ? v[k as number] : obj(v)?.[k as string]), self.object))?.name);
  const template = objects.allTemplates().find((t) => t.manifest === self);
  if (!template) return [];
  for (const r of podReferences(template)) {
    if (!startsWith(path, r.path.slice(0, -1))) continue;
    const target = objects.get('', r.kind, namespace, r.name);
    if (!target) return [];
    const key = r.keys.find((k) => startsWith(path, k.path));
    const field = key && (obj(target.object.data)?.[key.key] !== undefined ? 'data' : r.kind === 'ConfigMap' ? 'binaryData' : 'stringData');
    return [at(workspace, target, key && obj(target.object[field!])?.[key.key] !== undefined ? [field!, key.key] : ['metadata', 'name'])];
  }
  return [];
}

/** The paths of a NetworkPolicy's peer podSelectors without a namespaceSelector (pods of its own namespace). */
function peerPodSelectors(m: Manifest): JsonPath[] {
  const spec = obj(m.object.spec) ?? {};
  const out: JsonPath[] = [];
  for (const [direction, peers] of [['ingress', 'from'], ['egress', 'to']] as const) {
    mappings(spec[direction]).forEach((rule, i) =>
      mappings(rule[peers]).forEach((peer, j) => {
        if (peer.podSelector !== undefined && peer.namespaceSelector === undefined) out.push(['spec', direction, i, peers, j, 'podSelector']);
      }),
    );
  }
  return out;
}

/**
 * Find references: to a workload, the Services, PodDisruptionBudgets and NetworkPolicies that select
 * its pods (a policy's own podSelector, and its peers' that admit them), the Ingresses that route to those Services and the HorizontalPodAutoscalers that scale it;
 * to a Service, the Ingresses that route to it; to a ConfigMap or Secret, the pod templates that name it.
 */
export function references(analyzer: Analyzer, workspace: WorkspaceManifests, text: string, offset: number, defaultNamespace = 'default'): Location[] {
  const c = context(analyzer, workspace, text, offset, defaultNamespace);
  if (!c) return [];
  const { objects, self, namespace } = c;
  const out: Location[] = [];
  const inNamespace = (kind: string, group = '') => objects.list(group, kind).filter((m) => objects.namespaceOf(m) === namespace);
  const ingressesTo = (service: string) => {
    for (const ing of inNamespace('Ingress', 'networking.k8s.io')) {
      const spec = obj(ing.object.spec) ?? {};
      const backends: Array<{ backend: unknown; path: JsonPath }> = [{ backend: spec.defaultBackend, path: ['spec', 'defaultBackend'] }];
      mappings(spec.rules).forEach((rule, i) => mappings(obj(rule.http)?.paths).forEach((p, j) => backends.push({ backend: p.backend, path: ['spec', 'rules', i, 'http', 'paths', j, 'backend'] })));
      for (const b of backends) if (obj(obj(b.backend)?.service)?.name === service) out.push(at(workspace, ing, [...b.path, 'service', 'name']));
    }
  };
  const template = objects.allTemplates().find((t) => t.manifest === self);
  if (template) {
    for (const svc of inNamespace('Service')) {
      const selector = podSelectorAt(svc, ['spec', 'selector']);
      if (selector && selectsPods(selector, template)) {
        out.push(at(workspace, svc, ['spec', 'selector']));
        ingressesTo(nameOf(svc));
      }
    }
    for (const [kind, group, field] of [['PodDisruptionBudget', 'policy', 'selector'], ['NetworkPolicy', 'networking.k8s.io', 'podSelector']] as const) {
      for (const m of inNamespace(kind, group)) if (selectsPods(labelSelector(obj(m.object.spec)?.[field]), template)) out.push(at(workspace, m, ['spec', field]));
    }
    for (const m of inNamespace('NetworkPolicy', 'networking.k8s.io')) {
      for (const path of peerPodSelectors(m)) if (selectsPods(podSelectorAt(m, path)!, template)) out.push(at(workspace, m, path));
    }
    for (const hpa of inNamespace('HorizontalPodAutoscaler', 'autoscaling')) {
      const ref = obj(obj(hpa.object.spec)?.scaleTargetRef) ?? {};
      if (ref.kind === self.object.kind && ref.name === nameOf(self)) out.push(at(workspace, hpa, ['spec', 'scaleTargetRef', 'name']));
    }
  }
  if (self.object.kind === 'Service') ingressesTo(nameOf(self));
  if (self.object.kind === 'ConfigMap' || self.object.kind === 'Secret') {
    for (const t of objects.templates(namespace)) for (const r of podReferences(t)) if (r.kind === self.object.kind && r.name === nameOf(self)) out.push(at(workspace, t.manifest, r.path));
  }
  return out;
}
