import Ajv, { type ValidateFunction } from 'ajv';
import { RULES } from '../rules';
import { docFinding, type DocFinding } from '../model/docFinding';
import { isObj, type Obj } from '../model/obj';
import type { DocSpans } from '../yaml/spans';
import type { K8sSchema } from '../schema/catalog';
import { AJV_OPTIONS } from '../schema/validator';
import { toAjvSchema } from '../schema/toAjvSchema';
import { schemaAtPath } from '../schema/schemaAtPath';
import { explainErrors } from '../schema/explainErrors';
import { KUSTOMIZATION_SCHEMA, KUSTOMIZE_API_VERSIONS } from '../ecosystem/kustomizationSchema';
import { withoutNulls } from '../model/withoutNulls';

/**
 * Go's encoding/json matches a key to a field case-insensitively when no field has it exactly
 * (`fieldpath` is fieldPath): the keys renamed so, as kustomize's decoding sees them.
 */
function asGoDecodes(value: unknown, schema: K8sSchema | undefined): unknown {
  if (!schema) return value;
  if (Array.isArray(value)) return value.map((v) => asGoDecodes(v, schema.items as K8sSchema | undefined));
  if (!isObj(value)) return value;
  const properties = schema.properties as Record<string, K8sSchema> | undefined;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value)) {
    if (!properties) {
      out[key] = asGoDecodes(v, schema.additionalProperties as K8sSchema | undefined);
      continue;
    }
    const field = key in properties ? key : Object.keys(properties).find((p) => p.toLowerCase() === key.toLowerCase());
    if (field !== undefined && !(field !== key && field in value)) out[field] = asGoDecodes(v, properties[field]);
    else out[key] = v;
  }
  return out;
}

let compiled: { fn: ValidateFunction; schema: K8sSchema } | undefined;

/** kustomize's schema, compiled on first use (a fixed schema: compiled once). */
function validator(): { fn: ValidateFunction; schema: K8sSchema } {
  if (!compiled) {
    const schema = toAjvSchema(KUSTOMIZATION_SCHEMA, 'crd', '');
    compiled = { fn: new Ajv(AJV_OPTIONS).compile(schema), schema };
  }
  return compiled;
}

/**
 * A kustomization as kustomize reads it (types.Kustomization.Unmarshal, then EnforceFields): its
 * fields against kustomize's schema — unknown fields and wrong types are errors, as kustomize decodes
 * strictly — and its kind with its apiVersion. Whether the paths it lists exist is the workspace's
 * concern (workspace/kustomizePaths.ts).
 */
export function checkKustomization(value: unknown, spans: DocSpans): DocFinding[] {
  // JSON decoding of null leaves a field empty.
  const data = asGoDecodes(withoutNulls(value), KUSTOMIZATION_SCHEMA);
  const { fn, schema } = validator();
  const findings = fn(data) ? [] : explainErrors([...(fn.errors ?? [])], { spans, data, prefix: [], schemaAt: (local) => schemaAtPath(schema, local, () => undefined) });
  // kustomize takes a missing kind for Kustomization (FixKustomization).
  const kind = isObj(data) && data.kind === undefined ? 'Kustomization' : isObj(data) ? data.kind : undefined;
  if (isObj(data) && typeof data.apiVersion === 'string' && typeof kind === 'string') {
    const wanted = KUSTOMIZE_API_VERSIONS[kind];
    if (wanted && data.apiVersion !== wanted) {
      const span = spans.value(['apiVersion']);
      const message = `apiVersion: Unsupported value: ${JSON.stringify(data.apiVersion)}: kustomize reads a ${kind} only as ${wanted}`;
      findings.push(docFinding(RULES.enumValue, message, span, [{ title: `Change to ${wanted}`, edits: [{ start: span[0], end: span[1], newText: wanted }] }]));
    }
  }
  return findings;
}
