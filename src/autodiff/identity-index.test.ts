import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdentityIndex } from './identity-index.js';

describe('IdentityIndex', () => {
  it('numbers objects by identity in the order added, below and past the switch to a Map', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(80), { maxLength: 300 }), (picks) => {
        const objs = Array.from({ length: 81 }, (_, i) => ({ i }));
        const index = new IdentityIndex<{ i: number }>();
        const reference: { i: number }[] = [];
        for (const p of picks) {
          const o = objs[p];
          expect(index.indexOf(o)).toBe(reference.indexOf(o));
          if (!reference.includes(o)) expect(index.add(o)).toBe(reference.push(o) - 1);
        }
        expect(index.items).toEqual(reference);
        // equal-looking objects are different keys
        expect(index.indexOf({ i: 0 })).toBe(-1);
      }),
      { numRuns: 200 },
    );
  });
});
