import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import { parseFmt } from './fmtstring.js';
import { fixedLocator } from './colorbar.js';

describe('format strings', () => {
  it('parses matplotlib fmt in any order', () => {
    expect(parseFmt('r--')).toEqual({ color: 'r', lineStyle: '--' });
    expect(parseFmt('o')).toEqual({ marker: 'o', lineStyle: 'none' });
    expect(parseFmt('-.kx')).toEqual({ lineStyle: '-.', color: 'k', marker: 'x' });
    expect(parseFmt('C3:')).toEqual({ color: 'C3', lineStyle: ':' });
    expect(() => parseFmt('rq')).toThrow(/plot: bad format string 'rq': unknown character 'q'/);
    expect(() => parseFmt('rg')).toThrow(/two colours/);
  });
  it('plot(x, y, fmt, opts) and plot(y, fmt)', () => {
    const ax = new Figure().addAxes();
    const a = ax.plot([0, 1], [1, 2], 'r--', { label: 'a', lineWidth: 3 });
    expect([a.color, a.lineStyle, a.lineWidth, a.label]).toEqual(['#ff0000', '--', 3, 'a']);
    const b = ax.plot([3, 1, 2], 'o');
    expect([b.marker, b.lineStyle, b.getData()[0][2]]).toEqual(['o', 'none', 2]);
    expect(ax.render('all')).not.toMatch(/<path d="M[^"]*" fill="none" stroke="#ff7f0e"/); // markers only: no line
  });
});

describe('fillBetween', () => {
  it('fills between curves, splits at NaN, joins the legend and the limits', () => {
    const ax = new Figure().addAxes();
    const band = ax.fillBetween([0, 1, 2, 3, 4], [1, 2, NaN, 2, 1], 0, { alpha: 0.3, label: 'band' });
    expect(band.color).toBe('#1f77b4');
    expect(ax.getYlim()[0]).toBeLessThan(0);
    ax.legend();
    const svg = ax.render('all');
    const d = /<path d="([^"]+)" fill="#1f77b4" fill-opacity="0.3"/.exec(svg)![1];
    expect(d.match(/Z/g)).toHaveLength(2);
    expect(svg).toContain('<rect'); // legend patch handle
    expect(() => ax.fillBetween([0, 1], [1], 0)).toThrow(/fillBetween: x, y1 and y2 must have the same length/);
  });
});

describe('legend best placement', () => {
  it('avoids the data: a line through the upper half puts the legend low', () => {
    const ax = new Figure().addAxes();
    const x = Array.from({ length: 50 }, (_, i) => i / 49);
    ax.plot(
      x,
      x.map(() => 0.95),
      { label: 'high' },
    ); // crosses every 'upper' slot
    ax.plot([0, 1], [0, 0.02], { label: '_hidden' });
    ax.setYlim(0, 1);
    ax.legend();
    ax.render('all');
    const b = ax.legendBox!,
      r = ax.rect;
    const yHigh = ax.context().sy(0.95),
      yLow = ax.context().sy(0.01);
    expect(b.y).toBeGreaterThan(yHigh); // below the high line…
    expect(b.y + b.height).toBeLessThan(yLow); // …and above the hidden (but still avoided) low line
    expect(b.x).toBeGreaterThan(r.x);
  });
  it('explicit locations sit inside the axes corners', () => {
    const ax = new Figure().addAxes();
    ax.plot([0, 1], [0, 1], { label: 'l' });
    for (const loc of ['upper left', 'lower right', 'center'] as const) {
      ax.legend({ loc });
      ax.render('all');
      const b = ax.legendBox!,
        r = ax.rect;
      expect(b.x).toBeGreaterThan(r.x);
      expect(b.x + b.width).toBeLessThan(r.x + r.width);
      if (loc === 'upper left') expect(b.y - r.y).toBeCloseTo((0.5 * 10 * 100) / 72, 6);
      if (loc === 'lower right') expect(r.x + r.width - (b.x + b.width)).toBeCloseTo((0.5 * 10 * 100) / 72, 6);
    }
  });
});

describe('auto limits follow matplotlib (data at add time, relim to refresh)', () => {
  it('setData keeps the view until relim()', () => {
    const ax = new Figure().addAxes();
    const line = ax.plot([0, 1], [0, 1]);
    line.setData([0, 10], [0, 10]);
    expect(ax.getXlim()[1]).toBeCloseTo(1.05);
    ax.relim();
    expect(ax.getXlim()[1]).toBeCloseTo(10.5);
    line.setVisible(false);
    expect(ax.getXlim()).toEqual([0, 1]); // nothing visible: matplotlib's empty default
  });
});

describe('bar and hist', () => {
  it('histogram matches numpy (last bin closed, NaN ignored, density integrates to 1)', async () => {
    const { histogram } = await import('./bars.js');
    const h = histogram([1, 2, 2, 3, NaN], 2);
    expect([...h.counts]).toEqual([1, 3]);
    expect([...h.edges]).toEqual([1, 2, 3]);
    expect([...histogram([5, 5], 2).edges]).toEqual([4.5, 5, 5.5]);
    const d = histogram([0, 0.1, 0.5, 0.9, 1], [0, 0.5, 1], undefined, true);
    expect(d.counts[0] * 0.5 + d.counts[1] * 0.5).toBeCloseTo(1);
    expect(() => histogram([1], 0)).toThrow(/^histogram: bins must be a positive integer/);
    expect(() => histogram([1], [0, 0])).toThrow(/^histogram: bin edges must increase/);
    expect(() => new Figure().addAxes().hist([1], { bins: 0 })).toThrow(/^hist: bins must be a positive integer/);
  });
  it('bars start at a sticky zero baseline and validate per-bar options', () => {
    const ax = new Figure().addAxes();
    const b = ax.bar([0, 1, 2], [3, 1, 2]);
    expect(ax.getYlim()[0]).toBe(0);
    expect(ax.getYlim()[1]).toBeCloseTo(3.15);
    expect(ax.getXlim()[0]).toBeCloseTo(-0.4 - 0.05 * 2.8);
    expect(b.color).toBe('#1f77b4');
    expect(() => ax.bar([0, 1], [1, 2], { width: [1] })).toThrow(
      /bar: width must be a number or have one value per bar \(2\)/,
    );
    const { counts, bars } = ax.hist([1, 2, 2, 3], { bins: 2 });
    expect([...counts]).toEqual([1, 3]);
    expect([...bars.widths]).toEqual([1, 1]);
  });
});

describe('remove and clear', () => {
  it('line.remove() takes it off the axes; clear() resets everything', () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    const a = ax.plot([0, 1], [0, 1]);
    ax.plot([0, 1], [1, 0]);
    ax.title('t');
    ax.legend();
    ax.setYscale('log');
    a.remove();
    expect(ax.artists()).toHaveLength(1);
    expect(() => a.remove()).toThrow(/remove: the artist is not in an axes/);
    ax.clear();
    expect(ax.artists()).toHaveLength(0);
    expect(ax.getScale('y')).toBe('linear');
    expect(ax.plot([0], [0]).color).toBe('#1f77b4'); // the colour cycle restarts
    expect(fig.toSVG()).not.toContain('>t<');
  });
});

describe('colorbar', () => {
  it('for line contours spans all locator levels and draws each level line; steals space from its axes', () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    const g = Array.from({ length: 30 }, (_, i) => -2 + (4 * i) / 29);
    const cs = ax.contour(
      g,
      g,
      g.map((y) => g.map((x) => x * x + 2 * y * y)),
      { levels: 8 },
    );
    // matplotlib 3.6.3, the same contour: levels [0, 1.5, …, 12]; its colorbar ticks all nine (FixedLocator, nbins 10),
    // labelled '0.0', '1.5', …, '12.0'.
    expect(cs.allLevels).toEqual([0, 1.5, 3, 4.5, 6, 7.5, 9, 10.5, 12]);
    const before = ax.rect.width;
    const cb = ax.colorbar(cs, { label: 'loss' });
    expect(ax.rect.width).toBeCloseTo(before * 0.8);
    expect(cb.rect.x).toBeGreaterThan(ax.rect.x + ax.rect.width);
    const svg = cb.render('all');
    for (const t of ['0.0', '1.5', '6.0', '10.5', '12.0']) expect(svg).toContain(`>${t}</text>`);
    expect(svg.match(/stroke-width="2.08"/g)!.length).toBe(cs.levels.length); // one 1.5 pt line per drawn level
    expect(() => ax.colorbar(cs, { fraction: 2 })).toThrow(/colorbar: fraction must be in \[0, 1\]/);
  });

  it("ticks a contour set's levels with matplotlib's FixedLocator(levels, nbins=10)", () => {
    // matplotlib 3.6.3, the tutorial's f on meshgrid(linspace(-1, 1, 50)): fig.colorbar(ax.contour(X, Y, Z, levels=N))
    // ticks [-0.32, -0.16, 0, 0.16, 0.32] for N = 10 (11 levels: every 2nd, the set holding 0) and
    // [-0.36, -0.24, …, 0.36] for N = 20 (21 levels: every 3rd); the same for contourf.
    const g = Array.from({ length: 50 }, (_, i) => -1 + (2 * i) / 49);
    const Z = g.map((y) => g.map((x) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5));
    const labels = (n: number, filled: boolean) => {
      const ax = new Figure().addAxes();
      const cs = filled ? ax.contourf(g, g, Z, { levels: n }) : ax.contour(g, g, Z, { levels: n });
      return [
        ...ax
          .colorbar(cs)
          .render('all')
          .matchAll(/>([^<]*)<\/text>/g),
      ].map((m) => m[1]);
    };
    for (const filled of [false, true]) {
      expect(labels(10, filled)).toEqual(['\u22120.32', '\u22120.16', '0.00', '0.16', '0.32']);
      expect(labels(20, filled)).toEqual(['\u22120.36', '\u22120.24', '\u22120.12', '0.00', '0.12', '0.24', '0.36']);
    }
    expect(fixedLocator([1, 2, 3], 10)).toEqual([1, 2, 3]);
    expect(fixedLocator([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8], 5)).toEqual([-3, 0, 3, 6]);
  });
});
