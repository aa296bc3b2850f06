import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FuncAnimation } from './animation.js';
import { decodeGif } from '../../../test/helpers/anim-gif-decode.js';
import { rasterFrames } from './anim-raster.js';
import { Figure } from '../figure.js';
import { svgToRGBA } from '../export/raster.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gradtape-anim-fig-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A small version of the tutorial's last cell: descent path over a labelled contour plot. */
function descent(frames = 15) {
  const n = 40,
    v = Array.from({ length: n }, (_, i) => -1 + (2 * i) / (n - 1));
  const X = v.map(() => v.slice()),
    Y = v.map((y) => v.map(() => y));
  const Z = X.map((row, r) => row.map((x, c) => (Math.sin(4 * x) - Math.cos(5 * Y[r][c])) / 5));
  const fig = new Figure({ width: 320, height: 240 });
  const ax = fig.addAxes();
  ax.clabel(ax.contour(X, Y, Z, { levels: 8 }), { inline: true, fontSize: 8 });
  const xs = [0.3],
    ys = [0.55];
  for (let i = 1; i < frames; i++) {
    xs.push(xs[i - 1] - 0.05 * 0.8 * Math.cos(4 * xs[i - 1]));
    ys.push(ys[i - 1] - 0.05 * Math.sin(5 * ys[i - 1]));
  }
  const line = ax.plot([], [], { color: 'r', lineWidth: 2 });
  const renders = { all: 0, static: 0, animated: 0 };
  const toSVG = fig.toSVG.bind(fig);
  fig.toSVG = (o = {}) => {
    renders[o.layer ?? 'all']++;
    return toSVG(o);
  };
  const update = (i: number) => {
    line.setData(xs.slice(0, i + 1), ys.slice(0, i + 1));
  };
  return { fig, line, renders, update, toSVG, anim: new FuncAnimation(fig, update, { frames, interval: 40 }) };
}

describe('FuncAnimation on a real Figure (contour + clabel + growing line)', () => {
  it('draws the contour layer once and composites frames identical to full renders', async () => {
    const d = descent();
    let last: Uint8Array | null = null;
    for await (const f of rasterFrames({ fig: d.fig, update: d.update, frames: d.anim.frames, blit: 'auto' }))
      last = f.rgba;
    const full = await svgToRGBA(d.toSVG());
    let worst = 0;
    last!.forEach((c, i) => {
      worst = Math.max(worst, Math.abs(c - full.data[i]));
    });
    expect(worst).toBeLessThanOrEqual(1);
    expect(d.renders.all).toBe(0);
    expect(d.renders.static).toBeLessThanOrEqual(5); // verification frames only
    expect(d.renders.animated).toBe(15);
    expect(d.line.animated).toBe(false);
  });

  it('saves a GIF whose frames match the figure, and an HTML player holding the contour SVG once', async () => {
    const d = descent();
    await d.anim.save(join(dir, 'descent.gif'));
    const gif = decodeGif(new Uint8Array(await readFile(join(dir, 'descent.gif'))));
    expect(gif.frames).toHaveLength(15);
    expect(gif.frames.every((f) => f.delayMs === 40)).toBe(true);
    const full = await svgToRGBA(d.toSVG());
    let far = 0;
    gif.frames[14].rgba.forEach((c, i) => {
      if (Math.abs(c - full.data[i]) > 24) far++;
    });
    expect(far / full.data.length).toBeLessThan(0.001); // palette error only on a few antialiased pixels

    const e = descent();
    await e.anim.save(join(dir, 'descent.html'));
    const html = await readFile(join(dir, 'descent.html'), 'utf8');
    const data = JSON.parse(/var D = (\{[\s\S]*?\});\n/.exec(html)![1]) as { g: unknown[]; f: unknown[]; b: number[] };
    expect(data.g).toHaveLength(1);
    expect(data.f).toHaveLength(15);
    expect(new Set(data.b)).toEqual(new Set([0]));
  });
});
