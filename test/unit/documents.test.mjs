import test from 'node:test';
import assert from 'node:assert/strict';
import { splitDocuments, LineIndex } from '../../dist/core.js';

test('splitDocuments cuts at --- lines only', () => {
  const text = '# lead\n---\na: 1\n---\nb: |\n  ---not a marker\n--- # c\nc: 3\n';
  assert.deepEqual(splitDocuments(text), [
    { start: 0, text: '# lead\n---\na: 1\n' },
    { start: 16, text: '---\nb: |\n  ---not a marker\n' },
    { start: 43, text: '--- # c\nc: 3\n' },
  ]);
  assert.deepEqual(splitDocuments('a: 1\n---\n'), [
    { start: 0, text: 'a: 1\n' },
    { start: 5, text: '---\n' },
  ]);
  assert.deepEqual(splitDocuments(''), [{ start: 0, text: '' }]);
});

test('LineIndex maps offsets and positions both ways (UTF-16 units)', () => {
  const lines = new LineIndex('ab\r\nçé\n\nx');
  assert.deepEqual(lines.position(0), { line: 0, character: 0 });
  assert.deepEqual(lines.position(5), { line: 1, character: 1 });
  assert.deepEqual(lines.position(8), { line: 3, character: 0 });
  assert.equal(lines.offset({ line: 1, character: 2 }), 6);
  assert.equal(lines.lineText(0), 'ab');
  assert.equal(lines.lineCount, 4);
});
