import { obj, type Obj } from '../../model/obj';
import { RULES } from '../../rules';
import type { JsonPath } from '../../yaml/nodeAt';
import type { Manifest } from '../../cluster/manifests';
import type { Authority } from '../../cluster/profile';
import type { SimulationFinding } from '../../cluster/findings/types';
import { mappings, nameOf, nonEmpty, relatedAt, type WorkspaceObjects } from './objects';
import { podReferences } from './podReferences';
import { classOf } from '../../scheduler/plugins/volumes';
import { isDynamicallyProvisioned } from '../../cluster/controllers/persistentVolume';

/**
 * The kinds a reference may name that kubeplan cannot know the cluster has: their API group, what
 * `spec.authoritative` says the cluster file lists them all, which exist in every cluster, and what
 * is left undone without them. PriorityClasses and PersistentVolumeClaims of pods are not here, nor
 * pods' ServiceAccounts when the cluster file lists them all: the simulation refuses or leaves
 * unscheduled the pods that name a missing one (KP150, KP151, KP153), one finding for that cause.
 */
const KINDS: Record<string, { group: string; authority: Authority; builtIn?: (namespace: string, name: string) => boolean; without: string }> = {
  ConfigMap: { group: '', authority: 'configMaps', builtIn: (_, name) => name === 'kube-root-ca.crt', without: 'the kubelet does not start a container that needs it (CreateContainerConfigError, or the volume cannot mount)' },
  Secret: { group: '', authority: 'secrets', without: 'the kubelet does not start a container that needs it (CreateContainerConfigError, or the volume cannot mount); a missing image pull secret only leaves the pull anonymous' },
  ServiceAccount: { group: '', authority: 'serviceAccounts', builtIn: (_, name) => name === 'default', without: 'the binding grants nothing until it exists' },
  Role: {
    group: 'rbac.authorization.k8s.io',
    authority: 'roles',
    builtIn: (ns, name) => (ns === 'kube-system' || ns === 'kube-public') && (name.startsWith('system:') || name === 'extension-apiserver-authentication-reader'),
    without: 'the API server accepts the binding, and it grants nothing',
  },
  ClusterRole: { group: 'rbac.authorization.k8s.io', authority: 'clusterRoles', builtIn: (_, name) => ['cluster-admin', 'admin', 'edit', 'view'].includes(name) || name.startsWith('system:'), without: 'the API server accepts the binding, and it grants nothing' },
  RuntimeClass: { group: 'node.k8s.io', authority: 'runtimeClasses', without: 'the RuntimeClass admission plugin rejects the pods (pod rejected: RuntimeClass not found)' },
  StorageClass: { group: 'storage.k8s.io', authority: 'storageClasses', without: 'the claim stays Pending' },
  IngressClass: { group: 'networking.k8s.io', authority: 'ingressClasses', without: 'no ingress controller serves the Ingress' },
};

/** One place that names an object of one of those kinds. */
export interface Reference {
  kind: keyof typeof KINDS;
  namespace: string;
  name: string;
  from: Manifest;
  path: JsonPath;
  /** How the place is named: `Deployment/web volume config`. */
  use: string;
}


/** Every reference of the workspace to an object of those kinds, in workspace order. */
export function referencesOf(objects: WorkspaceObjects): Reference[] {
  const out: Reference[] = [];
  // A claim's class that the cluster file's complete list lacks, or that only volumes carry (static
  // provisioning), leaves the pods that mount an unmatched claim unscheduled (KP153 says so on them,
  // as the PV controller does); a class merely not in sight is assumed, and provisions (persistentVolume.ts).
  const classesListed = objects.inputs.profile.settings.authoritative.includes('storageClasses');
  const accountsListed = objects.inputs.profile.settings.authoritative.includes('serviceAccounts');
  const volumeClasses = new Set([...objects.unique().map((m) => m.object), ...objects.inputs.profile.live].filter((o) => o.kind === 'PersistentVolume' && !isDynamicallyProvisioned(o)).map(classOf));
  const claimsOfPods = new Set<string>();
  for (const t of objects.allTemplates()) {
    if (t.manifest.invalid) continue;
    const ns = t.workload.namespace;
    for (const r of podReferences(t)) if (!r.optional) out.push({ kind: r.kind, namespace: ns, name: r.name, from: t.manifest, path: r.path, use: `${t.owner} ${r.use}` });
    // A pod's account is assumed to exist; one the cluster file's complete list lacks refuses the pod (KP150, KP151 say so).
    const account = nonEmpty(t.workload.podSpec.serviceAccountName);
    if (account && !accountsListed) out.push({ kind: 'ServiceAccount', namespace: ns, name: account, from: t.manifest, path: [...t.workload.podSpecPath, 'serviceAccountName'], use: `${t.owner} serviceAccountName` });
    const runtimeClass = nonEmpty(t.workload.podSpec.runtimeClassName);
    if (runtimeClass) out.push({ kind: 'RuntimeClass', namespace: '', name: runtimeClass, from: t.manifest, path: [...t.workload.podSpecPath, 'runtimeClassName'], use: `${t.owner}` });
    for (const v of mappings(t.workload.podSpec.volumes)) if (nonEmpty(obj(v.persistentVolumeClaim)?.claimName)) claimsOfPods.add(`${ns}/${obj(v.persistentVolumeClaim)!.claimName as string}`);
  }
  for (const m of objects.unique()) {
    if (m.invalid) continue;
    const { kind, apiVersion } = m.object;
    const spec = obj(m.object.spec) ?? {};
    const ns = objects.namespaceOf(m);
    if (kind === 'PersistentVolumeClaim' && apiVersion === 'v1' && nonEmpty(spec.storageClassName) && !((classesListed || volumeClasses.has(spec.storageClassName as string)) && claimsOfPods.has(`${ns}/${nameOf(m)}`))) {
      out.push({ kind: 'StorageClass', namespace: '', name: spec.storageClassName as string, from: m, path: ['spec', 'storageClassName'], use: `PersistentVolumeClaim/${nameOf(m)}` });
    }
    // A StatefulSet's claims are its pods' claims: their class likewise.
    if (kind === 'StatefulSet' && apiVersion === 'apps/v1') {
      mappings(spec.volumeClaimTemplates).forEach((t, i) => {
        const cls = nonEmpty(obj(t.spec)?.storageClassName);
        if (cls && !classesListed && !volumeClasses.has(cls)) out.push({ kind: 'StorageClass', namespace: '', name: cls, from: m, path: ['spec', 'volumeClaimTemplates', i, 'spec', 'storageClassName'], use: `StatefulSet/${nameOf(m)} volumeClaimTemplate ${String(obj(t.metadata)?.name ?? i)}` });
      });
    }
    if (kind === 'Ingress' && apiVersion === 'networking.k8s.io/v1' && nonEmpty(spec.ingressClassName)) {
      out.push({ kind: 'IngressClass', namespace: '', name: spec.ingressClassName as string, from: m, path: ['spec', 'ingressClassName'], use: `Ingress/${nameOf(m)}` });
    }
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && apiVersion === 'rbac.authorization.k8s.io/v1') {
      const roleRef = obj(m.object.roleRef) ?? {};
      const roleKind = roleRef.kind === 'Role' ? 'Role' : roleRef.kind === 'ClusterRole' ? 'ClusterRole' : undefined;
      if (roleKind && nonEmpty(roleRef.name)) out.push({ kind: roleKind, namespace: roleKind === 'Role' ? ns : '', name: roleRef.name as string, from: m, path: ['roleRef', 'name'], use: `${kind}/${nameOf(m)}` });
      mappings(m.object.subjects).forEach((s, i) => {
        if (s.kind !== 'ServiceAccount' || !nonEmpty(s.name)) return;
        out.push({ kind: 'ServiceAccount', namespace: nonEmpty(s.namespace) ?? ns, name: s.name as string, from: m, path: ['subjects', i, 'name'], use: `${kind}/${nameOf(m)} subject` });
      });
    }
  }
  return out;
}

/**
 * Whether the object exists: in the workspace, in the cluster file, or in every cluster. An object of
 * the workspace written without a namespace counts in any namespace: such manifests are applied with
 * `kubectl apply -n` (a ClusterRoleBinding's subject must name that namespace; the ServiceAccount does not).
 */
export function referencedObject(objects: WorkspaceObjects, kind: string, namespace: string, name: string): Obj | 'builtIn' | undefined {
  const k = KINDS[kind];
  const own = objects.get(k.group, kind, namespace, name) ?? objects.withoutNamespace(k.group, kind, name);
  if (own) return own.object;
  const profile = objects.inputs.profile;
  const inCluster = (kind === 'StorageClass' ? profile.storageClasses : profile.objects).find((o) => o.kind === kind && nameOf(o) === name && (namespace === '' || (obj(o.metadata)?.namespace ?? 'default') === namespace));
  if (inCluster) return inCluster;
  return k.builtIn?.(namespace, name) ? 'builtIn' : undefined;
}

/**
 * KP193: references to objects that neither the workspace nor the cluster file has, one finding per
 * missing object, on its first reference, every other reference related. Assumed to exist
 * (information), unless the cluster file is authoritative for the kind (then an error). Namespaced
 * objects in a namespace an operator may fill (custom resources there) are not reported.
 */
export function missingReferenceFindings(objects: WorkspaceObjects, references: Reference[]): SimulationFinding[] {
  const byObject = new Map<string, Reference[]>();
  for (const r of references) {
    if (r.namespace !== '' && objects.isOperated(r.namespace, r.from.file)) continue;
    if (referencedObject(objects, r.kind, r.namespace, r.name)) continue;
    const key = `${r.kind}/${r.namespace}/${r.name}`;
    const uses = byObject.get(key);
    if (uses) uses.push(r);
    else byObject.set(key, [r]);
  }
  const authoritative = objects.inputs.profile.settings.authoritative;
  const out: SimulationFinding[] = [];
  for (const uses of byObject.values()) {
    const [first, ...others] = uses;
    const k = KINDS[first.kind];
    const what = `${first.kind} "${first.name}"${first.namespace ? ` (namespace "${first.namespace}")` : ''}`;
    const named = `named by ${uses.length} place${uses.length === 1 ? '' : 's'}`;
    const strict = authoritative.includes(k.authority);
    out.push({
      file: first.from.file,
      range: first.from.locate(first.path),
      code: RULES.referenceAssumed.code,
      severity: strict ? 'error' : RULES.referenceAssumed.severity,
      message: strict
        ? `${what} does not exist: neither these manifests nor the cluster file (authoritative for ${k.authority}) have it, so ${k.without} (${named})`
        : `${what} is not in these manifests: assumed to exist in the cluster (${named}: ${first.use}${others.length ? ', …' : ''})`,
      ...(others.length ? { related: others.map((r) => relatedAt(r.from, r.path, `${r.use} names it too`)) } : {}),
    });
  }
  return out;
}
