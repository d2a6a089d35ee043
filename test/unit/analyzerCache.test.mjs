import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

// The parse cache holds 20,000 documents in insertion order. A workspace simulation reads every
// document of the workspace on each run, so a larger workspace would find each document evicted
// before the next run (it re-parsed everything, every run); keepDocuments sizes the caches to it.
const documents = (n) => Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);

test('a workspace larger than the parse cache is parsed again on every pass, unless the caches are sized to it', () => {
  const texts = documents(20_001);
  const plain = new Analyzer(schemasDir);
  const first = plain.parse(texts[0]);
  for (const t of texts) plain.parse(t);
  assert.notEqual(plain.parse(texts[0]), first, 'the 20,001st document evicted the first');

  const sized = new Analyzer(schemasDir);
  sized.keepDocuments(texts.length);
  const kept = sized.parse(texts[0]);
  for (const t of texts) sized.parse(t);
  assert.equal(sized.parse(texts[0]), kept, 'the first document is still the parse of the first pass');
  assert.deepEqual(kept.value, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c0' } });
});

test('keepDocuments also keeps room for the texts of edits, and never shrinks the caches', () => {
  const texts = documents(20_000 + 5_000);
  const analyzer = new Analyzer(schemasDir);
  analyzer.keepDocuments(20_000); // room for 25,000
  analyzer.keepDocuments(10); // no effect
  const first = analyzer.parse(texts[0]);
  for (const t of texts) analyzer.parse(t);
  assert.equal(analyzer.parse(texts[0]), first);
  analyzer.parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: edited\n');
  assert.notEqual(analyzer.parse(texts[0]), first, 'one text past the room evicts the oldest');
});
