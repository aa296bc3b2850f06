import { describe, expect, it } from 'vitest';
import { AUTO_STEPS, autoTicks, maxNLocator, nonsingular } from './ticks.js';
import { scalarFormat, decimalsFor, computeOffset } from './format.js';
import { autoLevels, contourLevels } from './levels.js';
import { autoLimits } from './limits.js';
import { linearScale } from './scale.js';

// Expected values are matplotlib 3.6.3 outputs of MaxNLocator / AutoLocator for the same inputs
// (`MaxNLocator(11, min_n_ticks=1).tick_values(0, 13.25)` etc., run with matplotlib 3.6.3).
describe('maxNLocator (matplotlib MaxNLocator.tick_values)', () => {
  it("contour(levels=10) on 0..13.25: MaxNLocator's default steps give 1.5 (d3.ticks would give 13 levels of 1)", () => {
    // Default steps [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]: raw step 13.25 / 11 = 1.2 → the next step is 1.5.
    expect(maxNLocator(0, 13.25, { nbins: 11, minNTicks: 1 })).toEqual([0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5]);
    // AutoLocator's steps [1, 2, 2.5, 5, 10] skip 1.5 and take 2.
    expect(maxNLocator(0, 13.25, { nbins: 11, minNTicks: 1, steps: AUTO_STEPS })).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
  });
  it('validates steps as matplotlib does, adding 1 and 10 when missing', () => {
    expect(maxNLocator(0, 13.25, { nbins: 11, steps: [2, 5] })).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(() => maxNLocator(0, 1, { steps: [2, 1] })).toThrow(
      /maxNLocator: steps must be an increasing array of numbers in \[1, 10\]/,
    );
    expect(() => maxNLocator(0, 1, { steps: [0.5, 2] })).toThrow(/steps must be/);
    expect(() => maxNLocator(0, 1, { steps: [] })).toThrow(/steps must be/);
  });
  it('uses the 2.5 step: -1..1 with 9 bins', () => {
    expect(maxNLocator(-1, 1, { nbins: 9 })).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
  });
  it('treats nbins as an upper bound', () => {
    for (const [lo, hi, n] of [
      [0, 1, 5],
      [-3.3, 7.1, 4],
      [0.001, 0.0173, 7],
      [100, 1e4, 3],
    ] as const) {
      const t = maxNLocator(lo, hi, { nbins: n });
      const inside = t.filter((v) => v >= lo && v <= hi);
      expect(inside.length - 1).toBeLessThanOrEqual(n);
      expect(t[0]).toBeLessThanOrEqual(lo);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(hi);
    }
  });
  it('cleans float noise and handles offsets far from zero', () => {
    expect(maxNLocator(0, 0.3, { nbins: 3 })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(maxNLocator(1000.1, 1000.5, { nbins: 4 })).toEqual([1000.1, 1000.2, 1000.3, 1000.4, 1000.5]);
  });
  it('integer mode keeps whole steps', () => {
    expect(maxNLocator(0, 3, { nbins: 10, integer: true })).toEqual([0, 1, 2, 3]);
  });
  it('rejects bad nbins', () => expect(() => maxNLocator(0, 1, { nbins: 0 })).toThrow(/nbins/));
});

describe('autoTicks (AutoLocator with the axis length)', () => {
  it('-5..5 data on a default 640px figure shows -4..4 in steps of 2', () => {
    const [lo, hi] = autoLimits([{ x: [-5, 5], y: [0, 1] }], 'x', 0.05);
    expect([lo, hi]).toEqual([-5.5, 5.5]);
    expect(autoTicks(lo, hi, 496 / (100 / 72), 'x')).toEqual([-4, -2, 0, 2, 4]);
  });
  it('y axis of height 370px over -1..1 gives quarter steps', () => {
    expect(autoTicks(-1, 1, 369.6 / (100 / 72), 'y')).toEqual([-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1]);
  });
  it('a short axis gets fewer ticks', () => {
    expect(autoTicks(0, 10, 60, 'x')).toEqual([0, 5, 10]);
  });
});

describe('scalarFormat (ScalarFormatter)', () => {
  it('uses one decimal count and a unicode minus', () => {
    expect(scalarFormat([-0.5, 0, 0.5, 1]).labels).toEqual(['\u22120.5', '0.0', '0.5', '1.0']);
    expect(scalarFormat([-1, -0.75, 0]).labels).toEqual(['\u22121.00', '\u22120.75', '0.00']);
    expect(scalarFormat([0, 2, 4]).labels).toEqual(['0', '2', '4']);
  });
  it('scales large and tiny numbers with an offset text', () => {
    expect(scalarFormat([0, 1e6, 2e6])).toEqual({ labels: ['0', '1', '2'], offsetText: '1e6' });
    expect(scalarFormat([0, 2e-6, 4e-6])).toEqual({ labels: ['0', '2', '4'], offsetText: '1e\u22126' });
  });
  it('decimalsFor', () => expect(decimalsFor([0.25, 0.5])).toBe(2));
  it('uses an offset when ticks share four leading digits (matplotlib offset threshold 4)', () => {
    expect(scalarFormat([1000.1, 1000.2, 1000.3])).toEqual({ labels: ['0.1', '0.2', '0.3'], offsetText: '+1e3' });
    expect(scalarFormat([-1000.3, -1000.2])).toEqual({ labels: ['\u22120.3', '\u22120.2'], offsetText: '\u22121e3' });
    expect(computeOffset([0.6931, 0.6935])).toBe(0); // saves fewer than four digits
    expect(computeOffset([98, 99, 100, 101])).toBe(0);
    expect(computeOffset([123456.1, 123456.3])).toBe(123456);
  });
});

/** The tutorial's f(x, y) = (sin 4x − cos 5y)/5 on meshgrid(linspace(−1, 1, n)) of both axes, flattened. */
function tutorialZ(n: number): Float64Array {
  const v = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  return Float64Array.from(v.flatMap((y) => v.map((x) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5)));
}

// matplotlib 3.6.3, contour.py ContourSet._autolev: MaxNLocator(N + 1, min_n_ticks=1) with MaxNLocator's default
// steps, so contour(levels=N) may take steps of 1.5, 3, 4, 6 or 8 where axis ticks (AutoLocator) cannot.
describe('contour levels', () => {
  it('levels=10 over 0..13.25: locator 0..13.5 in steps of 1.5, drawn levels strictly inside the data range', () => {
    // matplotlib 3.6.3: ax.contour([0, 1], [0, 1], [[0, 5], [13.25, 7]], levels=10).levels → 0, 1.5, …, 13.5.
    expect(autoLevels(0, 13.25, 10)).toEqual([0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5]);
    const z = Float64Array.from([0, 5, 13.25, 7]);
    expect(contourLevels(z, 10, false, 'contour').drawn).toEqual([1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12]);
    expect(contourLevels(z, 10, true, 'contourf').drawn).toEqual([0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12, 13.5]);
  });
  it('the tutorial function (sin 4x − cos 5y)/5 gets 9 levels −0.32…0.32 at steps of 0.08, as matplotlib draws', () => {
    // matplotlib 3.6.3 on meshgrid(linspace(-1, 1, n)) for n = 50 (the grid) and 100 (examples/05):
    // cs.levels = [-0.4, -0.32, …, 0.32, 0.4]; Z spans (−0.3989, 0.3999), so the contour draws the 9 inside.
    const all = [-0.4, -0.32, -0.24, -0.16, -0.08, 0, 0.08, 0.16, 0.24, 0.32, 0.4];
    for (const n of [50, 100]) {
      expect(contourLevels(tutorialZ(n), 10, false, 'contour')).toMatchObject({ all, drawn: all.slice(1, -1) });
      expect(contourLevels(tutorialZ(n), 10, true, 'contourf').drawn).toEqual(all);
    }
    // The default (7 levels): MaxNLocator(8) → steps of 0.1 (matplotlib: [-0.4, -0.3, …, 0.4]).
    expect(contourLevels(tutorialZ(50), undefined, true, 'contourf').all).toEqual([
      -0.4, -0.3, -0.2, -0.1, 0, 0.1, 0.2, 0.3, 0.4,
    ]);
  });
  it('validates explicit levels', () => {
    const z = Float64Array.from([0, 1]);
    expect(() => contourLevels(z, [0.5, 0.2], false, 'contour')).toThrow(/contour: levels must be increasing/);
    expect(() => contourLevels(z, 0, false, 'contour')).toThrow(/positive integer/);
    expect(() => contourLevels(Float64Array.from([NaN]), 3, false, 'contour')).toThrow(/no finite/);
  });
});

describe('limits and scales', () => {
  it('margins stop at sticky edges', () => {
    expect(autoLimits([{ x: [-1, 1], y: [-1, 1], stickyX: true, stickyY: true }], 'x', 0.05)).toEqual([-1, 1]);
    const both = autoLimits(
      [
        { x: [-1, 1], y: [0, 0], stickyX: true },
        { x: [-2, 0], y: [0, 0] },
      ],
      'x',
      0.05,
    );
    expect(both[0]).toBeCloseTo(-2.15);
    expect(both[1]).toBe(1);
  });
  it('empty → [0, 1]; single value widened', () => {
    expect(autoLimits([], 'x', 0.05)).toEqual([0, 1]);
    const [a, b] = autoLimits([{ x: [3, 3], y: [0, 0] }], 'x', 0.05);
    expect(a).toBeCloseTo(2.835);
    expect(b).toBeCloseTo(3.165);
    expect(nonsingular(0, 0)).toEqual([-0.05, 0.05]);
  });
  it('linearScale maps and inverts (y reversed)', () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s(2.5)).toBe(75);
    expect(s.invert(75)).toBe(2.5);
  });
});
