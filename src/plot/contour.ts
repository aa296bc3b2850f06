/**
 * @file ContourSet: the artist returned by `contour`/`contourf`. Line contours hold isolines per level (coloured
 * by a colormap, viridis by default, or fixed colours; negative levels dashed when monochrome, as in matplotlib),
 * filled ones hold band regions. `clabel` attaches labels placed at draw time (see clabel.ts).
 */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { keysOf } from './data.js';
import { isolines, type Polyline } from './isolines.js';
import { superlevelRings, type Rings } from './contourf.js';
import { contourLevels } from './levels.js';
import type { ContourGrid } from './grid.js';
import { colormap, rgbToCss } from './colormap.js';
import { resolveColor } from './colors.js';
import { checkAlpha } from './line.js';
import { dashArray, rc } from './style.js';
import { el, pathData, polygonData } from './svg.js';
import { placeLabels, type ClabelOptions, type LabelPlacement } from './clabel.js';
import type { LegendEntry } from './legend.js';

/** Options of `contour`/`contourf`. `linewidths` in points. */
export interface ContourOptions {
  levels?: number | readonly number[];
  colors?: string | readonly string[];
  cmap?: string;
  linewidths?: number | readonly number[];
  linestyles?: string | readonly string[];
  negativeLinestyle?: string;
  alpha?: number;
  vmin?: number;
  vmax?: number;
  label?: string;
  zorder?: number;
  animated?: boolean;
}
/** The keys of `ContourOptions`, checked against it by tsc. */
export const CONTOUR_KEYS = keysOf<ContourOptions>({
  levels: true,
  colors: true,
  cmap: true,
  linewidths: true,
  linestyles: true,
  negativeLinestyle: true,
  alpha: true,
  vmin: true,
  vmax: true,
  label: true,
  zorder: true,
  animated: true,
});

/** Contour lines or filled contours of one grid. */
export class ContourSet extends ArtistBase {
  /** Levels drawn (line contours: those strictly inside (zmin, zmax); filled: the band boundaries). */
  readonly levels: number[];
  /** Every level the locator gave (or the explicit list), including those outside the data: colorbar boundaries. */
  readonly allLevels: number[];
  /** Colour per drawn level (lines) or per band (filled). */
  readonly colors: string[];
  readonly cmap: string;
  /** Colour normalisation interval (matplotlib's norm.vmin/vmax: the full locator levels). */
  readonly vmin: number;
  readonly vmax: number;
  readonly zmin: number;
  readonly zmax: number;
  /** Isolines per drawn level (line contours). */
  readonly lines: Polyline[][] = [];
  /** Superlevel rings per level (filled contours). */
  private readonly regions: Rings[] = [];
  private readonly widths: number[];
  private readonly styles: string[];
  private readonly alpha: number;
  private labelOpts?: ClabelOptions;
  private labelCache?: { key: string; placements: LabelPlacement[]; cut: Polyline[][] };

  constructor(
    readonly grid: ContourGrid,
    readonly filled: boolean,
    opts: ContourOptions,
    fn: string,
  ) {
    super();
    const lv = contourLevels(grid.z, opts.levels, filled, fn);
    this.levels = lv.drawn;
    this.allLevels = lv.all;
    this.zmin = lv.zmin;
    this.zmax = lv.zmax;
    this.cmap = opts.cmap ?? 'viridis';
    const cm = colormap(this.cmap, fn);
    this.vmin = opts.vmin ?? Math.min(...lv.all);
    this.vmax = opts.vmax ?? Math.max(...lv.all);
    const values = filled ? this.levels.slice(0, -1).map((v, i) => (v + this.levels[i + 1]) / 2) : this.levels;
    const span = this.vmax - this.vmin || 1;
    if (opts.colors !== undefined) {
      const cs = (typeof opts.colors === 'string' ? [opts.colors] : [...opts.colors]).map((c) => resolveColor(c, fn));
      if (!cs.length) throw new Error(`${fn}: colors must not be empty`);
      this.colors = values.map((_, i) => cs[i % cs.length]);
    } else {
      this.colors = values.map((v) => rgbToCss(cm((v - this.vmin) / span)));
    }
    const monochrome = opts.colors !== undefined && (typeof opts.colors === 'string' || opts.colors.length === 1);
    const lw = opts.linewidths ?? rc.lineWidth;
    this.widths = this.levels.map((_, i) => (typeof lw === 'number' ? lw : lw[i % lw.length]));
    const ls = opts.linestyles;
    this.styles = this.levels.map((v, i) =>
      ls !== undefined
        ? typeof ls === 'string'
          ? ls
          : ls[i % ls.length]
        : monochrome && v < 0
          ? (opts.negativeLinestyle ?? '--')
          : '-',
    );
    for (const s of this.styles) dashArray(s, 1, fn);
    this.alpha = checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.zorder = opts.zorder ?? (filled ? 1 : 2);
    this.animated = opts.animated ?? false;
    if (filled) for (const l of this.levels) this.regions.push(superlevelRings(grid, l));
    else for (const l of this.levels) this.lines.push(isolines(grid, l));
  }

  /** Attach inline labels (use `ax.clabel(cs, opts)`). @example cs.setLabels({ inline: true, fontSize: 10 }) */
  setLabels(opts: ClabelOptions): this {
    this.labelOpts = { ...opts };
    this.labelCache = undefined;
    this.touch();
    return this;
  }
  /** Remove labels. @example cs.removeLabels() */
  removeLabels(): this {
    this.labelOpts = undefined;
    this.labelCache = undefined;
    this.touch();
    return this;
  }

  /** Where the labels go for the given axes transform (pixel positions, rotation, text); [] without clabel. */
  labelPlacements(ctx: DrawContext): LabelPlacement[] {
    return this.labelled(ctx)?.placements ?? [];
  }

  private labelled(ctx: DrawContext) {
    if (!this.labelOpts || this.filled) return undefined;
    const key = [ctx.sx.domain, ctx.sy.domain, ctx.rect.x, ctx.rect.y, ctx.rect.width, ctx.rect.height].join();
    if (this.labelCache?.key !== key) {
      const r = placeLabels(this, ctx, this.labelOpts);
      this.labelCache = { key, ...r };
    }
    return this.labelCache;
  }

  extent(): Extent | null {
    const { xs, ys } = this.grid;
    const x: [number, number] = [Math.min(xs[0], xs[xs.length - 1]), Math.max(xs[0], xs[xs.length - 1])];
    const y: [number, number] = [Math.min(ys[0], ys[ys.length - 1]), Math.max(ys[0], ys[ys.length - 1])];
    return { x, y, stickyX: true, stickyY: true };
  }

  override legendEntry(): LegendEntry | null {
    if (!this.label || this.label.startsWith('_') || !this.colors.length) return null;
    const mid = this.colors[Math.floor(this.colors.length / 2)];
    return this.filled
      ? { label: this.label, kind: 'patch', color: mid, alpha: this.alpha }
      : { label: this.label, kind: 'line', color: mid, lineWidth: this.widths[0], lineStyle: '-' };
  }

  draw(ctx: DrawContext): string {
    const out: string[] = [];
    const op = this.alpha < 1 ? this.alpha : undefined;
    if (this.filled) {
      const top = this.regions[this.regions.length - 1];
      for (let b = 0; b + 1 < this.regions.length; b++) {
        // Paint z ≥ l_b minus z ≥ l_top (evenodd); later bands paint over, which avoids antialiasing seams.
        const d = ringsPath(this.regions[b], ctx) + ringsPath(top, ctx);
        if (d) out.push(el('path', { d, fill: this.colors[b], 'fill-rule': 'evenodd', 'fill-opacity': op }));
      }
      return out.join('');
    }
    const lab = this.labelled(ctx);
    const lines = lab?.cut ?? this.lines;
    lines.forEach((ls, i) => {
      const d = ls.map((p) => polyPath(p, ctx)).join('');
      const w = this.widths[i] * ctx.ptToPx;
      if (d)
        out.push(
          el('path', {
            d,
            fill: 'none',
            stroke: this.colors[i],
            'stroke-width': +w.toFixed(3),
            'stroke-dasharray': dashArray(this.styles[i], w, 'contour'),
            'stroke-linejoin': 'round',
            'stroke-opacity': op,
          }),
        );
    });
    if (lab) out.push(...lab.placements.map((p) => p.svg));
    return out.join('');
  }
}

function polyPath(p: Polyline, ctx: DrawContext): string {
  const xs = p.x.map((v) => ctx.sx(v)),
    ys = p.y.map((v) => ctx.sy(v));
  // Closed rings are polygons: clipped as such, so a far-off vertex never breaks a fill or draws a closing chord.
  return p.closed ? polygonData(xs, ys, 0.3) : pathData(xs, ys, 0.3);
}

function ringsPath(rings: Rings, ctx: DrawContext): string {
  return rings.map(([x, y]) => polyPath({ x, y, closed: true }, ctx)).join('');
}
