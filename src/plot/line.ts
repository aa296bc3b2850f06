/** @file Line2D: a polyline with optional markers; `setData` for animations. NaN/Inf values leave gaps. */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { toNumbers, finiteExtent, keysOf } from './data.js';
import { whenOnHost } from './deferred.js';
import { resolveColor } from './colors.js';
import { checkMarker, isStrokeMarker, markerPath } from './markers.js';
import { dashArray } from './style.js';
import { el, pathData } from './svg.js';
import type { NumbersInput } from './types.js';
import type { LegendEntry, LegendObstacle } from './legend.js';

/** Options of `ax.plot`. Sizes are in points, as in matplotlib. */
export interface LineOptions {
  label?: string;
  color?: string;
  lineWidth?: number;
  lineStyle?: '-' | '--' | ':' | '-.' | 'none' | string;
  marker?: string;
  markerSize?: number;
  markerFaceColor?: string;
  markerEdgeColor?: string;
  alpha?: number;
  animated?: boolean;
  zorder?: number;
}
/** The keys of `LineOptions`, checked against it by tsc. */
export const LINE_KEYS = keysOf<LineOptions>({
  label: true,
  color: true,
  lineWidth: true,
  lineStyle: true,
  marker: true,
  markerSize: true,
  markerFaceColor: true,
  markerEdgeColor: true,
  alpha: true,
  animated: true,
  zorder: true,
});

/**
 * Check equal lengths, naming the function.
 * @example checkSameLength(Float64Array.of(1, 2), Float64Array.of(1), 'plot') // throws
 */
export function checkSameLength(x: Float64Array, y: Float64Array, fn: string): void {
  if (x.length !== y.length) {
    throw new Error(`${fn}: x and y must have the same length (x has ${x.length}, y has ${y.length})`);
  }
}

/** A line returned by `ax.plot`. */
export class Line extends ArtistBase {
  private x: Float64Array;
  private y: Float64Array;
  color: string;
  lineWidth: number;
  lineStyle: string;
  marker: string;
  markerSize: number;
  alpha: number;
  private opts: LineOptions;

  /** Usually created by `ax.plot`; `defaultColor` is the next colour of the axes' cycle. */
  constructor(x: NumbersInput, y: NumbersInput, opts: LineOptions, defaultColor: string, fn = 'plot') {
    super();
    this.x = toNumbers(x, fn, 'x');
    this.y = toNumbers(y, fn, 'y');
    checkSameLength(this.x, this.y, fn);
    this.opts = opts;
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    this.lineWidth = checkPositive(opts.lineWidth ?? 1.5, fn, 'lineWidth');
    this.lineStyle = opts.lineStyle ?? (opts.marker && opts.marker !== 'none' ? '-' : '-');
    dashArray(this.lineStyle, 1, fn);
    checkMarker(opts.marker, fn);
    this.marker = opts.marker ?? '';
    this.markerSize = checkPositive(opts.markerSize ?? 6, fn, 'markerSize');
    this.alpha = checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    this.zorder = opts.zorder ?? 2;
  }

  /**
   * Replace the data (lengths must match). GPU tensors are read in the background (see deferred.ts; the
   * animation writers wait for them).
   * @example line.setData(xs.slice(0, i), ys.slice(0, i))
   */
  setData(x: NumbersInput, y: NumbersInput): this {
    if (whenOnHost(this, [x, y], (hx: NumbersInput, hy: NumbersInput) => this.setData(hx, hy))) return this;
    const nx = toNumbers(x, 'Line.setData', 'x'),
      ny = toNumbers(y, 'Line.setData', 'y');
    checkSameLength(nx, ny, 'Line.setData');
    this.x = nx;
    this.y = ny;
    this.touch();
    return this;
  }
  /** Replace the x data only. @example line.setXData([0, 1, 2]) */
  setXData(x: NumbersInput): this {
    return this.setData(x, this.y);
  }
  /** Replace the y data only. @example line.setYData([0, 1, 4]) */
  setYData(y: NumbersInput): this {
    return this.setData(this.x, y);
  }
  /** Copies of the current data. @example const [xs, ys] = line.getData() */
  getData(): [Float64Array, Float64Array] {
    return [this.x.slice(), this.y.slice()];
  }
  /** @example line.setColor('red') */
  setColor(c: string): this {
    this.color = resolveColor(c, 'Line.setColor');
    this.touch();
    return this;
  }
  /** Width in points. @example line.setLineWidth(3) */
  setLineWidth(w: number): this {
    this.lineWidth = checkPositive(w, 'Line.setLineWidth', 'w');
    this.touch();
    return this;
  }
  /** @example line.setLineStyle('--') */
  setLineStyle(s: string): this {
    dashArray(s, 1, 'Line.setLineStyle');
    this.lineStyle = s;
    this.touch();
    return this;
  }
  /** @example line.setMarker('o') */
  setMarker(m: string): this {
    checkMarker(m, 'Line.setMarker');
    this.marker = m;
    this.touch();
    return this;
  }
  /** @example line.setAlpha(0.5) */
  setAlpha(a: number): this {
    this.alpha = checkAlpha(a, 'Line.setAlpha');
    this.touch();
    return this;
  }

  extent(): Extent | null {
    const ok = new Float64Array(this.x.length),
      oy = new Float64Array(this.y.length);
    let n = 0;
    // Only points where both coordinates are finite count, as matplotlib ignores masked points.
    for (let i = 0; i < this.x.length; i++) {
      if (Number.isFinite(this.x[i]) && Number.isFinite(this.y[i])) {
        ok[n] = this.x[i];
        oy[n++] = this.y[i];
      }
    }
    if (!n) return null;
    let posX = Infinity,
      posY = Infinity;
    for (let i = 0; i < n; i++) {
      if (ok[i] > 0 && ok[i] < posX) posX = ok[i];
      if (oy[i] > 0 && oy[i] < posY) posY = oy[i];
    }
    return {
      x: finiteExtent(ok.subarray(0, n)),
      y: finiteExtent(oy.subarray(0, n)),
      posX: posX < Infinity ? posX : undefined,
      posY: posY < Infinity ? posY : undefined,
    };
  }

  /** Pixel coordinates of the points (for legend 'best' placement and tests). */
  pixelPoints(ctx: Pick<DrawContext, 'sx' | 'sy'>): [Float64Array, Float64Array] {
    const px = new Float64Array(this.x.length),
      py = new Float64Array(this.y.length);
    for (let i = 0; i < px.length; i++) {
      px[i] = ctx.sx(this.x[i]);
      py[i] = ctx.sy(this.y[i]);
    }
    return [px, py];
  }

  draw(ctx: DrawContext): string {
    const [px, py] = this.pixelPoints(ctx);
    const w = this.lineWidth * ctx.ptToPx;
    const out: string[] = [];
    if (this.lineStyle !== 'none' && this.lineStyle !== '' && px.length > 1) {
      const d = pathData(px, py, 0.3);
      if (d) {
        out.push(
          el('path', {
            d,
            fill: 'none',
            stroke: this.color,
            'stroke-width': +w.toFixed(3),
            'stroke-dasharray': dashArray(this.lineStyle, w, 'plot'),
            'stroke-linecap': 'butt',
            'stroke-linejoin': 'round',
            'stroke-opacity': this.alpha < 1 ? this.alpha : undefined,
          }),
        );
      }
    }
    if (this.marker && this.marker !== 'none') out.push(this.drawMarkers(px, py, ctx.ptToPx));
    return out.join('');
  }

  private drawMarkers(px: Float64Array, py: Float64Array, k: number): string {
    let d = '';
    const size = this.markerSize * k;
    for (let i = 0; i < px.length; i++) {
      if (Number.isFinite(px[i]) && Number.isFinite(py[i])) d += markerPath(this.marker, px[i], py[i], size);
    }
    if (!d) return '';
    const stroke = isStrokeMarker(this.marker);
    const face = this.opts.markerFaceColor ? resolveColor(this.opts.markerFaceColor, 'plot') : this.color;
    const edge = this.opts.markerEdgeColor ? resolveColor(this.opts.markerEdgeColor, 'plot') : this.color;
    return el('path', {
      d,
      fill: stroke ? 'none' : face,
      stroke: edge,
      'stroke-width': +(k * (stroke ? 1.5 : 1)).toFixed(3),
      opacity: this.alpha < 1 ? this.alpha : undefined,
    });
  }

  override legendEntry(): LegendEntry | null {
    if (!this.label || this.label.startsWith('_')) return null;
    return {
      label: this.label,
      kind: 'line',
      color: this.color,
      lineWidth: this.lineWidth,
      lineStyle: this.lineStyle,
      marker: this.marker,
      markerSize: this.markerSize,
      alpha: this.alpha < 1 ? this.alpha : undefined,
    };
  }

  override obstacles(ctx: DrawContext): LegendObstacle[] {
    const [x, y] = this.pixelPoints(ctx);
    return [{ kind: 'line', x, y }];
  }
}

/**
 * Validate a positive finite number.
 * @example checkPositive(1.5, 'plot', 'lineWidth') // 1.5
 */
export function checkPositive(v: number, fn: string, arg: string): number {
  if (typeof v !== 'number' || !(v >= 0) || !Number.isFinite(v)) {
    throw new Error(`${fn}: ${arg} must be a non-negative finite number, got ${String(v)}`);
  }
  return v;
}

/**
 * Validate an alpha in [0, 1].
 * @example checkAlpha(0.5, 'plot') // 0.5
 */
export function checkAlpha(a: number, fn: string): number {
  if (typeof a !== 'number' || !(a >= 0 && a <= 1)) throw new Error(`${fn}: alpha must be in [0, 1], got ${String(a)}`);
  return a;
}
