import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { revisionHash } from '../names';
import { metaOf, nameOf, namespaceOf, type Stored } from '../store';
import { isRunningAndReady } from '../kubelet';
import { daemonSetRollingUpdate, type DaemonSetNodeState, type DaemonSetUpdateStrategy } from '../rollout/daemonSet';
import { createPodFromTemplate } from './podFactory';
import { matchesNodeSelectorAndAffinity, untoleratedTaint } from '../nodeEligibility';

/** The tolerations the DaemonSet controller adds to its pods (pkg/controller/daemon/util AddOrUpdateDaemonPodTolerations). */
function daemonTolerations(spec: Obj): unknown[] {
  const added = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
    ...(spec.hostNetwork === true ? [{ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' }] : []),
  ];
  const own = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  return [...own, ...added.filter((a) => !own.some((t) => obj(t)?.key === a.key && obj(t)?.effect === a.effect))];
}

/** The node a DaemonSet pod is for: where it is bound, else the node its `metadata.name` affinity term pins. */
function nodeOfPod(pod: Obj): string | undefined {
  const spec = obj(pod.spec) ?? {};
  if (typeof spec.nodeName === 'string') return spec.nodeName;
  const terms = obj(obj(obj(spec.affinity)?.nodeAffinity)?.requiredDuringSchedulingIgnoredDuringExecution)?.nodeSelectorTerms;
  const field = (Array.isArray(terms) ? terms : []).flatMap((t) => (Array.isArray(obj(t)?.matchFields) ? (obj(t)!.matchFields as unknown[]) : [])).map(obj).find((f) => f?.key === 'metadata.name');
  return Array.isArray(field?.values) && typeof field.values[0] === 'string' ? field.values[0] : undefined;
}

/**
 * The DaemonSet controller (pkg/controller/daemon): one pod per node that should run it (taints,
 * nodeSelector, required node affinity), pinned to that node with a `matchFields metadata.name` node
 * affinity term; the default scheduler then binds it (since 1.12). A changed template rolls node by
 * node within maxUnavailable and maxSurge (update.go rollingUpdate, core/cluster/rollout): old pods
 * deleted, new ones created in their place. Each sync that creates or deletes pods is a step of its
 * rollout.
 */
export function syncDaemonSet(ctx: SimulationContext, stored: Stored): boolean {
  const ds = stored.object;
  const uid = String(metaOf(ds).uid);
  if (stored.live && !ctx.specChanged(ds) && !ctx.rollouts.has(`DaemonSet/${namespaceOf(ds)}/${nameOf(ds)}`)) return false;
  if (ctx.done.has(`${uid}/failed/${String(metaOf(ds).generation ?? 1)}`)) return false;
  const spec = obj(ds.spec) ?? {};
  const template = obj(spec.template) ?? {};
  const templateSpec = obj(template.spec) ?? {};
  const tolerations = daemonTolerations(templateSpec);
  const revision = revisionHash(template);
  const pods = ctx.store.ownedBy(metaOf(ds).uid, 'Pod');
  const states: DaemonSetNodeState[] = ctx.nodes.map((node) => ({
    name: nameOf(node),
    shouldRun: !untoleratedTaint(node, tolerations) && matchesNodeSelectorAndAffinity(templateSpec, node),
    pods: pods.filter((p) => nodeOfPod(p) === nameOf(node)).map((p) => ({ name: nameOf(p), updated: obj(metaOf(p).labels)?.['controller-revision-hash'] === revision, available: isRunningAndReady(p) })),
  }));
  const messages: string[] = [];
  let failed = false;
  const create = (nodeName: string) => {
    const made = createDaemonPod(ctx, ds, template, templateSpec, tolerations, revision, nodeName);
    if ('pod' in made) {
      messages.push(`Created pod: ${nameOf(made.pod)}`);
      ctx.emit('kube-controller-manager', 'Normal', ds, 'SuccessfulCreate', `Created pod: ${nameOf(made.pod)}`, stored.source);
    } else {
      failed = true;
      ctx.failedCreate(ds, `Error creating: ${made.error.message}`, made.error, stored.source);
    }
  };
  // manage: the nodes that should run a pod and have none get one.
  for (const node of states) if (node.shouldRun && node.pods.length === 0) create(node.name);
  if (messages.length === 0 && !failed) {
    const strategy = obj(spec.updateStrategy) ?? {};
    if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const rolling = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0, ...(obj(strategy.rollingUpdate) ?? {}) } } as DaemonSetUpdateStrategy;
      const step = daemonSetRollingUpdate(rolling, states);
      for (const name of step.podsToDelete) {
        const pod = pods.find((p) => nameOf(p) === name);
        if (!pod) continue;
        ctx.deletePod(pod);
        messages.push(`Deleted pod: ${name}`);
        ctx.emit('kube-controller-manager', 'Normal', ds, 'SuccessfulDelete', `Deleted pod: ${name}`, stored.source);
      }
      for (const node of step.nodesToCreate) create(node);
    }
  }
  if (failed) ctx.done.add(`${uid}/failed/${String(metaOf(ds).generation ?? 1)}`);
  if (messages.length) ctx.rolloutStep(ds, messages.join('; '));
  return messages.length > 0 || failed;
}

function createDaemonPod(ctx: SimulationContext, ds: Obj, template: Obj, templateSpec: Obj, tolerations: unknown[], revision: string, nodeName: string): ReturnType<typeof createPodFromTemplate> {
  const affinity = obj(templateSpec.affinity) ?? {};
  const spec: Obj = {
    ...templateSpec,
    tolerations,
    affinity: {
      ...affinity,
      nodeAffinity: {
        ...(obj(affinity.nodeAffinity) ?? {}),
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] },
      },
    },
  };
  return createPodFromTemplate(ctx, ds, template, { seed: `${nodeName}/${revision}`, labels: { 'controller-revision-hash': revision, 'pod-template-generation': String(metaOf(ds).generation ?? 1) }, spec });
}
