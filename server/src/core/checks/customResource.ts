import type { Validator } from '../schema/validator';
import type { CelPrograms } from '../cel/programs';
import type { ValidationResult } from '../schema/validator';
import type { CustomKindVersion } from '../crd/crdIndex';
import { applyDefaults } from '../crd/defaulting';
import { validateListSetsAndMaps } from '../crd/listType';
import { validateRules } from '../cel/validate';
import { FieldErrors, type FieldError } from '../schema/fieldErrors';

/**
 * Schema errors after which the API server does not run a CRD's CEL rules: type, required, enum
 * and size violations (apiextensions-apiserver registry/customresource/strategy.go hasBlockingErr;
 * the ajv keywords for those field error types).
 */
const BLOCKING = new Set(['type', 'required', 'enum', 'const', 'maxLength', 'maxItems', 'maxProperties']);

/**
 * A custom resource as the API server validates it on create (customresource strategy.go
 * Validate): defaulted, then checked against its CRD version's schema (explained by `explain`),
 * its list-type set and map uniqueness, and, unless a schema error blocks them, its
 * `x-kubernetes-validations` rules. Returns the errors beyond the schema. A `partial` object (a
 * patch) is only checked against the schema.
 */
export function validateCustomResource(
  data: unknown,
  crd: CustomKindVersion,
  env: { validator: Validator; celPrograms: CelPrograms; kubernetesVersion: string },
  explain: (result: ValidationResult, data: unknown) => void,
  partial = false,
): FieldError[] {
  if (!crd.schema) return [];
  // A patch is checked for the fields it has: nothing is defaulted, no rule reads the whole object.
  const defaulted = partial ? data : applyDefaults(data, crd.schema);
  const result = env.validator.validateCustom(`${crd.group}/${crd.version}/${crd.kind}`, crd.fingerprint, crd.schema, defaulted);
  if (typeof result === 'string') return []; // the CRD's own schema does not compile: the CRD reports it
  explain(result, defaulted);
  if (partial) return [];
  const fe = new FieldErrors(env.kubernetesVersion);
  validateListSetsAndMaps([], crd.schema, defaulted, fe);
  if (!result.errors.some((e) => BLOCKING.has(e.keyword))) validateRules(env.celPrograms.for(crd.fingerprint, crd.schema, env.kubernetesVersion), defaulted, fe);
  return fe.list;
}
