// Bad input gets a precise finding, never a crash or a hang.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer, BEST_PRACTICE_CODES, DEFAULT_SETTINGS } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';
import { renderFindings } from '../helpers/render.mjs';

const analyze = (text, settings = DEFAULT_SETTINGS) => renderFindings(new Analyzer(schemasDir).analyzeFile(text, settings));
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';

test('a file over the size limit is one KP100 finding', () => {
  const text = POD + 'x'.repeat(6 * 1024 * 1024);
  assert.equal(analyze(text), '1:1-1:15 error KP100 file too large to analyse: 6.0 MB, limit 5 MB (setting kubeplan.maxFileSizeMB, CLI --max-file-size)\n');
  assert.equal(analyze(text, { ...DEFAULT_SETTINGS, maxFileSizeMB: 10 }).split('\n')[0], '5:1-5:6291457 error KP101 Implicit map keys need to be followed by map values (check the indentation of this line and the one before)');
});

test('a binary file is one KP100 finding', () => {
  assert.equal(analyze('apiVersion: v1\nkind: \u0000\u0001\u0002'), '1:1-1:15 error KP100 binary file (contains NUL bytes): not analysed\n');
});

test('an alias bomb (billion laughs) is KP105, not an explosion', () => {
  const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  ${levels.join('\n  ')}\n`;
  assert.equal(analyze(text), '6:10-6:12 error KP105 aliases expand to more than 1000 nodes (an alias bomb?): the document is not analysed\n');
});

test('an unresolved alias is KP105 at the alias', () => {
  assert.equal(analyze(`${POD}spec:\n  containers: *missing\n`), '6:15-6:23 error KP105 unresolved alias *missing: no anchor &missing before it\n');
});

test('10,000 levels of flow nesting: KP106 on the collection at depth 200', () => {
  const text = `${POD}spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  assert.equal(analyze(text), '5:206-5:207 error KP106 nesting deeper than 200 levels: the document is not analysed\n');
});

test('100,000 levels of block nesting: KP106, and analysis goes on with the next document', () => {
  const text = `${POD}data:\n  x:\n    ${'- '.repeat(100_000)}x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n`;
  const out = analyze(text).split('\n');
  assert.equal(out[0], '7:401-7:402 error KP106 nesting deeper than 200 levels: the document is not analysed');
  assert.equal(out[1].slice(0, 77), '11:18-11:26 error KP130 metadata.name: Invalid value: "Bad_Name": a lowercase');
  assert.equal(out.length, 3);
});

test('100,000 documents (1,000 distinct texts, repeated): every one analysed, positions exact', () => {
  const text = Array.from({ length: 100_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i % 1000}}\ndata: {k: ${i % 1000 === 7 ? 'yes' : `"${i % 1000}"`}}\n`).join('---\n');
  const out = analyze(text, { ...DEFAULT_SETTINGS, maxFileSizeMB: 50 }).trim().split('\n').filter((l) => !l.startsWith(' '));
  assert.equal(out.length, 100);
  assert.equal(out[0], '39:11-39:14 error KP124 unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but data.k must be a string; quote it: "yes"');
  assert.equal(out[99], '495039:11-495039:14 error KP124 unquoted yes is a YAML 1.1 boolean: Kubernetes reads it as true, but data.k must be a string; quote it: "yes"');
});

test('wrong types where structures are expected never crash the checks', () => {
  const text = `apiVersion: apps/v1\nkind: Deployment\nmetadata: [1, 2]\nspec:\n  template:\n    spec:\n      containers: {name: x}\n`;
  assert.equal(
    analyze(text),
    [
      '3:1-3:9 error KP122 metadata must be a map, not a list',
      '4:1-4:5 error KP121 missing required field "selector" in spec',
      '    fix "Add \\"selector\\"": 5:3-5:3 "selector: {}\\n  "',
      '7:7-7:17 error KP122 spec.template.spec.containers must be a list, not a map',
      '',
    ].join('\n'),
  );
});

test('a recursive alias (an anchor used inside its own node) is KP105, not an endless structure', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: m\n  labels: {self: *m}\n';
  assert.equal(analyze(text), '5:18-5:20 error KP105 alias *m is inside the node &m names: a recursive structure\n');
});

test('quantities with absurd exponents are rejected or capped, fast', () => {
  const text = (q) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i, resources: {requests: {cpu: "${q}", memory: 1Mi}}}]\n`;
  assert.equal(analyze(text('1e3000000000')), `5:64-5:78 error KP126 spec.containers[0].resources.requests.cpu: Invalid value: "1e3000000000": unable to parse quantity's suffix\n`);
  // Valid: no finding but the best-practice notes on its container (their own tests: bestPractices.test.mjs).
  assert.equal(renderFindings(new Analyzer(schemasDir).analyzeFile(text('1e2000000000')).filter((f) => !BEST_PRACTICE_CODES.has(f.code))), '');
});
