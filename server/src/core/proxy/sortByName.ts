/**
 * Sorting a large cluster's hundred thousand chains by name (code-unit order, as `<`): a comparison
 * sort of that many strings took a good part of the render time. Per-service chain names are
 * `KUBE-{EXT,FW,SEP,SVC,SVL}-` and 16 base32 characters: the kind and the first ten characters fit in
 * one double (3 + 10 × 5 bits) whose numeric order is the name order, and a Float64Array sorts natively.
 * Other names (and the rare second name sharing a key) take the comparison sort, then both lists merge.
 */

/** In name order: KUBE-EXT- < KUBE-FW- < KUBE-SEP- < KUBE-SVC- < KUBE-SVL-. */
const KINDS = ['EXT', 'FW', 'SEP', 'SVC', 'SVL'];
/** Base32 digits ranked in code-unit order ('2'…'7' before 'A'…'Z'); -1 for other characters. */
const RANK = Array.from({ length: 128 }, () => -1);
[...'234567ABCDEFGHIJKLMNOPQRSTUVWXYZ'].forEach((c, i) => (RANK[c.charCodeAt(0)] = i));

/** The numeric sort key of a per-service chain name, or -1 for any other name. */
function chainKey(name: string): number {
  if (!name.startsWith('KUBE-')) return -1;
  const dash = name.indexOf('-', 5);
  const kind = dash === -1 ? -1 : KINDS.indexOf(name.slice(5, dash));
  if (kind === -1 || name.length !== dash + 17) return -1;
  let key = kind;
  for (let i = dash + 1; i <= dash + 10; i++) {
    const rank = RANK[name.charCodeAt(i)] ?? -1;
    if (rank === -1) return -1;
    key = key * 32 + rank;
  }
  return key;
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The items in name order (a new array); items with equal names keep their order. */
export function sortByName<T extends { name: string }>(items: T[]): T[] {
  const byKey = new Map<number, T>();
  const others: T[] = [];
  for (const item of items) {
    const key = chainKey(item.name);
    if (key === -1 || byKey.has(key)) others.push(item);
    else byKey.set(key, item);
  }
  const keys = Float64Array.from(byKey.keys()).sort();
  others.sort(byName);
  // Merge; on equal names the keyed item came first in the input (a later twin went to `others`).
  const out: T[] = [];
  let j = 0;
  for (const key of keys) {
    const item = byKey.get(key)!;
    while (j < others.length && others[j].name < item.name) out.push(others[j++]);
    out.push(item);
  }
  while (j < others.length) out.push(others[j++]);
  return out;
}
