import type { SimulationFinding } from '../../cluster/findings/types';
import { WorkspaceObjects, type ReferenceInputs } from './objects';
import { serviceFindingsInSteps } from './services';
import { runToEnd } from '../../model/steps';
import { backendFindings } from './backends';
import { autoscalingFindings } from './autoscaling';
import { disruptionFindings } from './disruption';
import { networkPolicyFindings } from './networkPolicy';
import { missingReferenceFindings, referencesOf } from './missing';
import { keyFindings } from './keys';
import { duplicateFindings } from './duplicates';
import { probeFindings } from './probes';

export { WorkspaceObjects, type ReferenceInputs };

/**
 * What the workspace's objects say about each other, across files (KP162–KP169, KP190–KP196): Services
 * and the pod templates they select, routes and their Services, autoscalers, disruption budgets and
 * network policies and what they select, references to ConfigMaps, Secrets, classes and roles,
 * duplicates, probe ports. From the manifests alone, before any simulation: `kubeplan check` reports
 * them too.
 */
export function referenceFindings(objects: WorkspaceObjects): SimulationFinding[] {
  return runToEnd(referenceFindingsInSteps(objects));
}

/** The same in steps: the Services a few at a time, then each other family (the language server answers between steps). */
export function* referenceFindingsInSteps(objects: WorkspaceObjects): Generator<void, SimulationFinding[]> {
  const out = yield* serviceFindingsInSteps(objects);
  const families = [
    () => backendFindings(objects),
    () => autoscalingFindings(objects),
    () => disruptionFindings(objects),
    () => networkPolicyFindings(objects),
    () => missingReferenceFindings(objects, referencesOf(objects)),
    () => keyFindings(objects),
    () => duplicateFindings(objects),
    () => probeFindings(objects),
  ];
  for (const family of families) {
    yield;
    out.push(...family());
  }
  return out;
}
