import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { labelsOf } from '../labels';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { accessModes, classOf, findMatchingVolume } from '../../scheduler/plugins/volumes';
import { parseNodeSelectorTerm, termMatches } from '../../scheduler/nodeSelector';

/**
 * The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go) and the
 * external provisioners it hands claims to (sig-storage-lib-external-provisioner controller/controller.go,
 * as kubernetes-csi/external-provisioner and rancher/local-path-provisioner run it). Annotation names
 * are those of staging/src/k8s.io/component-helpers/storage/volume/pv_helpers.go.
 */
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_DYNAMICALLY_PROVISIONED = 'pv.kubernetes.io/provisioned-by';
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
/** A volume a provisioner made: it carries the provisioner's name (pv.kubernetes.io/provisioned-by). */
export const isDynamicallyProvisioned = (pv: Obj): boolean => typeof obj(obj(pv.metadata)?.annotations)?.[ANN_DYNAMICALLY_PROVISIONED] === 'string';
/** rancher/local-path-provisioner: the PV's node affinity key, and where its directories live (the default nodePath). */
const HOSTNAME_LABEL = 'kubernetes.io/hostname';
const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';

const annotationsOf = (o: Obj): Record<string, unknown> => obj(metaOf(o).annotations) ?? {};
const withAnnotations = (o: Obj, added: Record<string, string>): Obj => ({ ...o, metadata: { ...metaOf(o), annotations: { ...annotationsOf(o), ...added } } });

const storageClassNamed = (ctx: SimulationContext, name: string): Obj | undefined => (name ? ctx.store.get('StorageClass', '', name)?.object : undefined);
const isDelayBinding = (storageClass: Obj | undefined): boolean => storageClass?.volumeBindingMode === 'WaitForFirstConsumer';
const volumes = (ctx: SimulationContext): Obj[] => ctx.store.list('PersistentVolume').map((s) => s.object);
/** A volume made by hand (static provisioning): not a provisioner's (annotated), nor one an assumed class was taken to provision. */
const isStatic = (ctx: SimulationContext, pv: Obj): boolean => !isDynamicallyProvisioned(pv) && !ctx.assumedVolumes.has(nameOf(pv));

/** syncVolume: a volume nobody claims, or only reserved for a claim (a claimRef without uid), is Available. */
export function syncVolume(ctx: SimulationContext, stored: Stored): boolean {
  const pv = stored.object;
  const ref = obj(obj(pv.spec)?.claimRef);
  if (obj(pv.status)?.phase !== undefined || (ref && typeof ref.uid === 'string' && ref.uid !== '')) return false;
  ctx.store.update({ ...pv, status: { phase: 'Available' } });
  return true;
}

/**
 * syncUnboundClaim, once per claim: a volume pre-bound to it, or (Immediate binding) the best
 * matching available volume (findBestMatchForClaim: the fewest access modes, then the smallest),
 * is bound; otherwise a WaitForFirstConsumer claim waits for the scheduler, a claim of a class is
 * provisioned, and a claim without a class stays Pending.
 */
export function syncClaim(ctx: SimulationContext, stored: Stored): boolean {
  const claim = stored.object;
  if (!ctx.firstSync(claim) || obj(claim.status)?.phase !== 'Pending') return false;
  const volumeName = obj(claim.spec)?.volumeName;
  if (typeof volumeName === 'string' && volumeName) {
    // The user chose the volume: bound when it is there and free (or reserved for this claim).
    const pv = ctx.store.get('PersistentVolume', '', volumeName)?.object;
    const ref = pv && obj(obj(pv.spec)?.claimRef);
    if (!pv || (ref && (ref.name !== nameOf(claim) || (ref.namespace ?? '') !== namespaceOf(claim)))) return false;
    bind(ctx, pv, claim, !ref);
    return true;
  }
  const className = classOf(claim);
  const storageClass = storageClassNamed(ctx, className);
  const delayBinding = isDelayBinding(storageClass);
  const volume = bestMatchForClaim(claim, volumes(ctx), delayBinding);
  if (volume) {
    bind(ctx, volume, claim, true);
    return true;
  }
  if (delayBinding) {
    ctx.emit('kube-controller-manager', 'Normal', claim, 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', stored.source);
    return false;
  }
  if (className) return provisionClaim(ctx, stored, storageClass, className);
  ctx.emit('kube-controller-manager', 'Normal', claim, 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', stored.source);
  return false;
}

/** findBestMatchForClaim (index.go findByClaim): volumes grouped by their exact access modes, the smallest groups first. */
function bestMatchForClaim(claim: Obj, all: Obj[], delayBinding: boolean): Obj | undefined {
  const wanted = accessModes(claim);
  const groups = new Map<string, Obj[]>();
  for (const pv of all) {
    const modes = [...new Set(accessModes(pv))].sort();
    if (!wanted.every((m) => modes.includes(m))) continue;
    const key = modes.join(',');
    groups.set(key, [...(groups.get(key) ?? []), pv]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.split(',').length - b.split(',').length || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, group] of ordered) {
    const found = findMatchingVolume(claim, group, delayBinding);
    if (found) return found;
  }
  return undefined;
}

/** provisionClaim: a class without a provisioner fails; an external provisioner gets the claim. */
function provisionClaim(ctx: SimulationContext, stored: Stored, storageClass: Obj | undefined, className: string, node?: Obj): boolean {
  const claim = stored.object;
  if (!storageClass) {
    // A class neither the manifests nor the cluster file have: it does not exist when the cluster file
    // lists every class (authoritative), and a name only volumes carry (`manual`, static provisioning)
    // needs no StorageClass object; otherwise the class is assumed to exist (KP193 says so once).
    const missing = ctx.settings.authoritative.includes('storageClasses') || volumes(ctx).some((pv) => classOf(pv) === className && isStatic(ctx, pv));
    if (!missing) return provisionAssumed(ctx, stored, className);
    ctx.emit('kube-controller-manager', 'Warning', claim, 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`, stored.source);
    return false;
  }
  const provisioner = String(storageClass.provisioner ?? '');
  if (provisioner === NOT_SUPPORTED_PROVISIONER) {
    // findProvisionablePlugin: a kubernetes.io/ name no in-tree plugin has.
    ctx.emit('kube-controller-manager', 'Warning', claim, 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`, stored.source);
    return false;
  }
  // provisionClaimOperationExternal: the provisioner annotations tell the external provisioner the claim is its.
  const annotated = ctx.store.update(withAnnotations(claim, { [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner }));
  ctx.emit(
    'kube-controller-manager',
    'Normal',
    annotated,
    'ExternalProvisioning',
    `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    stored.source,
  );
  // The external provisioner (sig-storage-lib-external-provisioner provisionClaimOperation).
  ctx.emit('kube-controller-manager', 'Normal', annotated, 'Provisioning', `External provisioner is provisioning volume for claim "${namespaceOf(claim)}/${nameOf(claim)}"`, stored.source);
  const pv = ctx.api.create(provisionedVolume(annotated, storageClass, className, provisioner, node), '', stored.source);
  if (pv.error) return true;
  ctx.emit('kube-controller-manager', 'Normal', annotated, 'ProvisioningSucceeded', `Successfully provisioned volume ${nameOf(pv.object)}`, stored.source);
  // The PV controller's next syncClaim binds the claim to the volume made for it.
  bind(ctx, pv.object, annotated, false);
  return true;
}

/**
 * A claim of an assumed class: its provisioner and binding mode are unknown, so the claim is taken as
 * provisioned when it is created, with no topology. Its pods are then scheduled as anywhere, rather
 * than refused for a class kubeplan merely cannot see.
 */
function provisionAssumed(ctx: SimulationContext, stored: Stored, className: string): boolean {
  const claim = stored.object;
  ctx.emit('kube-controller-manager', 'Normal', claim, 'Provisioning', `StorageClass "${className}" is not in these manifests, assumed to exist (KP193): its provisioner, unknown here, is assumed to provision the claim at once`, stored.source);
  const pv = ctx.api.create(provisionedVolume(claim, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: className } }, className, undefined), '', stored.source);
  if (pv.error) return true;
  ctx.assumedVolumes.add(nameOf(pv.object));
  ctx.emit('kube-controller-manager', 'Normal', claim, 'ProvisioningSucceeded', `Successfully provisioned volume ${nameOf(pv.object)}`, stored.source);
  bind(ctx, pv.object, claim, false);
  return true;
}

/**
 * The volume a provisioner makes for a claim: `pvc-<claim uid>`, the claim's request, access modes
 * and volume mode, the class's reclaim policy and mount options, the claimRef. With a selected node
 * (WaitForFirstConsumer), its node affinity pins the node's topology: the class's allowedTopologies
 * keys with the node's values when the class has some (the segment external-provisioner asks the
 * CSI driver for first), else the node's `kubernetes.io/hostname` (rancher/local-path-provisioner).
 */
function provisionedVolume(claim: Obj, storageClass: Obj, className: string, provisioner: string | undefined, node?: Obj): Obj {
  const spec = obj(claim.spec) ?? {};
  const name = `pvc-${String(metaOf(claim).uid)}`;
  const storage = obj(obj(spec.resources)?.requests)?.storage;
  const pvSpec: Obj = {
    accessModes: accessModes(claim),
    capacity: { storage },
    claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: nameOf(claim), namespace: namespaceOf(claim), resourceVersion: metaOf(claim).resourceVersion, uid: metaOf(claim).uid },
    ...(provisioner === LOCAL_PATH_PROVISIONER ? { hostPath: { path: `/opt/local-path-provisioner/${name}_${namespaceOf(claim)}_${nameOf(claim)}`, type: 'DirectoryOrCreate' } } : {}),
    ...(Array.isArray(storageClass.mountOptions) ? { mountOptions: storageClass.mountOptions } : {}),
    persistentVolumeReclaimPolicy: typeof storageClass.reclaimPolicy === 'string' ? storageClass.reclaimPolicy : 'Delete',
    storageClassName: className,
    volumeMode: typeof spec.volumeMode === 'string' ? spec.volumeMode : 'Filesystem',
  };
  if (node) {
    const labels = labelsOf(node);
    const keys = topologyKeys(storageClass);
    const expressions = keys.length
      ? keys.filter((k) => k in labels).map((key) => ({ key, operator: 'In', values: [labels[key]] }))
      : [{ key: HOSTNAME_LABEL, operator: 'In', values: [labels[HOSTNAME_LABEL] ?? nameOf(node)] }];
    pvSpec.nodeAffinity = { required: { nodeSelectorTerms: [{ matchExpressions: expressions }] } };
  }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, ...(provisioner !== undefined ? { annotations: { [ANN_DYNAMICALLY_PROVISIONED]: provisioner } } : {}) },
    spec: pvSpec,
    status: { phase: 'Pending' },
  };
}

/** The label keys of a class's allowedTopologies, in order, each once. */
function topologyKeys(storageClass: Obj): string[] {
  const terms = Array.isArray(storageClass.allowedTopologies) ? storageClass.allowedTopologies : [];
  const keys = terms.flatMap((t) => (Array.isArray(obj(t)?.matchLabelExpressions) ? (obj(t)!.matchLabelExpressions as unknown[]) : [])).map((e) => obj(e)?.key);
  return [...new Set(keys.filter((k): k is string => typeof k === 'string'))];
}

/**
 * bind: the volume's claimRef and phase Bound, the claim's volumeName, annotations and status
 * (phase Bound, the volume's access modes and capacity). `volumeByController`: kubeplan's side
 * set the claimRef (the volume gets bound-by-controller), rather than a provisioner or the user.
 */
function bind(ctx: SimulationContext, pv: Obj, claim: Obj, volumeByController: boolean): void {
  const pvSpec = obj(pv.spec) ?? {};
  const claimRef = obj(pvSpec.claimRef) ?? { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: nameOf(claim), namespace: namespaceOf(claim), resourceVersion: metaOf(claim).resourceVersion };
  const boundPV = { ...(volumeByController && !obj(pvSpec.claimRef) ? withAnnotations(pv, { [ANN_BOUND_BY_CONTROLLER]: 'yes' }) : pv), spec: { ...pvSpec, claimRef: { ...claimRef, uid: metaOf(claim).uid } }, status: { phase: 'Bound' } };
  ctx.store.update(boundPV);
  const byController: Record<string, string> = typeof obj(claim.spec)?.volumeName === 'string' && obj(claim.spec)?.volumeName ? {} : { [ANN_BOUND_BY_CONTROLLER]: 'yes' };
  const boundClaim = withAnnotations(claim, { [ANN_BIND_COMPLETED]: 'yes', ...byController });
  ctx.store.update({
    ...boundClaim,
    spec: { ...(obj(claim.spec) ?? {}), volumeName: nameOf(pv) },
    status: { phase: 'Bound', accessModes: accessModes(pv), capacity: { storage: obj(pvSpec.capacity)?.storage } },
  });
}

const claimNamesOf = (pod: Obj): string[] =>
  (Array.isArray(obj(pod.spec)?.volumes) ? (obj(pod.spec)!.volumes as unknown[]) : []).map((v) => obj(obj(v)?.persistentVolumeClaim)?.claimName).filter((n): n is string => typeof n === 'string');

/** CheckNodeAffinity: a volume without node affinity is reachable from every node. */
function volumeFitsNode(pv: Obj, node: Obj): boolean {
  const terms = obj(obj(obj(pv.spec)?.nodeAffinity)?.required)?.nodeSelectorTerms;
  if (!Array.isArray(terms)) return true;
  return terms.some((t) => termMatches(parseNodeSelectorTerm(t), labelsOf(node), nameOf(node)));
}

/**
 * The scheduler's VolumeBinding PreBind for a pod placed on `nodeName`
 * (pkg/scheduler/framework/plugins/volumebinding/binder.go BindPodVolumes), and what the PV
 * controller and the provisioner do before the binding completes: each unbound WaitForFirstConsumer
 * claim takes the smallest matching available volume reachable from the node, or is annotated with
 * the selected node and provisioned there. Returns true when it changed a claim.
 */
export function bindPodVolumes(ctx: SimulationContext, pod: Obj, nodeName: string): boolean {
  const claims = claimNamesOf(pod);
  if (claims.length === 0) return false;
  const node = ctx.nodes.find((n) => nameOf(n) === nodeName);
  if (!node) return false;
  let changed = false;
  const chosen = new Set<string>();
  for (const claimName of claims) {
    const stored = ctx.store.get('PersistentVolumeClaim', namespaceOf(pod), claimName);
    if (!stored || obj(stored.object.status)?.phase !== 'Pending' || obj(stored.object.spec)?.volumeName) continue;
    const className = classOf(stored.object);
    const storageClass = storageClassNamed(ctx, className);
    if (!isDelayBinding(storageClass) || annotationsOf(stored.object)[ANN_SELECTED_NODE] !== undefined) continue;
    const ofClass = volumes(ctx).filter((pv) => classOf(pv) === className);
    const volume = findMatchingVolume(stored.object, ofClass, true, (pv) => volumeFitsNode(pv, node), chosen);
    changed = true;
    if (volume) {
      chosen.add(nameOf(volume));
      bind(ctx, volume, stored.object, true);
      continue;
    }
    const selected = ctx.store.update(withAnnotations(stored.object, { [ANN_SELECTED_NODE]: nodeName }));
    provisionClaim(ctx, { ...stored, object: selected }, storageClass, className, node);
  }
  return changed;
}

/**
 * The PV controller's resync of a WaitForFirstConsumer claim still unbound at the end
 * (emitEventForUnboundDelayBindingClaim): the pods that use it and are not scheduled.
 */
export function reportUnboundDelayBindingClaims(ctx: SimulationContext): void {
  const pods = ctx.store.list('Pod').map((s) => s.object);
  for (const stored of ctx.store.list('PersistentVolumeClaim')) {
    const claim = stored.object;
    if (obj(claim.status)?.phase !== 'Pending' || annotationsOf(claim)[ANN_SELECTED_NODE] !== undefined) continue;
    if (!isDelayBinding(storageClassNamed(ctx, classOf(claim)))) continue;
    const waiting = pods
      .filter((p) => namespaceOf(p) === namespaceOf(claim) && !obj(p.spec)?.nodeName && !['Succeeded', 'Failed'].includes(String(obj(p.status)?.phase)) && claimNamesOf(p).includes(nameOf(claim)))
      .map(nameOf);
    if (waiting.length === 0) continue;
    const message = waiting.length > 1 ? `waiting for pods ${waiting.join(',')} to be scheduled` : `waiting for pod ${waiting[0]} to be scheduled`;
    ctx.emit('kube-controller-manager', 'Normal', claim, 'WaitForPodScheduled', message, stored.source);
  }
}
