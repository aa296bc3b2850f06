/**
 * @file Colorbar: a thin axes beside its parent (matplotlib's make_axes: fraction 0.15, pad 0.05, aspect 20)
 * showing a contour set's level bands (plus its lines, for line contours) or a mapped scatter's colormap, with
 * ticks and labels on the right.
 */
import type { Artist, AxesLike, Layer, Rect } from './types.js';
import type { ContourSet } from './contour.js';
import type { Scatter } from './scatter.js';
import { getColormap, rgbToCss } from './colormap.js';
import { autoTicks } from './ticks.js';
import { scalarFormat } from './format.js';
import { measureText, renderText } from './text.js';
import { linearScale } from './scale.js';
import { snap } from './axis.js';
import { rc } from './style.js';
import { el, fmt } from './svg.js';

/** Options of `colorbar`. */
export interface ColorbarOptions { label?: string; fraction?: number; pad?: number; shrink?: number; aspect?: number }

/** Something a colorbar can show. */
export type Mappable = ContourSet | Scatter;

/** The parent's new rect and the colorbar's rect after stealing space on the right. */
export function splitForColorbar(p: Rect, o: ColorbarOptions): { parent: Rect; bar: Rect } {
  const f = o.fraction ?? 0.15, pad = o.pad ?? 0.05, shrink = o.shrink ?? 1, aspect = o.aspect ?? 20;
  for (const [k, v] of [['fraction', f], ['pad', pad], ['shrink', shrink]] as const) {
    if (!(v >= 0 && v <= 1)) throw new Error(`colorbar: ${k} must be in [0, 1], got ${v}`);
  }
  const parent = { ...p, width: p.width * (1 - f - pad) };
  const h = p.height * shrink, w = Math.min(p.width * f, h / aspect);
  return { parent, bar: { x: p.x + p.width * (1 - f), y: p.y + (p.height - h) / 2, width: w, height: h } };
}

/** A vertical colorbar. Create with `ax.colorbar(mappable)` or `fig.colorbar(mappable, { ax })`. */
export class Colorbar implements AxesLike {
  constructor(readonly rect: Rect, readonly mappable: Mappable, private readonly dpi: number,
    private readonly opts: ColorbarOptions) {}

  artists(): Artist[] { return []; }

  private isContour(m: Mappable): m is ContourSet { return 'levels' in m; }

  render(layer: Layer): string {
    if (layer === 'animated') return '';
    const m = this.mappable, r = this.rect, k = this.dpi / 72;
    const out: string[] = [];
    let lo: number, hi: number, ticks: number[];
    if (this.isContour(m)) {
      const lv = m.levels;
      lo = m.filled ? lv[0] : Math.min(m.vmin, lv[0]); hi = m.filled ? lv[lv.length - 1] : Math.max(m.vmax, lv[lv.length - 1]);
      ticks = lv.length <= 12 ? lv : autoTicks(lo, hi, r.height / k, 'y');
    } else {
      lo = m.vmin; hi = m.vmax === m.vmin ? m.vmin + 1 : m.vmax;
      ticks = autoTicks(lo, hi, r.height / k, 'y');
    }
    const sy = linearScale([lo, hi], [r.y + r.height, r.y]);
    const band = (a: number, b: number, color: string) => el('rect', { x: r.x, y: sy(b), width: r.width,
      height: Math.max(0, sy(a) - sy(b)) + 0.5, fill: color });
    if (this.isContour(m)) {
      const lv = m.levels, cm = getColormap(m.cmap, 'colorbar'), span = m.vmax - m.vmin || 1;
      if (m.filled) lv.slice(0, -1).forEach((a, i) => out.push(band(a, lv[i + 1], m.colors[i])));
      else {
        const edges = [lo, ...lv.slice(0, -1).map((v, i) => (v + lv[i + 1]) / 2), hi];
        lv.forEach((v, i) => out.push(band(edges[i], edges[i + 1], rgbToCss(cm((v - m.vmin) / span)))));
        lv.forEach((v, i) => out.push(el('path', { d: `M${fmt(r.x)} ${fmt(sy(v))}h${fmt(r.width)}`, stroke: m.colors[i],
          'stroke-width': +(rc.lineWidth * k).toFixed(2) })));
      }
    } else {
      const cm = getColormap(m.cmap, 'colorbar'), n = 64;
      for (let i = 0; i < n; i++) out.push(band(lo + ((hi - lo) * i) / n, lo + ((hi - lo) * (i + 1)) / n, rgbToCss(cm((i + 0.5) / n))));
    }
    out.push(el('rect', { x: snap(r.x), y: snap(r.y), width: Math.round(r.width), height: Math.round(r.height), fill: 'none',
      stroke: '#000000', 'stroke-width': +(rc.axesLineWidth * k).toFixed(3) }));
    const len = rc.tickSize * k, pad = rc.tickPad * k, fs = rc.tickLabelSize * k, x1 = snap(r.x + r.width);
    const tol = (hi - lo) * 1e-9, shown = ticks.filter((t) => t >= lo - tol && t <= hi + tol);
    const f = scalarFormat(shown);
    let d = '', maxW = 0;
    shown.forEach((t, i) => {
      const y = snap(sy(t));
      d += `M${fmt(x1)} ${fmt(y)}h${fmt(len)}`;
      out.push(renderText(f.labels[i], x1 + len + pad, y, { fontSize: fs, baseline: 'middle' }));
      maxW = Math.max(maxW, measureText(f.labels[i], fs).width);
    });
    if (d) out.push(el('path', { d, stroke: '#000000', 'stroke-width': +(rc.tickWidth * k).toFixed(3) }));
    if (f.offsetText) out.push(renderText(f.offsetText, r.x, r.y - pad, { fontSize: fs, baseline: 'bottom' }));
    if (this.opts.label) {
      out.push(renderText(this.opts.label, x1 + len + pad + maxW + rc.labelPad * k, r.y + r.height / 2,
        { fontSize: rc.labelSize * k, anchor: 'middle', baseline: 'top', rotate: 90 }));
    }
    return `<g class="colorbar">${out.join('')}</g>`;
  }
}
