import { RULES } from '../rules';
import { obj } from '../model/obj';
import { groupOf, versionOf } from '../schema/apiLifecycle';
import { labelsOf, labelSelector, NOTHING, type Selector } from '../scheduler/labels';
import type { Manifest } from '../cluster/manifests';
import type { SimulationFinding } from '../cluster/findings/types';
import { findingAt, objectName, type WorkspaceObjects } from './references/objects';

/** A PodDisruptionBudget of the workspace: its namespace and what it selects. */
interface Budget {
  namespace: string;
  selector: Selector;
}

/**
 * The disruption controller's selector (pkg/controller/disruption): in policy/v1 an empty selector
 * selects every pod of the namespace; in v1beta1 it selected none. A missing one selects none.
 */
function budgetSelector(m: Manifest): Selector {
  const raw = obj(m.object.spec)?.selector;
  const empty = obj(raw) && Object.keys(obj(raw)!).length === 0;
  return empty && versionOf(m.object.apiVersion) === 'v1beta1' ? NOTHING : labelSelector(raw);
}

/**
 * KP197 (information): a Deployment or StatefulSet that asks for more than one replica, and no
 * PodDisruptionBudget of the workspace, in its namespace, selects its pods. Voluntary disruptions
 * (`kubectl drain`, node upgrades, the cluster autoscaler) then evict its pods without waiting for
 * the others to be ready, so every replica can be down at once; one replica gains nothing from a
 * budget. The budget may live in another file: the whole workspace is searched.
 */
export function disruptionBudgetFindings(objects: WorkspaceObjects): SimulationFinding[] {
  const manifests = objects.inputs.manifests;
  const budgets: Budget[] = manifests
    .filter((m) => m.object.kind === 'PodDisruptionBudget' && groupOf(m.object.apiVersion) === 'policy')
    .map((m) => ({ namespace: objects.namespaceOf(m), selector: budgetSelector(m) }));
  const out: SimulationFinding[] = [];
  // An object written in several files (variants of one app) is one cause: one finding, the others related.
  const reported = new Map<string, SimulationFinding>();
  for (const m of manifests) {
    const { kind, apiVersion } = m.object;
    if ((kind !== 'Deployment' && kind !== 'StatefulSet') || groupOf(apiVersion) !== 'apps' || m.invalid) continue;
    const spec = obj(m.object.spec);
    const replicas = spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 2) continue;
    const labels = labelsOf(obj(obj(spec?.template)?.metadata)?.labels);
    const namespace = objects.namespaceOf(m);
    if (budgets.some((b) => b.namespace === namespace && b.selector.matches(labels))) continue;
    const key = `${kind}/${namespace}/${objectName(m)}`;
    const first = reported.get(key);
    if (first) {
      (first.related ??= []).push({ file: m.file, range: m.locate(['spec', 'replicas']), message: `${kind} ${objectName(m)} is written here too` });
      continue;
    }
    const message = `${kind} ${objectName(m)} runs ${replicas} replicas and no PodDisruptionBudget in namespace ${namespace} selects its pods: a node drain or upgrade evicts them without waiting for the others to be ready, so all can be down at once`;
    const finding = findingAt(RULES.noPodDisruptionBudget, m, ['spec', 'replicas'], message);
    reported.set(key, finding);
    out.push(finding);
  }
  return out;
}
