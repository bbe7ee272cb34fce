/**
 * A memo for pure functions of short, often-repeated inputs (JSON keys, enum-like values). It
 * empties itself when full: simpler than LRU, and the hot entries come straight back.
 */
export class BoundedCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => V): V {
    const known = this.#entries.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.#entries.size >= this.capacity) this.#entries.clear();
    this.#entries.set(key, value);
    return value;
  }
}
