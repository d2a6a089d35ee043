import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { revisionHash } from '../names';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef, createPodFromTemplate } from './podFactory';
import { MAX_PODS_PER_CONTROLLER, podsToCreate } from './podLimit';
import { isReady } from '../kubelet';
import { statefulSetSync, type StatefulSetPodState } from '../rollout/statefulSet';

const REVISION_LABEL = 'controller-revision-hash';

/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go), one sync per round:
 * pods `<name>-<ordinal>` with their claims from volumeClaimTemplates created first; with the default
 * OrderedReady policy, ordinal i+1 is created only once ordinal i is Running and Ready, Parallel creates
 * them all at once; a RollingUpdate replaces the pods of the old revision from the highest ordinal down
 * to the partition, maxUnavailable at a time, each deleted then created again (core/cluster/rollout
 * statefulSetSync). Each creation and deletion is a step of the set's rollout. Returns true when it
 * created or deleted something (the simulation loop then runs the scheduler and kubelet).
 */
export function syncStatefulSet(ctx: SimulationContext, stored: Stored): boolean {
  const set = stored.object;
  const uid = String(metaOf(set).uid);
  const generation = Number(metaOf(set).generation ?? 1);
  // A failure stops the set until its spec changes (the real controller retries with back-off).
  if (ctx.done.has(`${uid}/failed/${generation}`)) return false;
  // Untouched sets of the cluster state are as their controller left them.
  if (stored.live && !ctx.specChanged(set) && !ctx.rollouts.has(`StatefulSet/${namespaceOf(set)}/${nameOf(set)}`)) return false;
  const spec = obj(set.spec) ?? {};
  const wanted = typeof spec.replicas === 'number' ? spec.replicas : 1;
  // Said once: with OrderedReady the controller comes back here after every pod.
  const limitSaid = `${uid}/pod-limit`;
  const replicas = ctx.done.has(limitSaid) ? Math.min(wanted, MAX_PODS_PER_CONTROLLER) : podsToCreate(ctx, set, wanted, stored.source);
  ctx.done.add(limitSaid);
  const start = typeof obj(spec.ordinals)?.start === 'number' ? (obj(spec.ordinals)!.start as number) : 0;
  const template = obj(spec.template) ?? {};
  const revision = `${nameOf(set)}-${revisionHash(template)}`;
  const podAt = (i: number) => ctx.store.get('Pod', namespaceOf(set), `${nameOf(set)}-${start + i}`)?.object;
  let highest = replicas;
  while (podAt(highest)) highest++;
  const states: Array<StatefulSetPodState | undefined> = [];
  for (let i = 0; i < highest; i++) {
    const pod = podAt(i);
    states.push(pod && { updated: obj(metaOf(pod).labels)?.[REVISION_LABEL] === revision, phase: String(obj(pod.status)?.phase ?? 'Pending'), ready: isReady(pod) });
  }
  const step = statefulSetSync({ replicas, podManagementPolicy: spec.podManagementPolicy === 'Parallel' ? 'Parallel' : 'OrderedReady', updateStrategy: obj(spec.updateStrategy) as never }, states);
  for (const i of step.delete) {
    const pod = podAt(i);
    if (!pod) continue;
    ctx.deletePod(pod);
    const message = `delete Pod ${nameOf(pod)} in StatefulSet ${nameOf(set)} successful`;
    ctx.emit('kube-controller-manager', 'Normal', set, 'SuccessfulDelete', message, stored.source);
    ctx.rolloutStep(set, message);
  }
  for (const i of step.create) {
    if (!createOrdinal(ctx, stored, start + i, template, revision)) {
      ctx.done.add(`${uid}/failed/${generation}`);
      return true;
    }
  }
  return step.create.length + step.delete.length > 0;
}

/** The claims of an ordinal, then its pod; false when one could not be created (FailedCreate said). */
function createOrdinal(ctx: SimulationContext, stored: Stored, ordinal: number, template: Obj, revision: string): boolean {
  const set = stored.object;
  const spec = obj(set.spec) ?? {};
  const podName = `${nameOf(set)}-${ordinal}`;
  const volumes = Array.isArray(obj(template.spec)?.volumes) ? [...(obj(template.spec)!.volumes as unknown[])] : [];
  for (const claimTemplate of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    const ct = obj(claimTemplate);
    const ctName = String(obj(ct?.metadata)?.name ?? '');
    const claimName = `${ctName}-${podName}`;
    // updateStorage (stateful_set_utils.go): the claim replaces a template volume of the same name.
    const volume = { name: ctName, persistentVolumeClaim: { claimName } };
    const same = volumes.findIndex((v) => obj(v)?.name === ctName);
    if (same >= 0) volumes[same] = volume;
    else volumes.push(volume);
    if (ctx.store.has('PersistentVolumeClaim', namespaceOf(set), claimName)) continue;
    const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...(obj(ct?.metadata) ?? {}), name: claimName, namespace: namespaceOf(set), labels: { ...(obj(obj(ct?.metadata)?.labels) ?? {}) } }, spec: obj(ct?.spec) ?? {} };
    const made = ctx.api.create(claim, namespaceOf(set), stored.source);
    if (made.error) {
      ctx.failedCreate(set, `create Claim ${claimName} for Pod ${podName} in StatefulSet ${nameOf(set)} failed error: ${made.error.message}`, made.error, stored.source);
      return false;
    }
    ctx.emit('kube-controller-manager', 'Normal', set, 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${nameOf(set)} success`, stored.source);
  }
  const podSpec: Obj = { ...(obj(template.spec) ?? {}), hostname: podName, ...(typeof spec.serviceName === 'string' && spec.serviceName ? { subdomain: spec.serviceName } : {}) };
  if (volumes.length) podSpec.volumes = volumes;
  const made = createPodFromTemplate(ctx, set, template, {
    name: podName,
    labels: { 'apps.kubernetes.io/pod-index': String(ordinal), [REVISION_LABEL]: revision, 'statefulset.kubernetes.io/pod-name': podName },
    spec: podSpec,
  });
  if ('error' in made) {
    ctx.failedCreate(set, `create Pod ${podName} in StatefulSet ${nameOf(set)} failed error: ${made.error.message}`, made.error, stored.source);
    return false;
  }
  const message = `create Pod ${podName} in StatefulSet ${nameOf(set)} successful`;
  ctx.emit('kube-controller-manager', 'Normal', set, 'SuccessfulCreate', message, stored.source);
  ctx.rolloutStep(set, message);
  return true;
}

export { controllerRef };
