import { describe, expect, it } from 'vitest';
import { logDecades, logTicks } from './logticks.js';
import { autoLogLimits } from './limits.js';
import { logScale } from './scale.js';
import { Figure } from './figure.js';

describe('log axes', () => {
  it('decade ticks with TeX labels and minor ticks (matplotlib LogLocator/LogFormatterSciNotation)', () => {
    const t = logTicks(1e-3, 10, 357, 'x');
    expect(t.locs).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
    expect(t.labels).toEqual(['$10^{-3}$', '$10^{-2}$', '$10^{-1}$', '$10^{0}$', '$10^{1}$']);
    expect(t.minor).toContain(2e-3);
    expect(t.minor).toContain(9);
    expect(t.minor).toHaveLength(4 * 8);
  });
  it('many decades get a stride and no minor ticks; under a decade falls back to linear ticks', () => {
    const t = logTicks(1e-12, 1e12, 266, 'y'); // 13 labelled slots at most → stride 3
    expect(t.locs.every((v, i) => i === 0 || Math.round(Math.log10(v / t.locs[i - 1])) === 3)).toBe(true);
    expect(t.locs.length).toBeLessThanOrEqual(9);
    expect(t.minor).toEqual([]);
    // matplotlib 3.6.3 on [2, 8]: no decade inside, minor ticks at 2, 3, …, 8; the linear fallback marks the same places.
    expect(logTicks(2, 8, 300, 'x').labels).toEqual(['2', '3', '4', '5', '6', '7', '8']);
    expect(() => logTicks(0, 1, 300, 'x')).toThrow(/log axis: limits must be positive/);
  });
  it("matplotlib 3.6's stride rule: (numdec + 1) // numticks + 1, decades counted from floor(log vmin) − stride", () => {
    // Each row: LogLocator(numticks).tick_values(vmin, vmax) of matplotlib 3.6.3 (major ticks inside the view, minor
    // count from LogLocator(subs='auto')); numticks = clip(length / (3 or 2 font sizes), 2, 9).
    const rows: [number, number, number, 'x' | 'y', number[], number][] = [
      [1e-5, 1e20, 357, 'x', [-5, -2, 1, 4, 7, 10, 13, 16, 19], 0],
      [0.5, 2e3, 100, 'x', [1, 3], 0],
      [1e-7, 1e2, 200, 'y', [-7, -5, -3, -1, 1], 0],
      [3, 4e9, 357, 'x', [2, 4, 6, 8], 0],
      [1, 1e6, 60, 'x', [0, 4], 0],
      [1e-300, 1e300, 357, 'x', [-300, -233, -166, -99, -32, 35, 102, 169, 236], 0],
      [0.02, 50, 357, 'y', [-1, 0, 1], 8 + 8 + 8 + 4],
      [1.5, 9e4, 120, 'y', [1, 2, 3, 4], 8 + 8 + 8 + 8 + 8],
    ];
    for (const [lo, hi, len, axis, exps, nMinor] of rows) {
      const t = logTicks(lo, hi, len, axis);
      expect(
        t.locs.map((v) => Math.round(Math.log10(v))),
        `${lo}…${hi}`,
      ).toEqual(exps);
      expect(t.minor, `${lo}…${hi}`).toHaveLength(nMinor);
    }
    expect(logDecades(-5, 20, 9)).toMatchObject({ stride: 3 });
  });
  it('limits: positive data only, margins in log space', () => {
    const [lo, hi] = autoLogLimits([{ x: [0, 100], y: [0, 0], posX: 1 }], 'x', 0.05);
    expect(Math.log10(lo)).toBeCloseTo(-0.1);
    expect(Math.log10(hi)).toBeCloseTo(2.1);
    expect(autoLogLimits([], 'x', 0.05)).toEqual([1, 10]);
  });
  it('scale maps decades evenly and masks non-positive values', () => {
    const s = logScale([1, 100], [0, 200]);
    expect(s(10)).toBeCloseTo(100);
    expect(s.invert(100)).toBeCloseTo(10);
    expect(s(0)).toBeNaN();
  });
  it('a loss curve on setYscale("log") draws; zeros leave gaps', () => {
    const ax = new Figure().addAxes();
    ax.plot([0, 1, 2, 3], [1, 0.1, 0, 0.001]);
    ax.setYscale('log');
    const [y0, y1] = ax.getYlim();
    expect(y0).toBeGreaterThan(0);
    expect(y0).toBeLessThan(0.001);
    expect(y1).toBeGreaterThan(1);
    const svg = ax.render('all');
    expect(/<path d="(M[^"]+)" fill="none" stroke="#1f77b4"/.exec(svg)![1].match(/M/g)).toHaveLength(2);
    expect(() => ax.setXscale('symlog' as never)).toThrow(/setXscale: scale must be 'linear' or 'log'/);
  });
});
