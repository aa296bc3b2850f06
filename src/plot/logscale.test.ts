import { describe, expect, it } from 'vitest';
import { logTicks } from './logticks.js';
import { autoLogLimits } from './limits.js';
import { logScale } from './scale.js';
import { Figure } from './figure.js';

describe('log axes', () => {
  it('decade ticks with TeX labels and minor ticks (matplotlib LogLocator/LogFormatterSciNotation)', () => {
    const t = logTicks(1e-3, 10, 357, 'x');
    expect(t.locs).toEqual([1e-3, 1e-2, 1e-1, 1, 10]);
    expect(t.labels).toEqual(['$10^{-3}$', '$10^{-2}$', '$10^{-1}$', '$10^{0}$', '$10^{1}$']);
    expect(t.minor).toContain(2e-3); expect(t.minor).toContain(9);
    expect(t.minor).toHaveLength(4 * 8);
  });
  it('many decades get a stride and no minor ticks; under a decade falls back to linear ticks', () => {
    const t = logTicks(1e-12, 1e12, 266, 'y'); // 13 labelled slots at most → stride 3
    expect(t.locs.every((v, i) => i === 0 || Math.round(Math.log10(v / t.locs[i - 1])) === 3)).toBe(true);
    expect(t.locs.length).toBeLessThanOrEqual(9);
    expect(t.minor).toEqual([]);
    expect(logTicks(2, 8, 300, 'x').labels).toEqual(['2', '4', '6', '8']);
    expect(() => logTicks(0, 1, 300, 'x')).toThrow(/log axis: limits must be positive/);
  });
  it('limits: positive data only, margins in log space', () => {
    const [lo, hi] = autoLogLimits([{ x: [0, 100], y: [0, 0], posX: 1 }], 'x', 0.05);
    expect(Math.log10(lo)).toBeCloseTo(-0.1); expect(Math.log10(hi)).toBeCloseTo(2.1);
    expect(autoLogLimits([], 'x', 0.05)).toEqual([1, 10]);
  });
  it('scale maps decades evenly and masks non-positive values', () => {
    const s = logScale([1, 100], [0, 200]);
    expect(s(10)).toBeCloseTo(100); expect(s.invert(100)).toBeCloseTo(10); expect(s(0)).toBeNaN();
  });
  it('a loss curve on setYscale("log") draws; zeros leave gaps', () => {
    const ax = new Figure().addAxes();
    ax.plot([0, 1, 2, 3], [1, 0.1, 0, 0.001]);
    ax.setYscale('log');
    const [y0, y1] = ax.getYlim();
    expect(y0).toBeGreaterThan(0); expect(y0).toBeLessThan(0.001); expect(y1).toBeGreaterThan(1);
    const svg = ax.render('all');
    expect(/<path d="(M[^"]+)" fill="none" stroke="#1f77b4"/.exec(svg)![1].match(/M/g)).toHaveLength(2);
    expect(() => ax.setXscale('symlog' as never)).toThrow(/setXscale: scale must be 'linear' or 'log'/);
  });
});
