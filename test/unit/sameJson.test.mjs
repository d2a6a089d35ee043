// sameJson (core/model/sameJson.ts): deep equality of JSON values, used by the plan's field diff,
// EqualIgnoreHash and the CRD checks.
import test from 'node:test';
import assert from 'node:assert/strict';
import { sameJson } from '../../dist/core.js';

test('sameJson: as the JSON texts compare once keys are sorted', () => {
  const cases = [
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: null }, false],
    [[1, 2], [2, 1], false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [{ a: [] }, { a: {} }, false],
    [{ a: '1' }, { a: 1 }, false],
    [{ a: { b: { c: 1 } } }, { a: { b: { c: 2 } } }, false],
    [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'), false],
    [{ t: new Date('2026-01-01T00:00:00Z') }, { t: new Date('2026-01-01T00:00:00Z') }, true],
    [null, undefined, false],
    [0, -0, true],
  ];
  assert.deepEqual(
    cases.map(([a, b]) => [sameJson(a, b), sameJson(b, a)]),
    cases.map(([, , want]) => [want, want]),
  );
});

test('sameJson: the skipped field is left out at the top level only', () => {
  assert.deepEqual(
    [sameJson({ a: 1, h: 'x' }, { a: 1, h: 'y' }, 'h'), sameJson({ a: 1 }, { a: 1, h: 'y' }, 'h'), sameJson({ a: { h: 'x' } }, { a: { h: 'y' } }, 'h')],
    [true, true, false],
  );
});
