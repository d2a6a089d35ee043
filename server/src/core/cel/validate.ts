import { Optional } from '@marcbachmann/cel-js';
import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';
import { FieldErrors, NIL_PATH, type PathSegment } from '../schema/fieldErrors';
import { minorOf } from '../versions';
import { CompiledSchema, type CompiledRule, type NodeRules } from './compile';
import { COST_LIMIT_EXCEEDED, PER_CALL_LIMIT, RUNTIME_CEL_COST_BUDGET, tracked } from './cost';

/** MaxEvaluatedMessageExpressionSizeBytes (k8s.io/apiserver/pkg/apis/cel/config.go). */
const MAX_MESSAGE_EXPRESSION_SIZE = 5 * 1024;

/**
 * Evaluates the `x-kubernetes-validations` rules of a custom resource as the API server does on
 * create (apiextensions-apiserver schema/cel/validation.go Validator.Validate): each non-null node
 * with rules, then its properties, map values and items; one cost budget for the whole object.
 * Transition rules (oldSelf) need the object's previous state and are skipped, except those with
 * `optionalOldSelf`, which run with `oldSelf` absent. `value` is the object after defaulting.
 */
export function validateRules(compiled: CompiledSchema, value: unknown, fe: FieldErrors): number {
  // Until 1.35 the value of a failed rule was its schema type ("object"); since, the value itself,
  // and none for objects and arrays (kubernetes#132798, #133832).
  const state = { budget: RUNTIME_CEL_COST_BUDGET, stopped: false, valuesShown: minorOf(compiled.kubernetesVersion) >= 35 };
  walk(compiled, compiled.root, value, [], fe, state);
  return RUNTIME_CEL_COST_BUDGET - state.budget;
}

interface State {
  budget: number;
  stopped: boolean;
  valuesShown: boolean;
}

function walk(compiled: CompiledSchema, schema: K8sSchema, value: unknown, path: PathSegment[], fe: FieldErrors, state: State): void {
  if (value === null || value === undefined || state.stopped) return;
  const node = compiled.rulesAt(schema);
  if (node) evaluateNode(node, schema, value, path, fe, state);
  if (state.stopped) return;
  if (Array.isArray(value)) {
    const items = obj(schema.items) as K8sSchema | undefined;
    if (items) value.forEach((v, i) => walk(compiled, items, v, [...path, i], fe, state));
    return;
  }
  const o = obj(value);
  if (!o) return;
  const additional = obj(schema.additionalProperties) as K8sSchema | undefined;
  if (additional) for (const [k, v] of Object.entries(o)) walk(compiled, additional, v, [...path, { key: k }], fe, state);
  const props = obj(schema.properties);
  if (props) {
    for (const [k, v] of Object.entries(o)) {
      const sub = obj(props[k]) as K8sSchema | undefined;
      if (sub) walk(compiled, sub, v, [...path, k], fe, state);
    }
  }
}

/** validateExpressions: every rule of one node, with its messages. */
function evaluateNode(node: NodeRules, schema: K8sSchema, value: unknown, path: PathSegment[], fe: FieldErrors, state: State): void {
  const type = node.self.schemaType;
  const at = (p: PathSegment[]) => (p.length ? p : [NIL_PATH]);
  if (state.budget <= 0) return stop(fe.invalid(at(path), type, 'validation failed due to running out of cost budget, no further validation rules will be run'), state);
  const self = node.self.convert(value);
  for (const compiled of node.rules) {
    // A rule that does not compile is the CRD's error (reported there); the API server refuses the CRD.
    if (!compiled.program) continue;
    const optionalOldSelf = compiled.rule.optionalOldSelf === true;
    if (compiled.usesOldSelf && !optionalOldSelf) continue;
    const context = { self, oldSelf: optionalOldSelf ? Optional.none() : undefined };
    const run = evaluate(compiled.program, context);
    if (run.cost > state.budget) return stop(fe.invalid(at(path), type, 'validation failed due to running out of cost budget, no further validation rules will be run'), state);
    state.budget -= run.cost;
    if (run.error !== undefined) {
      const err = run.error;
      if (err.startsWith('no such overload')) {
        fe.invalid(at(path), type, `'${err}': call arguments did not match a supported operator, function or macro signature for rule: ${ruleErrorString(compiled)}`);
      } else if (err.startsWith(COST_LIMIT_EXCEEDED)) {
        return stop(fe.invalid(at(path), type, `'${err}': no further validation rules will be run due to call cost exceeds limit for rule: ${ruleErrorString(compiled)}`), state);
      } else {
        fe.invalid(at(path), type, `${err} evaluating rule: ${ruleErrorString(compiled)}`);
      }
      continue;
    }
    if (run.value === true) continue;
    const failedAt = compiled.fieldPath ? [...path, compiled.fieldPath] : path;
    let detail: string | undefined;
    if (compiled.messageProgram) {
      const message = evaluate(compiled.messageProgram, context);
      if (message.cost > state.budget) {
        return stop(fe.invalid(at(failedAt), type, 'messageExpression evaluation failed due to running out of cost budget, no further validation rules will be run'), state);
      }
      if (message.error?.startsWith(COST_LIMIT_EXCEEDED)) {
        return stop(fe.invalid(at(failedAt), type, `no further validation rules will be run due to call cost exceeds limit for messageExpression: ${JSON.stringify(compiled.rule.messageExpression)}`), state);
      }
      state.budget -= message.cost;
      // Other messageExpression failures are only logged: the message falls back to `message`.
      const text = typeof message.value === 'string' ? message.value.trim() : '';
      if (message.error === undefined && text !== '' && text.length <= MAX_MESSAGE_EXPRESSION_SIZE && !text.includes('\n')) detail = text;
    }
    detail ??= ruleMessageOrDefault(compiled);
    const shown = !state.valuesShown ? type : type === 'object' || type === 'array' ? OMIT : value;
    fieldErrorForReason(fe, at(failedAt), shown, detail, compiled.rule.reason);
  }
}

/** field.OmitValueType: the value is left out of the message. */
const OMIT = Symbol('omit');

function stop(_: void, state: State): void {
  state.stopped = true;
}

function evaluate(program: (c: Record<string, unknown>) => unknown, context: Record<string, unknown>): { value?: unknown; error?: string; cost: number } {
  const run = tracked(PER_CALL_LIMIT, () => program(context));
  if (run.error === undefined) return { value: run.value, cost: run.cost };
  const err = run.error as { summary?: string; message?: string };
  return { error: celGoRuntimeError(err.summary ?? String(err.message ?? err)), cost: run.cost };
}

/** cel-js's runtime errors in cel-go's words (interpreter and common/types errors). */
function celGoRuntimeError(message: string): string {
  let m = /^No such key: index out of bounds, index (-?\d+) .*$/.exec(message);
  if (m) return `index out of bounds: ${m[1]}`;
  m = /^No such key: (.*)$/.exec(message);
  if (m) return `no such key: ${m[1]}`;
  if (/^integer overflow/.test(message)) return 'integer overflow';
  return message;
}

const ruleErrorString = (c: CompiledRule): string => (c.rule.message ? c.rule.message.trim() : c.rule.rule.trim());
const ruleMessageOrDefault = (c: CompiledRule): string => (c.rule.message ? c.rule.message.trim() : `failed rule: ${ruleErrorString(c)}`);

/** fieldErrorForReason (validation.go): the rule's `reason` picks the error type. */
function fieldErrorForReason(fe: FieldErrors, path: PathSegment[], value: unknown, detail: string, reason: string | undefined): void {
  switch (reason) {
    case 'FieldValueForbidden':
      return fe.forbidden(path, detail);
    case 'FieldValueRequired':
      return fe.required(path, detail);
    case 'FieldValueDuplicate':
      return value === OMIT ? fe.duplicateOmitted(path) : fe.duplicate(path, value);
    default:
      return value === OMIT ? fe.invalidOmitted(path, detail) : fe.invalid(path, value, detail);
  }
}

/** The runtime cost of a schema's rules on one value (for the bench). */
export function celRuntimeCost(root: K8sSchema, value: unknown, kubernetesVersion: string): number {
  return validateRules(new CompiledSchema(root, kubernetesVersion), value, new FieldErrors(kubernetesVersion));
}

/**
 * The rules of a schema evaluated on one value, as field errors (for tests and tools: the analysis
 * goes through CelPrograms, which keeps compiled schemas).
 */
export function celValidate(root: K8sSchema, value: unknown, kubernetesVersion: string): Array<{ at: Array<string | number>; message: string }> {
  const fe = new FieldErrors(kubernetesVersion);
  validateRules(new CompiledSchema(root, kubernetesVersion), value, fe);
  return fe.list;
}
