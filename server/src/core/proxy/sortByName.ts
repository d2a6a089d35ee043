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

/** Up to 2^20 items carry their index in the key's low bits. */
const INDEX_BITS = 2 ** 20;

/** The kind and first six name characters of a per-service chain as a number (name order), or -1. */
function chainPrefix(name: string): number {
  if (!name.startsWith('KUBE-')) return -1;
  const dash = name.indexOf('-', 5);
  const kind = dash === -1 ? -1 : KINDS.indexOf(name.slice(5, dash));
  if (kind === -1 || name.length !== dash + 17) return -1;
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
  items.forEach((item, i) => {
    const prefix = chainPrefix(item.name);
    if (prefix === -1) others.push(item);
    else keys[n++] = prefix * INDEX_BITS + i;
  });
  const sorted = keys.subarray(0, n).sort();
  const keyed: T[] = [];
  const prefixOf = (k: number) => Math.floor(sorted[k] / INDEX_BITS);
  for (let k = 0; k < n; ) {
    let end = k + 1;
    while (end < n && prefixOf(end) === prefixOf(k)) end++;
    if (end === k + 1) keyed.push(items[sorted[k++] % INDEX_BITS]);
    else {
      // A run of names sharing the prefix is in input order: compare them in full (a stable sort).
      const run: T[] = [];
      for (; k < end; k++) run.push(items[sorted[k] % INDEX_BITS]);
      for (const item of run.sort(byName)) keyed.push(item);
    }
  }
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
