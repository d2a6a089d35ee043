import type { Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import type { SourceRef } from '../events';

/**
 * Most pods one controller creates in the simulation: enough for real workloads, and a bound on what
 * a typo (`replicas: 200000`) can cost the editor.
 */
export const MAX_PODS_PER_CONTROLLER = 5000;

/** How many of `wanted` pods to create, saying so (an event) when the rest are left out. */
export function podsToCreate(ctx: SimulationContext, owner: Obj, wanted: number, source?: SourceRef): number {
  if (wanted <= MAX_PODS_PER_CONTROLLER) return wanted;
  ctx.emit('kube-controller-manager', 'Warning', owner, 'NotSimulated', `only the first ${MAX_PODS_PER_CONTROLLER} of ${wanted} pods are simulated`, source);
  return MAX_PODS_PER_CONTROLLER;
}
