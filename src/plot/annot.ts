/** @file Annotations: free text (`ax.text`) and reference lines (`axhline`, `axvline`). */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { keysOf } from './data.js';
import { resolveColor } from './colors.js';
import { checkAlpha, checkPositive } from './line.js';
import { renderText } from './text.js';
import { dashArray, rc } from './style.js';
import { el, fmt } from './svg.js';
import type { LegendEntry, LegendObstacle } from './legend.js';

/** Options of `ax.text`. `fontSize` in points; `transform: 'axes'` uses 0..1 axes fractions like transAxes. */
export interface TextOptions {
  fontSize?: number;
  color?: string;
  ha?: 'left' | 'center' | 'right';
  va?: 'baseline' | 'center' | 'top' | 'bottom';
  rotation?: number;
  transform?: 'data' | 'axes';
  weight?: 'normal' | 'bold';
  animated?: boolean;
  zorder?: number;
}
/** The keys of `TextOptions`, checked against it by tsc. */
export const TEXT_KEYS = keysOf<TextOptions>({
  fontSize: true,
  color: true,
  ha: true,
  va: true,
  rotation: true,
  transform: true,
  weight: true,
  animated: true,
  zorder: true,
});

/** A text artist. */
export class TextArtist extends ArtistBase {
  constructor(
    public x: number,
    public y: number,
    public text: string,
    private opts: TextOptions,
  ) {
    super();
    for (const [k, v] of [
      ['x', x],
      ['y', y],
    ] as const) {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`text: ${k} must be a finite number, got ${v}`);
    }
    if (typeof text !== 'string') throw new Error(`text: s must be a string, got ${typeof text}`);
    if (opts.color) resolveColor(opts.color, 'text');
    this.zorder = opts.zorder ?? 3;
    this.animated = opts.animated ?? false;
    this.clipped = false;
  }
  /** @example t.setText('step 3') */
  setText(s: string): this {
    this.text = s;
    this.touch();
    return this;
  }
  /** @example t.setPosition(0.5, 0.9) */
  setPosition(x: number, y: number): this {
    this.x = x;
    this.y = y;
    this.touch();
    return this;
  }
  extent(): Extent | null {
    return null;
  }
  draw(ctx: DrawContext): string {
    const o = this.opts,
      r = ctx.rect;
    const px = o.transform === 'axes' ? r.x + this.x * r.width : ctx.sx(this.x);
    const py = o.transform === 'axes' ? r.y + (1 - this.y) * r.height : ctx.sy(this.y);
    return renderText(this.text, px, py, {
      fontSize: (o.fontSize ?? rc.fontSize) * ctx.ptToPx,
      color: o.color ? resolveColor(o.color, 'text') : undefined,
      anchor: o.ha === 'center' ? 'middle' : o.ha === 'right' ? 'end' : 'start',
      baseline: o.va === 'center' ? 'middle' : o.va === 'top' ? 'top' : o.va === 'bottom' ? 'bottom' : 'alphabetic',
      rotate: o.rotation,
      weight: o.weight,
    });
  }
}

/** Options of `axhline`/`axvline`: the span along the axes in 0..1 fractions (matplotlib xmin/xmax). */
export interface RefLineOptions {
  color?: string;
  lineWidth?: number;
  lineStyle?: string;
  alpha?: number;
  label?: string;
  min?: number;
  max?: number;
  zorder?: number;
}
/** The keys of `RefLineOptions`, checked against it by tsc. */
export const REF_LINE_KEYS = keysOf<RefLineOptions>({
  color: true,
  lineWidth: true,
  lineStyle: true,
  alpha: true,
  label: true,
  min: true,
  max: true,
  zorder: true,
});

/** A horizontal or vertical line across the axes at a data coordinate. */
export class RefLine extends ArtistBase {
  color: string;
  constructor(
    public orient: 'h' | 'v',
    public value: number,
    private opts: RefLineOptions,
    defaultColor: string,
  ) {
    super();
    const fn = orient === 'h' ? 'axhline' : 'axvline';
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`${fn}: ${orient === 'h' ? 'y' : 'x'} must be a finite number, got ${value}`);
    }
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    checkPositive(opts.lineWidth ?? 1.5, fn, 'lineWidth');
    dashArray(opts.lineStyle ?? '-', 1, fn);
    checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.zorder = opts.zorder ?? 2;
  }
  extent(): Extent | null {
    // Only the data coordinate counts towards limits (matplotlib: axhline affects y limits only).
    return this.orient === 'h'
      ? { x: [NaN, NaN], y: [this.value, this.value] }
      : { x: [this.value, this.value], y: [NaN, NaN] };
  }
  override legendEntry(): LegendEntry | null {
    if (!this.label || this.label.startsWith('_')) return null;
    return {
      label: this.label,
      kind: 'line',
      color: this.color,
      lineWidth: this.opts.lineWidth,
      lineStyle: this.opts.lineStyle ?? '-',
      alpha: this.opts.alpha,
    };
  }
  override obstacles(ctx: DrawContext): LegendObstacle[] {
    // A Line2D in matplotlib too: its two ends on the axes edges (min, max in axes fractions).
    const r = ctx.rect,
      a = this.opts.min ?? 0,
      b = this.opts.max ?? 1;
    return [
      this.orient === 'h'
        ? {
            kind: 'line',
            x: Float64Array.of(r.x + a * r.width, r.x + b * r.width),
            y: Float64Array.of(ctx.sy(this.value), ctx.sy(this.value)),
          }
        : {
            kind: 'line',
            x: Float64Array.of(ctx.sx(this.value), ctx.sx(this.value)),
            y: Float64Array.of(r.y + (1 - a) * r.height, r.y + (1 - b) * r.height),
          },
    ];
  }
  draw(ctx: DrawContext): string {
    const r = ctx.rect,
      a = this.opts.min ?? 0,
      b = this.opts.max ?? 1,
      w = (this.opts.lineWidth ?? 1.5) * ctx.ptToPx;
    const d =
      this.orient === 'h'
        ? `M${fmt(r.x + a * r.width)} ${fmt(ctx.sy(this.value))}H${fmt(r.x + b * r.width)}`
        : `M${fmt(ctx.sx(this.value))} ${fmt(r.y + (1 - a) * r.height)}V${fmt(r.y + (1 - b) * r.height)}`;
    return el('path', {
      d,
      stroke: this.color,
      'stroke-width': +w.toFixed(3),
      fill: 'none',
      'stroke-dasharray': dashArray(this.opts.lineStyle ?? '-', w, 'axhline'),
      'stroke-opacity': this.opts.alpha,
    });
  }
}
