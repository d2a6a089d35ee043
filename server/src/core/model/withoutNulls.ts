import type { Obj } from './obj';

/** JSON decoding turns a null field into the zero value, so the API server accepts null anywhere. */
export function withoutNulls(value: unknown): unknown {
  // Most objects have no null at all: they are returned as they are, not copied.
  return hasNull(value) ? copyWithoutNulls(value) : value;
}

function hasNull(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'object' || value instanceof Date) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (hasNull(v)) return true;
    return false;
  }
  for (const k in value) if (hasNull((value as Obj)[k])) return true;
  return false;
}

function copyWithoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyWithoutNulls);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = copyWithoutNulls(v);
    return out;
  }
  return value;
}
