/**
 * @file fill_between: the region between two curves over shared x (y2 defaults to 0), split into separate polygons
 * where a value is NaN/Inf, as matplotlib's PolyCollection.
 */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { toNumbers, finiteExtent, keysOf } from './data.js';
import { resolveColor } from './colors.js';
import { checkAlpha } from './line.js';
import { el, polygonData } from './svg.js';
import type { NumbersInput } from './types.js';
import type { LegendEntry } from './legend.js';

/** Options of `fillBetween`. */
export interface FillOptions {
  color?: string;
  edgeColor?: string;
  alpha?: number;
  label?: string;
  animated?: boolean;
  zorder?: number;
}
/** The keys of `FillOptions`, checked against it by tsc. */
export const FILL_KEYS = keysOf<FillOptions>({
  color: true,
  edgeColor: true,
  alpha: true,
  label: true,
  animated: true,
  zorder: true,
});

/** A filled band between y1 and y2. */
export class FillBetween extends ArtistBase {
  private x: Float64Array;
  private y1: Float64Array;
  private y2: Float64Array;
  readonly color: string;

  constructor(
    x: NumbersInput,
    y1: NumbersInput,
    y2: NumbersInput | number,
    private opts: FillOptions,
    defaultColor: string,
  ) {
    super();
    const fn = 'fillBetween';
    this.x = toNumbers(x, fn, 'x');
    this.y1 = toNumbers(y1, fn, 'y1');
    this.y2 = typeof y2 === 'number' ? new Float64Array(this.x.length).fill(y2) : toNumbers(y2, fn, 'y2');
    if (this.y1.length !== this.x.length || this.y2.length !== this.x.length) {
      throw new Error(
        `fillBetween: x, y1 and y2 must have the same length (x has ${this.x.length}, y1 ${this.y1.length}, ` +
          `y2 ${this.y2.length})`,
      );
    }
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    if (opts.edgeColor) resolveColor(opts.edgeColor, fn);
    checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    this.zorder = opts.zorder ?? 1;
  }

  /** Replace the curves. @example band.setData(x, lo, hi) */
  setData(x: NumbersInput, y1: NumbersInput, y2: NumbersInput | number = 0): this {
    const next = new FillBetween(x, y1, y2, this.opts, this.color);
    this.x = next.x;
    this.y1 = next.y1;
    this.y2 = next.y2;
    this.touch();
    return this;
  }

  extent(): Extent | null {
    const [x0, x1] = finiteExtent(this.x);
    const [a0, a1] = finiteExtent(this.y1),
      [b0, b1] = finiteExtent(this.y2);
    if (Number.isNaN(x0)) return null;
    const lo = Math.min(...[a0, b0].filter(Number.isFinite)),
      hi = Math.max(...[a1, b1].filter(Number.isFinite));
    return Number.isFinite(lo) ? { x: [x0, x1], y: [lo, hi] } : null;
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

  draw(ctx: DrawContext): string {
    let d = '';
    let run: number[] = [];
    const flush = () => {
      if (run.length > 1) {
        // Along y1, back along y2: one polygon, clipped as such when data runs far outside the view.
        const back = run.slice().reverse();
        d += polygonData(
          [...run, ...back].map((i) => ctx.sx(this.x[i])),
          [...run.map((i) => ctx.sy(this.y1[i])), ...back.map((i) => ctx.sy(this.y2[i]))],
        );
      }
      run = [];
    };
    for (let i = 0; i < this.x.length; i++) {
      const ok = [ctx.sx(this.x[i]), ctx.sy(this.y1[i]), ctx.sy(this.y2[i])].every(Number.isFinite);
      if (ok) run.push(i);
      else flush();
    }
    flush();
    if (!d) return '';
    return el('path', {
      d,
      fill: this.color,
      'fill-opacity': this.opts.alpha,
      stroke: this.opts.edgeColor ? resolveColor(this.opts.edgeColor, 'fillBetween') : 'none',
      'stroke-width': this.opts.edgeColor ? +ctx.ptToPx.toFixed(3) : undefined,
    });
  }
}
