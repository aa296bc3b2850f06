/**
 * @file Numbers objects by identity, in the order they were added: what the tape uses to key cotangents by
 * tensor. A tape usually knows a handful of tensors and lives for one step, so while it knows few it searches a
 * short array (cheaper than hashing, and no hash table to allocate per tape); past `LINEAR_MAX` it keeps a Map.
 */

/**
 * Up to this many entries a search beats hashing. Measured with a Map from the first entry instead: the SGD step
 * (W4) took 5.9 µs against 4.7, the tutorial's first cell (W1) 2.0 against 1.7.
 */
const LINEAR_MAX = 32;

export class IdentityIndex<T extends object> {
  /** The objects, by number. */
  readonly items: T[] = [];
  #map: Map<T, number> | null = null;

  /** The number of `x`, or -1 when it was never added. */
  indexOf(x: T): number {
    if (this.#map !== null) return this.#map.get(x) ?? -1;
    const a = this.items;
    // newest first: an op's input is most often the output of an op just recorded
    for (let i = a.length - 1; i >= 0; i--) if (a[i] === x) return i;
    return -1;
  }

  /** Numbers `x`, which must not be here yet, and returns its number. */
  add(x: T): number {
    const i = this.items.push(x) - 1;
    if (this.#map !== null) this.#map.set(x, i);
    else if (i === LINEAR_MAX) this.#map = new Map(this.items.map((t, k) => [t, k]));
    return i;
  }
}
