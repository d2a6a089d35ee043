import { isKubernetesObject, obj, objectsOf, type Obj } from '../model/obj';
import { labelsOf } from '../scheduler/labels';
import type { Manifest } from './manifests';
import { REFERENCED_KINDS, isClusterDocument, profileFrom, resolveProfile, type ClusterProfile } from './profile';

/**
 * The largest cluster state file read, in MB: an export of a real cluster is data, not a file being
 * edited, and is far bigger than kubeplan.maxFileSizeMB allows for analysis (1,000 Deployments with
 * their ReplicaSets and pods: about 12 MB).
 */
export const STATE_FILE_MAX_MB = 256;

/**
 * Kinds of a cluster state file that are history or derived again by the simulation: Events, the
 * StatefulSet and DaemonSet controllers' revisions, Leases, and the EndpointSlices the EndpointSlice
 * controller manages (made again from the pods).
 */
const NOT_RESTORED = new Set(['Event', 'ControllerRevision', 'Lease', 'Node', 'ComponentStatus', 'Binding']);
const isManagedSlice = (o: Obj): boolean => o.kind === 'EndpointSlice' && labelsOf(obj(o.metadata)?.labels)['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io';

/**
 * The cluster as it is: the objects of a cluster state file (`kubectl get <kinds> -A -o yaml`, a List)
 * added to the cluster the simulation runs on. Namespaces, StorageClasses and the objects references
 * may name count as a cluster file's do; every other object is stored as the cluster holds it (uid,
 * resourceVersion, generation, status) before the apply, which then updates what it names again.
 */
export function withClusterState(profile: ClusterProfile, state: { name: string; manifests: Manifest[] }): ClusterProfile {
  const namespaces = new Set(profile.namespaces);
  const namespaceLabels = { ...profile.namespaceLabels };
  const storageClasses = [...profile.storageClasses];
  const objects = [...profile.objects];
  const live: Obj[] = [];
  const seen = new Set<string>();
  for (const { object: o } of state.manifests) {
    const meta = obj(o.metadata) ?? {};
    if (NOT_RESTORED.has(o.kind) || isManagedSlice(o) || o.apiVersion === 'kubeplan.dev/v1alpha1') continue;
    if (typeof meta.name !== 'string' || meta.name === '') continue;
    const key = `${o.kind}/${String(meta.namespace ?? '')}/${meta.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (typeof meta.namespace === 'string' && meta.namespace) namespaces.add(meta.namespace);
    if (o.kind === 'Namespace') {
      namespaces.add(meta.name);
      namespaceLabels[meta.name] = labelsOf(meta.labels);
      continue;
    }
    if (o.kind === 'StorageClass') {
      if (!storageClasses.some((sc) => obj(sc.metadata)?.name === meta.name)) storageClasses.push(o);
      continue;
    }
    if (REFERENCED_KINDS.has(o.kind)) objects.push(o);
    live.push(o);
  }
  return { ...profile, namespaces: [...namespaces].sort(), namespaceLabels, storageClasses, objects, live, stateSource: state.name };
}

/**
 * The cluster a workspace runs on when a state file is given: the cluster file's nodes and settings if
 * there is one, else the state's own Nodes (a `kubectl get nodes,…` export), else as without a state;
 * then the state's objects.
 */
export function resolveClusterWithState(workspace: Manifest[], clusterFile: { name: string; manifests: Manifest[] } | undefined, state: { name: string; manifests: Manifest[] } | undefined, kubernetesVersion?: string): ClusterProfile {
  if (!state) return resolveProfile(workspace, clusterFile, kubernetesVersion);
  const stateNodes = state.manifests.filter(isClusterDocument);
  const base = !clusterFile && stateNodes.length ? profileFrom(stateNodes, state.name, kubernetesVersion) : resolveProfile(workspace, clusterFile, kubernetesVersion);
  return withClusterState(base, state);
}

/**
 * A cluster state in JSON (`kubectl get … -o json`) read with JSON.parse: a real cluster's export is
 * tens of megabytes, which JSON.parse reads a hundred times faster than a YAML parser. Its objects
 * are not findings' places (nothing is reported on the state), so they carry no source ranges.
 * Undefined when the text is not JSON (it is then read as YAML, document by document).
 */
export function jsonStateManifests(file: string, text: string): Manifest[] | undefined {
  if (!/^\s*[{[]/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return stateManifestsOf(file, value);
}

/** The objects of a cluster state's JSON value (a List, an array of objects, or one object), without source ranges. */
export function stateManifestsOf(file: string, value: unknown): Manifest[] {
  const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
  return (Array.isArray(value) ? value : [value]).flatMap(objectsOf).flatMap(({ object }) => (isKubernetesObject(object) ? [{ object, file, range: start, locate: () => start }] : []));
}
