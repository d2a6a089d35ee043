/**
 * A Map that forgets its oldest entries past `capacity` (insertion order). Hits do not refresh an
 * entry: on the hot path (every document of a file on every keystroke) a refresh costs more than
 * the rare re-parse it would save.
 */
export class BoundedCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private capacity: number) {}

  /** Holds at least `capacity` entries from now on (never fewer than it was made for). */
  reserve(capacity: number): void {
    this.capacity = Math.max(this.capacity, capacity);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as K);
  }
}
