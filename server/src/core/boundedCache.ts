/**
 * A Map that forgets its oldest entries once the sizes of its entries add up to more than
 * `capacity` (insertion order). Sizes come from `sizeOf` (by default each entry counts 1); callers
 * that hold texts and what is derived from them size entries by text length, so the cache is bounded
 * in bytes, not in entries. Hits do not refresh an entry: on the hot path (every document of a file
 * on every keystroke) a refresh costs more than the rare re-parse it would save.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, { value: V; size: number }>();
  private size = 0;

  constructor(
    private readonly capacity: number,
    private readonly sizeOf: (key: K, value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Keeps an entry (an entry larger than the whole capacity is not kept at all). */
  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(key, value);
    if (size > this.capacity) return;
    this.map.set(key, { value, size });
    this.size += size;
    while (this.size > this.capacity && this.map.size > 1) this.delete(this.map.keys().next().value as K);
  }

  /** Removes an entry and returns its value. */
  delete(key: K): V | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.size -= entry.size;
    return entry.value;
  }

  get entries(): number {
    return this.map.size;
  }

  /** The sum of the entries' sizes. */
  get total(): number {
    return this.size;
  }
}
