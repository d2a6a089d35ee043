// Memory follows the workspace's files, not the history of their edits (issue: typing in a large CRD
// grew the server by megabytes per keystroke until Node killed it).
import test from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../dist/core.js';
import { schemasDir } from '../helpers/paths.mjs';

const configMaps = (n, prefix = 'c') => Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${prefix}${i}\n`);
const crd = (description) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: ${description}
        properties:
          spec: {type: object, properties: {size: {type: integer}}}
`;
const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n';

test('the documents of the workspace files are kept however many there are: a pass over them parses none again', () => {
  const text = configMaps(25_000).join('---\n');
  const analyzer = new Analyzer(schemasDir);
  analyzer.setFile('big.yaml', text);
  const documents = analyzer.layout(text).chunks.map((c) => c.text);
  const first = analyzer.parse(documents[0]);
  for (const t of documents) analyzer.parse(t);
  assert.equal(analyzer.parse(documents[0]), first, 'the first document is still the parse of the first pass');
  assert.deepEqual(first.value, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c0' } });
  assert.deepEqual(analyzer.stats(), { files: 1, heldDocuments: 25_000, heldBytes: text.length, looseDocuments: 0, looseBytes: 0, layouts: 1, customValidators: 0, celSchemas: 0 });
});

test('editing a file releases the documents only its old text held; closing it releases the rest', () => {
  const analyzer = new Analyzer(schemasDir);
  let text = crd('first');
  analyzer.setFile('crd.yaml', text);
  analyzer.setFile('widget.yaml', WIDGET);
  for (let i = 0; i < 50; i++) {
    text = crd(`edit ${i}`);
    analyzer.setFile('crd.yaml', text);
    analyzer.analyzeFile(text);
    analyzer.analyzeFile(WIDGET);
  }
  const stats = analyzer.stats();
  assert.deepEqual(stats, { files: 2, heldDocuments: 2, heldBytes: text.length + WIDGET.length, looseDocuments: 0, looseBytes: 0, layouts: 2, customValidators: 1, celSchemas: 0 });
  assert.deepEqual(analyzer.analyzeFile(WIDGET).map((f) => f.message), ['spec.size must be an integer, not a string ("big")']);
  analyzer.forgetFile('crd.yaml');
  analyzer.forgetFile('widget.yaml');
  assert.deepEqual(analyzer.stats(), { files: 0, heldDocuments: 0, heldBytes: 0, looseDocuments: 0, looseBytes: 0, layouts: 0, customValidators: 0, celSchemas: 0 });
});

test('documents of texts no file holds are kept within 8 MiB of text, oldest out first', () => {
  const analyzer = new Analyzer(schemasDir);
  const filler = 'x'.repeat(1024 * 1024);
  const texts = Array.from({ length: 10 }, (_, i) => `# ${i}${filler}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\n`);
  const first = analyzer.parse(texts[0]);
  for (const t of texts) analyzer.parse(t);
  const { looseDocuments, looseBytes } = analyzer.stats();
  assert.deepEqual({ looseDocuments, looseBytes }, { looseDocuments: 7, looseBytes: 7 * texts[0].length });
  assert.notEqual(analyzer.parse(texts[0]), first, 'the oldest was released');
});

test('a file over the size limit, or binary, holds nothing and is parsed by nothing', () => {
  const analyzer = new Analyzer(schemasDir);
  const big = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: "${'y'.repeat(6 * 1024 * 1024)}"\n`;
  analyzer.setFile('big.yaml', big);
  analyzer.setFile('binary.yaml', 'apiVersion: v1\nkind: \u0000');
  assert.deepEqual(analyzer.stats(), { files: 2, heldDocuments: 0, heldBytes: 0, looseDocuments: 0, looseBytes: 0, layouts: 0, customValidators: 0, celSchemas: 0 });
  assert.equal(analyzer.isAnalysed('big.yaml'), false);
  assert.deepEqual(analyzer.analysedFiles(), []);
  assert.equal(analyzer.analyzeFile(big)[0].code, 'KP100');
  assert.equal(analyzer.stats().looseDocuments, 0);
});
