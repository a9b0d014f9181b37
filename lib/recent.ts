/**
 * The last few values by key, least recently used dropped first: the in-process caches of parsed
 * analyses, compiled policies and computed views all keep a bounded number of entries this way.
 * Stored snapshots never change, so their keys (database + snapshot + analysis stamp) never go stale.
 */
export class Recent<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): V {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return value;
  }

  /** The kept value, or `make()`'s — kept unless it is undefined. */
  getOrMake(key: string, make: () => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const made = make();
    return made === undefined ? made : this.set(key, made);
  }
}
