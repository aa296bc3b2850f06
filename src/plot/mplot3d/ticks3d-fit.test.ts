/**
 * @file 3-D tick labels never collide: each axis takes as many ticks as fit along its projected
 * edge. Checked on the rendered SVG (label boxes from their drawn positions and measured widths), at the web
 * page's 440 × 400 px and at the tutorial's 640 × 480 px, in the default and the tutorial view.
 */
import { describe, expect, it } from 'vitest';
import { Figure } from '../figure.js';
import { measureText } from '../text.js';

interface Box {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Label boxes of one 3-D axis group (`axis3d-x|y|z`) as drawn: translate + text offset, measured width. */
function labelBoxes(svg: string, axis: 'x' | 'y' | 'z'): Box[] {
  const start = svg.indexOf(`class="axis3d-${axis}"`);
  const group = svg.slice(start, svg.indexOf('class="axis3d-', start + 10) >>> 0 || undefined);
  const re =
    /<g transform="translate\(([-\d.]+) ([-\d.]+)\)"[^>]*><text x="([-\d.]+)" y="[-\d.]+" font-size="([\d.]+)"[^>]*>([^<]*)<\/text><\/g>/g;
  return [...group.matchAll(re)].map((m) => {
    const x = Number(m[1]) + Number(m[3]),
      y = Number(m[2]),
      size = Number(m[4]);
    const { width, height, depth } = measureText(m[5], size);
    return { text: m[5], x0: x, x1: x + width, y0: y, y1: y + height + depth };
  });
}

function collisions(boxes: Box[]): string[] {
  const out: string[] = [];
  boxes.forEach((p, a) =>
    boxes.slice(a + 1).forEach((q) => {
      if (p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1) out.push(`${p.text} × ${q.text}`);
    }),
  );
  return out;
}

/** The tutorial surface z = (sin 4x − cos 5y) / 5 on [-1, 1]², optionally in a given axes rect (fractions). */
function surfaceFigure(
  width: number,
  height: number,
  elev: number,
  azim: number,
  rect?: [number, number, number, number],
) {
  const n = 25,
    X: number[][] = [],
    Y: number[][] = [],
    Z: number[][] = [];
  for (let i = 0; i < n; i++) {
    X.push([]);
    Y.push([]);
    Z.push([]);
    for (let j = 0; j < n; j++) {
      const x = -1 + (2 * j) / (n - 1),
        y = -1 + (2 * i) / (n - 1);
      X[i].push(x);
      Y[i].push(y);
      Z[i].push((Math.sin(4 * x) - Math.cos(5 * y)) / 5);
    }
  }
  const fig = new Figure({ width, height });
  const ax = fig.addAxes3d(rect ? { rect } : {});
  ax.plotSurface(X, Y, Z, { cmap: 'viridis' });
  ax.viewInit(elev, azim);
  return fig;
}

describe('3-D tick labels fit their projected axis', () => {
  it.each([
    [440, 400, 30, -60],
    [440, 400, -140, 120],
    [440, 400, 62, -79],
    [440, 400, 15, -20],
    [640, 480, 30, -60],
    [640, 480, -140, 120],
    [300, 260, 30, -60],
  ])('%d × %d px, view (%d, %d): no two labels of an axis overlap', (w, h, elev, azim) => {
    const svg = surfaceFigure(w, h, elev, azim).toSVG();
    noCollisions(svg);
  });

  it.each([
    [30, -60],
    [62, -79],
    [-140, 120],
    [10, -100],
  ])("the web page's 440 × 400 px surface (axes rect 0.88), view (%d, %d)", (elev, azim) => {
    // mplot3d's nbins from this axes width alone gives 9 x ticks (−1.00, −0.75, …), which ran into each other.
    noCollisions(surfaceFigure(440, 400, elev, azim, [0.06, 0.07, 0.88, 0.88]).toSVG());
  });

  function noCollisions(svg: string) {
    for (const axis of ['x', 'y', 'z'] as const) {
      const boxes = labelBoxes(svg, axis);
      expect(boxes.length, `${axis} axis has labels`).toBeGreaterThanOrEqual(2);
      expect(collisions(boxes), `${axis} axis`).toEqual([]);
    }
  }

  it("a big axes keeps matplotlib's ticks; a small one thins its foreshortened axes only", () => {
    const big = surfaceFigure(640, 480, 30, -60).toSVG();
    expect(labelBoxes(big, 'x').map((b) => b.text)).toEqual(['\u22121.0', '\u22120.5', '0.0', '0.5', '1.0']);
    expect(labelBoxes(big, 'z').length).toBeGreaterThanOrEqual(5); // vertical: labels stack, many fit
    const small = surfaceFigure(300, 260, 30, -60).toSVG();
    expect(labelBoxes(small, 'x').length).toBeLessThan(5);
    expect(labelBoxes(small, 'x').length).toBeGreaterThanOrEqual(2);
  });
});
