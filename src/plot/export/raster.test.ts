import { describe, expect, it } from 'vitest';
import { Figure } from '../figure.js';
import { svgToPng, svgToRGBA } from './raster.js';
import { renderText } from '../text.js';

function pixel(img: { data: Uint8Array; width: number }, x: number, y: number): [number, number, number, number] {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]];
}
const near = (p: number[], q: number[], tol: number) => p.slice(0, 3).every((v, i) => Math.abs(v - q[i]) <= tol);
const BLUE = [0x1f, 0x77, 0xb4];

describe('rasterising many frames (resvg-js#216)', () => {
  it('returns to the event loop after every render, so Node can free the native memory of collected renders', async () => {
    // resvg-js keeps each render's tree, fonts and pixmap (~3 MB at 640 × 480) until N-API finalizers run, and
    // Node runs those from the event loop, never inside a chain of awaits. A frame loop that never gave the event
    // loop a turn grew ~3 MB a frame (1,000 frames: 3 GB; `npm run bench:gif-memory`). Each render must yield.
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="4" height="4"/></svg>';
    await svgToRGBA(svg); // loads resvg and the fonts (I/O), outside the check
    for (const render of [() => svgToRGBA(svg), () => svgToPng(svg)]) {
      let turns = 0;
      setImmediate(() => {
        turns++;
      });
      await render();
      expect(turns).toBe(1);
    }
  });
});

describe('PNG rasterisation (resvg with the shipped DejaVu Sans)', () => {
  const fig = new Figure({ width: 400, height: 300 });
  const ax = fig.addAxes();
  const xs = Array.from({ length: 201 }, (_, i) => -2 + i / 50);
  ax.plot(
    xs,
    xs.map((x) => x * x),
    { label: '$y = x^2$' },
  );
  ax.setXlim(-2, 2);
  ax.setYlim(-0.5, 4.5);
  ax.legend({ loc: 'upper left' });
  ax.xlabel('x');

  it('the line y = x² passes through the expected pixels', async () => {
    const img = await svgToRGBA(fig.toSVG());
    expect([img.width, img.height]).toEqual([400, 300]);
    const ctx = ax.context();
    for (const x of [-1.5, -0.5, 0, 1, 1.7]) {
      // The stroke is ~2 px wide and antialiased: one of the pixels around the exact point must be line blue.
      const cx = ctx.sx(x),
        cy = ctx.sy(x * x);
      const hood = [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => pixel(img, cx + dx, cy + dy)));
      expect(
        hood.some((p) => near(p, BLUE, 25)),
        `pixels at x=${x}: ${hood.join(' | ')}`,
      ).toBe(true);
    }
    // Off the line (above the curve at x = 0) the axes is white.
    expect(near(pixel(img, ctx.sx(0), ctx.sy(2)), [255, 255, 255], 1)).toBe(true);
  });

  it('the legend box exists with its grey frame, handle and text', async () => {
    const img = await svgToRGBA(fig.toSVG());
    const b = ax.legendBox!;
    expect(b).toBeDefined();
    expect(b.x).toBeGreaterThan(ax.rect.x);
    expect(b.y).toBeGreaterThan(ax.rect.y);
    // Frame: light grey (#cccccc at alpha 0.8 over white ≈ 214) on the left edge midway down.
    const edge = pixel(img, b.x, b.y + b.height / 2);
    expect(edge[0]).toBeLessThan(240);
    expect(edge[0]).toBeGreaterThan(150);
    // Handle: a blue stroke in the left part of the box, at mid-height.
    let blue = 0,
      dark = 0;
    for (let x = Math.ceil(b.x + 2); x < b.x + b.width - 2; x++) {
      for (let y = Math.ceil(b.y + 2); y < b.y + b.height - 2; y++) {
        const p = pixel(img, x, y);
        if (near(p, BLUE, 30)) blue++;
        if (p[0] < 80 && p[1] < 80 && p[2] < 80) dark++;
      }
    }
    expect(blue).toBeGreaterThan(20);
    expect(dark).toBeGreaterThan(20); // the typeset TeX label
  });

  it('text renders (tick labels are dark pixels below the axes)', async () => {
    const img = await svgToRGBA(fig.toSVG());
    const r = ax.rect;
    let dark = 0;
    for (let x = Math.round(r.x); x < r.x + r.width; x++) {
      for (let y = Math.round(r.y + r.height + 8); y < r.y + r.height + 22; y++) if (pixel(img, x, y)[0] < 100) dark++;
    }
    expect(dark).toBeGreaterThan(50);
  });

  it('scale renders more pixels', async () => {
    const img = await svgToRGBA(fig.toSVG(), { scale: 2 });
    expect([img.width, img.height]).toEqual([800, 600]);
    await expect(svgToRGBA(fig.toSVG(), { scale: 0 })).rejects.toThrow(/svgToRGBA: scale must be in/);
  });

  it('rejects non-SVG input', async () => {
    await expect(svgToRGBA('hello')).rejects.toThrow(/svgToRGBA: svg must be an SVG document/);
  });

  it('returns straight (non-premultiplied) RGBA, as documented: translucent colour keeps its channels', async () => {
    // 50 % transparent rgb(200, 100, 50) over nothing: straight RGBA is (200, 100, 50, 128); premultiplied would
    // give about (100, 50, 25, 128).
    const img = await svgToRGBA(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">' +
        '<rect width="4" height="4" fill="rgb(200,100,50)" fill-opacity="0.5"/></svg>',
    );
    const [r, g, b, a] = pixel(img, 1, 1);
    expect(Math.abs(a - 128)).toBeLessThanOrEqual(1);
    expect(near([r, g, b], [200, 100, 50], 2)).toBe(true);
    // Opaque and empty pixels are untouched.
    const two = await svgToRGBA(
      '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2">' +
        '<rect width="2" height="2" fill="rgb(10,20,30)"/></svg>',
    );
    expect(pixel(two, 0, 0)).toEqual([10, 20, 30, 255]);
    expect(pixel(two, 3, 0)).toEqual([0, 0, 0, 0]);
  });

  it('bold text is drawn with the shipped bold face (heavier strokes, same glyphs)', async () => {
    const word = 'Gradient descent';
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="80"><rect width="300" height="80" fill="white"/>' +
      renderText(word, 10, 30, { fontSize: 20 }) +
      renderText(word, 10, 70, { fontSize: 20, weight: 'bold' }) +
      '</svg>';
    const img = await svgToRGBA(svg);
    // Ink (darkness summed over the row band of each line): DejaVu Sans Bold's stems are ~1.5× as wide.
    const ink = (y0: number, y1: number) => {
      let s = 0;
      for (let y = y0; y < y1; y++) for (let x = 0; x < img.width; x++) s += 255 - pixel(img, x, y)[0];
      return s;
    };
    const regular = ink(8, 40),
      bold = ink(48, 80);
    expect(regular).toBeGreaterThan(0);
    expect(bold / regular).toBeGreaterThan(1.3);
  });
});
