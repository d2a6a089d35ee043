import { obj, type Obj } from '../model/obj';
import type { JsonPath } from '../yaml/nodeAt';

/**
 * The transition rules of a CustomResourceDefinition: x-kubernetes-validations whose rule reads
 * `oldSelf` without `optionalOldSelf: true`. The API server runs them only on updates
 * (apiextensions-apiserver schema/cel/validation.go: a rule with oldSelf is skipped when there is
 * no old object); kubeplan checks a creation, so they are never run: the CRD says so once.
 */
export function transitionRules(crd: Obj): JsonPath[] {
  const found: JsonPath[] = [];
  const spec = obj(crd.spec);
  const versions = Array.isArray(spec?.versions) ? spec.versions : [];
  versions.forEach((v, i) => {
    const root = obj(obj(obj(v)?.schema)?.openAPIV3Schema);
    if (root) walk(root, ['spec', 'versions', i, 'schema', 'openAPIV3Schema'], found);
  });
  return found;
}

function walk(schema: Obj, path: JsonPath, found: JsonPath[]): void {
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    rules.forEach((r, i) => {
      const rule = obj(r);
      if (rule && typeof rule.rule === 'string' && rule.optionalOldSelf !== true && readsOldSelf(rule.rule)) {
        found.push([...path, 'x-kubernetes-validations', i, 'rule']);
      }
    });
  }
  for (const [name, child] of Object.entries(obj(schema.properties) ?? {})) {
    const s = obj(child);
    if (s) walk(s, [...path, 'properties', name], found);
  }
  for (const key of ['items', 'additionalProperties']) {
    const s = obj(schema[key]);
    if (s) walk(s, [...path, key], found);
  }
}

/** CEL string literals ('…', "…", their triple-quoted and raw forms), which may mention oldSelf as text. */
const STRING_LITERALS = /[rR]?('''[\s\S]*?'''|"""[\s\S]*?"""|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*")/g;

/** Whether a rule reads the variable oldSelf (not a field `x.oldSelf`, not inside a string). */
export function readsOldSelf(rule: string): boolean {
  return /(^|[^.\w])oldSelf\b/.test(rule.replace(STRING_LITERALS, "''"));
}
