// Upstream's test schema builders (apiextensions-apiserver pkg/apiserver/schema/cel/validation_test.go)
// as JSON schemas, and the two ways a rule is observed: its field errors on create (celValidate, the
// API server's messages for 1.35) or its compile error (what the CRD is rejected with).
import test from 'node:test';
import assert from 'node:assert/strict';
import { celValidate, CompiledSchema } from '../../dist/core.js';

export const VERSION = '1.35';

const primitive = (type, format) => (format ? { type, format } : { type });
export const integerType = primitive('integer');
export const int32Type = primitive('integer', 'int32');
export const int64Type = primitive('integer', 'int64');
export const numberType = primitive('number');
export const floatType = primitive('number', 'float');
export const doubleType = primitive('number', 'double');
export const stringType = primitive('string');
export const byteType = primitive('string', 'byte');
export const booleanType = primitive('boolean');
export const durationFormat = primitive('string', 'duration');
export const dateFormat = primitive('string', 'date');
export const dateTimeFormat = primitive('string', 'date-time');

export const arrayType = (listType, keys, items) => ({
  type: 'array',
  ...(listType ? { 'x-kubernetes-list-type': listType } : {}),
  ...(keys && listType === 'map' ? { 'x-kubernetes-list-map-keys': keys } : {}),
  items,
});
export const listType = (items) => arrayType('atomic', undefined, items);
export const listSetType = (items) => arrayType('set', undefined, items);
export const listMapType = (keys, items) => arrayType('map', keys, items);
export const objectType = (properties) => ({ type: 'object', properties });
export const mapType = (additionalProperties) => ({ type: 'object', additionalProperties });
export const intOrStringType = () => ({ 'x-kubernetes-int-or-string': true });
export const withNullable = (nullable, s) => ({ ...s, nullable });
export const withDefault = (dflt, s) => ({ ...s, default: dflt });
export const withRules = (s, ...rules) => ({ ...s, 'x-kubernetes-validations': rules.map((r) => (typeof r === 'string' ? { rule: r } : r)) });
export const withRule = withRules;

/** objs(a, b): {val1: a, val2: b}; schemas(x, y): an object of val1: x, val2: y. */
export const objs = (...values) => Object.fromEntries(values.map((v, i) => [`val${i + 1}`, v]));
export const schemas = (...types) => objectType(Object.fromEntries(types.map((t, i) => [`val${i + 1}`, t])));
export const ValsEqualThemselvesAndDataLiteral = (val1, val2, literal) => `${val1} == ${literal} && ${literal} == ${val1} && ${val1} == ${val2}`;

/** The field errors of a custom resource `obj` whose schema is `schema` (messages only). */
export const validate = (schema, obj) => celValidate(schema, obj, VERSION).map((e) => e.message);

/** The compile errors of the rules at `node` (default: the root) of `root`. */
export function compileErrors(root, node = root) {
  return new CompiledSchema(root, VERSION).rulesAt(node).rules.map((r) => r.error);
}

/**
 * cel-go's display of compile errors (common/error.go): `ERROR: <input>:L:C: msg`, the source line,
 * and a caret under column C; one block per error, in source order.
 */
export function celErrors(source, ...errors) {
  return errors
    .map(([column, message]) => `ERROR: <input>:1:${column}: ${message}\n | ${source}\n | ${'.'.repeat(column - 1)}^`)
    .join('\n');
}
export const compilationFailed = (source, ...errors) => `compilation failed: ${celErrors(source, ...errors)}`;

/** A runtime error of a rule at the resource root (validation.go: `%v evaluating rule: %v`). */
export const rootEvalError = (error, rule) => `<nil>: Invalid value: "object": ${error} evaluating rule: ${rule}`;

/**
 * Runs one upstream table: each valid rule must pass (no error); each error rule gives exactly the
 * expected messages (an array) or compile error (a string).
 */
export function table(fn, cases) {
  for (const tc of cases) {
    for (const rule of tc.valid ?? []) {
      test(`${fn}/${tc.name}/${rule.slice(0, 127)}`, () => {
        const s = withRule(tc.schema, rule);
        assert.deepEqual(compileErrors(s), [undefined]);
        assert.deepEqual(validate(s, tc.obj), []);
      });
    }
    for (const [rule, expected] of tc.errors ?? []) {
      test(`${fn}/${tc.name}/${rule.slice(0, 127)}`, () => {
        const s = withRule(tc.schema, rule);
        if (typeof expected === 'string') assert.deepEqual(compileErrors(s), [expected]);
        else assert.deepEqual(validate(s, tc.obj), expected);
      });
    }
  }
}
