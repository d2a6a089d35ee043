import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { revisionHash } from '../names';
import { nameOf, type Stored } from '../store';
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

/**
 * The DaemonSet controller: one pod per node that should run it (taints, nodeSelector, required node
 * affinity), pinned to that node with a `matchFields metadata.name` node affinity term; the default
 * scheduler then binds it (since 1.12).
 */
export function syncDaemonSet(ctx: SimulationContext, stored: Stored): boolean {
  const ds = stored.object;
  if (!ctx.firstSync(ds)) return false;
  const template = obj(obj(ds.spec)?.template) ?? {};
  const templateSpec = obj(template.spec) ?? {};
  const tolerations = daemonTolerations(templateSpec);
  const revision = revisionHash(template);
  for (const node of ctx.nodes) {
    const nodeName = nameOf(node);
    if (untoleratedTaint(node, tolerations) || !matchesNodeSelectorAndAffinity(templateSpec, node)) continue;
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
    const made = createPodFromTemplate(ctx, ds, template, { seed: nodeName, labels: { 'controller-revision-hash': revision, 'pod-template-generation': '1' }, spec });
    if ('pod' in made) ctx.emit('kube-controller-manager', 'Normal', ds, 'SuccessfulCreate', `Created pod: ${nameOf(made.pod)}`, stored.source);
    else ctx.failedCreate(ds, `Error creating: ${made.error.message}`, made.error, stored.source);
  }
  return true;
}
