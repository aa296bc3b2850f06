/**
 * @file loc 'best' is matplotlib 3.6's rule (legend.py `_find_best_position`): each candidate box, in matplotlib's
 * order, scores the line vertices strictly inside it + one per line touching it + the scatter points inside it +
 * the bars it overlaps; the first box scoring 0 wins, else the lowest score, the earliest on a tie. Checked on the
 * tutorial's figures (examples/01-derivative.ts, 02-sine.ts, 03-partials.ts), built here as those cells build them.
 */
import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import type { Axes } from './axes.js';
import { badness, bestLoc, legendLocs, type LegendLoc, type Obstacles } from './legend.js';

const line = (x: number[], y: number[]) => ({
  kind: 'line' as const,
  x: Float64Array.from(x),
  y: Float64Array.from(y),
});
const lin = (a: number, b: number, n: number) => Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

/** The location 'best' chose on `ax`, and each candidate's badness for the legend's box (re-rendered per loc). */
function chosen(fig: Figure, ax: Axes): { loc: string; scores: Record<string, number> } {
  fig.toSVG();
  const best = ax.legendBox!,
    obstacles = ax.artists().flatMap((a) => a.obstacles(ax.context()));
  const scores: Record<string, number> = {};
  let loc = '';
  for (const l of legendLocs.slice(1) as Exclude<LegendLoc, 'best'>[]) {
    ax.legend({ loc: l });
    fig.toSVG();
    const b = ax.legendBox!;
    scores[l] = badness(b, obstacles);
    if (!loc && Math.abs(b.x - best.x) < 1e-9 && Math.abs(b.y - best.y) < 1e-9) loc = l;
  }
  ax.legend();
  return { loc, scores };
}

describe("legend loc 'best' (matplotlib's badness)", () => {
  it('counts vertices strictly inside, one per line touching the box, points inside and overlapped boxes', () => {
    const box = { x: 0, y: 0, width: 40, height: 20 };
    // A steep line crossing with no vertex inside still costs 1 (the segment intersects the box).
    expect(badness(box, [line([20, 20], [-50, 70])])).toBe(1);
    // Three vertices inside + 1 for the line touching the box; a vertex on the edge is not inside.
    expect(badness(box, [line([-10, 5, 10, 15, 40], [10, 10, 10, 10, 10])])).toBe(3 + 1);
    // A line that misses the box costs nothing; a NaN breaks the line (no segment across the gap).
    expect(badness(box, [line([-10, 50], [30, 30])])).toBe(0);
    expect(badness(box, [line([-10, NaN, 50], [10, NaN, 10])])).toBe(0);
    expect(badness(box, [line([-10, 50], [10, 10])])).toBe(1);
    // Scatter points count one each, with no segments between them.
    expect(badness(box, [{ kind: 'points', x: Float64Array.of(5, 50, 30), y: Float64Array.of(5, 5, 15) }])).toBe(2);
    // Bars count when they overlap with positive area (touching edges do not).
    expect(
      badness(box, [
        { kind: 'box', box: { x: 30, y: 10, width: 50, height: 50 } },
        { kind: 'box', box: { x: 40, y: 0, width: 5, height: 5 } },
      ]),
    ).toBe(1);
  });

  it("takes the first zero in matplotlib's order, else the least bad, the earliest on a tie", () => {
    const rect = { x: 0, y: 0, width: 300, height: 200 },
      w = 60,
      h = 30,
      pad = 5;
    expect(bestLoc(rect, w, h, pad, [])).toBe('upper right');
    // A point in the upper right corner: upper left is the first free candidate.
    const ur: Obstacles = [{ kind: 'points', x: Float64Array.of(280), y: Float64Array.of(20) }];
    expect(bestLoc(rect, w, h, pad, ur)).toBe('upper left');
    // A horizontal line through the top and one through the bottom and middle rows: every box on those rows
    // scores 1 and the centre row 1 too; 'upper right' comes first.
    const rows: Obstacles = [line([0, 300], [20, 20]), line([0, 300], [180, 180]), line([0, 300], [100, 100])];
    expect(bestLoc(rect, w, h, pad, rows)).toBe('upper right');
    // Two vertices in the upper right box, one in every other: the earliest of the ties, 'upper left'.
    const pts: Obstacles = [
      {
        kind: 'points',
        x: Float64Array.of(270, 280, 30, 30, 150, 270, 30, 270, 150, 150),
        y: Float64Array.of(20, 20, 20, 180, 180, 180, 100, 100, 20, 100),
      },
    ];
    expect(bestLoc(rect, w, h, pad, pts)).toBe('upper left');
  });

  it('01 derivative (x² + 1 and 2x): lower right, as matplotlib 3.6.3 places it', () => {
    const x = lin(-5, 5, 100);
    const fig = new Figure({ width: 640, height: 480 });
    const ax = fig.addAxes();
    ax.plot(
      x,
      x.map((v) => v * v + 1),
      { label: '$f(x) = x^2 + 1$' },
    );
    ax.plot(
      x,
      x.map((v) => 2 * v),
      { label: "$f'(x)$" },
    );
    ax.xlabel('x');
    ax.legend();
    // matplotlib: upper right 6, upper left 6, lower left 25, lower right 0 → lower right.
    const c = chosen(fig, ax);
    expect(c.loc).toBe('lower right');
    expect(c.scores['lower right']).toBe(0);
    expect(c.scores['upper right']).toBeGreaterThan(0);
    expect(c.scores['upper left']).toBeGreaterThan(0);
    expect(c.scores['lower left']).toBeGreaterThan(0);
  });

  it('02 sine (5 sin 2x + x² and its derivative): lower right, as matplotlib 3.6.3 places it, off f', () => {
    const x = lin(-5, 5, 100);
    const fig = new Figure({ width: 640, height: 480 });
    const ax = fig.addAxes();
    ax.plot(
      x,
      x.map((v) => 5 * Math.sin(2 * v) + v * v),
      { label: '$f(x) = 5\\sin(2x) + x^2$' },
    );
    ax.plot(
      x,
      x.map((v) => 10 * Math.cos(2 * v) + 2 * v),
      { label: "$f'(x)$" },
    );
    ax.xlabel('x');
    ax.legend();
    // matplotlib draws this legend 54.6 px tall (its mathtext rows are 16.9–19.6 px); with MathJax's 14–15 px rows
    // ours was 47.1 px, f's plateau near y = 22 passed just under the upper-right box, and the legend touched f.
    // TeX rows now have mathtext's minimum extent (legend.ts), so the box catches f there, as matplotlib's does.
    const c = chosen(fig, ax);
    expect(c.loc).toBe('lower right');
    expect(c.scores['lower right']).toBe(0);
    expect(c.scores['upper right']).toBeGreaterThan(0);
    expect(ax.legendBox!.height).toBeGreaterThan(50);
  });

  it('03 partials: upper right on the left panel; the right panel goes to the right, off the ∂f/∂y peak', () => {
    const y = lin(-1, 1, 100);
    const fig = new Figure({ width: 800, height: 360 });
    const [ax1, ax2] = fig.subplots(1, 2);
    ax1.plot(
      y,
      y.map((v) => 0.8 * Math.cos(4 * v)),
      { label: '$\\partial f/\\partial x$' },
    );
    ax1.xlabel('x');
    ax1.legend();
    ax2.plot(
      y,
      y.map((v) => Math.sin(5 * v)),
      { label: '$\\partial f/\\partial y$', color: 'tab:orange' },
    );
    ax2.xlabel('y');
    ax2.legend();
    expect(chosen(fig, ax1).loc).toBe('upper right');
    // matplotlib 3.6.3: upper right 4, upper left 10, lower left 4, lower right 10, right 3, center left 3,
    // center right 3, lower center 8, upper center 8, center 3 → 'right' (the first of the 3s).
    const c = chosen(fig, ax2);
    expect(c.loc).toBe('right');
    // matplotlib's scores, but for upper right and lower left (4 there): our box for ∂f/∂y is a pixel taller than
    // mathtext's (its ∂ does not reach the 0.98 em our TeX rows allow for), and catches one more vertex
    expect(c.scores).toEqual({
      'upper right': 5,
      'upper left': 10,
      'lower left': 5,
      'lower right': 10,
      right: 3,
      'center left': 3,
      'center right': 3,
      'lower center': 8,
      'upper center': 8,
      center: 3,
    });
  });
});
