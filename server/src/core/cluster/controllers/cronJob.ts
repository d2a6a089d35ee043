import { obj, type Obj } from '../../model/obj';
import type { SimulationContext } from '../context';
import { nextRun, parseCron } from '../../model/cron';
import { nameOf, namespaceOf, type Stored } from '../store';
import { controllerRef } from './podFactory';

/**
 * The CronJob controller (pkg/controller/cronjob): shown as its next Job, named `<cronjob>-<minutes
 * since the epoch of the scheduled time>`, scheduled after the profile's clock (spec.clock).
 */
export function syncCronJob(ctx: SimulationContext, stored: Stored): boolean {
  const cj = stored.object;
  if (!ctx.firstSync(cj)) return false;
  const spec = obj(cj.spec) ?? {};
  if (spec.suspend === true) {
    ctx.emit('kube-controller-manager', 'Normal', cj, 'Suspended', 'CronJob is suspended: no Job is created', stored.source);
    return true;
  }
  const schedule = parseCron(String(spec.schedule ?? ''));
  if (typeof schedule === 'string') {
    ctx.emit('kube-controller-manager', 'Warning', cj, 'UnparseableSchedule', `unparseable schedule: "${String(spec.schedule)}" : ${schedule}`, stored.source);
    return true;
  }
  const when = nextRun(schedule, new Date(ctx.settings.clock));
  if (!when) return true;
  const timeZone = typeof spec.timeZone === 'string' && spec.timeZone !== 'Etc/UTC' && spec.timeZone !== 'UTC' ? spec.timeZone : undefined;
  const name = `${nameOf(cj)}-${Math.floor(when.getTime() / 60000)}`;
  const template = obj(spec.jobTemplate) ?? {};
  const tmeta = obj(template.metadata) ?? {};
  const job: Obj = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      ...tmeta,
      name,
      namespace: namespaceOf(cj),
      annotations: { ...(obj(tmeta.annotations) ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': when.toISOString().replace('.000Z', 'Z') },
      ownerReferences: [controllerRef(cj)],
    },
    spec: obj(template.spec) ?? {},
  };
  const created = ctx.api.create(job, namespaceOf(cj), stored.source);
  if (created.error) ctx.failedCreate(cj, `Error creating job: ${created.error.message}`, created.error, stored.source);
  else {
    const note = timeZone ? ` (scheduled in UTC: timeZone ${timeZone} is not applied by the simulation)` : '';
    ctx.emit('kube-controller-manager', 'Normal', cj, 'SuccessfulCreate', `Created job ${name}${note}`, stored.source);
  }
  return true;
}
