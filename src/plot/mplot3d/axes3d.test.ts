import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Axes3D } from './axes3d.js';
import { getColormap, type RGB } from '../colormap.js';
import { Figure } from '../figure.js';
import { screenTransform } from './proj3d.js';
import { svgToPng, svgToRGBA } from '../export/raster.js';

/** The tutorial's surface: z = (sin 4x − cos 5y) / 5 on a 50 × 50 meshgrid of [-1, 1]². */
function tutorialGrid(n = 50) {
  const v = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const X = v.map(() => v.slice()),
    Y = v.map((y) => v.map(() => y));
  const Z = X.map((row, r) => row.map((x, c) => (Math.sin(4 * x) - Math.cos(5 * Y[r][c])) / 5));
  return { X, Y, Z };
}

function tutorialFigure(elev: number, azim: number) {
  const { X, Y, Z } = tutorialGrid();
  const fig = new Figure({ width: 640, height: 480 });
  const ax = fig.addAxes3d();
  ax.plotSurface(X, Y, Z, { cmap: 'viridis' });
  ax.viewInit(elev, azim);
  ax.xlabel('x');
  ax.ylabel('y');
  ax.zlabel('z');
  return { fig, ax };
}

/** Mean colour of a 3×3 block of an RGBA image. */
function sample(img: { data: Uint8Array; width: number }, x: number, y: number): RGB {
  const acc = [0, 0, 0];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const i = 4 * ((Math.round(y) + dy) * img.width + Math.round(x) + dx);
      for (let k = 0; k < 3; k++) acc[k] += img.data[i + k] / 9;
    }
  }
  return acc as RGB;
}
const dist = (a: RGB, b: RGB) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
/** Where on the colormap (0…1) a colour sits: the nearest of 256 samples. */
function cmapPosition(cmap: (t: number) => RGB, c: RGB): number {
  let best = 0,
    bd = Infinity;
  for (let i = 0; i < 256; i++) {
    const d = dist(cmap(i / 255), c);
    if (d < bd) {
      bd = d;
      best = i / 255;
    }
  }
  return best;
}

/** Pixel position of a data point in a figure's 3-D axes. */
function pixelOf(ax: Axes3D, x: number, y: number, z: number): [number, number] {
  const p = ax.camera().project(x, y, z);
  return screenTransform(ax.box)(p[0], p[1]);
}

describe('Axes3D on a Figure', () => {
  it('renders the tutorial surface at both views; colormap ends appear at the peak and in the valley', async () => {
    mkdirSync('test-output/plot3d', { recursive: true });
    const vir = getColormap('viridis');
    for (const [name, elev, azim] of [
      ['surface-default-view', 30, -60],
      ['surface-view-init-140-120', -140, 120],
    ] as const) {
      const { fig, ax } = tutorialFigure(elev, azim);
      const svg = fig.toSVG();
      writeFileSync(`test-output/plot3d/${name}.png`, await svgToPng(svg));
      const img = await svgToRGBA(svg);
      // A peak (sin 4x = 1, cos 5y = -1) and the valley (sin 4x = -1, cos 5y = 1) that face the camera.
      // (Seen from below at -140/120 this peak is the underside of the hump nearest the camera.)
      const peak = [Math.PI / 8, -Math.PI / 5, 0.4],
        valley = [-Math.PI / 8, 0, -0.4];
      const top = sample(img, ...pixelOf(ax, peak[0], peak[1], peak[2]));
      const bottom = sample(img, ...pixelOf(ax, valley[0], valley[1], valley[2]));
      expect(cmapPosition(vir, top), `${name} peak ${top}`).toBeGreaterThan(0.85);
      expect(cmapPosition(vir, bottom), `${name} valley ${bottom}`).toBeLessThan(0.15);
      expect(dist(bottom, vir(0)), `${name} valley ${bottom}`).toBeLessThan(40);
    }
  });

  it('draws grey panes, grid, tick labels with unicode minus, and axis labels', () => {
    const { fig } = tutorialFigure(30, -60);
    const svg = fig.toSVG();
    expect(svg).toContain('fill="#f2f2f2"');
    expect(svg).toContain('stroke="#b0b0b0"');
    expect(svg).toContain('\u22120.4');
    expect(svg).toMatch(/>x<\/text>/);
    expect(svg).toMatch(/>z<\/text>/);
  });

  it('addSubplot(..., { projection: "3d" }) and limits', () => {
    const fig = new Figure({ width: 800, height: 400 });
    const ax = fig.addSubplot(1, 2, 2, { projection: '3d' });
    expect(ax).toBeInstanceOf(Axes3D);
    expect(ax.box.width).toBe(ax.box.height);
    const { X, Y, Z } = tutorialGrid(10);
    ax.plotSurface(X, Y, Z, { cmap: 'plasma' });
    expect(ax.getXlim()[1]).toBeCloseTo(1.1 * (1 + 2 / 48), 10);
    ax.setZlim(-1, 1);
    expect(ax.getZlim()).toEqual([-1, 1]);
    expect(() => ax.setXlim(1, 1)).toThrow(/setXlim/);
  });

  it('layers: an animated 3-D line is drawn only in the animated layer and setData bumps its revision', () => {
    const fig = new Figure();
    const ax = fig.addAxes3d();
    const { X, Y, Z } = tutorialGrid(8);
    ax.plotSurface(X, Y, Z);
    const path = ax.plot3D([0, 0.5], [0, 0.5], [0, 0.2], { color: 'r', animated: true, marker: 'o' });
    const rev = path.revision;
    path.setData([0, 0.5, 0.7], [0, 0.5, 0.1], [0, 0.2, 0.3]);
    expect(path.revision).toBeGreaterThan(rev);
    const animated = ax.render('animated'),
      stat = ax.render('static');
    expect(animated).toContain('stroke="#ff0000"');
    expect(animated).not.toContain('#f2f2f2');
    expect(stat).not.toContain('stroke="#ff0000"');
    expect(stat).toContain('#f2f2f2');
    expect(ax.artists()).toHaveLength(2);
  });

  it('wireframe, scatter and TeX labels render', () => {
    const fig = new Figure();
    const ax = fig.addAxes3d();
    const { X, Y, Z } = tutorialGrid(12);
    ax.plotWireframe(X, Y, Z, { rstride: 2, cstride: 3, color: 'k', lineWidth: 0.5 });
    ax.scatter3D([0, 0.5], [0, 0.5], [0, 0.1], { color: 'C3' });
    ax.title('$f(x, y)$').zlabel('$z$');
    const svg = ax.render('all');
    expect((svg.match(/stroke="#000000"/g) ?? []).length).toBeGreaterThanOrEqual(6 + 4);
    expect(svg).toContain('fill="#d62728"');
    expect(svg).toContain('data-mml-node'); // MathJax output for the $…$ labels
    expect(svg).not.toContain('$z$');
  });

  it('legend lists labelled 3-D artists with their handles', () => {
    const ax = new Figure().addAxes3d();
    const { X, Y, Z } = tutorialGrid(6);
    ax.plotSurface(X, Y, Z, { color: 'C2', label: 'surface' });
    ax.plot3D([0, 1], [0, 1], [0, 0.2], { color: 'r', label: 'path' });
    ax.scatter3D([0], [0], [0], { label: '_hidden' });
    expect(ax.render('all')).not.toContain('class="legend"');
    const svg = ax.legend({ loc: 'upper left' }).render('all');
    const legend = svg.slice(svg.indexOf('class="legend"'));
    expect(legend).toContain('>surface</text>');
    expect(legend).toContain('>path</text>');
    expect(legend).not.toContain('_hidden');
    expect(() => ax.legend({ loc: 'top' as never })).toThrow(/legend: unknown loc/);
  });

  it('colorbar for a colour-mapped surface steals space on the right and spans the face means', () => {
    const fig = new Figure();
    const ax = fig.addAxes3d();
    const before = ax.rect.width;
    const { X, Y, Z } = tutorialGrid(20);
    const surf = ax.plotSurface(X, Y, Z, { cmap: 'coolwarm' });
    const cb = ax.colorbar(surf, { shrink: 0.5, aspect: 5 });
    expect(ax.rect.width).toBeLessThan(before);
    expect(fig.axes()).toContain(cb);
    expect(surf.vmin).toBeCloseTo(Math.min(...surf.faces.map((f) => f.meanZ)), 12);
    expect(fig.toSVG()).toContain('class="colorbar"');
    expect(() => ax.colorbar(ax.plotSurface(X, Y, Z))).toThrow(
      /colorbar: mappable must be a surface drawn with a cmap/,
    );
  });

  it('changing the view bumps every artist revision (animations that turn the camera redraw them)', () => {
    const ax = new Figure().addAxes3d();
    const { X, Y, Z } = tutorialGrid(5);
    const s = ax.plotSurface(X, Y, Z),
      r0 = s.revision;
    ax.viewInit(10, 20);
    expect(s.revision).toBeGreaterThan(r0);
    const r1 = s.revision;
    ax.setZlim(-1, 1);
    expect(s.revision).toBeGreaterThan(r1);
    expect(ax.elev).toBe(10);
    expect(ax.viewInit().azim).toBe(-60);
  });

  it('bad input gives clear errors naming the function and the argument', () => {
    const ax = new Figure().addAxes3d();
    const { X, Y, Z } = tutorialGrid(5);
    expect(() => ax.plotSurface(X, Y.slice(1), Z)).toThrow(
      /plotSurface: Y must be a 2-D grid .* \(Y is \[4, 5\], Z is \[5, 5\]\)/,
    );
    expect(() => ax.plotSurface(X, Y, [1, 2, 3])).toThrow(/plotSurface: Z must be a 2-D grid/);
    expect(() => ax.plotSurface([1, 2], Y, Z)).toThrow(/plotSurface: 1-D X must have one value per column/);
    expect(() => ax.plotSurface(X, Y, Z, { cmap: 'virdis' })).toThrow(/plotSurface cmap: unknown colormap 'virdis'/);
    expect(() => ax.plot3D([1, 2], [1], [1, 2])).toThrow(/plot3D: xs, ys and zs must have the same length/);
    expect(() => ax.viewInit(NaN, 0)).toThrow(/viewInit: elev/);
    expect(() => ax.plotWireframe(X, Y, Z, { rstride: -1 })).toThrow(/plotWireframe: rstride/);
  });

  it('non-finite values leave holes instead of failing; 1-D X/Y work like a meshgrid', () => {
    const ax = new Figure().addAxes3d();
    const x = [0, 1, 2, 3],
      y = [0, 1, 2];
    const Z = [
      [0, 1, 2, 3],
      [1, NaN, 3, 4],
      [2, 3, 4, Infinity],
    ];
    const s = ax.plotSurface(x, y, Z, { cmap: 'viridis', rstride: 1, cstride: 1 });
    expect(s.faces).toHaveLength(6 - 4 - 1);
    expect(ax.getZlim()[1]).toBeLessThan(5);
  });
});
