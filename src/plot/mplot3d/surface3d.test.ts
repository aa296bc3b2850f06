import { describe, expect, it } from 'vitest';
import { getColormap, rgbToCss } from '../colormap.js';
import { toXYZGrid, resolveStrides } from './grid3d.js';
import { Camera } from './proj3d.js';
import { faceNormal, gridFaces, lightDirection, shadeFactor, Surface3D, DEFAULT_SURFACE_LIGHT } from './surface3d.js';

/** A rows × cols meshgrid over x = 0…cols-1, y = 0…rows-1 with z = f(x, y). */
function mesh(rows: number, cols: number, f: (x: number, y: number) => number) {
  const X = Array.from({ length: rows }, () => Array.from({ length: cols }, (_, c) => c));
  const Y = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, () => r));
  const Z = X.map((row, r) => row.map((x) => f(x, r)));
  return toXYZGrid('plotSurface', X, Y, Z);
}

const cam = (elev: number, azim: number, g: ReturnType<typeof mesh>) =>
  new Camera({ elev, azim, limits: { x: [0, g.cols - 1], y: [0, g.rows - 1], z: [-1, 1] } });

describe('gridFaces', () => {
  it('makes (rows-1)(cols-1) quads at stride 1, walking each perimeter like mplot3d', () => {
    const g = mesh(3, 4, (x, y) => x + 10 * y);
    const faces = gridFaces(g, 1, 1);
    expect(faces).toHaveLength(6);
    // first quad: (r0,c0) → (r0,c1) → (r1,c1) → (r1,c0)
    expect([...faces[0].pts]).toEqual([0, 0, 0, 1, 0, 1, 1, 1, 11, 0, 1, 10]);
    expect(faces[0].meanZ).toBeCloseTo(5.5);
  });

  it('coarse strides keep every point along the block edges and end at the last row/column', () => {
    const g = mesh(5, 6, () => 0);
    const faces = gridFaces(g, 2, 3); // rows 0,2,4 and cols 0,3,5
    expect(faces).toHaveLength(4);
    expect(faces[0].pts.length / 3).toBe(10); // 2·3 + 2·2 perimeter points
    expect(faces[1].pts.length / 3).toBe(8); // 2·2 + 2·2
  });

  it('skips faces touching a non-finite value', () => {
    const g = mesh(4, 4, (x, y) => (x === 1 && y === 1 ? NaN : 0));
    expect(gridFaces(g, 1, 1)).toHaveLength(9 - 4);
  });
});

describe('resolveStrides', () => {
  it('follows mplot3d: counts of 50 by default, explicit strides win, both is an error', () => {
    expect(resolveStrides('plotSurface', 100, 30, {}, 10)).toEqual({ rstride: 2, cstride: 1 });
    expect(resolveStrides('plotSurface', 100, 30, { rstride: 4 }, 10)).toEqual({ rstride: 4, cstride: 10 });
    expect(resolveStrides('plotSurface', 100, 30, { rcount: 10, ccount: 10 }, 10)).toEqual({ rstride: 10, cstride: 3 });
    expect(() => resolveStrides('plotSurface', 9, 9, { rstride: 1, rcount: 2 }, 10)).toThrow(/plotSurface: .*not both/);
    expect(() => resolveStrides('plotSurface', 9, 9, { cstride: 0 }, 10)).toThrow(/plotSurface: cstride/);
  });
});

describe('shading', () => {
  it('normal from vertices 0, n/3, 2n/3 points up for a counter-clockwise quad', () => {
    const n = faceNormal(new Float64Array([0, 0, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0]));
    expect(n[2]).toBeGreaterThan(0);
    expect(Math.abs(n[0]) + Math.abs(n[1])).toBe(0);
  });

  it("matplotlib's LightSource direction and the 0.3…1 brightness range", () => {
    const d = lightDirection({ azdeg: 0, altdeg: 90 });
    expect(d[2]).toBeCloseTo(1);
    expect(Math.abs(d[0]) + Math.abs(d[1])).toBeLessThan(1e-12);
    const west = lightDirection({ azdeg: 270, altdeg: 0 }); // azimuth clockwise from north
    expect(west[0]).toBeCloseTo(-1);
    expect(west[1]).toBeCloseTo(0);
    expect(shadeFactor([0, 0, 2], [0, 0, 1])).toBeCloseTo(1);
    expect(shadeFactor([0, 0, -1], [0, 0, 1])).toBeCloseTo(0.3);
    expect(shadeFactor([1, 0, 0], [0, 0, 1])).toBeCloseTo(0.65);
    expect(DEFAULT_SURFACE_LIGHT).toEqual({ azdeg: 225, altdeg: 19.4712 });
  });

  it('one-colour surfaces are shaded by face orientation; a flat one gets one colour', () => {
    const flat = new Surface3D(
      mesh(3, 3, () => 0),
      {},
      '#1f77b4',
    );
    expect(new Set(flat.faceColors).size).toBe(1);
    const bumpy = new Surface3D(
      mesh(6, 6, (x, y) => Math.sin(x) * Math.cos(y)),
      {},
      '#1f77b4',
    );
    expect(new Set(bumpy.faceColors).size).toBeGreaterThan(5);
    const unshaded = new Surface3D(
      mesh(6, 6, (x, y) => Math.sin(x) * Math.cos(y)),
      { shade: false, color: 'r' },
      '#1f77b4',
    );
    expect(new Set(unshaded.faceColors)).toEqual(new Set(['#ff0000']));
  });
});

describe('colormapped surfaces', () => {
  it('colours each face by its mean z: the lowest face gets cmap(0), the highest cmap(1)', () => {
    const g = mesh(4, 5, (x, y) => x * y);
    const s = new Surface3D(g, { cmap: 'viridis' }, '#1f77b4');
    const means = s.faces.map((f) => f.meanZ);
    const lo = means.indexOf(Math.min(...means)),
      hi = means.indexOf(Math.max(...means));
    const vir = getColormap('viridis');
    expect(s.faceColors[lo]).toBe(rgbToCss(vir(0)));
    expect(s.faceColors[hi]).toBe(rgbToCss(vir(1)));
  });

  it('vmin/vmax fix the norm', () => {
    const s = new Surface3D(
      mesh(2, 2, () => 0.5),
      { cmap: 'gray', vmin: 0, vmax: 1 },
      '',
    );
    expect(s.faceColors[0]).toBe(rgbToCss(getColormap('gray')(128 / 255)));
  });

  it('errors name plotSurface and the argument', () => {
    const g = mesh(2, 2, () => 0);
    expect(() => new Surface3D(g, { cmap: 'nope' }, '')).toThrow(/plotSurface cmap: unknown colormap 'nope'/);
    expect(() => new Surface3D(g, { color: 'notacolor' }, '')).toThrow(/plotSurface color/);
    expect(() => new Surface3D(g, { alpha: 2 }, '#000')).toThrow(/plotSurface: alpha/);
    expect(() => new Surface3D(g, { cmap: 'viridis', color: 'r' }, '')).toThrow(/plotSurface: .*cmap or color/);
  });
});

describe("painter's order", () => {
  it('draws the far face before the near one', () => {
    // Two faces side by side along x: x∈[0,1] and x∈[1,2]. Eye at +x (azim 0): the x∈[0,1] face is farther.
    const g = mesh(2, 3, (x) => x / 2);
    const s = new Surface3D(g, { cmap: 'viridis' }, '');
    const firstX = (order: number[]) => s.faces[order[0]].pts[0];
    expect(firstX(s.depthOrder(cam(0, 0, g)).order)).toBe(0);
    expect(firstX(s.depthOrder(cam(0, 180, g)).order)).toBe(1);
    // The SVG follows that order: the far face's colour comes first.
    const svg = s.draw({ cam: cam(20, 0, g), toPx: (x, y) => [x * 1000, -y * 1000], ptToPx: 1 });
    const far = s.faceColors[0],
      near = s.faceColors[1];
    expect(far).not.toBe(near);
    expect(svg.indexOf(`fill="${far}"`)).toBeLessThan(svg.indexOf(`fill="${near}"`));
  });

  it('seen from below (elev -140) the lower of two stacked layers is drawn last', () => {
    const g = mesh(2, 2, () => 0);
    const lower = new Surface3D(
      toXYZGrid(
        't',
        [
          [0, 1],
          [0, 1],
        ],
        [
          [0, 0],
          [1, 1],
        ],
        [
          [-1, -1],
          [-1, -1],
        ],
      ),
      {},
      '#000',
    );
    const upper = new Surface3D(g, {}, '#000');
    const c = new Camera({ elev: -140, azim: 120, limits: { x: [0, 1], y: [0, 1], z: [-1, 1] } });
    expect(lower.depth(c)).toBeLessThan(upper.depth(c)); // nearer = smaller depth → drawn after
    const above = new Camera({ elev: 30, azim: -60, limits: c.limits });
    expect(lower.depth(above)).toBeGreaterThan(upper.depth(above));
  });
});
