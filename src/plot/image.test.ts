import { describe, expect, it } from 'vitest';
import { Figure } from './figure.js';
import { svgToRGBA } from './export/raster.js';
import { encodePng } from './export/png-data.js';
import { getColormap } from './colormap.js';

const px = (img: { data: Uint8Array; width: number }, x: number, y: number) => {
  const i = (Math.round(y) * img.width + Math.round(x)) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
};
const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) <= 3);

describe('imshow', () => {
  const Z = [
    [0, 1, 2],
    [3, 4, NaN],
  ];
  it('origin upper: row 0 at the top, inverted y, pixel-centred sticky extent, equal aspect', async () => {
    const fig = new Figure({ width: 300, height: 300 });
    const ax = fig.addAxes();
    const im = ax.imshow(Z, { cmap: 'viridis' });
    expect(ax.getXlim()).toEqual([-0.5, 2.5]);
    expect(ax.getYlim()).toEqual([1.5, -0.5]);
    const r = ax.rect;
    expect(r.width / r.height).toBeCloseTo(3 / 2, 6); // equal aspect shrinks the box
    const img = await svgToRGBA(fig.toSVG());
    const ctx = ax.context(),
      cm = getColormap('viridis');
    expect(close(px(img, ctx.sx(0), ctx.sy(0)), cm(0))).toBe(true); // Z[0][0] top-left
    expect(close(px(img, ctx.sx(1), ctx.sy(1)), cm(1))).toBe(true); // Z[1][1] = 4 = max
    expect(close(px(img, ctx.sx(2), ctx.sy(1)), [255, 255, 255])).toBe(true); // NaN is transparent
    expect(im.vmax).toBe(4);
  });
  it('origin lower with an extent; colorbar; validation', () => {
    const ax = new Figure().addAxes();
    const im = ax.imshow(Z, { origin: 'lower', extent: [0, 3, 0, 2], aspect: 'auto' });
    expect(ax.getYlim()).toEqual([0, 2]);
    expect(() => ax.colorbar(im)).not.toThrow();
    expect(() => ax.imshow(Z, { origin: 'left' as never })).toThrow(/imshow: origin must be 'upper' or 'lower'/);
    expect(() => ax.imshow([1, 2] as never)).toThrow(/imshow: Z must be a 2-D grid/);
    expect(() => im.setData([[1]])).toThrow(/setData: Z must keep the shape \[2, 3\]/);
    expect(() => ax.setAspect(-1)).toThrow(/setAspect/);
  });
});

describe('encodePng', () => {
  it('writes a PNG resvg can decode', async () => {
    const png = encodePng(new Uint8Array([255, 0, 0, 255, 0, 0, 255, 255]), 2, 1);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const uri = 'data:image/png;base64,' + Buffer.from(png).toString('base64');
    const img = await svgToRGBA(
      `<svg xmlns="http://www.w3.org/2000/svg" width="2" height="1"><image width="2" height="1" href="${uri}"/></svg>`,
    );
    expect(px(img, 0, 0)).toEqual([255, 0, 0]);
    expect(px(img, 1, 0)).toEqual([0, 0, 255]);
    expect(() => encodePng(new Uint8Array(3), 1, 1)).toThrow(/encodePng: expected 4 bytes/);
  });
});
