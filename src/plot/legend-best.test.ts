/**
 * @file loc 'best' scores candidate boxes by the data they hide — the length of line segments inside the box, not
 * just the vertices there — so a steep, sparsely sampled crossing is not mistaken for a free spot. Checked on the
 * tutorial's partial-derivatives figure (examples/03-partials.ts: 800 × 360, two subplots, sin 5y on the right).
 */
import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import { badness } from './legend.js';

/** Length of the polyline inside the rectangle (sampled finely enough for a test: 200 steps a segment). */
function lengthInside(xs: Float64Array, ys: Float64Array, r: { x: number; y: number; width: number; height: number }) {
  let len = 0;
  for (let i = 1; i < xs.length; i++) {
    const dx = xs[i] - xs[i - 1], dy = ys[i] - ys[i - 1], step = Math.hypot(dx, dy) / 200;
    for (let k = 0; k < 200; k++) {
      const x = xs[i - 1] + (dx * (k + 0.5)) / 200, y = ys[i - 1] + (dy * (k + 0.5)) / 200;
      if (x >= r.x && x <= r.x + r.width && y >= r.y && y <= r.y + r.height) len += step;
    }
  }
  return len;
}

describe("legend loc 'best'", () => {
  it('badness is the overlap with segments: a steep crossing between two samples counts', () => {
    const box = { x: 0, y: 0, width: 40, height: 20 };
    // No vertex inside, one segment straight through the middle: 20 px of line hidden.
    expect(badness(box, [[Float64Array.of(20, 20), Float64Array.of(-50, 70)]])).toBeCloseTo(20, 9);
    // Five vertices grazing a corner hide less line than that.
    const graze = [[Float64Array.of(-1, 0, 1, 2, 3, 4), Float64Array.of(1, 0.5, 0.2, 0, -0.5, -1)]] as [Float64Array, Float64Array][];
    expect(badness(box, graze)).toBeLessThan(5);
    // Isolated points (NaN-separated, as scatter and bars give them) cost pointCost each.
    expect(badness(box, [[Float64Array.of(5, NaN, 50), Float64Array.of(5, NaN, 5)]], 7)).toBe(7);
  });

  it('the partials figure: the right legend does not lie across the sin 5y curve', () => {
    const fig = new Figure({ width: 800, height: 360 });
    const [ax1, ax2] = fig.subplots(1, 2);
    const x = Array.from({ length: 100 }, (_, i) => -1 + (2 * i) / 99);
    ax1.plot(x, x.map((v) => 0.8 * Math.cos(4 * v)), { label: '$\\partial f/\\partial x$' });
    ax1.xlabel('x'); ax1.legend();
    const line = ax2.plot(x, x.map((v) => Math.sin(5 * v)), { label: '$\\partial f/\\partial y$', color: 'tab:orange' });
    ax2.xlabel('y'); ax2.legend();
    fig.toSVG();
    const box = ax2.legendBox!;
    const [px, py] = line.obstacles(ax2.context() as never)[0];
    // Every candidate slot is crossed somewhere; the chosen one must hide the least line of all of them …
    const hidden = lengthInside(px, py, box);
    for (const loc of ['upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left', 'center right',
      'lower center', 'upper center', 'center'] as const) {
      ax2.legend({ loc }); fig.toSVG();
      expect(hidden, loc).toBeLessThanOrEqual(lengthInside(px, py, ax2.legendBox!) + 1e-9);
    }
    // … and the curve stays off the label text (the right part of the box, after the handle).
    const text = { x: box.x + box.width * 0.45, y: box.y, width: box.width * 0.55, height: box.height };
    expect(lengthInside(px, py, text)).toBe(0);
    expect(lengthInside(px, py, box)).toBeLessThan(box.height);
  });
});
