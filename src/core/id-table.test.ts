/** @file IdTable and IdSet: the tape's id-keyed containers, across their window, list and Map regimes. */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { IdSet, IdTable } from './id-table.js';

describe('IdTable', () => {
  it('agrees with a Map for any mix of ids inside and outside its window', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100 }),
      fc.array(fc.tuple(fc.constantFrom('set', 'delete'), fc.integer({ min: 0, max: 400 }), fc.integer())),
      (base, span, ops) => {
        const t = new IdTable<number>(base, span), m = new Map<number, number>();
        for (const [op, id, v] of ops) {
          if (op === 'set') { t.set(id, v); m.set(id, v); } else { t.delete(id); m.delete(id); }
        }
        for (let id = 0; id <= 400; id++) {
          expect(t.get(id)).toBe(m.get(id));
          expect(t.has(id)).toBe(m.has(id));
        }
      }));
  });
  it('keeps far entries after switching from its short list to a Map', () => {
    const t = new IdTable<string>(1000, 10);
    for (let id = 0; id < 20; id++) t.set(id, `v${id}`);
    t.delete(3);
    expect(t.get(3)).toBeUndefined();
    expect(t.get(19)).toBe('v19');
    expect(t.get(0)).toBe('v0');
  });
  it('a window too large to be an array hashes everything', () => {
    const t = new IdTable<number>(0, 1 << 20);
    t.set(5, 1); t.set(900_000, 2);
    expect([t.get(5), t.get(900_000), t.get(6)]).toEqual([1, 2, undefined]);
  });
});

describe('IdSet', () => {
  it('agrees with a Set for ids before, inside, past the growing window and past its cap', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 60_000, max: 200_000 }))), (ids) => {
      const s = new IdSet(1000), ref = new Set<number>();
      for (const id of ids) { s.add(id); ref.add(id); }
      for (const id of [...ids, 0, 999, 1000, 1063, 1064, 2999, 66_535, 66_536, 150_000]) expect(s.has(id)).toBe(ref.has(id));
    }));
  });
});
