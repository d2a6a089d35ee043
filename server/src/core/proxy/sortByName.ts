/**
 * Sorting a large cluster's hundred thousand chains by name (code-unit order, as `<`): a comparison
 * sort of that many strings took a good part of the render time. Per-service chain names are
 * `KUBE-{EXT,FW,SEP,SVC,SVL}-` and 16 base32 characters: the kind, the first six characters and the
 * item's index fit in one double (3 + 30 + 20 bits) whose numeric order is the name order (then the
 * input order), and a Float64Array sorts natively. Names sharing those six characters are rare and
 * compared in full; other names take the comparison sort, and both lists are merged.
 */
/** In name order: KUBE-EXT- < KUBE-FW- < KUBE-SEP- < KUBE-SVC- < KUBE-SVL-. */
const KINDS = ['EXT', 'FW', 'SEP', 'SVC', 'SVL'];
/** Base32 digits ranked in code-unit order ('2'…'7' before 'A'…'Z'); -1 for other characters. */
const RANK = Array.from({ length: 128 }, () => -1);
[...'234567ABCDEFGHIJKLMNOPQRSTUVWXYZ'].forEach((c, i) => (RANK[c.charCodeAt(0)] = i));

const DASH = 45;

/** Up to 2^20 items carry their index in the key's low bits. */
const INDEX_BITS = 2 ** 20;

/** The kind and first six name characters of a per-service chain as a number (name order), or -1. */
function chainPrefix(name: string): number {
  if (!name.startsWith('KUBE-')) return -1;
  let kind = 0;
  while (kind < KINDS.length && !(name.startsWith(KINDS[kind], 5) && name.charCodeAt(5 + KINDS[kind].length) === DASH)) kind++;
  if (kind === KINDS.length) return -1;
  const dash = 5 + KINDS[kind].length;
  if (name.length !== dash + 17) return -1;
  let prefix = kind;
  for (let i = dash + 1; i <= dash + 6; i++) {
    const rank = RANK[name.charCodeAt(i)] ?? -1;
    if (rank === -1) return -1;
    prefix = prefix * 32 + rank;
  }
  return prefix;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The items in name order (a new array); items with equal names keep their order. */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  if (items.length > INDEX_BITS) return items.slice().sort(byName);
  const keys = new Float64Array(items.length);
  let n = 0;
  const others: T[] = [];
  // Plain loops, no callbacks: this runs once per render on a hundred thousand names, mostly before V8
  // has optimized it.
  for (let i = 0; i < items.length; i++) {
    const prefix = chainPrefix(items[i].name);
    if (prefix === -1) others.push(items[i]);
    else keys[n++] = prefix * INDEX_BITS + i;
  }
  const sorted = keys.subarray(0, n).sort();
  const keyed: T[] = new Array<T>(n);
  for (let k = 0; k < n; k++) keyed[k] = items[sorted[k] % INDEX_BITS];
  // A run of names sharing the prefix is in input order: compare them in full (a stable sort).
  for (let k = 0; k < n; ) {
    const prefix = Math.floor(sorted[k] / INDEX_BITS);
    let end = k + 1;
    while (end < n && Math.floor(sorted[end] / INDEX_BITS) === prefix) end++;
    if (end - k > 1) keyed.splice(k, end - k, ...keyed.slice(k, end).sort(byName));
    k = end;
  }
  if (others.length === 0) return keyed;
  others.sort(byName);
  // Merge; on equal names (both lists never hold the same name) the order does not matter.
  const out: T[] = [];
  let j = 0;
  for (const item of keyed) {
    while (j < others.length && others[j].name < item.name) out.push(others[j++]);
    out.push(item);
  }
  while (j < others.length) out.push(others[j++]);
  return out;
}
