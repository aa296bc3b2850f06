/**
 * @file Maps and sets keyed by tensor id, for the tape. Ids grow by one per tensor, so the ids one recording
 * touches sit mostly in one short window: indexing an array there is several times cheaper than hashing, and
 * hash lookups were the largest bookkeeping cost of a scalar optimizer step. Ids outside the window (old
 * tensors such as a long-lived input, or a window grown too large) go to a Map/Set.
 */

/** Largest window kept as an array; beyond it ids are hashed, so a long-lived tape cannot grow an array without end. */
const MAX_SPAN = 1 << 16;

/** Entries outside the window kept in a list before switching to a Map (a list scan beats hashing for a few). */
const FEW = 8;

/** Values for the few ids outside a window: parallel lists while short, a Map past FEW entries. */
class FarIds<T> {
  #ids: number[] = [];
  #values: T[] = [];
  #map: Map<number, T> | null = null;
  get(id: number): T | undefined {
    if (this.#map !== null) return this.#map.get(id);
    const k = this.#ids.indexOf(id);
    return k < 0 ? undefined : this.#values[k];
  }
  set(id: number, v: T): void {
    if (this.#map !== null) { this.#map.set(id, v); return; }
    const k = this.#ids.indexOf(id);
    if (k >= 0) this.#values[k] = v;
    else if (this.#ids.length < FEW) { this.#ids.push(id); this.#values.push(v); }
    else { this.#map = new Map(this.#ids.map((x, j) => [x, this.#values[j]])); this.#map.set(id, v); }
  }
  delete(id: number): void {
    if (this.#map !== null) { this.#map.delete(id); return; }
    const k = this.#ids.indexOf(id);
    if (k >= 0) { this.#ids.splice(k, 1); this.#values.splice(k, 1); }
  }
}

/** A map from tensor id to value: a dense array over ids [base, base + span), FarIds for the ids outside it. */
export class IdTable<T> {
  readonly #base: number;
  readonly #dense: (T | undefined)[];
  #far: FarIds<T> | null = null;
  constructor(base: number, span: number) {
    this.#base = base;
    this.#dense = new Array(span > 0 && span <= MAX_SPAN ? span : 0);
  }
  get(id: number): T | undefined {
    const i = id - this.#base;
    if (i >= 0 && i < this.#dense.length) return this.#dense[i];
    return this.#far === null ? undefined : this.#far.get(id);
  }
  has(id: number): boolean { return this.get(id) !== undefined; }
  set(id: number, v: T): void {
    const i = id - this.#base;
    if (i >= 0 && i < this.#dense.length) this.#dense[i] = v;
    else (this.#far ??= new FarIds()).set(id, v);
  }
  delete(id: number): void {
    const i = id - this.#base;
    if (i >= 0 && i < this.#dense.length) this.#dense[i] = undefined;
    else this.#far?.delete(id);
  }
}

/**
 * A set of tensor ids that grows as a recording goes on: a bit per id from `base` (the first id made after the
 * set was), packed 16 to a small integer in a plain array that grows as needed up to MAX_SPAN (a typed array
 * would cost ~200 bytes of heap before the first id), and FarIds for older or far-away ids.
 */
export class IdSet {
  readonly #base: number;
  #words: number[] = [];
  #far: FarIds<true> | null = null;
  constructor(base: number) { this.#base = base; }
  has(id: number): boolean {
    const i = id - this.#base;
    if (i >= 0 && i < MAX_SPAN) { const w = i >> 4; return w < this.#words.length && (this.#words[w] & (1 << (i & 15))) !== 0; }
    return this.#far !== null && this.#far.get(id) === true;
  }
  add(id: number): void {
    const i = id - this.#base;
    if (i >= 0 && i < MAX_SPAN) {
      const w = i >> 4, words = this.#words;
      while (words.length <= w) words.push(0);
      words[w] |= 1 << (i & 15);
    } else (this.#far ??= new FarIds()).set(id, true);
  }
}
