import { RULES } from '../rules';
import { docFinding, type DocFinding } from '../model/docFinding';
import type { JsonPath } from '../yaml/nodeAt';
import type { DocSpans } from '../yaml/spans';
import { groupOf, versionOf, type ApiLifecycle } from '../schema/apiLifecycle';
import type { SchemaCatalog } from '../schema/catalog';
import type { Validator, ValidationResult } from '../schema/validator';
import { schemaAtPath } from '../schema/schemaAtPath';
import { explainErrors } from '../schema/explainErrors';
import type { CrdIndex } from '../crd/crdIndex';
import type { CelPrograms } from '../cel/programs';
import { validateCustomResource } from './customResource';
import { objectNameProblems } from './objectName';
import { validateBuiltin } from './validation';
import { resourceFindings } from './resources';
import { bestPracticeFindings } from './bestPractices';
import { transitionRules } from './transitionRules';
import { workloadOf } from '../resources/workloads';
import type { NamespacePolicies } from '../resources/namespacePolicies';
import type { Obj } from '../model/obj';
import { withoutNulls } from '../model/withoutNulls';

export interface CheckEnv {
  catalog: SchemaCatalog;
  validator: Validator;
  celPrograms: CelPrograms;
  lifecycle: ApiLifecycle;
  crds: CrdIndex;
  kubernetesVersion: string;
  schemaValidation: boolean;
  /** Whether the best-practice checks run (setting kubeplan.bestPractices): off, they are not computed at all. */
  bestPractices: boolean;
  policies: NamespacePolicies;
  defaultNamespace: string;
  /**
   * The object is a patch (a kustomize strategic merge patch): only the fields it has are checked —
   * unknown fields, types, values — not what the whole object needs (required fields, the API
   * server's validation, resources, best practices).
   */
  partial?: boolean;
}


/**
 * Files that carry apiVersion and kind but are not API objects: a kubeconfig (clientcmd's `v1 Config`)
 * is read by clients, never sent to the API server, so it is not checked as one.
 */
const NOT_API_OBJECTS = new Set(['v1 Config']);

/** Checks one Kubernetes object (a document, or an item of a `List`) whose apiVersion/kind are strings. */
export function checkObject(obj: Obj, prefix: JsonPath, spans: DocSpans, env: CheckEnv): DocFinding[] {
  const apiVersion = obj.apiVersion as string;
  const kind = obj.kind as string;
  if (NOT_API_OBJECTS.has(`${apiVersion} ${kind}`)) return [];
  const at = (p: JsonPath) => [...prefix, ...p];
  const apiVersionSpan = spans.value(at(['apiVersion']));
  const kindSpan = spans.value(at(['kind']));
  const target = env.kubernetesVersion;
  const findings: DocFinding[] = [];
  const explain = (result: ValidationResult, data: unknown): void => {
    const errors = env.partial ? result.errors.filter((e) => e.keyword !== 'required') : result.errors;
    if (errors.length === 0) return;
    const schemaAt = (local: JsonPath) => schemaAtPath(result.schema, local, env.validator.resolveRef);
    findings.push(...explainErrors(errors, { spans, data, prefix, schemaAt }));
  };

  const status = env.lifecycle.status(apiVersion, kind, target);
  let builtin = true;
  switch (status.state) {
    case 'removed': {
      const use = status.replacement ? `: use ${status.replacement}` : status.shapeChanged ? '' : ': it has no replacement';
      const shape = !status.shapeChanged ? '' : status.replacement ? ` (the object changed: ${status.shapeChanged})` : `: ${status.shapeChanged}`;
      // Where the object's shape changed, changing the apiVersion alone is not enough: the fix is
      // shown disabled, with what else must change.
      const fix = status.replacement
        ? [{ ...replaceFix(apiVersionSpan, status.replacement), ...(status.shapeChanged ? { disabled: `the object changed too: ${status.shapeChanged}` } : {}) }]
        : undefined;
      findings.push(docFinding(RULES.removedApi, `${apiVersion} ${kind} was removed in Kubernetes ${status.removedIn}${use}${shape}`, apiVersionSpan, fix));
      return findings;
    }
    case 'not-yet':
      findings.push(docFinding(RULES.notYetServed, `${apiVersion} ${kind} is not served by Kubernetes ${target}: it is available from ${status.availableFrom}`, apiVersionSpan));
      return findings;
    case 'unknown-kind': {
      const served = env.lifecycle.servedVersions(status.group, kind, target);
      const message = served.length
        ? `${apiVersion} does not serve ${kind} in Kubernetes ${target}: use ${served.join(' or ')}`
        : `no kind "${kind}" is registered for version "${apiVersion}" in Kubernetes ${target}` + (status.suggestion ? ` (did you mean "${status.suggestion}"?)` : '');
      const span = served.length ? apiVersionSpan : kindSpan;
      const fix = served.length ? [replaceFix(apiVersionSpan, served[0])] : status.suggestion ? [replaceFix(kindSpan, status.suggestion)] : undefined;
      findings.push(docFinding(RULES.unknownKind, message, span, fix));
      return findings;
    }
    case 'deprecated': {
      const removal = status.removedIn ? ` and removed in ${status.removedIn}` : '';
      const use = status.deprecatedFor ? `: use ${status.deprecatedFor}` : '';
      findings.push(docFinding(RULES.deprecatedApi, `${apiVersion} ${kind} is deprecated in Kubernetes ${target}${removal}${use}`, apiVersionSpan));
      break;
    }
    case 'custom':
      builtin = false;
      break;
  }

  if (env.schemaValidation) {
    const data = withoutNulls(env.partial ? withoutPatchDirectives(obj) : obj);
    if (builtin) {
      const entry = env.catalog.kind(apiVersion, kind);
      const before = findings.length;
      if (entry) explain(env.validator.validateDefinition(entry.definition, data), data);
      // The API server's validation runs on what decodes: after a schema error, its findings would
      // mostly restate that error.
      if (entry && findings.length === before && !env.partial) {
        for (const e of validateBuiltin(data as Obj, groupOf(apiVersion), kind, target, env.celPrograms)) findings.push(docFinding(RULES.apiValidation, e.message, spans.value(at(e.at))));
      }
      if (kind === 'CustomResourceDefinition' && groupOf(apiVersion) === 'apiextensions.k8s.io' && !env.partial) findings.push(...transitionRuleNote(obj, at, spans));
    } else {
      findings.push(...checkCustom(data, apiVersion, kind, apiVersionSpan, kindSpan, env, explain, (p) => spans.value(at(p))));
    }
  }

  const workload = builtin && !env.partial ? workloadOf(obj, env.defaultNamespace) : undefined;
  if (workload) findings.push(...resourceFindings(workload, prefix, spans, env.policies, target));
  // Advice waits until the API server would accept the object: its errors come first.
  if (builtin && !env.partial && env.bestPractices && !findings.some((f) => f.severity === 'error')) findings.push(...bestPracticeFindings(obj, groupOf(apiVersion), workload, prefix, spans));

  const metadata = obj.metadata as Obj | undefined;
  if (metadata && typeof metadata === 'object' && typeof metadata.name === 'string') {
    const name = metadata.name;
    for (const msg of objectNameProblems(kind, name, builtin)) {
      findings.push(docFinding(RULES.invalidName, `metadata.name: Invalid value: ${JSON.stringify(name)}: ${msg}`, spans.value(at(['metadata', 'name']))));
    }
  }
  return findings;
}

function checkCustom(
  data: unknown,
  apiVersion: string,
  kind: string,
  apiVersionSpan: [number, number],
  kindSpan: [number, number],
  env: CheckEnv,
  explain: (result: ValidationResult, data: unknown) => void,
  spanAt: (path: JsonPath) => [number, number],
): DocFinding[] {
  const group = groupOf(apiVersion);
  const version = versionOf(apiVersion);
  const versions = env.crds.versionsOf(group, kind);
  // No CRD in sight: the workspace says so once per kind (KP115, workspace/assumptions.ts).
  if (versions.length === 0) return [];
  const match = versions.find((v) => v.version === version);
  const declared = versions.map((v) => v.version).join(', ');
  if (!match) {
    return [docFinding(RULES.unknownKind, `CustomResourceDefinition ${versions[0].crdName} does not declare version "${version}" (declared: ${declared})`, apiVersionSpan)];
  }
  if (!match.served) {
    return [docFinding(RULES.unknownKind, `version "${version}" of CustomResourceDefinition ${match.crdName} is not served (served: false)`, apiVersionSpan)];
  }
  return validateCustomResource(data, match, env, explain, env.partial).map((e) => docFinding(RULES.apiValidation, e.message, spanAt(e.at)));
}

const replaceFix = (span: [number, number], text: string) => ({ title: `Change to ${text}`, edits: [{ start: span[0], end: span[1], newText: text }] });

/**
 * A strategic merge patch without its directives (`$patch`, `$retainKeys`, `$setElementOrder/…`,
 * `$deleteFromPrimitiveList/…`): they tell the merge what to do and are no fields of the object.
 */
function withoutPatchDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPatchDirectives);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) if (!k.startsWith('$')) out[k] = withoutPatchDirectives(v);
    return out;
  }
  return value;
}

/** One note per CRD for its transition rules, on the first (kubeplan checks creation: they never run). */
function transitionRuleNote(crd: Obj, at: (p: JsonPath) => JsonPath, spans: DocSpans): DocFinding[] {
  const rules = transitionRules(crd);
  if (rules.length === 0) return [];
  const more = rules.length > 1 ? ` (and ${rules.length - 1} more in this CustomResourceDefinition)` : '';
  const message = `transition rule not checked: it reads oldSelf, the object's previous state, so the API server runs it on updates only; kubeplan checks a creation, where it is skipped${more}`;
  return [docFinding(RULES.transitionRuleNotChecked, message, spans.value(at(rules[0])))];
}
