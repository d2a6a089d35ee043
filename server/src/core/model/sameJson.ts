/**
 * Deep equality of JSON-like values (parsed YAML or JSON): a missing field and an undefined one alike,
 * key order ignored, arrays item by item. Objects that are not plain (a YAML timestamp's Date) compare
 * by their JSON. At the top level, the field `skip` is not compared.
 */
export function sameJson(a: unknown, b: unknown, skip?: string): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], bb[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return JSON.stringify(a) === JSON.stringify(b);
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  for (const k in oa) if (k !== skip && oa[k] !== undefined && !sameJson(oa[k], ob[k])) return false;
  for (const k in ob) if (k !== skip && ob[k] !== undefined && oa[k] === undefined) return false;
  return true;
}

function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}
