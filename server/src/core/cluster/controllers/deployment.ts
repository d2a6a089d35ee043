import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { podTemplateHash } from '../names';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef } from './podFactory';

/**
 * The Deployment controller's first rollout (pkg/controller/deployment/sync.go): a new ReplicaSet named
 * `<deployment>-<pod-template-hash>`, with the hash as label on it, its selector and its template, and
 * the revision annotations; then `ScalingReplicaSet`.
 */
export function syncDeployment(ctx: SimulationContext, stored: Stored): boolean {
  const d = stored.object;
  if (!ctx.firstSync(d)) return false;
  const spec = obj(d.spec) ?? {};
  const template = obj(spec.template) ?? {};
  const hash = podTemplateHash(template);
  const tmeta = obj(template.metadata) ?? {};
  const selector = obj(spec.selector) ?? {};
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const surge = maxSurge(spec, replicas);
  const name = `${nameOf(d)}-${hash}`;
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(metaOf(d).annotations) ?? {})) {
    if (k !== 'kubectl.kubernetes.io/last-applied-configuration' && k !== 'deployment.kubernetes.io/revision' && typeof v === 'string') annotations[k] = v;
  }
  Object.assign(annotations, {
    'deployment.kubernetes.io/desired-replicas': String(replicas),
    'deployment.kubernetes.io/max-replicas': String(replicas + surge),
    'deployment.kubernetes.io/revision': '1',
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
    return true;
  }
  ctx.emit('kube-controller-manager', 'Normal', d, 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`, stored.source);
  return true;
}

/** maxSurge resolved against replicas (a percentage rounds up), as the revision annotations record it. */
function maxSurge(spec: Obj, replicas: number): number {
  const strategy = obj(spec.strategy);
  if (strategy?.type === 'Recreate') return 0;
  const value = obj(strategy?.rollingUpdate)?.maxSurge ?? '25%';
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(String(value));
  return m ? Math.ceil((Number(m[1]) * replicas) / 100) : 0;
}
