import { obj, type Obj } from '../../model/obj';
import { labelSelector, labelsOf } from '../../scheduler/labels';
import { parseCron } from '../../model/cron';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';
import { validatePodSpec } from './podSpec';

/**
 * The workload controllers' validation: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment),
 * pkg/apis/core/validation (ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC) and
 * pkg/apis/batch/validation (validateJobSpec, the pod template's restartPolicy).
 */

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function nonNegative(spec: Obj, field: string, path: PathSegment[], fe: FieldErrors): void {
  const v = num(spec[field]);
  if (v !== undefined && v < 0) fe.invalid([...path, field], v, 'must be greater than or equal to 0');
}

/** The template's labels as the message prints them; the selector's match (metav1.LabelSelectorAsSelector). */
function selectorMatchesTemplate(selector: unknown, template: Obj, path: PathSegment[], fe: FieldErrors): void {
  const labels = labelsOf(obj(template.metadata)?.labels);
  const s = labelSelector(selector);
  if (!s.empty && !s.matches(labels)) fe.invalid([...path, 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`');
}

const isEmptySelector = (selector: unknown): boolean => {
  const s = obj(selector);
  return !!s && Object.keys(obj(s.matchLabels) ?? {}).length === 0 && (!Array.isArray(s.matchExpressions) || s.matchExpressions.length === 0);
};

/** The pod template of a controller that keeps its pods running: restartPolicy Always, no deadline. */
function templateRunsForever(template: Obj, owner: string, path: PathSegment[], fe: FieldErrors, validateSpec = true): void {
  const spec = obj(template.spec) ?? {};
  if (validateSpec) validatePodSpec(spec, [...path, 'template', 'spec'], fe, { pod: false });
  const restart = spec.restartPolicy ?? 'Always';
  if (restart !== 'Always') fe.notSupported([...path, 'template', 'spec', 'restartPolicy'], restart, ['Always']);
  if (spec.activeDeadlineSeconds !== undefined && spec.activeDeadlineSeconds !== null) fe.forbidden([...path, 'template', 'spec', 'activeDeadlineSeconds'], `activeDeadlineSeconds in ${owner} is not Supported`);
}

/** Deployment and ReplicaSet share ReplicaSet's template messages (even "invalid for deployment"). */
function replicaSetLike(spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  nonNegative(spec, 'replicas', path, fe);
  if (spec.selector === undefined || spec.selector === null) fe.required([...path, 'selector']);
  else if (isEmptySelector(spec.selector)) fe.invalid([...path, 'selector'], {}, 'empty selector is invalid for deployment');
  const template = obj(spec.template) ?? {};
  selectorMatchesTemplate(spec.selector, template, path, fe);
  templateRunsForever(template, 'ReplicaSet', path, fe);
}

export function validateDeployment(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  replicaSetLike(spec, path, fe);
  const strategy = obj(spec.strategy) ?? {};
  const rolling = obj(strategy.rollingUpdate);
  if (strategy.type === 'Recreate' && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    fe.forbidden([...path, 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
  } else if (rolling && (strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    const at = [...path, 'strategy', 'rollingUpdate'];
    const unavailable = rolling.maxUnavailable ?? '25%';
    const surge = rolling.maxSurge ?? '25%';
    intOrPercent(unavailable, [...at, 'maxUnavailable'], fe);
    intOrPercent(surge, [...at, 'maxSurge'], fe);
    if (isZero(unavailable) && isZero(surge)) fe.invalid([...at, 'maxUnavailable'], unavailable, 'may not be 0 when `maxSurge` is 0');
    notOver100(unavailable, [...at, 'maxUnavailable'], fe);
  }
  nonNegative(spec, 'minReadySeconds', path, fe);
  nonNegative(spec, 'revisionHistoryLimit', path, fe);
  const deadline = num(spec.progressDeadlineSeconds);
  if (deadline !== undefined) {
    nonNegative(spec, 'progressDeadlineSeconds', path, fe);
    if (deadline <= (num(spec.minReadySeconds) ?? 0)) fe.invalid([...path, 'progressDeadlineSeconds'], deadline, 'must be greater than minReadySeconds');
  }
}

export function validateReplicaSet(spec: Obj, fe: FieldErrors): void {
  replicaSetLike(spec, ['spec'], fe);
  nonNegative(spec, 'minReadySeconds', ['spec'], fe);
}

export function validateReplicationController(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  nonNegative(spec, 'replicas', path, fe);
  const template = obj(spec.template) ?? {};
  // SetDefaults_ReplicationController: an empty selector is the template's labels.
  const given = obj(spec.selector);
  const selector = given && Object.keys(given).length ? given : obj(obj(template.metadata)?.labels);
  if (!selector || Object.keys(selector).length === 0) fe.required([...path, 'selector']);
  else {
    const labels = labelsOf(obj(template.metadata)?.labels);
    if (!Object.entries(labelsOf(selector)).every(([k, v]) => labels[k] === v)) fe.invalid([...path, 'template', 'metadata', 'labels'], labels, '`selector` does not match template `labels`');
  }
  templateRunsForever(template, 'ReplicationController', path, fe);
}

export function validateDaemonSet(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  const template = obj(spec.template) ?? {};
  // A DaemonSet without a selector gets only the labels error (upstream asks for no Required value).
  selectorMatchesTemplate(spec.selector, template, path, fe);
  if (isEmptySelector(spec.selector)) fe.invalid([...path, 'selector'], {}, 'empty selector is invalid for daemonset');
  templateRunsForever(template, 'DaemonSet', path, fe);
  nonNegative(spec, 'minReadySeconds', path, fe);
  nonNegative(spec, 'revisionHistoryLimit', path, fe);
}

export function validateStatefulSet(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') fe.invalid([...path, 'podManagementPolicy'], policy, "must be 'OrderedReady' or 'Parallel'");
  nonNegative(spec, 'replicas', path, fe);
  nonNegative(spec, 'minReadySeconds', path, fe);
  if (spec.selector === undefined || spec.selector === null) fe.required([...path, 'selector']);
  else if (isEmptySelector(spec.selector)) fe.invalid([...path, 'selector'], {}, 'empty selector is invalid for statefulset');
  const template = obj(spec.template) ?? {};
  selectorMatchesTemplate(spec.selector, template, path, fe);
  // Upstream does not validate a StatefulSet's pod spec (its pods fail later, at creation).
  templateRunsForever(template, 'StatefulSet', path, fe, false);
}

/** validateJobSpec's template: defaulting makes a missing restartPolicy Always, which a Job refuses. */
export function validateJob(spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  nonNegative(spec, 'parallelism', path, fe);
  nonNegative(spec, 'completions', path, fe);
  nonNegative(spec, 'backoffLimit', path, fe);
  const template = obj(spec.template) ?? {};
  const podSpec = obj(template.spec) ?? {};
  validatePodSpec(podSpec, [...path, 'template', 'spec'], fe, { pod: false });
  const restart = podSpec.restartPolicy ?? 'Always';
  const at = [...path, 'template', 'spec', 'restartPolicy'];
  if (restart === 'Always' || restart === '') fe.required(at, 'valid values: "OnFailure", "Never"');
  else if (restart !== 'OnFailure' && restart !== 'Never') fe.notSupported(at, restart, ['OnFailure', 'Never']);
  if (spec.completionMode === 'Indexed' && (spec.completions === undefined || spec.completions === null)) fe.required([...path, 'completions'], 'when completion mode is Indexed');
}

/** validateCronJobSpec: the schedule as robfig/cron parses it (its error verbatim), then the Job template. */
export function validateCronJob(spec: Obj, fe: FieldErrors): void {
  const schedule = spec.schedule;
  if (typeof schedule === 'string') {
    const parsed = schedule === '' ? undefined : parseCron(schedule);
    if (schedule === '') fe.required(['spec', 'schedule']);
    else if (typeof parsed === 'string') fe.invalid(['spec', 'schedule'], schedule, parsed);
    else if (schedule.includes('TZ')) fe.invalid(['spec', 'schedule'], schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
  }
  nonNegative(spec, 'startingDeadlineSeconds', ['spec'], fe);
  const jobSpec = obj(obj(spec.jobTemplate)?.spec) ?? {};
  validateJob(jobSpec, ['spec', 'jobTemplate', 'spec'], fe);
  nonNegative(spec, 'successfulJobsHistoryLimit', ['spec'], fe);
  nonNegative(spec, 'failedJobsHistoryLimit', ['spec'], fe);
}

// intstr helpers (k8s.io/apimachinery/pkg/util/validation, apps validation ValidatePositiveIntOrPercent).
const PERCENT = /^[0-9]+%$/;

function intOrPercent(v: unknown, path: PathSegment[], fe: FieldErrors): void {
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) fe.invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
  } else if (typeof v === 'number' && v < 0) fe.invalid(path, v, 'must be greater than or equal to 0');
}

const isZero = (v: unknown): boolean => v === 0 || (typeof v === 'string' && PERCENT.test(v) && Number(v.slice(0, -1)) === 0) || (typeof v === 'string' && !PERCENT.test(v));

function notOver100(v: unknown, path: PathSegment[], fe: FieldErrors): void {
  if (typeof v === 'string' && PERCENT.test(v) && Number(v.slice(0, -1)) > 100) fe.invalid(path, v, 'must not be greater than 100%');
}
