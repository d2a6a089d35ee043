import { CompiledSchema } from '../../cel/compile';
import type { K8sSchema } from '../../schema/catalog';
import type { CelRuleCompiler } from './crdSchema';
import { internalRuleValue } from './crdInternal';
import type { FieldErr } from './fieldErrorList';

/**
 * The compile errors of a CRD version's x-kubernetes-validations, as the API server reports them when
 * the CRD is written (apiextensions validation.go, with schema/cel/compilation.go's details):
 * `<node>.x-kubernetes-validations[i].rule: Invalid value: <the rule>: compilation failed: ERROR: …`,
 * and the same on `messageExpression`. The schema is compiled once, on the first node with rules.
 */
export function celRuleCompiler(root: K8sSchema, kubernetesVersion: string): CelRuleCompiler {
  let compiled: CompiledSchema | undefined;
  return (schema, path, e) => {
    compiled ??= new CompiledSchema(root, kubernetesVersion);
    const errs: FieldErr[] = [];
    const node = compiled.rulesAt(schema as K8sSchema);
    const raw = Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'] : [];
    node?.rules.forEach((r) => {
      const i = raw.indexOf(r.rule);
      if (i < 0) return;
      const at = [...path, 'x-kubernetes-validations', i];
      if (r.error) errs.push(e.invalid([...at, 'rule'], internalRuleValue(r.rule), r.error));
      if (r.messageError) errs.push(e.invalid([...at, 'messageExpression'], internalRuleValue(r.rule), r.messageError));
    });
    return errs;
  };
}
