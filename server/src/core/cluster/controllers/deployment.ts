import { obj, type Obj } from '../../model/obj';
import { sameJson } from '../../model/sameJson';
import type { SimulationContext } from '../context';
import { podTemplateHash } from '../names';
import { timeOf } from '../timestamps';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef } from './podFactory';
import { isRunningAndReady } from '../kubelet';
import { maxSurge, newRSNewReplicas, type DeploymentRolloutSpec } from '../rollout/deploymentUtil';
import { rollingUpdateStep, type ReplicaSetCounts } from '../rollout/rolling';
import { recreateStep } from '../rollout/recreate';

const REVISION = 'deployment.kubernetes.io/revision';


/**
 * EqualIgnoreHash (deployment_util.go): two pod templates are equal once the pod-template-hash label
 * is left out. Compared in place (missing and undefined fields alike, as in JSON), nothing serialized.
 */
export function equalIgnoreHash(a: unknown, b: unknown): boolean {
  const ta = obj(a) ?? {};
  const tb = obj(b) ?? {};
  const ma = obj(ta.metadata) ?? {};
  const mb = obj(tb.metadata) ?? {};
  return sameJson(ta, tb, 'metadata') && sameJson(ma, mb, 'labels') && sameJson(obj(ma.labels) ?? {}, obj(mb.labels) ?? {}, 'pod-template-hash');
}

/** The Deployment's new ReplicaSet among the ones it owns: the one whose template is its own (FindNewReplicaSet). */
export function newReplicaSetOf(d: Obj, owned: Obj[]): Obj | undefined {
  const wanted = obj(d.spec)?.template;
  return owned.find((rs) => sameTemplate(obj(rs.spec)?.template, wanted));
}

/** The last comparison per ReplicaSet template (templates are never changed in place): a Deployment syncs many times. */
const compared = new WeakMap<object, { with: unknown; equal: boolean }>();

function sameTemplate(template: unknown, wanted: unknown): boolean {
  if (!template || typeof template !== 'object') return equalIgnoreHash(template, wanted);
  const last = compared.get(template);
  if (last && last.with === wanted) return last.equal;
  const equal = equalIgnoreHash(template, wanted);
  compared.set(template, { with: wanted, equal });
  return equal;
}

const replicasOf = (o: Obj): number => (typeof obj(o.spec)?.replicas === 'number' ? (obj(o.spec)!.replicas as number) : 1);

/** The pods a ReplicaSet owns, and how many are available (Running and Ready: minReadySeconds taken as passed). */
function podsOf(ctx: SimulationContext, rs: Obj): Obj[] {
  return ctx.store.ownedBy(metaOf(rs).uid, 'Pod');
}

const counts = (ctx: SimulationContext, rs: Obj, order: number): ReplicaSetCounts => ({ name: nameOf(rs), replicas: replicasOf(rs), available: podsOf(ctx, rs).filter(isRunningAndReady).length, creationTimestamp: order });

/**
 * The Deployment controller (pkg/controller/deployment): the ReplicaSet whose template is the
 * Deployment's is the new one (created `<deployment>-<pod-template-hash>` when there is none, with the
 * next revision); the others are old. Each sync is one step of the strategy — RollingUpdate
 * (rolling.go: scale the new one up within maxSurge, then the old ones down within maxUnavailable) or
 * Recreate (recreate.go: old ones to 0, wait for their pods to go, then the new one up) — as the
 * `ScalingReplicaSet` events say, until the new ReplicaSet has every replica available and the old
 * ones none. Synced when its spec changes and while its rollout is under way.
 */
export function syncDeployment(ctx: SimulationContext, stored: Stored): boolean {
  const d = stored.object;
  const changed = ctx.specChanged(d);
  const rollout = ctx.rollouts.get(`Deployment/${namespaceOf(d)}/${nameOf(d)}`);
  if (!changed && (!rollout || rollout.completes)) return false;
  // Nothing it reads (its ReplicaSets, their pods) was written since a sync that did nothing: neither will this one.
  const uid = metaOf(d).uid;
  const seen = ctx.store.writesOwnedBy(uid) + ctx.store.ownedBy(uid, 'ReplicaSet').reduce((n, rs) => n + ctx.store.writesOwnedBy(metaOf(rs).uid), 0);
  if (!changed && ctx.idleAt.get(String(uid)) === seen) return false;
  const progressed = rolloutStep(ctx, stored);
  if (!progressed) ctx.idleAt.set(String(uid), seen);
  return progressed;
}

/** One sync of the Deployment's strategy: true when it scaled or created a ReplicaSet. */
function rolloutStep(ctx: SimulationContext, stored: Stored): boolean {
  const d = stored.object;
  const spec = obj(d.spec) ?? {};
  if (spec.paused === true) return false;
  const uid = metaOf(d).uid;
  // Oldest first (creationTimestamp, then creation order), as the controller sorts them.
  const found = ctx.store.ownedBy(uid, 'ReplicaSet');
  const owned = found.length < 2 ? found : found.map((rs, i) => ({ rs, at: timeOf(metaOf(rs).creationTimestamp), i })).sort((a, b) => a.at - b.at || a.i - b.i).map((x) => x.rs);
  const newRS = newReplicaSetOf(d, owned);
  const old = owned.filter((rs) => rs !== newRS);
  const rolloutSpec = spec as DeploymentRolloutSpec;
  const desired = replicasOf(d);

  if (spec.strategy && obj(spec.strategy)?.type === 'Recreate') {
    const step = recreateStep(desired, newRS ? { replicas: replicasOf(newRS) } : undefined, old.map((rs) => ({ replicas: replicasOf(rs), statusReplicas: podsOf(ctx, rs).length, podPhases: podsOf(ctx, rs).map((p) => String(obj(p.status)?.phase ?? '')) })));
    if (step.phase === 'scaleDownOld') {
      const messages = old.filter((rs) => replicasOf(rs) > 0).map((rs) => scale(ctx, d, rs, 0, stored));
      ctx.rolloutStep(d, messages.join('; '));
      return true;
    }
    if (step.phase !== 'scaleUpNew') return false;
    if (!newRS) return createNewReplicaSet(ctx, stored, old, desired);
    ctx.rolloutStep(d, scale(ctx, d, newRS, desired, stored));
    return true;
  }

  if (!newRS) {
    const active = old.map((rs) => replicasOf(rs));
    const replicas = active.every((n) => n === 0) ? desired : newRSNewReplicas(rolloutSpec, active, 0);
    return createNewReplicaSet(ctx, stored, old, replicas);
  }
  const step = rollingUpdateStep(rolloutSpec, counts(ctx, newRS, old.length), old.map((rs, i) => counts(ctx, rs, i)));
  if (step.scaledUp) {
    ctx.rolloutStep(d, scale(ctx, d, newRS, step.newReplicas, stored));
    return true;
  }
  if (step.scaledDown) {
    const messages = old.flatMap((rs, i) => (step.oldReplicas[i] !== replicasOf(rs) ? [scale(ctx, d, rs, step.oldReplicas[i], stored)] : []));
    ctx.rolloutStep(d, messages.join('; '));
    return true;
  }
  return false;
}

/** Scales a ReplicaSet (the Deployment controller's scaleReplicaSet), with its event; returns the event's message. */
function scale(ctx: SimulationContext, d: Obj, rs: Obj, replicas: number, stored: Stored): string {
  const from = replicasOf(rs);
  const current = ctx.store.get('ReplicaSet', namespaceOf(rs), nameOf(rs))?.object ?? rs;
  const annotations = { ...(obj(metaOf(current).annotations) ?? {}), 'deployment.kubernetes.io/desired-replicas': String(replicasOf(d)), 'deployment.kubernetes.io/max-replicas': String(replicasOf(d) + maxSurge(obj(d.spec) as DeploymentRolloutSpec)) };
  ctx.store.update({ ...current, metadata: { ...metaOf(current), annotations }, spec: { ...(obj(current.spec) ?? {}), replicas } });
  const message = `Scaled ${replicas > from ? 'up' : 'down'} replica set ${nameOf(rs)} to ${replicas} from ${from}`;
  ctx.emit('kube-controller-manager', 'Normal', d, 'ScalingReplicaSet', message, stored.source);
  return message;
}

/**
 * The new ReplicaSet (sync.go getNewReplicaSet): `<deployment>-<pod-template-hash>`, with the hash as
 * label on it, its selector and its template, the next revision, and `replicas`.
 */
function createNewReplicaSet(ctx: SimulationContext, stored: Stored, old: Obj[], replicas: number): boolean {
  const d = stored.object;
  const spec = obj(d.spec) ?? {};
  const template = obj(spec.template) ?? {};
  const hash = podTemplateHash(template);
  const tmeta = obj(template.metadata) ?? {};
  const selector = obj(spec.selector) ?? {};
  const name = `${nameOf(d)}-${hash}`;
  const revision = Math.max(0, ...old.map((rs) => Number(obj(metaOf(rs).annotations)?.[REVISION] ?? 0) || 0)) + 1;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(metaOf(d).annotations) ?? {})) {
    if (k !== 'kubectl.kubernetes.io/last-applied-configuration' && k !== REVISION && typeof v === 'string') annotations[k] = v;
  }
  const desired = replicasOf(d);
  Object.assign(annotations, {
    'deployment.kubernetes.io/desired-replicas': String(desired),
    'deployment.kubernetes.io/max-replicas': String(desired + maxSurge(spec as DeploymentRolloutSpec)),
    [REVISION]: String(revision),
  });
  const rs: Obj = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: namespaceOf(d), labels: { ...(obj(tmeta.labels) ?? {}), 'pod-template-hash': hash }, annotations, ownerReferences: [controllerRef(d)] },
    spec: {
      replicas,
      ...(typeof spec.minReadySeconds === 'number' ? { minReadySeconds: spec.minReadySeconds } : {}),
      selector: { ...selector, matchLabels: { ...(obj(selector.matchLabels) ?? {}), 'pod-template-hash': hash } },
      template: { ...template, metadata: { ...tmeta, labels: { ...(obj(tmeta.labels) ?? {}), 'pod-template-hash': hash } } },
    },
  };
  const created = ctx.api.create(rs, namespaceOf(d), stored.source);
  if (created.error) {
    ctx.failedCreate(d, `Failed to create new replica set "${name}": ${created.error.message}`, created.error, stored.source);
    ctx.rolloutStep(d, `Failed to create new replica set "${name}"`);
    return true;
  }
  const message = `Scaled up replica set ${name} from 0 to ${replicas}`;
  if (replicas > 0) ctx.emit('kube-controller-manager', 'Normal', d, 'ScalingReplicaSet', message, stored.source);
  ctx.rolloutStep(d, replicas > 0 ? message : `Created replica set ${name} with 0 replicas`);
  return true;
}
