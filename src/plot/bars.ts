/**
 * @file Bar charts and histograms (matplotlib's bar/hist): rectangles from a baseline, coloured from the cycle,
 * with the baseline as a sticky edge so the value axis starts exactly at 0.
 */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { toNumbers, finiteExtent, keysOf } from './data.js';
import { resolveColor } from './colors.js';
import { checkAlpha } from './line.js';
import { el, fmt } from './svg.js';
import type { NumbersInput } from './types.js';
import type { LegendEntry, LegendObstacle } from './legend.js';

/** Options of `bar`: `width` in data units (default 0.8), `bottom` the baseline(s). */
export interface BarOptions {
  width?: number | NumbersInput;
  bottom?: number | NumbersInput;
  align?: 'center' | 'edge';
  color?: string;
  edgeColor?: string;
  lineWidth?: number;
  alpha?: number;
  label?: string;
  animated?: boolean;
  zorder?: number;
}
/** The style keys bars and histograms share. */
const BAR_STYLE = {
  color: true,
  edgeColor: true,
  lineWidth: true,
  alpha: true,
  label: true,
  animated: true,
  zorder: true,
} as const;
/** The keys of `BarOptions`, checked against it by tsc. */
export const BAR_KEYS = keysOf<BarOptions>({ width: true, bottom: true, align: true, ...BAR_STYLE });

const perBar = (
  v: number | NumbersInput | undefined,
  n: number,
  dflt: number,
  fn: string,
  arg: string,
): Float64Array => {
  if (v === undefined || typeof v === 'number') return new Float64Array(n).fill(v ?? dflt);
  const a = toNumbers(v, fn, arg);
  if (a.length !== n)
    throw new Error(`${fn}: ${arg} must be a number or have one value per bar (${n}), got ${a.length}`);
  return a;
};

/** A set of bars (matplotlib's BarContainer). */
export class BarSet extends ArtistBase {
  readonly x: Float64Array;
  readonly heights: Float64Array;
  readonly widths: Float64Array;
  readonly bottoms: Float64Array;
  readonly color: string;

  constructor(
    x: NumbersInput,
    height: NumbersInput | number,
    private opts: BarOptions,
    defaultColor: string,
    fn = 'bar',
  ) {
    super();
    this.x = toNumbers(x, fn, 'x');
    const n = this.x.length;
    this.heights = perBar(height, n, 0, fn, 'height');
    this.widths = perBar(opts.width, n, 0.8, fn, 'width');
    this.bottoms = perBar(opts.bottom, n, 0, fn, 'bottom');
    if (opts.align !== undefined && opts.align !== 'center' && opts.align !== 'edge') {
      throw new Error(`${fn}: align must be 'center' or 'edge', got '${String(opts.align)}'`);
    }
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    if (opts.edgeColor) resolveColor(opts.edgeColor, fn);
    checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    this.zorder = opts.zorder ?? 1;
  }

  private left(i: number): number {
    return this.opts.align === 'edge' ? this.x[i] : this.x[i] - this.widths[i] / 2;
  }

  extent(): Extent | null {
    if (!this.x.length) return null;
    const xs: number[] = [],
      ys: number[] = [];
    for (let i = 0; i < this.x.length; i++) {
      xs.push(this.left(i), this.left(i) + this.widths[i]);
      ys.push(this.bottoms[i], this.bottoms[i] + this.heights[i]);
    }
    const [x0, x1] = finiteExtent(xs),
      [y0, y1] = finiteExtent(ys);
    return Number.isNaN(x0) ? null : { x: [x0, x1], y: [y0, y1], stickyY: [...new Set(this.bottoms)] };
  }

  override legendEntry(): LegendEntry | null {
    if (!this.label || this.label.startsWith('_')) return null;
    return {
      label: this.label,
      kind: 'patch',
      color: this.color,
      alpha: this.opts.alpha,
      edgeColor: this.opts.edgeColor,
    };
  }

  override obstacles(ctx: DrawContext): LegendObstacle[] {
    // Each bar is a Rectangle patch: 'best' counts the legend boxes it overlaps.
    const out: LegendObstacle[] = [];
    for (let i = 0; i < this.x.length; i++) {
      const l = this.left(i),
        xa = ctx.sx(l),
        xb = ctx.sx(l + this.widths[i]);
      const ya = ctx.sy(this.bottoms[i]),
        yb = ctx.sy(this.bottoms[i] + this.heights[i]);
      if (![xa, xb, ya, yb].every(Number.isFinite)) continue;
      out.push({
        kind: 'box',
        box: { x: Math.min(xa, xb), y: Math.min(ya, yb), width: Math.abs(xb - xa), height: Math.abs(yb - ya) },
      });
    }
    return out;
  }

  draw(ctx: DrawContext): string {
    let d = '';
    for (let i = 0; i < this.x.length; i++) {
      const l = this.left(i);
      const xa = ctx.sx(l),
        xb = ctx.sx(l + this.widths[i]);
      const ya = ctx.sy(this.bottoms[i]),
        yb = ctx.sy(this.bottoms[i] + this.heights[i]);
      if (![xa, xb, ya, yb].every(Number.isFinite)) continue;
      d += `M${fmt(xa)} ${fmt(ya)}H${fmt(xb)}V${fmt(yb)}H${fmt(xa)}Z`;
    }
    if (!d) return '';
    const e = this.opts.edgeColor ? resolveColor(this.opts.edgeColor, 'bar') : undefined;
    return el('path', {
      d,
      fill: this.color,
      'fill-opacity': this.opts.alpha,
      stroke: e ?? 'none',
      'stroke-width': e ? +((this.opts.lineWidth ?? 1) * ctx.ptToPx).toFixed(3) : undefined,
    });
  }
}

/** Options of `hist`: `bins` a count (default 10) or explicit increasing edges; `range` limits the data used. */
export interface HistOptions extends Omit<BarOptions, 'width' | 'bottom' | 'align'> {
  bins?: number | NumbersInput;
  range?: [number, number];
  density?: boolean;
}
/** The keys of `HistOptions`, checked against it by tsc. */
export const HIST_KEYS = keysOf<HistOptions>({ bins: true, range: true, density: true, ...BAR_STYLE });

/**
 * How many bins `bins` makes (a count, or edges: one fewer than them), checked; known before the values are.
 * @example binCount([0, 1, 2]) // 2
 */
export function binCount(bins: number | NumbersInput, fn = 'hist'): number {
  if (typeof bins === 'number') {
    if (!Number.isInteger(bins) || bins < 1)
      throw new Error(`${fn}: bins must be a positive integer or edges, got ${bins}`);
    return bins;
  }
  if (typeof bins !== 'object' || bins === null)
    throw new Error(`${fn}: bins must be a positive integer or edges, got ${String(bins)}`);
  const shape = (bins as { shape?: readonly number[] }).shape;
  const n = Array.isArray(shape) ? shape.reduce((a, b) => a * b, 1) : (bins as ArrayLike<number>).length;
  if (!(n >= 2)) throw new Error(`${fn}: need at least 2 bin edges`);
  return n - 1;
}

/**
 * numpy.histogram: counts per bin (last bin closed), NaN ignored.
 * @example histogram([1, 2, 2, 3], 2) // { counts: [1, 3], edges: [1, 2, 3] }
 */
export function histogram(
  values: NumbersInput,
  bins: number | NumbersInput = 10,
  range?: [number, number],
  density = false,
): { counts: Float64Array; edges: Float64Array } {
  return histogramFor(values, bins, range, density, 'histogram');
}

/** `histogram` for a caller (`fn`: 'hist' for `ax.hist`) whose name its errors give. */
export function histogramFor(
  values: NumbersInput,
  bins: number | NumbersInput,
  range: [number, number] | undefined,
  density: boolean,
  fn: string,
): { counts: Float64Array; edges: Float64Array } {
  const v = toNumbers(values, fn, 'x').filter(Number.isFinite);
  let edges: Float64Array;
  if (typeof bins === 'number') {
    binCount(bins, fn);
    let [lo, hi] = range ?? (v.length ? finiteExtent(v) : [0, 1]);
    if (lo === hi) {
      lo -= 0.5;
      hi += 0.5;
    } // numpy's widening of a single value
    edges = Float64Array.from({ length: bins + 1 }, (_, i) => lo + ((hi - lo) * i) / bins);
  } else {
    edges = toNumbers(bins, fn, 'bins');
    for (let i = 1; i < edges.length; i++)
      if (!(edges[i] > edges[i - 1])) throw new Error(`${fn}: bin edges must increase`);
    if (edges.length < 2) throw new Error(`${fn}: need at least 2 bin edges`);
  }
  const counts = new Float64Array(edges.length - 1),
    n = counts.length;
  for (const x of v) {
    if (x < edges[0] || x > edges[n]) continue;
    let lo = 0,
      hi = n; // binary search: edges[lo] <= x < edges[lo + 1]
    while (hi - lo > 1) {
      const m = (lo + hi) >> 1;
      if (x >= edges[m]) lo = m;
      else hi = m;
    }
    counts[lo]++;
  }
  if (density) {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    for (let i = 0; i < n; i++) counts[i] /= total * (edges[i + 1] - edges[i]);
  }
  return { counts, edges };
}
