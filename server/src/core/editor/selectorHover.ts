import { obj, type Obj } from '../model/obj';
import type { JsonPath } from '../yaml/nodeAt';
import type { SimulationResult } from '../cluster/simulate';
import { labelSelector, labelsOf, selectorFromSet, type Selector } from '../scheduler/labels';

/** Where each kind keeps a pod selector, and how it reads it (a Service's is a map; the others are LabelSelectors). */
const SELECTORS: Record<string, { path: string; selector: (raw: unknown) => Selector | undefined }> = {
  Service: { path: 'spec.selector', selector: (raw) => (Object.keys(labelsOf(raw)).length ? selectorFromSet(labelsOf(raw)) : undefined) },
  PodDisruptionBudget: { path: 'spec.selector', selector: (raw) => labelSelector(raw) },
  NetworkPolicy: { path: 'spec.podSelector', selector: (raw) => labelSelector(raw) },
};

const MAX_SHOWN = 10;

/** The owner a pod is shown by: its workload (a Deployment's, not its ReplicaSet's). */
function ownerOf(pod: Obj, objects: Obj[]): string {
  const ref = obj(Array.isArray(obj(pod.metadata)?.ownerReferences) ? (obj(pod.metadata)!.ownerReferences as unknown[])[0] : undefined);
  if (!ref) return 'Pod';
  if (ref.kind === 'ReplicaSet') {
    const rs = objects.find((o) => o.kind === 'ReplicaSet' && obj(o.metadata)?.name === ref.name && obj(o.metadata)?.namespace === obj(pod.metadata)?.namespace);
    const deployment = obj(Array.isArray(obj(rs?.metadata)?.ownerReferences) ? (obj(rs!.metadata)!.ownerReferences as unknown[])[0] : undefined);
    if (deployment) return `${String(deployment.kind)}/${String(deployment.name)}`;
  }
  return `${String(ref.kind)}/${String(ref.name)}`;
}

/**
 * On a Service's `selector`, a PodDisruptionBudget's `selector` or a NetworkPolicy's `podSelector`:
 * the pods it selects in the simulation of the workspace (same namespace), by workload, with their
 * nodes — what the selector really matches, across files.
 */
export function selectorHover(simulation: SimulationResult, object: unknown, path: JsonPath, defaultNamespace: string): string | undefined {
  const o = obj(object);
  const kind = typeof o?.kind === 'string' ? o.kind : '';
  const where = SELECTORS[kind];
  if (!o || !where || path.join('.') !== where.path) return undefined;
  const raw = path.reduce<unknown>((v, k) => obj(v)?.[k as string], o);
  const selector = where.selector(raw);
  if (!selector) return undefined;
  const namespace = typeof obj(o.metadata)?.namespace === 'string' && obj(o.metadata)!.namespace ? String(obj(o.metadata)!.namespace) : defaultNamespace;
  const pods = simulation.objects.filter((p) => p.kind === 'Pod' && (obj(p.metadata)?.namespace ?? defaultNamespace) === namespace && selector.matches(labelsOf(obj(p.metadata)?.labels)));
  if (pods.length === 0) return `**Selects no pod** of the workspace in namespace \`${namespace}\` (in the simulation).`;
  const byOwner = new Map<string, Obj[]>();
  for (const p of pods) {
    const owner = ownerOf(p, simulation.objects);
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), p]);
  }
  const lines = [...byOwner].map(([owner, list]) => {
    const shown = list.slice(0, MAX_SHOWN).map((p) => `\`${String(obj(p.metadata)?.name)}\`${obj(p.spec)?.nodeName ? ` on ${String(obj(p.spec)!.nodeName)}` : ' (not scheduled)'}`);
    return `- ${owner}: ${shown.join(', ')}${list.length > MAX_SHOWN ? `, … (${list.length} in all)` : ''}`;
  });
  return `**Selects ${pods.length} pod${pods.length === 1 ? '' : 's'}** in namespace \`${namespace}\` (in the simulation):\n\n${lines.join('\n')}`;
}
