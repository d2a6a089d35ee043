import { obj } from '../../model/obj';
import { RULES } from '../../rules';
import { labelSelector } from '../../scheduler/labels';
import type { SimulationFinding } from '../../cluster/findings/types';
import { findingAt, nameOf, relatedAt, type WorkspaceObjects } from './objects';
import { nearTemplates, selectsPods } from './podLabels';

/** Workloads whose pod count is fixed by the manifest (a DaemonSet's follows the nodes, a Job's ends). */
const COUNTED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'Pod']);

/**
 * PodDisruptionBudgets against the pod templates of their namespace: a selector that matches none
 * (KP190), and one whose minAvailable is at or above the replicas it covers, or whose maxUnavailable
 * is 0 (KP191): the eviction API then refuses every voluntary eviction (`Cannot evict pod as it would
 * violate the pod's disruption budget`), so `kubectl drain` and node upgrades wait forever. Workloads
 * an autoscaler scales are left out of the count (their replicas change).
 */
export function disruptionFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const out: SimulationFinding[] = [];
  const autoscaled = new Set(objects.list('autoscaling', 'HorizontalPodAutoscaler').map((h) => `${objects.namespaceOf(h)}/${String(obj(obj(h.object.spec)?.scaleTargetRef)?.kind)}/${String(obj(obj(h.object.spec)?.scaleTargetRef)?.name)}`));
  for (const pdb of objects.list('policy', 'PodDisruptionBudget')) {
    if (pdb.invalid || pdb.object.apiVersion !== 'policy/v1') continue;
    const spec = obj(pdb.object.spec) ?? {};
    const namespace = objects.namespaceOf(pdb);
    const select = labelSelector(spec.selector);
    const matched = objects.templates(namespace).filter((t) => selectsPods(select, t));
    const name = `PodDisruptionBudget ${nameOf(pdb)}`;
    if (matched.length === 0) {
      const near = objects.isOperated(namespace, pdb.file) ? [] : nearTemplates(select, objects.templates(namespace));
      if (near.length) {
        const path = spec.selector === undefined ? ['spec'] : ['spec', 'selector'];
        out.push(findingAt(RULES.disruptionBudgetSelectsNothing, pdb, path, `${name} selects no pod template in namespace "${namespace}": it protects nothing`, near.map((t) => relatedAt(t.manifest, [...t.metadataPath, 'labels'], `the pod template of ${t.owner} comes close`))));
      }
      continue;
    }
    if (matched.some((t) => t.manifest.invalid || !COUNTED.has(t.workload.kind) || autoscaled.has(`${namespace}/${t.workload.kind}/${t.workload.name}`))) continue;
    const total = matched.reduce((n, t) => n + (t.workload.replicas ?? 0), 0);
    if (total === 0) continue;
    const pods = `the ${total} pod${total === 1 ? '' : 's'} it selects (${matched.map((t) => `${t.owner} ×${t.workload.replicas}`).join(', ')})`;
    let blocking: { path: string; message: string } | undefined;
    const min = spec.minAvailable;
    const max = spec.maxUnavailable;
    if ((typeof min === 'number' && min >= total) || min === '100%') blocking = { path: 'minAvailable', message: `minAvailable ${String(min)} of ${pods}` };
    else if (max === 0 || max === '0%') blocking = { path: 'maxUnavailable', message: `maxUnavailable ${String(max)} for ${pods}` };
    if (!blocking) continue;
    out.push(
      findingAt(
        RULES.disruptionBudgetBlocksEviction,
        pdb,
        ['spec', blocking.path],
        `${name}: ${blocking.message}: no pod may ever be evicted voluntarily, so kubectl drain and node upgrades wait forever; allow at least one disruption (minAvailable below the replicas, or maxUnavailable: 1)`,
        matched.map((t) => relatedAt(t.manifest, t.workload.kind === 'Pod' ? undefined : ['spec', 'replicas'], `${t.owner} runs ${t.workload.replicas} pod${t.workload.replicas === 1 ? '' : 's'}`)),
      ),
    );
  }
  return out;
}
