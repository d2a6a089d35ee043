import type { Environment } from '@marcbachmann/cel-js';
import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import { baseEnvironment } from './environment';
import { DeclTypes, type DeclType } from './declTypes';
import { celGoIssue, celGoIssues } from './issues';
import { validFieldPath } from './fieldPath';
import { minorOf } from '../versions';
import { literalIssues } from './literals';
import { planExpression } from './plan';

/** One entry of `x-kubernetes-validations` (apiextensions ValidationRule). */
export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
}

export type Program = (context: Record<string, unknown>) => unknown;
type Parsed = ReturnType<Environment['parse']>;

/** A rule as compilation.go leaves it: a program, or the error the API server reports for it. */
export interface CompiledRule {
  rule: ValidationRule;
  program?: Program;
  messageProgram?: Program;
  /** The rule reads oldSelf: a transition rule, run only on updates. */
  usesOldSelf: boolean;
  /** compilation.go's detail for a rule that does not compile (reported on `…rule`). */
  error?: string;
  /** The same for messageExpression (reported on `…messageExpression`). */
  messageError?: string;
  /** ValidFieldPath's normalized path, where a failure is reported (empty: the node). */
  fieldPath: string;
}

/** The rules of one schema node, compiled with `self` typed as the node. */
export interface NodeRules {
  self: DeclType;
  rules: CompiledRule[];
}

export const rulesOf = (schema: K8sSchema): ValidationRule[] =>
  (Array.isArray(schema['x-kubernetes-validations']) ? schema['x-kubernetes-validations'] : []).flatMap((r) => {
    const o = obj(r);
    return o && typeof o.rule === 'string' ? [o as unknown as ValidationRule] : [];
  });

/**
 * The CEL programs of one CRD version's schema (k8s.io/apiextensions-apiserver/pkg/apiserver/
 * schema/cel/compilation.go), compiled once per schema and Kubernetes version, node by node on
 * first use.
 */
export class CompiledSchema {
  private readonly env: Environment;
  private readonly types: DeclTypes;
  private readonly nodes = new WeakMap<object, NodeRules | null>();

  constructor(readonly root: K8sSchema, readonly kubernetesVersion: string) {
    this.env = baseEnvironment(kubernetesVersion).clone();
    this.types = new DeclTypes(this.env, 'object', minorOf(kubernetesVersion) >= 31);
    // Types first: an environment cannot declare more once cloned (one clone per rule node).
    declareAll(this.types, root, true);
  }

  /** The rules at a schema node (undefined: none), compiled on first use. */
  rulesAt(schema: K8sSchema): NodeRules | undefined {
    const cached = this.nodes.get(schema);
    if (cached !== undefined) return cached ?? undefined;
    const rules = rulesOf(schema);
    const self = this.types.of(schema);
    const compiled = rules.length && self ? { self, rules: rules.map((r) => this.compile(r, schema, self)) } : null;
    this.nodes.set(schema, compiled);
    return compiled ?? undefined;
  }

  private compile(rule: ValidationRule, schema: K8sSchema, self: DeclType): CompiledRule {
    const env = this.env.clone();
    env.registerVariable('self', self.name);
    env.registerVariable('oldSelf', rule.optionalOldSelf ? `optional<${self.name}>` : self.name);
    const out: CompiledRule = { rule, usesOldSelf: false, fieldPath: '' };
    const compiled = this.program(env, rule.rule, 'bool', '');
    if (typeof compiled === 'string') out.error = compiled === WRONG_TYPE ? 'cel expression must evaluate to a bool' : compiled;
    else {
      out.program = compiled as unknown as Program;
      out.usesOldSelf = mentions(compiled.ast, 'oldSelf');
    }
    if (rule.messageExpression) {
      const message = this.program(env, rule.messageExpression, 'string', 'messageExpression ');
      if (typeof message === 'string') out.messageError = message === WRONG_TYPE ? 'messageExpression must evaluate to a string' : message;
      else out.messageProgram = message as unknown as Program;
    }
    if (rule.fieldPath) {
      const path = validFieldPath(rule.fieldPath, schema);
      if (typeof path === 'string') out.fieldPath = path;
    }
    return out;
  }

  /**
   * compilation.go: compile (parse, check, the environment's AST validators), the result's type,
   * then Program(), which fails on a constant regular expression that does not compile.
   */
  private program(env: Environment, source: string, type: 'bool' | 'string', prefix: string): Parsed | string {
    try {
      const program = env.parse(source);
      const checked = program.check();
      // The environment's AST validators run on a checked expression, before its type is looked at.
      const issues = checked.valid && minorOf(this.kubernetesVersion) >= 29 ? literalIssues(program.ast) : [];
      if (!checked.valid) return `${prefix}compilation failed: ${celGoIssue(checked.error, source)}`;
      if (issues.length) return `${prefix}compilation failed: ${celGoIssues(issues, source)}`;
      if (checked.type !== type) return WRONG_TYPE;
      const failed = planExpression(program.ast as never);
      if (failed.length) return `${prefix || 'program '}instantiation failed: ${failed[0]}`;
      return program;
    } catch (e) {
      return `${prefix}compilation failed: ${celGoIssue(e, source)}`;
    }
  }
}

/** What program() returns for an expression whose type is not the one wanted. */
const WRONG_TYPE = 'wrong type';

/**
 * Declares the types the rules need: each node with rules, with its resource-root flag, and through
 * it its subtree (a rule reads `self` and what is below it, never a parent). A 100 KB schema with a
 * few rules declares a few types, not one per node.
 */
function declareAll(types: DeclTypes, schema: K8sSchema, isResourceRoot: boolean): void {
  if (rulesOf(schema).length) types.declare(schema, isResourceRoot);
  const child = (x: unknown) => {
    const s = obj(x) as K8sSchema | undefined;
    if (s) declareAll(types, s, s['x-kubernetes-embedded-resource'] === true);
  };
  for (const p of Object.values(obj(schema.properties) ?? {})) child(p);
  child(schema.items);
  child(schema.additionalProperties);
}

/** Whether an expression reads the variable `name` (compilation.go: UsesOldSelf). */
function mentions(ast: unknown, name: string): boolean {
  const seen = new Set<unknown>();
  const walk = (node: unknown): boolean => {
    if (!node || typeof node !== 'object' || seen.has(node)) return false;
    seen.add(node);
    const n = node as { op?: string; args?: unknown };
    if (n.op === 'id' && n.args === name) return true;
    if (Array.isArray(node)) return node.some(walk);
    return walk(n.args) || (typeof n.args === 'object' && n.args !== null && !Array.isArray(n.args) && Object.values(n.args).some(walk));
  };
  return walk(ast);
}
