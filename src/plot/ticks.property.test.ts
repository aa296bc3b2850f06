import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AUTO_STEPS, MAXN_STEPS, maxNLocator } from './ticks.js';
import { isolines } from './isolines.js';
import { toContourGrid } from './grid.js';

describe('maxNLocator properties', () => {
  it.each([
    ['MaxNLocator default', undefined, MAXN_STEPS],
    ['AutoLocator', AUTO_STEPS, AUTO_STEPS],
  ] as const)('equal nice steps, covers the range, at most nbins intervals inside (%s steps)', (_name, steps, nice) => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.integer({ min: 1, max: 12 }),
        (lo, span, nbins) => {
          const hi = lo + span;
          fc.pre(Math.abs(lo) / span < 1e8); // beyond float precision there are no distinct ticks to find
          const t = maxNLocator(lo, hi, { nbins, minNTicks: 1, steps });
          const step = t[1] - t[0];
          const mant = step / 10 ** Math.floor(Math.log10(step) + 1e-12);
          expect(nice.some((s) => Math.abs(mant - s) < 1e-6 * s)).toBe(true);
          for (let i = 1; i < t.length; i++)
            expect(Math.abs(t[i] - t[i - 1] - step)).toBeLessThan(1e-6 * step + 1e-9 * Math.abs(t[i]));
          // matplotlib's _Edge_integer treats ends within ~1e-10 steps of a tick as on it.
          const tol = 1e-9 * step + 1e-12 * Math.max(Math.abs(lo), Math.abs(hi));
          expect(t[0]).toBeLessThanOrEqual(lo + tol);
          expect(t[t.length - 1]).toBeGreaterThanOrEqual(hi - tol);
          const inside = t.filter((v) => v >= lo && v <= hi).length;
          expect(inside - 1).toBeLessThanOrEqual(nbins);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('isoline properties', () => {
  it('every isoline vertex of a plane lies on the level (linear fields are exact)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        (a, b, level) => {
          fc.pre(Math.abs(a) + Math.abs(b) > 0.1);
          const xs = Array.from({ length: 12 }, (_, i) => -1 + i / 5.5),
            ys = xs;
          const Z = ys.map((y) => xs.map((x) => a * x + b * y));
          for (const l of isolines(toContourGrid(xs, ys, Z, 'contour'), level)) {
            for (let i = 0; i < l.x.length; i++) expect(Math.abs(a * l.x[i] + b * l.y[i] - level)).toBeLessThan(1e-9);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
