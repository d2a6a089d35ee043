import { obj, type Obj } from '../../model/obj';
import { isValidPathSegmentName } from '../../schema/apimachineryValidation';
import type { FieldErrors } from '../../schema/fieldErrors';

/**
 * ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation) and the replica bounds of
 * validateHorizontalPodAutoscalerSpec (pkg/apis/autoscaling/validation).
 */
const PERCENT = /^[0-9]+%$/;

export function validatePodDisruptionBudget(spec: Obj, fe: FieldErrors): void {
  const min = spec.minAvailable;
  const max = spec.maxUnavailable;
  if (min !== undefined && min !== null && max !== undefined && max !== null) {
    // The value is the whole internal spec, in its Go field order.
    const value = fe.goStruct('policy.PodDisruptionBudgetSpec', [
      ['MinAvailable', min],
      ['Selector', spec.selector ?? null],
      ['MaxUnavailable', max],
      ['UnhealthyPodEvictionPolicy', spec.unhealthyPodEvictionPolicy ?? null],
    ]);
    fe.invalid(['spec'], value, 'minAvailable and maxUnavailable cannot be both set');
  }
  for (const field of ['minAvailable', 'maxUnavailable']) {
    const v = spec[field];
    if (typeof v === 'string') {
      if (!PERCENT.test(v)) fe.invalid(['spec', field], v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
      else if (Number(v.slice(0, -1)) > 100) fe.invalid(['spec', field], v, 'must not be greater than 100%');
    } else if (typeof v === 'number' && v < 0) fe.invalid(['spec', field], v, 'must be greater than or equal to 0');
  }
}

export function validateHorizontalPodAutoscaler(spec: Obj, fe: FieldErrors): void {
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === 'number' && min < 1) fe.invalid(['spec', 'minReplicas'], min, 'must be greater than or equal to 1');
  if (typeof max === 'number' && max < 1) fe.invalid(['spec', 'maxReplicas'], max, 'must be greater than 0');
  if (typeof min === 'number' && typeof max === 'number' && max < min) fe.invalid(['spec', 'maxReplicas'], max, 'must be greater than or equal to `minReplicas`');
  // ValidateCrossVersionObjectReference: kind and name required, each a path segment name.
  const target = obj(spec.scaleTargetRef) ?? {};
  for (const f of ['kind', 'name']) {
    const v = typeof target[f] === 'string' ? (target[f] as string) : '';
    if (v === '') fe.required(['spec', 'scaleTargetRef', f]);
    else for (const msg of isValidPathSegmentName(v)) fe.invalid(['spec', 'scaleTargetRef', f], v, msg);
  }
}
