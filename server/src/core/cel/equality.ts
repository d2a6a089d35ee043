/** The JSON an object value was made from (declTypes.ts). */
export const RAW = Symbol('raw');

/** Deep equality of JSON values (Go's reflect.DeepEqual on unstructured data). */
function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEquals(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && jsonEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/**
 * CEL equality of the values kubeplan builds from a resource (declTypes.ts): objects and maps (Maps),
 * lists, integers (BigInt), doubles, strings, bytes, timestamps and durations. Objects are equal when
 * their JSON is, unknown fields included (apiserver cel/common/values.go unstructuredMap Equal); numbers compare across
 * int and double as CEL's heterogeneous equality does.
 */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const rawA = (a as { [RAW]?: unknown } | null)?.[RAW];
  if (rawA !== undefined) return jsonEquals(rawA, (b as { [RAW]?: unknown } | null)?.[RAW]);
  // Two BigInts are === above; an int and a double compare as numbers.
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  if (a instanceof Map && b instanceof Map) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !celEquals(v, b.get(k))) return false;
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a && b && typeof a === 'object' && typeof b === 'object' && a.constructor === b.constructor && 'seconds' in a && 'nanos' in b) {
    const x = a as { seconds: bigint; nanos: number };
    const y = b as { seconds: bigint; nanos: number };
    return x.seconds === y.seconds && x.nanos === y.nanos;
  }
  return false;
}
