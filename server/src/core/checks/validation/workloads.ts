import { obj, type Obj } from '../../model/obj';
import { labelSelector, labelsOf } from '../../scheduler/labels';
import { loadLocation, parseCron } from '../../model/cron';
import { isDNS1123Label } from '../../schema/apimachineryValidation';
import type { FieldErrors, PathSegment } from '../../schema/fieldErrors';
import { validatePodSpec } from './podSpec';
import { validatePersistentVolumeClaimSpec } from './storage';

/**
 * The workload controllers' validation: pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateDaemonSetSpec, ValidateStatefulSetSpec,
 * ValidatePodTemplateSpecForReplicaSet, ValidateDeploymentStrategy, ValidateRollingUpdateDeployment),
 * pkg/apis/core/validation (ValidateReplicationControllerSpec, ValidatePodTemplateSpecForRC) and
 * pkg/apis/batch/validation (validateJobSpec, validateCronJobSpec).
 */

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => obj(x) ?? {}) : []);
const given = (v: unknown): boolean => v !== undefined && v !== null;

function nonNegative(spec: Obj, field: string, path: PathSegment[], fe: FieldErrors, at: PathSegment[] = [field]): void {
  const v = num(spec[field]);
  if (v !== undefined && v < 0) fe.invalid([...path, ...at], v, 'must be greater than or equal to 0');
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
function templateRunsForever(template: Obj, owner: string, path: PathSegment[], fe: FieldErrors, validateSpec = true, extraVolumes?: string[]): void {
  const spec = obj(template.spec) ?? {};
  if (validateSpec) validatePodSpec(spec, [...path, 'template', 'spec'], fe, { pod: false, extraVolumes });
  const restart = spec.restartPolicy ?? 'Always';
  if (restart !== 'Always') fe.notSupported([...path, 'template', 'spec', 'restartPolicy'], restart, ['Always']);
  if (given(spec.activeDeadlineSeconds)) fe.forbidden([...path, 'template', 'spec', 'activeDeadlineSeconds'], `activeDeadlineSeconds in ${owner} is not Supported`);
}

/** The selector of a Deployment or ReplicaSet (both say "invalid for deployment"), then its template. */
function replicaSetSelectorAndTemplate(spec: Obj, path: PathSegment[], fe: FieldErrors): void {
  if (!given(spec.selector)) fe.required([...path, 'selector']);
  else if (isEmptySelector(spec.selector)) fe.invalid([...path, 'selector'], {}, 'empty selector is invalid for deployment');
  const template = obj(spec.template) ?? {};
  selectorMatchesTemplate(spec.selector, template, path, fe);
  templateRunsForever(template, 'ReplicaSet', path, fe);
}

export function validateDeployment(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  nonNegative(spec, 'replicas', path, fe);
  replicaSetSelectorAndTemplate(spec, path, fe);
  const strategy = obj(spec.strategy) ?? {};
  const rolling = obj(strategy.rollingUpdate);
  if (strategy.type === 'Recreate' && given(strategy.rollingUpdate)) {
    fe.forbidden([...path, 'strategy', 'rollingUpdate'], "may not be specified when strategy `type` is 'Recreate'");
  } else if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate') {
    // SetDefaults_Deployment: 25% and 25% where unset.
    const at = [...path, 'strategy', 'rollingUpdate'];
    const unavailable = rolling?.maxUnavailable ?? '25%';
    const surge = rolling?.maxSurge ?? '25%';
    intOrPercent(unavailable, [...at, 'maxUnavailable'], fe);
    intOrPercent(surge, [...at, 'maxSurge'], fe);
    if (intOrPercentValue(unavailable) === 0 && intOrPercentValue(surge) === 0) fe.invalid([...at, 'maxUnavailable'], unavailable, 'may not be 0 when `maxSurge` is 0');
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

/** ValidateReplicaSetSpec: replicas and minReadySeconds come before the selector. */
export function validateReplicaSet(spec: Obj, fe: FieldErrors): void {
  nonNegative(spec, 'replicas', ['spec'], fe);
  nonNegative(spec, 'minReadySeconds', ['spec'], fe);
  replicaSetSelectorAndTemplate(spec, ['spec'], fe);
}

export function validateReplicationController(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  nonNegative(spec, 'replicas', path, fe);
  const template = obj(spec.template) ?? {};
  // SetDefaults_ReplicationController: an empty selector is the template's labels.
  const selectorGiven = obj(spec.selector);
  const selector = selectorGiven && Object.keys(selectorGiven).length ? selectorGiven : obj(obj(template.metadata)?.labels);
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
  validateDaemonSetUpdateStrategy(obj(spec.updateStrategy) ?? {}, [...path, 'updateStrategy'], fe);
  nonNegative(spec, 'revisionHistoryLimit', path, fe);
}

/**
 * ValidateDaemonSetUpdateStrategy / ValidateRollingUpdateDaemonSet, after SetDefaults_DaemonSet
 * (RollingUpdate with maxUnavailable 1 and maxSurge 0).
 */
function validateDaemonSetUpdateStrategy(strategy: Obj, path: PathSegment[], fe: FieldErrors): void {
  if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') return;
  const rolling = obj(strategy.rollingUpdate) ?? {};
  const at = [...path, 'rollingUpdate'];
  const unavailable = rolling.maxUnavailable ?? 1;
  const surge = rolling.maxSurge ?? 0;
  intOrPercent(unavailable, [...at, 'maxUnavailable'], fe);
  intOrPercent(surge, [...at, 'maxSurge'], fe);
  notOver100(unavailable, [...at, 'maxUnavailable'], fe);
  notOver100(surge, [...at, 'maxSurge'], fe);
  const hasUnavailable = intOrPercentValue(unavailable) !== 0;
  const hasSurge = intOrPercentValue(surge) !== 0;
  if (hasUnavailable && hasSurge) fe.invalid([...at, 'maxSurge'], surge, 'may not be set when maxUnavailable is non-zero');
  else if (!hasUnavailable && !hasSurge) fe.required([...at, 'maxUnavailable'], 'cannot be 0 when maxSurge is 0');
}

/**
 * ValidateStatefulSetSpec, after SetDefaults_StatefulSet (OrderedReady, RollingUpdate with partition
 * 0). From 1.34 the pod template and the volumeClaimTemplates are validated too (kubernetes#131790,
 * #132212), the claim templates' names counting as volumes.
 */
export function validateStatefulSet(spec: Obj, fe: FieldErrors): void {
  const path = ['spec'];
  const policy = spec.podManagementPolicy;
  if (given(policy) && policy !== '' && policy !== 'OrderedReady' && policy !== 'Parallel') fe.invalid([...path, 'podManagementPolicy'], policy, "must be 'OrderedReady' or 'Parallel'");
  const strategy = obj(spec.updateStrategy) ?? {};
  const type = strategy.type || 'RollingUpdate';
  const rolling = obj(strategy.rollingUpdate);
  if (type === 'OnDelete' && rolling) {
    // The value is the internal RollingUpdateStatefulSetStrategy.
    fe.invalid([...path, 'updateStrategy', 'rollingUpdate'], fe.goStruct('apps.RollingUpdateStatefulSetStrategy', [
      ['Partition', num(rolling.partition) ?? 0],
      ['MaxUnavailable', rolling.maxUnavailable ?? null, given(rolling.maxUnavailable) ? undefined : '(*intstr.IntOrString)(nil)'],
    ]), "only allowed for updateStrategy 'RollingUpdate'");
  } else if (type === 'RollingUpdate' && rolling) {
    const at = [...path, 'updateStrategy', 'rollingUpdate'];
    nonNegative(rolling, 'partition', at, fe);
    // maxUnavailable is dropped on create unless MaxUnavailableStatefulSet is on (beta, 1.35).
    const maxUnavailable = rolling.maxUnavailable;
    if (given(maxUnavailable) && fe.minor >= 35) {
      intOrPercent(maxUnavailable, [...at, 'maxUnavailable'], fe);
      if (intOrPercentValue(maxUnavailable) === 0) fe.invalid([...at, 'maxUnavailable'], maxUnavailable, 'cannot be 0');
      notOver100(maxUnavailable, [...at, 'maxUnavailable'], fe);
    }
  }
  const claimTemplates = list(spec.volumeClaimTemplates);
  if (fe.minor >= 34) claimTemplates.forEach((t, i) => validatePersistentVolumeClaimSpec(obj(t.spec) ?? {}, [...path, 'volumeClaimTemplates', i, 'spec'], fe));
  nonNegative(spec, 'replicas', path, fe);
  nonNegative(spec, 'minReadySeconds', path, fe);
  // Upstream's path is the one child "ordinals.start".
  nonNegative(obj(spec.ordinals) ?? {}, 'start', path, fe, ['ordinals.start']);
  const serviceName = typeof spec.serviceName === 'string' ? spec.serviceName : '';
  if (serviceName !== '') for (const msg of isDNS1123Label(serviceName)) fe.invalid([...path, 'serviceName'], serviceName, msg);
  if (!given(spec.selector)) fe.required([...path, 'selector']);
  else if (isEmptySelector(spec.selector)) fe.invalid([...path, 'selector'], {}, 'empty selector is invalid for statefulset');
  const template = obj(spec.template) ?? {};
  selectorMatchesTemplate(spec.selector, template, path, fe);
  const claimNames = claimTemplates.map((t) => obj(t.metadata)?.name).filter((n): n is string => typeof n === 'string');
  templateRunsForever(template, 'StatefulSet', path, fe, fe.minor >= 34, claimNames);
}

/**
 * validateJobSpec, then ValidateJobSpec's selector checks for a Job with `manualSelector: true`
 * (otherwise the API server generates the selector and the template's labels).
 */
export function validateJob(spec: Obj, path: PathSegment[], fe: FieldErrors, isTemplate = false): void {
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex', 'maxFailedIndexes']) nonNegative(spec, f, path, fe);
  if (given(spec.maxFailedIndexes) && !given(spec.backoffLimitPerIndex)) fe.required([...path, 'backoffLimitPerIndex'], 'when maxFailedIndexes is specified');
  const indexed = spec.completionMode === 'Indexed';
  if (indexed) {
    const completions = num(spec.completions);
    const parallelism = num(spec.parallelism);
    const maxFailed = num(spec.maxFailedIndexes);
    if (completions === undefined) fe.required([...path, 'completions'], 'when completion mode is Indexed');
    if (parallelism !== undefined && parallelism > 100000) fe.invalid([...path, 'parallelism'], parallelism, 'must be less than or equal to 100000 when completion mode is Indexed');
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) fe.invalid([...path, 'maxFailedIndexes'], maxFailed, 'must be less than or equal to completions');
    if (maxFailed !== undefined && maxFailed > 100000) fe.invalid([...path, 'maxFailedIndexes'], maxFailed, 'must be less than or equal to 100000');
    if (completions !== undefined && completions > 100000 && given(spec.backoffLimitPerIndex)) {
      const high = 'when completions are above 100000 and used with backoff limit per index';
      if (maxFailed === undefined) fe.required([...path, 'maxFailedIndexes'], 'must be specified when completions is above 100000');
      if (parallelism !== undefined && parallelism > 10000) fe.invalid([...path, 'parallelism'], parallelism, `must be less than or equal to 10000 ${high}`);
      if (maxFailed !== undefined && maxFailed > 10000) fe.invalid([...path, 'maxFailedIndexes'], maxFailed, `must be less than or equal to 10000 ${high}`);
    }
  } else {
    for (const f of ['backoffLimitPerIndex', 'maxFailedIndexes']) {
      const v = num(spec[f]);
      if (v !== undefined) fe.invalid([...path, f], v, 'requires indexed completion mode');
    }
  }
  const template = obj(spec.template) ?? {};
  const podSpec = obj(template.spec) ?? {};
  validatePodSpec(podSpec, [...path, 'template', 'spec'], fe, { pod: false });
  // Defaulting makes a missing restartPolicy Always, which a Job refuses.
  const restart = podSpec.restartPolicy ?? 'Always';
  const at = [...path, 'template', 'spec', 'restartPolicy'];
  if (restart === 'Always' || restart === '') fe.required(at, 'valid values: "OnFailure", "Never"');
  else if (restart !== 'OnFailure' && restart !== 'Never') fe.notSupported(at, restart, ['OnFailure', 'Never']);
  else if (given(spec.podFailurePolicy) && restart !== 'Never') fe.invalid(at, restart, 'only "Never" is supported when podFailurePolicy is specified');
  if (isTemplate) {
    // ValidateJobTemplateSpec: a CronJob's jobs always get a generated selector.
    if (given(spec.selector)) fe.invalid([...path, 'selector'], spec.selector, '`selector` will be auto-generated');
    if (spec.manualSelector === true) fe.notSupported([...path, 'manualSelector'], true, ['nil', 'false']);
  } else if (spec.manualSelector === true) {
    if (!given(spec.selector)) fe.required([...path, 'selector']);
    else selectorMatchesTemplate(spec.selector, template, path, fe);
  }
}

/**
 * validateCronJobSpec: the schedule as robfig/cron parses it (its error verbatim) and no TZ in it,
 * the time zone, then the Job template.
 */
export function validateCronJob(spec: Obj, fe: FieldErrors): void {
  const schedule = spec.schedule;
  if (typeof schedule === 'string') {
    if (schedule === '') fe.required(['spec', 'schedule']);
    else {
      const parsed = parseCron(schedule);
      if (typeof parsed === 'string') fe.invalid(['spec', 'schedule'], schedule, parsed);
      if (schedule.includes('TZ')) fe.invalid(['spec', 'schedule'], schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    }
  }
  nonNegative(spec, 'startingDeadlineSeconds', ['spec'], fe);
  if (typeof spec.timeZone === 'string') validateTimeZone(spec.timeZone, ['spec', 'timeZone'], fe);
  const jobSpec = obj(obj(spec.jobTemplate)?.spec) ?? {};
  validateJob(jobSpec, ['spec', 'jobTemplate', 'spec'], fe, true);
  nonNegative(spec, 'successfulJobsHistoryLimit', ['spec'], fe);
  nonNegative(spec, 'failedJobsHistoryLimit', ['spec'], fe);
}

/** validateTimeZone: IANA name components, not Local, and a zone Go's time.LoadLocation knows. */
function validateTimeZone(tz: string, path: PathSegment[], fe: FieldErrors): void {
  if (tz === '') {
    // Only an empty string written as such reaches this; the message changed to TooShort in 1.36.
    fe.invalid(path, tz, 'timeZone must be nil or non-empty string');
    return;
  }
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      fe.invalid(path, tz, `unknown time zone ${tz}`);
      return;
    }
  }
  if (tz.toLowerCase() === 'local') fe.invalid(path, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  const error = loadLocation(tz);
  if (error) fe.invalid(path, tz, error);
}

// intstr helpers (k8s.io/apimachinery/pkg/util/validation, apps validation ValidatePositiveIntOrPercent).
const PERCENT = /^[0-9]+%$/;

function intOrPercent(v: unknown, path: PathSegment[], fe: FieldErrors): void {
  if (typeof v === 'string') {
    if (!PERCENT.test(v)) fe.invalid(path, v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
  } else if (typeof v === 'number' && v < 0) fe.invalid(path, v, 'must be greater than or equal to 0');
}

/** getIntOrPercentValue: a percent as its number, an int as itself, anything else as IntValue() (0). */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && PERCENT.test(v)) return Number(v.slice(0, -1));
  // intstr.IntValue() of a non-percent string is strconv.Atoi's, 0 when it fails.
  return typeof v === 'string' && /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

function notOver100(v: unknown, path: PathSegment[], fe: FieldErrors): void {
  if (typeof v === 'string' && PERCENT.test(v) && Number(v.slice(0, -1)) > 100) fe.invalid(path, v, 'must not be greater than 100%');
}
