import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { revisionHash } from '../names';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef, createPodFromTemplate } from './podFactory';
import { MAX_PODS_PER_CONTROLLER, podsToCreate } from './podLimit';
import { isRunningAndReady } from '../kubelet';

/**
 * The StatefulSet controller (pkg/controller/statefulset/stateful_set_control.go): pods `<name>-<ordinal>`
 * with their claims from volumeClaimTemplates created first. With the default OrderedReady policy,
 * ordinal i+1 is created only once ordinal i is Running and Ready; Parallel creates them all at once.
 * Returns true when it created something (the simulation loop then runs the scheduler and kubelet).
 */
export function syncStatefulSet(ctx: SimulationContext, stored: Stored): boolean {
  const set = stored.object;
  const uid = String(metaOf(set).uid);
  if (ctx.done.has(uid)) return false;
  const spec = obj(set.spec) ?? {};
  const wanted = typeof spec.replicas === 'number' ? spec.replicas : 1;
  // Said once: with OrderedReady the controller comes back here after every pod.
  const limitSaid = `${uid}/pod-limit`;
  const replicas = ctx.done.has(limitSaid) ? Math.min(wanted, MAX_PODS_PER_CONTROLLER) : podsToCreate(ctx, set, wanted, stored.source);
  ctx.done.add(limitSaid);
  const start = typeof obj(spec.ordinals)?.start === 'number' ? (obj(spec.ordinals)!.start as number) : 0;
  const parallel = spec.podManagementPolicy === 'Parallel';
  const template = obj(spec.template) ?? {};
  const revision = `${nameOf(set)}-${revisionHash(template)}`;
  let progressed = false;
  for (let i = 0; i < replicas; i++) {
    const ordinal = start + i;
    const podName = `${nameOf(set)}-${ordinal}`;
    const existing = ctx.store.get('Pod', namespaceOf(set), podName);
    if (existing) {
      if (!parallel && !isRunningAndReady(existing.object)) return progressed;
      continue;
    }
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
        ctx.done.add(uid);
        return true;
      }
      ctx.emit('kube-controller-manager', 'Normal', set, 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${nameOf(set)} success`, stored.source);
    }
    const podSpec: Obj = { ...(obj(template.spec) ?? {}), hostname: podName, ...(typeof spec.serviceName === 'string' && spec.serviceName ? { subdomain: spec.serviceName } : {}) };
    if (volumes.length) podSpec.volumes = volumes;
    const made = createPodFromTemplate(ctx, set, template, {
      name: podName,
      labels: { 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': revision, 'statefulset.kubernetes.io/pod-name': podName },
      spec: podSpec,
    });
    progressed = true;
    if ('error' in made) {
      ctx.failedCreate(set, `create Pod ${podName} in StatefulSet ${nameOf(set)} failed error: ${made.error.message}`, made.error, stored.source);
      ctx.done.add(uid);
      return true;
    }
    ctx.emit('kube-controller-manager', 'Normal', set, 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${nameOf(set)} successful`, stored.source);
    if (!parallel) return true;
  }
  ctx.done.add(uid);
  return progressed;
}

export { controllerRef };
