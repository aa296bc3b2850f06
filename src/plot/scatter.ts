/**
 * @file Scatter (matplotlib's PathCollection): markers at points, sizes in points², colours fixed or mapped
 * through a colormap from numeric values (then usable by colorbar).
 */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { toNumbers, finiteExtent, keysOf } from './data.js';
import { whenOnHost } from './deferred.js';
import { resolveColor } from './colors.js';
import { colormap, rgbToCss } from './colormap.js';
import { checkAlpha, checkSameLength } from './line.js';
import { checkMarker, isStrokeMarker, markerPath } from './markers.js';
import { el } from './svg.js';
import type { NumbersInput } from './types.js';
import type { LegendEntry, LegendObstacle } from './legend.js';

/** Options of `ax.scatter`: `s` is marker area in points² (default 36), `c` a colour or values for `cmap`. */
export interface ScatterOptions {
  s?: number | NumbersInput;
  c?: string | NumbersInput;
  color?: string;
  cmap?: string;
  vmin?: number;
  vmax?: number;
  marker?: string;
  alpha?: number;
  edgecolors?: string;
  lineWidths?: number;
  label?: string;
  animated?: boolean;
  zorder?: number;
}
/** The keys of `ScatterOptions`, checked against it by tsc. */
export const SCATTER_KEYS = keysOf<ScatterOptions>({
  s: true,
  c: true,
  color: true,
  cmap: true,
  vmin: true,
  vmax: true,
  marker: true,
  alpha: true,
  edgecolors: true,
  lineWidths: true,
  label: true,
  animated: true,
  zorder: true,
});

/** Points drawn as markers. */
export class Scatter extends ArtistBase {
  private x: Float64Array;
  private y: Float64Array;
  private sizes: Float64Array | number;
  private values?: Float64Array;
  private fixedColor: string;
  readonly cmap: string;
  vmin = 0;
  vmax = 1;
  private marker: string;
  private alpha: number;

  constructor(
    x: NumbersInput,
    y: NumbersInput,
    private opts: ScatterOptions,
    defaultColor: string,
  ) {
    super();
    const fn = 'scatter';
    this.x = toNumbers(x, fn, 'x');
    this.y = toNumbers(y, fn, 'y');
    checkSameLength(this.x, this.y, fn);
    const s = opts.s ?? 36;
    this.sizes = typeof s === 'number' ? s : toNumbers(s, fn, 's');
    if (typeof this.sizes !== 'number' && this.sizes.length !== this.x.length) {
      throw new Error(
        `scatter: s must be a number or have one size per point (${this.x.length}), got ${this.sizes.length}`,
      );
    }
    this.cmap = opts.cmap ?? 'viridis';
    colormap(this.cmap, fn);
    if (opts.c !== undefined && typeof opts.c !== 'string') {
      this.values = toNumbers(opts.c, fn, 'c');
      if (this.values.length !== this.x.length) {
        throw new Error(`scatter: c must have one value per point (${this.x.length}), got ${this.values.length}`);
      }
      this.autoscale();
    }
    this.fixedColor = resolveColor(typeof opts.c === 'string' ? opts.c : (opts.color ?? defaultColor), fn);
    checkMarker(opts.marker, fn);
    this.marker = opts.marker ?? 'o';
    this.alpha = checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    this.zorder = opts.zorder ?? 1;
  }

  private autoscale() {
    const [lo, hi] = this.values ? finiteExtent(this.values) : [0, 1];
    this.vmin = this.opts.vmin ?? (Number.isNaN(lo) ? 0 : lo);
    this.vmax = this.opts.vmax ?? (Number.isNaN(hi) ? 1 : hi);
  }

  /** Whether colours come from values through the colormap (so a colorbar makes sense). */
  get mapped(): boolean {
    return this.values !== undefined;
  }

  /**
   * Move the points (matplotlib's set_offsets); per-point sizes/values must keep their length.
   * @example sc.setOffsets([1, 2], [3, 4])
   */
  setOffsets(x: NumbersInput, y: NumbersInput): this {
    if (whenOnHost(this, [x, y], (hx: NumbersInput, hy: NumbersInput) => this.setOffsets(hx, hy))) return this;
    const nx = toNumbers(x, 'Scatter.setOffsets', 'x'),
      ny = toNumbers(y, 'Scatter.setOffsets', 'y');
    checkSameLength(nx, ny, 'Scatter.setOffsets');
    if (
      (typeof this.sizes !== 'number' && this.sizes.length !== nx.length) ||
      (this.values && this.values.length !== nx.length)
    ) {
      throw new Error(
        `Scatter.setOffsets: per-point sizes/colours have ${this.values?.length ?? (this.sizes as Float64Array).length} ` +
          `entries but ${nx.length} points were given; use setArray/setSizes first`,
      );
    }
    this.x = nx;
    this.y = ny;
    this.touch();
    return this;
  }
  /** Alias of setOffsets, like Line.setData. @example sc.setData(xs, ys) */
  setData(x: NumbersInput, y: NumbersInput): this {
    return this.setOffsets(x, y);
  }
  /** New colour values (mapped through cmap). @example sc.setArray(losses) */
  setArray(c: NumbersInput): this {
    if (whenOnHost(this, [c], (hc: NumbersInput) => this.setArray(hc))) return this;
    this.values = toNumbers(c, 'Scatter.setArray', 'c');
    this.autoscale();
    this.touch();
    return this;
  }
  /** New sizes (points²). @example sc.setSizes(20) */
  setSizes(s: number | NumbersInput): this {
    if (whenOnHost(this, [s], (hs: NumbersInput) => this.setSizes(hs))) return this;
    this.sizes = typeof s === 'number' ? s : toNumbers(s, 'Scatter.setSizes', 's');
    this.touch();
    return this;
  }
  /** @example sc.setColor('red') */
  setColor(c: string): this {
    this.fixedColor = resolveColor(c, 'Scatter.setColor');
    this.values = undefined;
    this.touch();
    return this;
  }

  extent(): Extent | null {
    const [x0, x1] = finiteExtent(this.x),
      [y0, y1] = finiteExtent(this.y);
    return Number.isNaN(x0) || Number.isNaN(y0) ? null : { x: [x0, x1], y: [y0, y1] };
  }
  override obstacles(ctx: DrawContext): LegendObstacle[] {
    // The collection's offsets: counted one by one, with no segments between them.
    const n = this.x.length,
      x = new Float64Array(n),
      y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = ctx.sx(this.x[i]);
      y[i] = ctx.sy(this.y[i]);
    }
    return [{ kind: 'points', x, y }];
  }
  override legendEntry(): LegendEntry | null {
    if (!this.label || this.label.startsWith('_')) return null;
    // A colour-mapped scatter shows its first point's colour, as matplotlib's legend handler does.
    const color = this.values?.length
      ? rgbToCss(colormap(this.cmap, 'scatter')((this.values[0] - this.vmin) / (this.vmax - this.vmin || 1)))
      : this.fixedColor;
    return {
      label: this.label,
      kind: 'marker',
      color,
      marker: this.marker,
      markerSize: Math.sqrt(typeof this.sizes === 'number' ? this.sizes : 36),
      alpha: this.alpha < 1 ? this.alpha : undefined,
    };
  }

  draw(ctx: DrawContext): string {
    const cm = colormap(this.cmap, 'scatter'),
      span = this.vmax - this.vmin || 1;
    const stroke = isStrokeMarker(this.marker),
      edge = this.opts.edgecolors ? resolveColor(this.opts.edgecolors, 'scatter') : undefined;
    const out: string[] = [];
    for (let i = 0; i < this.x.length; i++) {
      const px = ctx.sx(this.x[i]),
        py = ctx.sy(this.y[i]);
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      const area = typeof this.sizes === 'number' ? this.sizes : this.sizes[i];
      const color = this.values ? rgbToCss(cm((this.values[i] - this.vmin) / span)) : this.fixedColor;
      out.push(
        el('path', {
          d: markerPath(this.marker, px, py, Math.sqrt(Math.max(0, area)) * ctx.ptToPx),
          fill: stroke ? 'none' : color,
          stroke: stroke ? color : edge,
          'stroke-width': stroke || edge ? +((this.opts.lineWidths ?? 1) * ctx.ptToPx).toFixed(3) : undefined,
        }),
      );
    }
    return out.length ? `<g${this.alpha < 1 ? ` opacity="${this.alpha}"` : ''}>${out.join('')}</g>` : '';
  }
}
