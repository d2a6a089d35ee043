import { Environment } from '@marcbachmann/cel-js';
import { LIBRARIES } from './library';
import { registerOptionalExtras } from './optionals';
import { minorOf } from '../versions';

/**
 * The CEL environment the API server compiles `x-kubernetes-validations` rules in
 * (k8s.io/apiserver/pkg/cel/environment/base.go): the standard definitions, optional types
 * (1.28), and the Kubernetes libraries each Kubernetes version adds. One per version, cloned per
 * schema (which adds the rule's types and `self`).
 */
const byVersion = new Map<number, Environment>();
const OPTIONALS_COMPARED_WITH_NULL = ['list<string>', 'string', 'int', 'uint', 'double', 'bool', 'bytes', 'dyn'];


export function baseEnvironment(kubernetesVersion: string): Environment {
  const minor = minorOf(kubernetesVersion);
  let env = byVersion.get(minor);
  if (!env) {
    env = new Environment({
      enableOptionalTypes: minor >= 28,
      homogeneousAggregateLiterals: true,
      // cel-go's own parse limits (parser.go: 32 nested expressions of a kind; 100k code points).
      limits: { maxAstNodes: 100_000, maxDepth: 250, maxListElements: 100_000, maxMapEntries: 100_000, maxCallArguments: 32 },
    });
    if (minor >= 28) registerOptionalExtras(env);
    for (const library of LIBRARIES) if (minor >= library.since) library.register(env, minor);
    // An optional is never equal to null, but cel-go's checker lets them be compared (Gateway API's
    // CRDs write `format.dns1123Label().validate(self) == null`).
    if (minor >= 28) for (const t of OPTIONALS_COMPARED_WITH_NULL) env.registerOperator(`optional<${t}> == null`, () => false);
    byVersion.set(minor, env);
  }
  return env;
}
