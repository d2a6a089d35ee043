import { cluster, type AnalysisSettings } from '../core';
import type { RenderOptions } from './inputs';
import { runSimulate } from './simulateCommand';

export interface PlanRun {
  plan: cluster.PlanEntry[];
  profile: cluster.ClusterProfile;
  /** Files that could not be read as text. */
  skipped: string[];
}

/** `kubeplan plan`: what applying the inputs changes in the cluster as it is (the state file), and each rollout's outcome. */
export function runPlan(paths: string[], clusterPath: string | undefined, statePath: string | undefined, settings: AnalysisSettings, readStdin: () => Buffer, render?: RenderOptions): PlanRun {
  // The plan prints no findings: best practices are not run (they never stop an apply), and the
  // files' findings are not gathered; what the API server refuses still is (the checks' errors). Nor
  // is the final state made (EndpointSlices, workload status): the plan is the changes and rollouts.
  const run = runSimulate(paths, clusterPath, { ...settings, bestPractices: false }, readStdin, render, statePath, { findings: false, nodeReports: 'unschedulable', finalState: false });
  return { plan: cluster.planOf(run.result), profile: run.profile, skipped: run.skipped.map((s) => `${s.name}: not simulated: ${s.skipped?.message}`) };
}

/** The JSON plan (docs/cli.md): `{"changes": [...]}`, stable. */
export function formatPlanJson(run: PlanRun): string {
  const changes = run.plan.map((e) => ({
    object: e.object,
    action: e.action,
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(e.diff ? { diff: e.diff.map((d) => ({ path: d.path, ...('old' in d ? { old: d.old } : {}), ...('new' in d ? { new: d.new } : {}) })) } : {}),
    ...(e.rollout ? { rollout: { steps: e.rollout.steps, completes: e.rollout.completes, ...(e.rollout.stalledAtStep !== undefined ? { stalledAtStep: e.rollout.stalledAtStep, reason: e.rollout.reason } : {}) } } : {}),
  }));
  return JSON.stringify({ changes }, null, 2) + '\n';
}

const SYMBOL: Record<cluster.PlanAction, string> = { create: '+', update: '~', unchanged: '=', rejected: '!' };
const value = (v: unknown): string => JSON.stringify(v);

/** The plan as terraform prints one: a symbol per object, the fields an update changes, each rollout's steps and outcome. */
export function formatPlanText(run: PlanRun): string {
  const { profile, plan } = run;
  const lines = [`cluster: ${profile.settings.name} (${profile.source}), ${profile.nodes.length} nodes${profile.stateSource ? `; state: ${profile.stateSource}, ${profile.live.length} objects` : '; no cluster state: every object is new'}`, ''];
  for (const e of plan) {
    lines.push(`  ${SYMBOL[e.action]} ${e.object}${e.action === 'unchanged' ? ' (unchanged)' : ''}`);
    if (e.message) lines.push(`      ${e.message.split('\n').join('\n      ')}`);
    for (const d of e.diff ?? []) {
      if (!('old' in d)) lines.push(`      + ${d.path}: ${value(d.new)}`);
      else if (!('new' in d)) lines.push(`      - ${d.path}: ${value(d.old)}`);
      else lines.push(`      ~ ${d.path}: ${value(d.old)} → ${value(d.new)}`);
    }
    if (e.rollout) {
      const r = e.rollout;
      lines.push(`      rollout: ${r.steps.length} step${r.steps.length === 1 ? '' : 's'}, ${r.completes ? 'completes' : `stalls at step ${r.stalledAtStep}: ${r.reason}`}`);
      for (const s of r.steps) lines.push(`        ${s.step}. ${s.message}`);
    }
  }
  const count = (a: cluster.PlanAction) => plan.filter((e) => e.action === a).length;
  const stalled = plan.filter((e) => e.rollout && !e.rollout.completes).length;
  const rollouts = plan.filter((e) => e.rollout).length;
  lines.push('', `Plan: ${count('create')} to create, ${count('update')} to update, ${count('unchanged')} unchanged, ${count('rejected')} rejected; ${rollouts} rollout${rollouts === 1 ? '' : 's'}${stalled ? `, ${stalled} stall${stalled === 1 ? 's' : ''}` : ''}.`);
  for (const s of run.skipped) lines.push(s);
  return lines.join('\n') + '\n';
}
