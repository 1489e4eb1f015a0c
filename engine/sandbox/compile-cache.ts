/** A bounded least-recently-used map: compiled scenarios are reused, but an upload loop cannot grow it without end. */
export class CompileCache<V> {
  readonly #entries = new Map<string, V>();

  constructor(readonly maxEntries = 256) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
