import { obj, type Obj } from '../model/obj';
import { sameJson } from '../model/sameJson';
import { mergeKeyOf } from './applyPatch';

/** One field an update changes: its path as kubectl's JSONPath-like names print it (`spec.template.spec.containers[0].image`). */
export interface FieldChange {
  path: string;
  /** Absent: the field is added. */
  old?: unknown;
  /** Absent: the field is removed. */
  new?: unknown;
}

/**
 * What the API server keeps for itself and an apply never changes: the fields a plan's diff leaves
 * out (metadata the server sets, kubectl's last-applied annotation, the status controllers write).
 */
const SERVER_METADATA = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** The fields an update changes, from the object before to the object after, in document order. */
export function fieldDiff(before: Obj, after: Obj): FieldChange[] {
  const out: FieldChange[] = [];
  const strip = (o: Obj): Obj => {
    const { status: _status, ...rest } = o;
    const meta = { ...(obj(o.metadata) ?? {}) };
    for (const k of SERVER_METADATA) delete meta[k];
    const annotations = obj(meta.annotations);
    if (annotations && LAST_APPLIED in annotations) {
      const { [LAST_APPLIED]: _dropped, ...others } = annotations;
      if (Object.keys(others).length) meta.annotations = others;
      else delete meta.annotations;
    }
    return { ...rest, metadata: meta };
  };
  walk(strip(before), strip(after), '', [], out);
  return out;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
/**
 * A null field is no field: decoding gives it its zero value, which is written back as nothing (or as
 * null: a template's `creationTimestamp: null`), so a manifest's `data:` against a stored object
 * without data, or the reverse, changes nothing.
 */
const absent = (v: unknown): boolean => v === null || v === undefined;

/** `fields`: the field names down to here (list items add none), for the lists' merge keys. */
function walk(a: unknown, b: unknown, path: string, fields: string[], out: FieldChange[]): void {
  if (sameJson(a, b) || (absent(a) && absent(b))) return;
  const ma = obj(a);
  const mb = obj(b);
  if (ma && mb) {
    for (const k of Object.keys(mb)) {
      if (!(k in ma)) {
        if (!absent(mb[k])) out.push({ path: join(path, k), new: mb[k] });
      } else walk(ma[k], mb[k], join(path, k), [...fields, k], out);
    }
    for (const k of Object.keys(ma)) if (!(k in mb) && !absent(ma[k])) out.push({ path: join(path, k), old: ma[k] });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.every((x) => obj(x)) && b.every((x) => obj(x))) {
    // A list merged by a key (containers by name, env by name…): items matched by it, named by it
    // (`env[name=LOG_LEVEL]`), so an item added in the middle is one `+`, not every item after it changed.
    const key = mergeKeyOf(fields);
    const keyOf = (item: unknown) => (key && obj(item)?.[key] !== undefined ? `${key}=${String(obj(item)![key])}` : undefined);
    const keys = [...a, ...b].map(keyOf);
    if (key && keys.every((k) => k !== undefined) && new Set(a.map(keyOf)).size === a.length && new Set(b.map(keyOf)).size === b.length) {
      const before = new Map(a.map((item) => [keyOf(item)!, item]));
      const after = new Set(b.map(keyOf));
      for (const item of b) {
        const k = keyOf(item)!;
        if (before.has(k)) walk(before.get(k), item, `${path}[${k}]`, fields, out);
        else out.push({ path: `${path}[${k}]`, new: item });
      }
      for (const item of a) if (!after.has(keyOf(item))) out.push({ path: `${path}[${keyOf(item)!}]`, old: item });
      return;
    }
    // Other lists of objects item by item: the items both have, then the ones added or removed at the end.
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) walk(a[i], b[i], `${path}[${i}]`, fields, out);
    for (let i = common; i < b.length; i++) out.push({ path: `${path}[${i}]`, new: b[i] });
    for (let i = common; i < a.length; i++) out.push({ path: `${path}[${i}]`, old: a[i] });
    return;
  }
  out.push({ path, old: a, new: b });
}
