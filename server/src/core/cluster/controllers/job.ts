import { obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { metaOf, nameOf, type Stored } from '../store';
import { createPodFromTemplate } from './podFactory';
import { podsToCreate } from './podLimit';
import { count } from '../../resources/workloads';


/**
 * The Job controller (pkg/controller/job): `parallelism` pods at once, never more than `completions`;
 * pods named `<job>-<suffix>` (`<job>-<index>-<suffix>` when Indexed) with the job labels. Pods run
 * until they finish; the simulation stops at Running (no time passes), so completions are not replayed.
 */
export function syncJob(ctx: SimulationContext, stored: Stored): boolean {
  const job = stored.object;
  if (!ctx.firstSync(job)) return false;
  const uid = String(metaOf(job).uid);
  const spec = obj(job.spec) ?? {};
  if (spec.suspend === true) {
    ctx.emit('kube-controller-manager', 'Normal', job, 'Suspended', 'Job suspended', stored.source);
    return true;
  }
  const parallelism = count(spec.parallelism, 1);
  const completions = spec.completions === undefined || spec.completions === null ? undefined : count(spec.completions, 1);
  const active = podsToCreate(ctx, job, completions === undefined ? parallelism : Math.min(parallelism, completions), stored.source);
  const indexed = spec.completionMode === 'Indexed';
  const template = obj(spec.template) ?? {};
  const jobLabels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': nameOf(job), 'controller-uid': uid, 'job-name': nameOf(job) };
  for (let i = 0; i < active; i++) {
    const made = createPodFromTemplate(ctx, job, template, {
      seed: String(i),
      generateName: indexed ? `${nameOf(job)}-${i}-` : `${nameOf(job)}-`,
      labels: { ...jobLabels, ...(indexed ? { 'batch.kubernetes.io/job-completion-index': String(i) } : {}) },
      annotations: indexed ? { 'batch.kubernetes.io/job-completion-index': String(i) } : {},
      spec: { ...(obj(template.spec) ?? {}), ...(indexed ? { hostname: `${nameOf(job)}-${i}` } : {}) },
    });
    if ('pod' in made) ctx.emit('kube-controller-manager', 'Normal', job, 'SuccessfulCreate', `Created pod: ${nameOf(made.pod)}`, stored.source);
    else {
      ctx.failedCreate(job, `Error creating: ${made.error.message}`, made.error, stored.source);
      break;
    }
  }
  return true;
}
