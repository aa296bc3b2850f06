import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import { isolines } from './isolines.js';
import { toContourGrid } from './grid.js';
import { superlevelRings } from './contourf.js';
import { levelFormatter } from './clabel.js';

const lin = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
const xs = lin(-2, 2, 81),
  ys = lin(-2, 2, 81);
const bowl = ys.map((y) => xs.map((x) => x * x + y * y));

describe('isolines (marching squares)', () => {
  it('level sets of x²+y² are circles of radius sqrt(level), closed', () => {
    const g = toContourGrid(xs, ys, bowl, 'contour');
    for (const level of [0.5, 1, 2, 3]) {
      const lines = isolines(g, level);
      expect(lines).toHaveLength(1);
      expect(lines[0].closed).toBe(true);
      const r = Math.sqrt(level),
        h = 4 / 80;
      for (let i = 0; i < lines[0].x.length; i++) {
        // Linear interpolation of a quadratic errs by at most h²/(8r)-ish: well under a grid step.
        expect(Math.abs(Math.hypot(lines[0].x[i], lines[0].y[i]) - r)).toBeLessThan(h * h);
      }
      expect(lines[0].x.length).toBeGreaterThan(20);
    }
  });
  it('a level cut by the grid edge gives open polylines ending on the boundary', () => {
    const g = toContourGrid(xs, ys, bowl, 'contour');
    const lines = isolines(g, 6); // radius 2.45 > 2: four arcs across the corners
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(l.closed).toBe(false);
      for (const k of [0, l.x.length - 1]) expect(Math.max(Math.abs(l.x[k]), Math.abs(l.y[k]))).toBeCloseTo(2, 9);
    }
  });
  it('NaN cells leave gaps', () => {
    const z = bowl.map((row) => row.slice());
    for (let i = 0; i < 81; i++) z[i][40] = NaN;
    const lines = isolines(toContourGrid(xs, ys, z, 'contour'), 1);
    expect(lines.length).toBe(2);
    expect(lines.every((l) => !l.closed && l.x.every((v) => Math.abs(v) > 0.04))).toBe(true);
  });
  it('non-uniform coordinates are honoured', () => {
    const xn = xs.map((x) => (Math.sign(x) * x * x) / 2); // still monotonic, denser near 0
    const z = ys.map((y) => xn.map((x) => x));
    const [line] = isolines(toContourGrid(xn, ys, z, 'contour'), 0.3);
    expect(line.x.every((v) => Math.abs(v - 0.3) < 1e-12)).toBe(true);
  });
});

describe('contour input validation', () => {
  it('names shapes on mismatch', () => {
    const X = lin(0, 1, 60),
      Y = lin(0, 1, 50);
    const Zbad = X.map(() => Y.map(() => 0)); // [60, 50] instead of [50, 60]
    expect(() => toContourGrid(X, Y, Zbad, 'contour')).toThrow(
      /contour: X has 60 values but Z has 50 columns .*Z is \[60, 50\]/,
    );
    const XX = Y.map(() => X),
      YY = Y.map((y) => X.map(() => y));
    expect(() => toContourGrid(XX, YY, Zbad, 'contour')).toThrow(
      /Z must be a 2-D grid of shape \[ny, nx\] matching X and Y \(X is \[50, 60\], Y is \[50, 60\], Z is \[60, 50\]\)/,
    );
    expect(() => toContourGrid(X, Y, [1, 2, 3] as never, 'contour')).toThrow(/contour: Z must be a 2-D grid/);
    expect(() => toContourGrid(X, Y, [[1, 2], [3]] as never, 'contour')).toThrow(/rectangular/);
    expect(() =>
      toContourGrid(
        [0, 1, 0.5],
        [0, 1],
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        'contour',
      ),
    ).toThrow(/monotonic/);
  });
  it('rejects curvilinear grids and unknown colormaps', () => {
    const X = [
        [0, 1],
        [0.5, 1.5],
      ],
      Y = [
        [0, 0],
        [1, 1],
      ];
    expect(() =>
      toContourGrid(
        X,
        Y,
        [
          [0, 1],
          [1, 2],
        ],
        'contour',
      ),
    ).toThrow(/rectilinear/);
    const ax = new Figure().addAxes();
    expect(() =>
      ax.contour(
        [
          [0, 1],
          [1, 2],
        ],
        { cmap: 'nope' },
      ),
    ).toThrow(/contour: unknown colormap 'nope'.*viridis/);
  });
  it("accepts meshgrid(…, { indexing: 'ij' }) layouts by transposing", () => {
    const x = [0, 1, 2],
      y = [10, 20];
    const Xij = x.map((v) => y.map(() => v)),
      Yij = x.map(() => y),
      Zij = x.map((a) => y.map((b) => a + b));
    const g = toContourGrid(Xij, Yij, Zij, 'contour');
    expect([...g.xs]).toEqual(x);
    expect([...g.ys]).toEqual(y);
    expect(g.z[1 * 3 + 2]).toBe(22); // row y=20, column x=2
  });
  it('accepts tensor-likes', () => {
    const t = (v: number[], shape: number[]) => ({ shape, data: () => Float64Array.from(v) });
    const g = toContourGrid(t([0, 1, 2], [3]), t([0, 1], [2]), t([0, 1, 2, 3, 4, 5], [2, 3]), 'contour');
    expect([g.nx, g.ny, g.z[5]]).toEqual([3, 2, 5]);
  });
});

describe('contourf regions', () => {
  it('z ≥ level region of the bowl is the outside of a circle within the grid extent', () => {
    const g = toContourGrid(xs, ys, bowl, 'contourf');
    const rings = superlevelRings(g, 1);
    const all = rings.flatMap(([x, y]) => Array.from(x, (v, i) => [v, y[i]]));
    expect(all.every(([x, y]) => Math.abs(x) <= 2 + 1e-12 && Math.abs(y) <= 2 + 1e-12)).toBe(true);
    expect(all.some(([x, y]) => Math.abs(Math.hypot(x, y) - 1) < 0.01)).toBe(true); // the hole boundary
    expect(all.some(([x, y]) => x === 2 && y === 2)).toBe(true); // the frame corner, clamped to the data edge
  });
});

describe('clabel', () => {
  const n = 60,
    c = lin(-1, 1, n);
  const Z = c.map((y) => c.map((x) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5));
  it('puts labels on their lines, inside the axes, away from edges, and cuts the lines', () => {
    const fig = new Figure();
    const ax = fig.addAxes();
    const cs = ax.contour(c, c, Z, { levels: 10 });
    const before = cs.lines.flat().length;
    const labels = ax.clabel(cs, { inline: true, fontSize: 10 });
    expect(labels.length).toBeGreaterThan(8);
    const ctx = ax.context(),
      r = ax.rect;
    for (const p of labels) {
      const li = cs.levels.indexOf(p.level);
      expect(li).toBeGreaterThanOrEqual(0);
      // the label centre lies on an isoline of its level (within a pixel)
      const d = Math.min(
        ...cs.lines[li].flatMap((l) =>
          Array.from(l.x, (x, i) =>
            pointSegDist(
              p.x,
              p.y,
              ctx.sx(x),
              ctx.sy(l.y[i]),
              ctx.sx(l.x[(i + 1) % l.x.length]),
              ctx.sy(l.y[(i + 1) % l.x.length]),
            ),
          ),
        ),
      );
      expect(d).toBeLessThan(1);
      expect(p.x - r.x).toBeGreaterThan(p.width / 2);
      expect(r.x + r.width - p.x).toBeGreaterThan(p.width / 2);
      expect(p.y - r.y).toBeGreaterThan(5);
      expect(r.y + r.height - p.y).toBeGreaterThan(5);
      expect(p.rotation).toBeGreaterThan(-90);
      expect(p.rotation).toBeLessThanOrEqual(90);
    }
    for (let i = 0; i < labels.length; i++)
      for (let j = i + 1; j < labels.length; j++) {
        expect(Math.hypot(labels[i].x - labels[j].x, labels[i].y - labels[j].y)).toBeGreaterThan(10);
      }
    const svg = fig.toSVG();
    expect(svg).toContain('\u22120.3');
    expect(before).toBeGreaterThan(0);
    expect(() => ax.clabel(ax.contourf(c, c, Z))).toThrow(/clabel: label line contours/);
  });
  it('formats levels', () => {
    expect(levelFormatter([-0.2, 0, 0.2], undefined)(-0.2)).toBe('\u22120.2');
    expect(levelFormatter([1], '%1.2f')(1)).toBe('1.00');
    expect(levelFormatter([1], '$%.1f$')(-1)).toBe('$-1.0$');
    expect(levelFormatter([1], (v) => `L=${v}`)(1)).toBe('L=1');
    expect(() => levelFormatter([1], 'oops')).toThrow(/clabel: format/);
  });
});

function pointSegDist(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay,
    L = dx * dx + dy * dy;
  const t = L ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / L)) : 0;
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}
