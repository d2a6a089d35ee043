import type { FieldChange } from './fieldDiff';
import type { Manifest } from './manifests';

/** What `kubectl apply` does with one manifest's object. */
export type PlanAction = 'create' | 'update' | 'unchanged' | 'rejected';

export interface AppliedChange {
  manifest: Manifest;
  /** `Kind/namespace/name` (`Kind/name` when cluster-scoped). */
  object: string;
  action: PlanAction;
  /** The API server's (or kubectl's) message, for a rejected apply. */
  message?: string;
  /** The fields an update changes. */
  diff?: FieldChange[];
}

/** One step of a rollout: a controller's scaling, creation or deletion, as its event says it. */
export interface RolloutStep {
  /** Numbered from 1. */
  step: number;
  message: string;
}

/**
 * How a workload's pods move to its new template (or to its new replica count): the controller's
 * steps, and whether it gets there. A stalled rollout says at which step and why (the FitError of the
 * pod that cannot be scheduled, or the pod it waits for).
 */
export interface Rollout {
  /** `Kind/namespace/name` of the workload. */
  workload: string;
  steps: RolloutStep[];
  completes: boolean;
  stalledAtStep?: number;
  reason?: string;
}

/** One object of a plan: what the apply does with it, and its rollout when it is a workload that rolls. */
export interface PlanEntry {
  object: string;
  action: PlanAction;
  message?: string;
  diff?: FieldChange[];
  rollout?: Omit<Rollout, 'workload'>;
  /** Where its manifest is (file and the range of its `kind`). */
  source: { file: string; range: Manifest['range'] };
}

/**
 * The plan of a simulation: each manifest's object once (the last manifest of an object that is
 * written twice says what the apply ends with), in apply order, with its rollout.
 */
export function planOf(result: { changes: AppliedChange[]; rollouts: Map<string, Rollout> }): PlanEntry[] {
  const entries = new Map<string, PlanEntry>();
  let refused = 0;
  for (const c of result.changes) {
    const before = entries.get(c.object);
    // A later manifest of an object the apply already made that is refused: the object stays as made,
    // and the refusal is a change of its own.
    if (before && c.action === 'rejected' && before.action !== 'rejected') {
      entries.set(`${c.object}\u0000${++refused}`, { object: c.object, action: 'rejected', ...(c.message ? { message: c.message } : {}), source: { file: c.manifest.file, range: c.manifest.range } });
      continue;
    }
    // A second manifest of an object created earlier in the same apply is still a creation (merged).
    const action = before?.action === 'create' && c.action !== 'rejected' ? 'create' : c.action;
    entries.delete(c.object);
    entries.set(c.object, {
      object: c.object,
      action,
      ...(c.message ? { message: c.message } : {}),
      ...(action === 'update' && c.diff?.length ? { diff: c.diff } : {}),
      source: { file: c.manifest.file, range: c.manifest.range },
    });
  }
  for (const [ref, rollout] of result.rollouts) {
    const entry = entries.get(ref);
    if (!entry || entry.action === 'rejected' || entry.action === 'unchanged') continue;
    const { workload: _workload, ...rest } = rollout;
    entry.rollout = rest;
  }
  return [...entries.values()];
}

/** Whether the plan applies cleanly: nothing rejected, every rollout completes. */
export const planSucceeds = (plan: PlanEntry[]): boolean => plan.every((e) => e.action !== 'rejected' && (e.rollout?.completes ?? true));
