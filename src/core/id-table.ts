/**
 * @file Maps and sets keyed by tensor id, for the tape. Ids grow by one per tensor, so the ids one recording
 * touches sit mostly in one short window: indexing an array there is several times cheaper than hashing, and
 * hash lookups were the largest bookkeeping cost of a scalar optimizer step. Ids outside the window (old
 * tensors such as a long-lived input, or a window grown too large) go to a Map/Set.
 */

/** Largest window kept as an array; beyond it ids are hashed, so a long-lived tape cannot grow an array without end. */
const MAX_SPAN = 1 << 16;

/**
 * A map from tensor id to value: a dense array over ids [base, base + span), and for the ids outside it (the
 * few sources and inputs made before the recording) a short list, which becomes a Map past FEW entries.
 */
export class IdTable<T> {
  readonly #base: number;
  readonly #dense: (T | undefined)[];
  #farIds: number[] | null = null;
  #farValues: (T | undefined)[] = [];
  #far: Map<number, T> | null = null;
  constructor(base: number, span: number) {
    this.#base = base;
    this.#dense = new Array(span > 0 && span <= MAX_SPAN ? span : 0);
  }
  get(id: number): T | undefined {
    const i = id - this.#base;
    if (i >= 0 && i < this.#dense.length) return this.#dense[i];
    if (this.#farIds !== null) { const k = this.#farIds.indexOf(id); return k < 0 ? undefined : this.#farValues[k]; }
    return this.#far === null ? undefined : this.#far.get(id);
  }
  has(id: number): boolean { return this.get(id) !== undefined; }
  set(id: number, v: T | undefined): void {
    const i = id - this.#base;
    if (i >= 0 && i < this.#dense.length) { this.#dense[i] = v; return; }
    if (this.#far !== null) { if (v === undefined) this.#far.delete(id); else this.#far.set(id, v); return; }
    const ids = (this.#farIds ??= []);
    const k = ids.indexOf(id);
    if (k >= 0) this.#farValues[k] = v;
    else if (ids.length < FEW) { ids.push(id); this.#farValues.push(v); }
    else {
      this.#far = new Map();
      ids.forEach((x, j) => { const w = this.#farValues[j]; if (w !== undefined) this.#far!.set(x, w); });
      this.#farIds = null;
      this.set(id, v);
    }
  }
  delete(id: number): void { this.set(id, undefined); }
}

/** Entries outside the window kept in a list before switching to a Map (a list scan beats hashing for a few). */
const FEW = 8;

/**
 * A set of tensor ids that grows as a recording goes on: a bit per id from `base` (the first id made after the
 * set was), packed 16 to a small integer in a plain array that grows as needed up to MAX_SPAN (a typed array
 * would cost ~200 bytes of heap before the first id), and a short list, then a Set, for older or far-away ids.
 */
export class IdSet {
  readonly #base: number;
  #words: number[] = [];
  /** Ids outside the window: a short list (a tape usually watches one or two old tensors), a Set past FEW. */
  #far: number[] | Set<number> | null = null;
  constructor(base: number) { this.#base = base; }
  has(id: number): boolean {
    const i = id - this.#base;
    if (i >= 0 && i < MAX_SPAN) { const w = i >> 4; return w < this.#words.length && (this.#words[w] & (1 << (i & 15))) !== 0; }
    const far = this.#far;
    return far !== null && (Array.isArray(far) ? far.includes(id) : far.has(id));
  }
  add(id: number): void {
    const i = id - this.#base;
    if (i >= 0 && i < MAX_SPAN) {
      const w = i >> 4, words = this.#words;
      while (words.length <= w) words.push(0);
      words[w] |= 1 << (i & 15);
      return;
    }
    const far = (this.#far ??= []);
    if (!Array.isArray(far)) far.add(id);
    else if (!far.includes(id)) { if (far.length < FEW) far.push(id); else this.#far = new Set([...far, id]); }
  }
}
