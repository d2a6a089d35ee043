// A custom resource's validator is compiled from its CRD schema pruned to what the resource uses
// (core/schema/pruneSchema): exactly the properties it has, at every depth, junctors and $refs whole.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, pruneSchema } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

const schema = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['size'],
      properties: {
        size: { type: 'integer', minimum: 1 },
        image: { type: 'string' },
        ports: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' }, protocol: { enum: ['TCP', 'UDP'] } }, additionalProperties: false } },
        labels: { type: 'object', additionalProperties: { type: 'object', properties: { value: { type: 'string' }, weight: { type: 'integer' } } } },
        mode: { anyOf: [{ properties: { a: { type: 'string' } } }, { required: ['b'] }] },
      },
      additionalProperties: false,
    },
    status: { type: 'object', properties: { phase: { type: 'string' } } },
  },
};

test('pruneSchema keeps the properties an instance has, through items and additionalProperties; required and junctors stay; the shape names what was kept', () => {
  const shape = [];
  const value = { spec: { image: 'x', ports: [{ port: 80 }, { name: 'http' }], labels: { a: { weight: 1 } }, mode: { a: 'y' }, unknown: 1 } };
  assert.deepEqual(pruneSchema(schema, [value], shape), {
    type: 'object',
    required: ['spec'],
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          image: { type: 'string' },
          ports: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } }, additionalProperties: false } },
          labels: { type: 'object', additionalProperties: { type: 'object', properties: { weight: { type: 'integer' } } } },
          mode: { anyOf: [{ properties: { a: { type: 'string' } } }, { required: ['b'] }] },
        },
        additionalProperties: false,
      },
    },
  });
  assert.deepEqual(shape, ['spec', 'image\u0000ports\u0000labels\u0000mode', 'name\u0000port', 'weight']);
  const other = [];
  pruneSchema(schema, [{ spec: { size: 3 } }], other);
  assert.deepEqual(other, ['spec', 'size']);
});

test('a custom resource checked against its pruned schema gets the errors of the whole schema: missing required, unknown fields, wrong types, in items and maps', () => {
  const analyzer = new Analyzer(schemasDir);
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: ${JSON.stringify(schema)}
`;
  analyzer.setFile('crd.yaml', crd);
  const cr = (spec) => `apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: ${spec}\n`;
  const found = (spec) => analyzer.analyzeFile(cr(spec)).map((f) => `${f.code} ${f.message}`);
  assert.deepEqual(found('{size: 1, ports: [{port: "80", protocol: SCTP, extra: 1}]}'), [
    'KP122 spec.ports[0].port must be an integer, not a string ("80")',
    'KP123 spec.ports[0].protocol: Unsupported value: "SCTP": supported values: "TCP", "UDP"',
    'KP120 unknown field "spec.ports[0].extra"',
  ]);
  assert.deepEqual(found('{image: x, labels: {a: {weight: heavy}}}'), [
    'KP121 missing required field "size" in spec',
    'KP122 spec.labels.a.weight must be an integer, not a string ("heavy")',
  ]);
  // The first shape's validator again: the same findings.
  assert.deepEqual(found('{size: 1, ports: [{port: "80", protocol: SCTP, extra: 1}]}').length, 3);
  analyzer.setFile('crd.yaml', undefined);
});
