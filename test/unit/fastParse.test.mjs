// The fast path of parsing (core/yaml/fastParse.ts) against the yaml library: for every document it
// accepts, the same nodes (classes, ranges, values, source, type, spaceBefore, flow, format), the same
// document (range, directives, no errors) and the same JS value. Over hand-written edge cases, every
// YAML file of the repository (fixtures, examples, schemas' samples) and every document of the corpus.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fastParseChunk, parseWithLibrary, splitDocuments } from '../../dist/core.js';
import { repoRoot, sharedDir, sharedSkip } from '../helpers/paths.mjs';

/** Everything a node holds, recursively, with its class; the schema left out. */
function dump(node) {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(dump);
  const out = { class: node.constructor.name };
  for (const [k, v] of Object.entries(node)) if (k !== 'schema' && k !== 'options') out[k] = k === 'directives' ? JSON.stringify(v) : dump(v);
  return out;
}

/** Compares the fast path with the library on one document text; whether the fast path took it. */
function same(text, where) {
  const fast = fastParseChunk(text);
  if (!fast) return false;
  const lib = parseWithLibrary(text);
  assert.deepEqual(lib.problems, [], `${where}: the fast path took a document the library reports problems in`);
  assert.deepEqual(fast.problems, []);
  assert.deepStrictEqual(dump(fast.doc), dump(lib.doc), `${where}: nodes differ`);
  assert.deepStrictEqual(fast.value, lib.value, `${where}: values differ`);
  assert.deepStrictEqual(fast.value, lib.doc.toJS({ maxAliasCount: 1000 }), `${where}: value is not toJS`);
  // The library itself reads the fast path's nodes as its own (they inherit their type, core/yaml/fastNodes.ts).
  assert.deepStrictEqual(fast.doc.toJS({ maxAliasCount: 1000 }), lib.value, `${where}: the library's toJS of the fast nodes differs`);
  assert.equal(fast.doc.toString(), lib.doc.toString(), `${where}: the library's toString of the fast nodes differs`);
  // Cloned (Collection.clone gives each collection the document's schema), the root has the library's own fields.
  const [fastClone, libClone] = [fast.doc.clone(), lib.doc.clone()];
  assert.deepEqual(Object.keys(fastClone.contents).sort(), Object.keys(libClone.contents).sort(), `${where}: a clone's fields differ`);
  assert.equal(fastClone.contents.schema, fastClone.schema);
  return true;
}

function* yamlFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) yield* yamlFiles(p);
    } else if (/\.ya?ml$/i.test(e.name)) yield p;
  }
}

function compareTree(dir) {
  let documents = 0;
  let fast = 0;
  for (const file of yamlFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    for (const chunk of splitDocuments(text)) {
      documents++;
      if (same(chunk.text, `${file}@${chunk.start}`)) fast++;
    }
  }
  return { documents, fast };
}

const SCALARS = [
  'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'True', 'FALSE', 'true', 'null', 'Null', '~', '010', '0o10', '0x1F', '0b101',
  '1_000', '-1', '+1', '1.5', '.5', '1e3', '1.0', '.inf', '-.Inf', '.nan', '22:22', '190:20:30', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '0', '-0', '00', '08', '1.', '0.1_0', 'a b', 'a:b', 'a#b', 'http://x/y', '-x', '--to', 'x-', '=', '<<<', 'é', 'a\'b', '100m', '1Gi', '1e', 'e1',
];

test('fast path: scalars resolve as the library resolves them (YAML 1.1, Kubernetes dialect)', () => {
  let taken = 0;
  for (const s of SCALARS) {
    for (const text of [`k: ${s}\n`, `k: [${s}]\n`, `k: {a: ${s}}\n`, `- ${s}\n`, `k: '${s.replace(/'/g, "''")}'\n`, `k: "${s}"\n`, `${s}: v\n`, `---\nk:\n- ${s}\n- x: ${s}\n`]) {
      if (same(text, JSON.stringify(text))) taken++;
    }
  }
  assert.ok(taken > SCALARS.length * 5, `only ${taken} cases took the fast path`);
});

test('fast path: layouts, blank lines, empty values, and what it leaves to the library', () => {
  const cases = [
    'a: 1\nb:\n  c: "x"\n  d: [1, {e: f}]\nl:\n- x\n-  y: z\n   w: 2\n',
    '---\na:\nb: x  \nc: [ 1 ,2 ]\n\nd: -1\n\n',
    'a:\n  b: 1\n\nc: 2\n',
    'a:\n  - x\n\n  - y\nb:\n- p: 1\n\n  q: 2\n\n- r\n',
    'a:\n',
    'a: 1\nb:',
    'a:\n- x\n-\n',
    'a:\n  b:\n  c:\n',
    'a: {}\nb: []\nc: [{}, []]\nd: {x: [1, 2], y: {z: w}}\n',
    'a: b: c\n',
    'a: b\n  c\n',
    'a: "b\n  c"\n',
    "a: 'it''s'\n",
    'a: "\\n"\n',
    'a: "x\\ty \\u00e9\\x41\\U0001F600 \\" \\\\ \\/ \\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\ "\n',
    'a: "\\q"\n',
    'a: "\\x4"\n',
    'a: "\\UFFFFFFFF"\n',
    'a: "p  q  "\n',
    'a: [" x ", \'y \']\n',
    'a: |\n  x\n\n  y\n   z\nb: |-\n  p\n  q\nc:\n- |\n  r\n- s\n',
    'a: |\n  x\n\nb: 1\n',
    'a: |\n\n  x\n',
    'a: |\n  x\n y\n',
    'a: |+\n  x\n',
    'a: |2\n   x\n',
    'a: >\n  x\n',
    'a: |\n  x',
    'a: |\nb: 1\n',
    'a:\n  b: |\n    x\n      y\n  c: 1\n',
    'a: 1\na: 2\n',
    'a: &x 1\nb: *x\n',
    '<<: {a: 1}\n',
    '? a\n: b\n',
    'a: !!str 1\n',
    'a: |\n  x\n',
    'a: 1 # c\n',
    '# c\na: 1\n',
    '# a\n# b\nk: v\n',
    '# a\n\nk: v\n',
    '---\n# a\nk: v\n',
    '# a\n---\nk: v\n',
    '# a\n---\n# b\nk: v\n',
    '#a\n#\n# c \nk: v\n',
    '# a\n\n# b\nk: v\n',
    '---\n\n# a\n\nk: v\n',
    '# a\n- x\n',
    '---\n# a\n- x\n',
    '# a\nk: v\n# b\n',
    '# a\nk: v # b\n',
    '# a\n#',
    'a:\n\tb: 1\n',
    'a: 1\r\n',
    'a : 1\n',
    '"a": 1\n\'b\': [x, "y", \'z\']\n',
    '- - x\n',
    '- [a, b]\n- {a: b}\n',
    'a: [a: b]\n',
    'a: [x,]\n',
    'a: {x: 1, x: 2}\n',
    'a: {x}\n',
    'a: [\n  x]\n',
    '1: x\n',
    'a:b: c\n',
    'x\n',
    '---\n',
    '',
    '\na: 1\n',
    'a:\n\n  b: 1\n',
    'a: x\n\n  y\n',
    '__proto__: 1\n',
    'a: [x y, "p q", \'r\']\n',
    'a: {b: c d}\n',
    'spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        args: ["--to", "latest"]\n      - name: b\n',
    'a:\n- b\nc: d\n',
    'a:\n  - b\n  c: d\n',
    '- a: 1\n  b:\n  - x\n',
    '- a:\n  - x\n',
    'a: -\n',
    'a: - x\n',
    'a: x:\n',
    'a: "x" y\n',
    'a: [x] y\n',
    'a: 1...\n',
    '...\n',
    'a: 1\n...\n',
    'a: 1\n--- \n',
  ];
  let taken = 0;
  for (const text of cases) if (same(text, JSON.stringify(text))) taken++;
  assert.ok(taken >= 15, `only ${taken} cases took the fast path`);
});

test('fast path: every YAML document of the repository', () => {
  const { documents, fast } = compareTree(repoRoot === '' ? '.' : join(repoRoot, 'test'));
  const examples = compareTree(join(repoRoot, 'examples'));
  assert.ok(documents + examples.documents > 100 && fast + examples.fast > 50, `${fast + examples.fast} of ${documents + examples.documents} documents took the fast path`);
});

test('fast path: every document of the corpus', { skip: sharedSkip }, () => {
  const { documents, fast } = compareTree(join(sharedDir, 'corpus'));
  assert.ok(documents > 400 && fast > 0, `${fast} of ${documents} documents took the fast path`);
});

test('fast path: a long list of scalars is read in linear time', { timeout: 30_000 }, () => {
  // Each item's search for a `key:` is bounded by its line (scanning the rest of the text per item
  // took quadratic time).
  const text = `items:\n${'- x\n'.repeat(100_000)}`;
  const parsed = fastParseChunk(text);
  assert.equal(parsed?.value.items.length, 100_000);
});
