import type { JsonPath } from '../yaml/nodeAt';

/** `spec.template.spec.containers[0].name`, the way the API server names fields. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Turns an ajv instancePath ("/spec/ports/0") into a JSON path, using the data to tell indices. */
export function parseInstancePath(instancePath: string, data: unknown): JsonPath {
  if (instancePath === '') return [];
  const path: JsonPath = [];
  let current: unknown = data;
  for (const raw of instancePath.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      const i = Number(seg);
      path.push(i);
      current = current[i];
    } else {
      path.push(seg);
      current = current && typeof current === 'object' ? (current as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

/** The value at a JSON path in decoded YAML (undefined where the path leaves the data). */
export function valueAt(data: unknown, path: JsonPath): unknown {
  let v = data;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[seg] : undefined;
  return v;
}
