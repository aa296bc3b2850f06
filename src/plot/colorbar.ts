/**
 * @file Colorbar: a thin axes beside its parent (matplotlib's make_axes: fraction 0.15, pad 0.05, aspect 20)
 * showing a contour set's level bands (plus its lines, for line contours) or a mapped scatter's colormap, with
 * ticks and labels on the right.
 */
import { afterHost } from './deferred.js';
import { keysOf } from './data.js';
import type { Artist, AxesLike, Layer, Rect } from './types.js';
import type { ContourSet } from './contour.js';
import type { Scatter } from './scatter.js';
import type { ImageArtist } from './image.js';
import { colormap, rgbToCss } from './colormap.js';
import { autoTicks } from './ticks.js';
import { scalarFormat } from './format.js';
import { measureText, renderText } from './text.js';
import { linearScale } from './scale.js';
import { snap } from './axis.js';
import { rc } from './style.js';
import { el, fmt, uid } from './svg.js';

/** Options of `colorbar`. */
export interface ColorbarOptions {
  label?: string;
  fraction?: number;
  pad?: number;
  shrink?: number;
  aspect?: number;
}
/** The keys of `ColorbarOptions`, checked against it by tsc. */
export const COLORBAR_KEYS = keysOf<ColorbarOptions>({
  label: true,
  fraction: true,
  pad: true,
  shrink: true,
  aspect: true,
});

/**
 * Any colour-mapped artist, by shape: a colormap name and the norm's limits. A Surface3D drawn with a cmap is one
 * (so is anything a user builds with these three fields); `cmap` is optional in the type because a surface without
 * a colormap has none — the Colorbar constructor rejects such a mappable with a clear error.
 */
export interface ScalarMappable {
  readonly cmap?: string;
  readonly vmin: number;
  readonly vmax: number;
}

/** Something a colorbar can show. */
export type Mappable = ContourSet | Scatter | ImageArtist | ScalarMappable;

/**
 * The parent's new rect and the colorbar's rect after stealing space on the right.
 * @example splitForColorbar({ x: 0, y: 0, width: 100, height: 80 }, {}).parent.width // 80
 */
export function splitForColorbar(p: Rect, o: ColorbarOptions): { parent: Rect; bar: Rect } {
  const f = o.fraction ?? 0.15,
    pad = o.pad ?? 0.05,
    shrink = o.shrink ?? 1,
    aspect = o.aspect ?? 20;
  for (const [k, v] of [
    ['fraction', f],
    ['pad', pad],
    ['shrink', shrink],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new Error(`colorbar: ${k} must be in [0, 1], got ${v}`);
  }
  const parent = { ...p, width: p.width * (1 - f - pad) };
  const h = p.height * shrink,
    w = Math.min(p.width * f, h / aspect);
  return { parent, bar: { x: p.x + p.width * (1 - f), y: p.y + (p.height - h) / 2, width: w, height: h } };
}

/**
 * matplotlib's FixedLocator(locs, nbins).tick_values: every step-th location with step = ceil(n / nbins), taking the
 * offset (0 … step − 1) whose smallest |value| is least, so 0 is a tick when it is a location. A contour colorbar
 * ticks its levels this way (colorbar.py: `ticker.FixedLocator(cs.levels, nbins=10)`).
 * @example fixedLocator([-0.4, -0.32, -0.24, -0.16, -0.08, 0, 0.08, 0.16, 0.24, 0.32, 0.4], 10) // [-0.32, -0.16, 0, 0.16, 0.32]
 */
export function fixedLocator(locs: readonly number[], nbins: number): number[] {
  const step = Math.max(Math.ceil(locs.length / nbins), 1);
  const every = (i: number) => locs.filter((_, j) => j % step === i);
  const minAbs = (v: number[]) => Math.min(...v.map(Math.abs));
  let ticks = every(0);
  for (let i = 1; i < step; i++) {
    const t = every(i);
    if (t.length && minAbs(t) < minAbs(ticks)) ticks = t;
  }
  return ticks;
}

/** A vertical colorbar. Create with `ax.colorbar(mappable)` or `fig.colorbar(mappable, { ax })`. */
export class Colorbar implements AxesLike {
  /** Pixel rect of the bar; set by the parent axes' layout. */
  rect: Rect;
  constructor(
    rect: Rect,
    readonly mappable: Mappable,
    private readonly dpi: number,
    private readonly opts: ColorbarOptions,
  ) {
    if (!afterHost(mappable, () => this.checkMappable())) this.checkMappable();
    this.rect = { ...rect };
  }

  /** A mappable waiting for GPU values is checked when they arrive (see deferred.ts). */
  private checkMappable(): void {
    const m = this.mappable as Partial<ScalarMappable> | null;
    if (
      !m ||
      typeof m !== 'object' ||
      (!this.isContour(this.mappable) &&
        (typeof m.cmap !== 'string' || !Number.isFinite(m.vmin) || !Number.isFinite(m.vmax)))
    ) {
      throw new Error(
        'colorbar: mappable must be a contour set or a colour-mapped artist with a cmap name and finite ' +
          `vmin/vmax (got ${m && typeof m === 'object' ? `cmap ${String(m.cmap)}, vmin ${m.vmin}, vmax ${m.vmax}` : String(m)})`,
      );
    }
  }

  /** The options it was created with (the parent re-splits its rect with them). */
  get options(): ColorbarOptions {
    return { ...this.opts };
  }

  artists(): Artist[] {
    return [];
  }

  private isContour(m: Mappable): m is ContourSet {
    return 'levels' in m;
  }

  /** Value range and tick labels of the bar. */
  private scale(): { lo: number; hi: number; shown: number[]; labels: string[]; offsetText: string } {
    const m = this.mappable,
      k = this.dpi / 72;
    let lo: number, hi: number, ticks: number[];
    if (this.isContour(m)) {
      // matplotlib: the bar's boundaries are the contour set's levels (all of them, for line contours too).
      const lv = m.filled ? m.levels : m.allLevels;
      lo = lv[0];
      hi = lv[lv.length - 1] > lo ? lv[lv.length - 1] : lo + 1;
      ticks = fixedLocator(lv, 10);
    } else {
      lo = m.vmin;
      hi = m.vmax === m.vmin ? m.vmin + 1 : m.vmax;
      ticks = autoTicks(lo, hi, this.rect.height / k, 'y');
    }
    const tol = (hi - lo) * 1e-9,
      shown = ticks.filter((t) => t >= lo - tol && t <= hi + tol);
    return { lo, hi, shown, ...scalarFormat(shown) };
  }

  /** How far ticks, labels and the colorbar label reach right of the bar (px), for tight layout. */
  rightExtent(): number {
    const k = this.dpi / 72,
      fs = rc.tickLabelSize * k,
      { labels } = this.scale();
    const w = Math.max(0, ...labels.map((l) => measureText(l, fs).width));
    let e = (rc.tickSize + rc.tickPad) * k + w;
    if (this.opts.label) {
      const m = measureText(this.opts.label, rc.labelSize * k);
      e += rc.labelPad * k + m.height + m.depth;
    }
    return e;
  }

  render(layer: Layer): string {
    if (layer === 'animated') return '';
    const m = this.mappable,
      r = this.rect,
      k = this.dpi / 72;
    const out: string[] = [];
    const { lo, hi, shown, labels, offsetText } = this.scale();
    const f = { labels, offsetText };
    const sy = linearScale([lo, hi], [r.y + r.height, r.y]);
    const band = (a: number, b: number, color: string) =>
      el('rect', { x: r.x, y: sy(b), width: r.width, height: Math.max(0, sy(a) - sy(b)) + 0.5, fill: color });
    if (this.isContour(m)) {
      const lv = m.levels,
        cm = colormap(m.cmap, 'colorbar'),
        span = m.vmax - m.vmin || 1;
      if (m.filled) lv.slice(0, -1).forEach((a, i) => out.push(band(a, lv[i + 1], m.colors[i])));
      else {
        // Bands between consecutive levels, then each drawn level's line across the bar in its own colour.
        const all = m.allLevels;
        all
          .slice(0, -1)
          .forEach((a, i) => out.push(band(a, all[i + 1], rgbToCss(cm(((a + all[i + 1]) / 2 - m.vmin) / span)))));
        lv.forEach((v, i) =>
          out.push(
            el('path', {
              d: `M${fmt(r.x)} ${fmt(sy(v))}h${fmt(r.width)}`,
              stroke: m.colors[i],
              'stroke-width': +(rc.lineWidth * k).toFixed(2),
            }),
          ),
        );
      }
    } else {
      // One gradient instead of many strips: strips leave antialiasing seams (visible as faint lines).
      const cm = colormap(m.cmap as string, 'colorbar'),
        n = 32,
        id = uid('cbar');
      const stops = Array.from({ length: n + 1 }, (_, i) =>
        el('stop', { offset: +(i / n).toFixed(4), 'stop-color': rgbToCss(cm(i / n)) }),
      ).join('');
      out.push(`<defs>${el('linearGradient', { id, x1: 0, y1: 1, x2: 0, y2: 0 }, stops)}</defs>`);
      out.push(el('rect', { x: r.x, y: r.y, width: r.width, height: r.height, fill: `url(#${id})` }));
    }
    out.push(
      el('rect', {
        x: snap(r.x),
        y: snap(r.y),
        width: Math.round(r.width),
        height: Math.round(r.height),
        fill: 'none',
        stroke: '#000000',
        'stroke-width': +(rc.axesLineWidth * k).toFixed(3),
      }),
    );
    const len = rc.tickSize * k,
      pad = rc.tickPad * k,
      fs = rc.tickLabelSize * k,
      x1 = snap(r.x + r.width);
    let d = '',
      maxW = 0;
    shown.forEach((t, i) => {
      const y = snap(sy(t));
      d += `M${fmt(x1)} ${fmt(y)}h${fmt(len)}`;
      out.push(renderText(f.labels[i], x1 + len + pad, y, { fontSize: fs, baseline: 'middle' }));
      maxW = Math.max(maxW, measureText(f.labels[i], fs).width);
    });
    if (d) out.push(el('path', { d, stroke: '#000000', 'stroke-width': +(rc.tickWidth * k).toFixed(3) }));
    if (f.offsetText) out.push(renderText(f.offsetText, r.x, r.y - pad, { fontSize: fs, baseline: 'bottom' }));
    if (this.opts.label) {
      out.push(
        renderText(this.opts.label, x1 + len + pad + maxW + rc.labelPad * k, r.y + r.height / 2, {
          fontSize: rc.labelSize * k,
          anchor: 'middle',
          baseline: 'top',
          rotate: 90,
        }),
      );
    }
    return `<g class="colorbar">${out.join('')}</g>`;
  }
}
