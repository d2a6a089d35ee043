import type { DocFix } from '../../model/docFinding';
import { nodeAt, type JsonPath } from '../../yaml/nodeAt';
import type { DocSpans } from '../../yaml/spans';

type Edit = DocFix['edits'][number];

/**
 * A quick fix that sets scalar fields in the map at `base` + `chain` (a container's
 * `securityContext`, its `resources.requests`): a value already there is replaced, a missing one
 * added, and the maps of `chain` that do not exist yet are created, in the style (block or flow) of
 * the map they go into. Undefined where the YAML gives no map to write into (`securityContext:` left
 * empty, an alias…): a fix there would have to guess.
 */
export function setFieldsFix(title: string, spans: DocSpans, base: JsonPath, chain: string[], fields: Array<[key: string, value: string]>): DocFix | undefined {
  const exists = (path: JsonPath) => nodeAt(spans.doc, path).parentPath.length === path.length;
  let depth = 0;
  while (depth < chain.length && exists([...base, ...chain.slice(0, depth + 1)])) depth++;
  const at = [...base, ...chain.slice(0, depth)];
  const flow = spans.flowMap(at);
  if (flow === undefined) return undefined;

  const edits: Edit[] = [];
  let missing = fields;
  if (depth === chain.length) {
    missing = [];
    for (const [key, value] of fields) {
      const scalar = spans.scalar([...at, key]);
      // An empty value (`key:`) has no text to replace: the fix would have to guess the spacing.
      if (scalar?.range && scalar.range[1] > scalar.range[0]) edits.push({ start: scalar.range[0], end: scalar.range[1], newText: value });
      else if (exists([...at, key])) return undefined;
      else missing.push([key, value]);
    }
  }
  if (missing.length) {
    const rest = chain.slice(depth);
    const entry = flow ? flowEntry(rest, missing) : blockEntry(rest, missing);
    const edit = spans.insertEntry(at, entry);
    if (!edit) return undefined;
    edits.push(edit);
  }
  return { title, edits };
}

/** `a:\n  b:\n    key: value` (insertEntry indents the lines after the first). */
function blockEntry(chain: string[], fields: Array<[string, string]>): string {
  const lines = chain.map((key, i) => `${'  '.repeat(i)}${key}:`);
  const indent = '  '.repeat(chain.length);
  for (const [key, value] of fields) lines.push(`${indent}${key}: ${value}`);
  return lines.join('\n');
}

/** `a: {b: {key: value}}`. */
function flowEntry(chain: string[], fields: Array<[string, string]>): string {
  let text = fields.map(([key, value]) => `${key}: ${value}`).join(', ');
  for (let i = chain.length - 1; i >= 0; i--) text = `${chain[i]}: {${text}}`;
  return text;
}
