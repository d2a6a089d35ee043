import type { K8sSchema } from '../schema/catalog';
import { obj } from '../model/obj';

/**
 * ValidFieldPath (apiextensions-apiserver schema/cel/validation.go): a rule's `fieldPath`
 * (`.spec.x`, `['key']`) checked against the schema, normalized as field.Path prints it
 * (`spec.x`, `[key]` for a map key). Returns the error text when the path is not valid.
 */
export function validFieldPath(jsonPath: string, root: K8sSchema): string | { error: string } {
  let schema: K8sSchema | undefined = root;
  let out = '';
  const append = (name: string): string | undefined => {
    const props = obj(schema?.properties);
    if (props) {
      const next = obj(props[name]) as K8sSchema | undefined;
      out += out === '' ? name : `.${name}`;
      if (!next) return 'does not refer to a valid field';
      schema = next;
    } else if (obj(schema?.additionalProperties)) {
      out += `[${name}]`;
      schema = obj(schema?.additionalProperties) as K8sSchema;
    } else {
      return 'does not refer to a valid field';
    }
    return undefined;
  };
  const error = walkJsonPath(jsonPath, true, append);
  if (error) return { error };
  return out;
}

/**
 * The steps of a JSON path (`.name`, `['name']`) as ValidFieldPath reads them: each name goes to
 * `step`, which walks the schema and returns its error; the first error, of the path or of a step,
 * is returned. `allowArrayNotation` false refuses `['name']`.
 */
export function walkJsonPath(jsonPath: string, allowArrayNotation: boolean, step: (name: string) => string | undefined): string | undefined {
  const tokens = tokenize(jsonPath);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok === '[') {
      if (!allowArrayNotation) return 'array notation is not allowed';
      const quoted = tokens[++i];
      if (quoted === undefined) return 'unexpected end of JSON path';
      if (quoted.length < 2 || quoted[0] !== "'" || quoted[quoted.length - 1] !== "'") return `expected single quoted string but got ${quoted}`;
      const unescaped = unescapeSingleQuote(quoted.slice(1, -1));
      if (typeof unescaped !== 'string') return `invalid string literal: ${unescaped.error}`;
      const e = step(unescaped);
      if (e) return e;
      const close = tokens[++i];
      if (close === undefined) return 'unexpected end of JSON path';
      if (close !== ']') return `expected ] but got ${close}`;
    } else if (tok === '.') {
      const name = tokens[++i];
      if (name === undefined) return 'unexpected end of JSON path';
      const e = step(name);
      if (e) return e;
    } else {
      return `expected [ or . but got: ${tok}`;
    }
  }
  return undefined;
}

/** The scanner's split: '.', '[' and ']' alone, quoted strings whole, other runs as one token. */
function tokenize(path: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < path.length) {
    if (path[i] === "'") {
      let j = i + 1;
      while (j < path.length && !(path[j] === "'" && path[j - 1] !== '\\')) j++;
      tokens.push(path.slice(i, j + 1));
      i = j + 1;
    } else if ('.[]'.includes(path[i])) {
      tokens.push(path[i++]);
    } else {
      let j = i;
      while (j < path.length && !'.[]'.includes(path[j])) j++;
      tokens.push(path.slice(i, j));
      i = j;
    }
  }
  return tokens;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', "'": "'", '\\': '\\' };

function unescapeSingleQuote(s: string): string | { error: string } {
  let error: string | undefined;
  const out = s.replace(/\\./g, (m) => {
    const e = ESCAPES[m[1]];
    if (e === undefined) error = `invalid escape char ${m}`; // the last, as upstream's closure assigns err
    return e ?? '';
  });
  return error ? { error } : out;
}
