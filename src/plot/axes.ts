/**
 * @file 2-D Axes: matplotlib's plotting vocabulary (plot, scatter, contour, legend, labels, limits, grid…) over
 * artists; `render(layer)` draws the axes as an SVG <g>, optionally only its static or animated artists.
 */
import type { AxesLike, Layer, NumbersInput, Rect } from './types.js';
import { inLayer } from './types.js';
import { ArtistBase, type DrawContext } from './artist.js';
import { Line, type LineOptions, LINE_KEYS } from './line.js';
import { RefLine, TextArtist, type RefLineOptions, type TextOptions, REF_LINE_KEYS, TEXT_KEYS } from './annot.js';
import { autoLimits, autoLogLimits } from './limits.js';
import { linearScale, logScale } from './scale.js';
import { computeTicks, drawGrid, drawLabels, drawSpines, drawTicks, type TickSet } from './axis.js';
import { checkLegendOptions, renderLegend, type LegendOptions } from './legend.js';
import { tab10 } from './colormap.js';
import { resolveColor } from './colors.js';
import { rc } from './style.js';
import { el, uid } from './svg.js';
import { describe, optionsOf, toNumbers } from './data.js';
import { afterHost, assertSettled, deferred, whenOnHost } from './deferred.js';
import { parseFmt } from './fmtstring.js';
import { AxesPlotMixin } from './axes-plots.js';
import { splitForColorbar, type Colorbar } from './colorbar.js';

/** @inline What an Axes needs from its figure. */
export interface FigureLike {
  readonly dpi: number;
}

type Lim = [number, number];

/** Check a limit pair. */
function checkLim(lo: number, hi: number, fn: string): Lim {
  if (!Number.isFinite(lo) || !Number.isFinite(hi))
    throw new Error(`${fn}: limits must be finite numbers, got ${lo}, ${hi}`);
  return [lo, hi];
}

/** A 2-D axes. Create with `fig.addAxes()`, `fig.subplots(r, c)` or `fig.addSubplot(r, c, i)`. */
export class Axes extends AxesPlotMixin implements AxesLike {
  private _rect: Rect;
  private _outer: Rect;
  private _colorbars: Colorbar[] = [];
  private _artists: ArtistBase[] = [];
  private cycleIndex = 0;
  private xlim?: Lim;
  private ylim?: Lim;
  private labels: { x?: string; y?: string; title?: string; titleLoc?: 'center' | 'left' | 'right' } = {};
  private gridOpts?: { color: string; lineWidth: number; lineStyle?: string; alpha?: number; axis: 'both' | 'x' | 'y' };
  private legendOpts?: LegendOptions;
  private fixedTicks: { x?: { locs: number[]; labels?: string[] }; y?: { locs: number[]; labels?: string[] } } = {};
  private readonly clipId = uid('clip');
  private _legendBox?: Rect;
  /** Pixel box of the legend as last rendered (undefined before rendering or without a legend). */
  get legendBox(): Rect | undefined {
    return this._legendBox;
  }
  /** Grid cell when made by subplots/addSubplot (used by tightLayout). */
  subplotSpec?: { rows: number; cols: number; index: number };
  /** Axes background colour. */
  facecolor = '#ffffff';

  constructor(
    readonly figure: FigureLike,
    rect: Rect,
  ) {
    super();
    this._rect = { ...rect };
    this._outer = { ...rect };
  }

  /** Pixel rectangle of the plotting area (spines). */
  get rect(): Rect {
    return this.boxFor(this._rect);
  }
  /** The space given to this axes and its colorbars (the rect before colorbars take their share). */
  get outerRect(): Rect {
    return { ...this._outer };
  }
  /**
   * Move/resize the axes; its colorbars are laid out again inside the new rect.
   * @example ax.setRect({ x: 80, y: 58, width: 400, height: 370 })
   */
  setRect(r: Rect): this {
    this._outer = { ...r };
    this.relayout();
    return this;
  }
  /** Colorbars attached to this axes (right side, in order). */
  colorbarList(): Colorbar[] {
    return [...this._colorbars];
  }
  /** Attach a colorbar: it takes its share of the outer rect (used by `colorbar`). */
  attachColorbar(cb: Colorbar): Colorbar {
    if (typeof cb !== 'object' || cb === null || typeof cb.options !== 'object')
      throw new TypeError(
        `attachColorbar: cb must be a Colorbar (as ax.colorbar(mappable) makes); got ${describe(cb)}`,
      );
    this._colorbars.push(cb);
    this.relayout();
    return cb;
  }
  private relayout(): void {
    let p = { ...this._outer };
    for (const cb of this._colorbars) {
      const s = splitForColorbar(p, cb.options);
      p = s.parent;
      cb.rect = s.bar;
    }
    this._rect = p;
  }
  /** Axis labels and title as set (for layout). */
  labelTexts(): { x?: string; y?: string; title?: string } {
    return { ...this.labels };
  }
  /** Fixed ticks, if set (for layout). */
  fixedTickSpec(axis: 'x' | 'y'): { locs: number[]; labels?: string[] } | undefined {
    return this.fixedTicks[axis];
  }
  /** Points → pixels at the figure's dpi. */
  get ptToPx(): number {
    return this.figure.dpi / 72;
  }

  /** All artists, in insertion order. */
  artists(): ArtistBase[] {
    return [...this._artists];
  }
  /** Add any artist (used by plot, contour, …). @example ax.addArtist(myArtist) */
  addArtist<A extends ArtistBase>(a: A): A {
    if (!(a instanceof ArtistBase))
      throw new TypeError(
        `addArtist: a must be an artist (a Line, ContourSet… or a subclass of ArtistBase); got ${describe(a)}`,
      );
    this._artists.push(a);
    const record = () => this.dataLim.set(a, a.extent());
    if (!afterHost(a, record)) record(); // an artist waiting for GPU values has its extent when they arrive
    a.owner = this;
    return a;
  }
  /** This axes and what it holds that may wait for GPU values (`fig.ready()` waits for them). */
  waitables(): object[] {
    return [this, ...this._artists, ...this._colorbars];
  }
  /** Remove an artist; true when it was here. @example ax.removeArtist(line) */
  removeArtist(a: ArtistBase): boolean {
    const i = this._artists.indexOf(a);
    if (i < 0) return false;
    this._artists.splice(i, 1);
    this.dataLim.delete(a);
    return true;
  }
  /**
   * Remove all artists, labels, legend, limits, ticks and scales, and restart the colour cycle (matplotlib's cla).
   * @example ax.clear(); ax.plot(xs, ys);
   */
  clear(): this {
    for (const a of this._artists) a.owner = undefined;
    this._artists = [];
    this.dataLim.clear();
    this.cycleIndex = 0;
    this.labels = {};
    this.gridOpts = undefined;
    this.legendOpts = undefined;
    this._legendBox = undefined;
    this.fixedTicks = {};
    this.xlim = this.ylim = undefined;
    this.scaleKind = { x: 'linear', y: 'linear' };
    this.aspect = 'auto';
    return this;
  }
  /**
   * Recompute the data limits from the artists' current data (matplotlib's relim + autoscale_view). As in
   * matplotlib, auto limits come from the data an artist had when added: later setData calls (animation frames)
   * do not move the view until relim() is called.
   * @example line.setData(xs, ys); ax.relim();
   */
  relim(): this {
    assertSettled(this.waitables(), 'relim');
    for (const a of this._artists) this.dataLim.set(a, a.extent());
    return this;
  }
  private dataLim = new Map<ArtistBase, ReturnType<ArtistBase['extent']>>();
  /** Next colour of the tab10 property cycle. */
  nextColor(): string {
    return tab10[this.cycleIndex++ % tab10.length];
  }

  /**
   * Plot y against x as a line (and/or markers). `plot(y)` uses x = 0…n-1; a matplotlib format string may follow
   * the data (`plot(x, y, 'r--', { label })`).
   * @example const line = ax.plot(xs, ys, { label: '$f(x)$', lineStyle: '--' });
   */
  plot(
    x: NumbersInput,
    y?: NumbersInput | LineOptions | string,
    opts: LineOptions | string = {},
    more: LineOptions = {},
  ): Line {
    // matplotlib format strings: plot(x, y, 'r--', opts) or plot(y, 'o').
    if (typeof y === 'string') return this.plot(x, { ...parseFmt(y), ...(typeof opts === 'object' ? opts : {}) });
    opts =
      typeof opts === 'string'
        ? { ...parseFmt(opts), ...optionsOf(more, 'plot', LINE_KEYS) }
        : optionsOf(opts, 'plot', LINE_KEYS);
    if (y === undefined || (typeof y === 'object' && y !== null && !('length' in y) && !('shape' in y))) {
      const o = (y as LineOptions | undefined) ?? opts;
      const color = o.color ? '' : this.nextColor();
      return this.addArtist(
        deferred(Line.prototype, [x], (hx) => {
          const ys = toNumbers(hx, 'plot', 'y');
          return new Line(
            ys.map((_, i) => i),
            ys,
            o,
            color,
          );
        }),
      );
    }
    const o = opts,
      color = o.color ? '' : this.nextColor();
    return this.addArtist(deferred(Line.prototype, [x, y], (hx, hy) => new Line(hx, hy as NumbersInput, o, color)));
  }

  /** Horizontal line across the axes at data y. @example ax.axhline(0, { color: 'k', lineWidth: 0.8 }) */
  axhline(y = 0, opts?: RefLineOptions): RefLine {
    const o = optionsOf(opts, 'axhline', REF_LINE_KEYS);
    return this.addArtist(new RefLine('h', y, o, o.color ?? tab10[0]));
  }
  /** Vertical line across the axes at data x. @example ax.axvline(1.5, { lineStyle: '--' }) */
  axvline(x = 0, opts?: RefLineOptions): RefLine {
    const o = optionsOf(opts, 'axvline', REF_LINE_KEYS);
    return this.addArtist(new RefLine('v', x, o, o.color ?? tab10[0]));
  }
  /** Text at data coordinates (or axes fractions with `transform: 'axes'`). @example ax.text(0, 1, 'min', { ha: 'center' }) */
  text(x: number, y: number, s: string, opts?: TextOptions): TextArtist {
    return this.addArtist(new TextArtist(x, y, s, optionsOf(opts, 'text', TEXT_KEYS)));
  }

  /** x-axis label (TeX allowed). @example ax.xlabel('$x$') */
  xlabel(s: string): this {
    this.labels.x = checkStr(s, 'xlabel');
    return this;
  }
  /** y-axis label. @example ax.ylabel('loss') */
  ylabel(s: string): this {
    this.labels.y = checkStr(s, 'ylabel');
    return this;
  }
  /** Axes title. @example ax.title('Gradient descent', { loc: 'left' }) */
  title(s: string, opts: { loc?: 'center' | 'left' | 'right' } = {}): this {
    this.labels.title = checkStr(s, 'title');
    this.labels.titleLoc = opts.loc;
    return this;
  }
  /** Alias of xlabel (matplotlib's set_xlabel). @example ax.setXlabel('x') */
  setXlabel(s: string): this {
    return this.xlabel(s);
  }
  /** Alias of ylabel. @example ax.setYlabel('y') */
  setYlabel(s: string): this {
    return this.ylabel(s);
  }
  /** Alias of title. @example ax.setTitle('f') */
  setTitle(s: string): this {
    return this.title(s);
  }

  /** Fix the x view interval (a reversed pair flips the axis). @example ax.setXlim(-1, 1) */
  setXlim(lo: number | [number, number], hi?: number): this {
    this.xlim = Array.isArray(lo) ? checkLim(lo[0], lo[1], 'setXlim') : checkLim(lo, hi as number, 'setXlim');
    return this;
  }
  /** Fix the y view interval. @example ax.setYlim(0, 10) */
  setYlim(lo: number | [number, number], hi?: number): this {
    this.ylim = Array.isArray(lo) ? checkLim(lo[0], lo[1], 'setYlim') : checkLim(lo, hi as number, 'setYlim');
    return this;
  }
  /** Current x view interval (auto limits when not fixed). @example const [x0, x1] = ax.getXlim() */
  getXlim(): [number, number] {
    return this.xlim ? [...this.xlim] : this.autoLim('x');
  }
  /** Current y view interval. @example const [y0, y1] = ax.getYlim() */
  getYlim(): [number, number] {
    return this.ylim ? [...this.ylim] : this.autoLim('y');
  }
  private autoLim(axis: 'x' | 'y'): Lim {
    assertSettled(this.waitables(), axis === 'x' ? 'getXlim' : 'getYlim');
    // Extents recorded when artists were added (or at relim), so animation frames keep one view.
    const ext = this._artists
      .filter((a) => a.visible)
      .map((a) => this.dataLim.get(a) ?? null)
      .filter((e) => e !== null);
    const lim = this.scaleKind[axis] === 'log' ? autoLogLimits(ext, axis, rc.margin) : autoLimits(ext, axis, rc.margin);
    return axis === 'y' && ext.some((e) => e.invertY) ? [lim[1], lim[0]] : lim;
  }
  private scaleKind: { x: 'linear' | 'log'; y: 'linear' | 'log' } = { x: 'linear', y: 'linear' };
  /** 'log' for a base-10 log x axis (non-positive values are masked). @example ax.setXscale('log') */
  setXscale(kind: 'linear' | 'log'): this {
    this.scaleKind.x = checkScale(kind, 'setXscale');
    return this;
  }
  /** 'log' for a base-10 log y axis, e.g. loss curves. @example ax.setYscale('log') */
  setYscale(kind: 'linear' | 'log'): this {
    this.scaleKind.y = checkScale(kind, 'setYscale');
    return this;
  }
  /** Current scale of an axis. @example ax.getScale('y') // 'log' */
  getScale(axis: 'x' | 'y'): 'linear' | 'log' {
    return this.scaleKind[axis];
  }
  /**
   * Data aspect ratio: 'equal' makes one unit the same length on both axes by shrinking the box (centred), a
   * number sets y-unit/x-unit, 'auto' fills the box. imshow sets 'equal' as matplotlib does.
   * @example ax.setAspect('equal')
   */
  setAspect(a: 'auto' | 'equal' | number): this {
    if (a !== 'auto' && a !== 'equal' && !(typeof a === 'number' && a > 0 && Number.isFinite(a))) {
      throw new Error(`setAspect: aspect must be 'auto', 'equal' or a positive number, got ${String(a)}`);
    }
    this.aspect = a;
    return this;
  }
  private aspect: 'auto' | 'equal' | number = 'auto';
  private boxFor(r: Rect): Rect {
    if (this.aspect === 'auto') return r;
    const [x0, x1] = this.getXlim(),
      [y0, y1] = this.getYlim();
    const want = ((this.aspect === 'equal' ? 1 : this.aspect) * Math.abs(y1 - y0)) / (Math.abs(x1 - x0) || 1);
    if (r.height / r.width > want) {
      const h = r.width * want;
      return { ...r, y: r.y + (r.height - h) / 2, height: h };
    }
    const w = r.height / want;
    return { ...r, x: r.x + (r.width - w) / 2, width: w };
  }
  /** Fixed tick locations (and optional labels). @example ax.setXticks([0, Math.PI], ['0', '$\\pi$']) */
  setXticks(locs: NumbersInput, labels?: string[]): this {
    return this.setTicks('x', locs, labels);
  }
  /** @example ax.setYticks([0, 0.5, 1]) */
  setYticks(locs: NumbersInput, labels?: string[]): this {
    return this.setTicks('y', locs, labels);
  }
  private setTicks(axis: 'x' | 'y', locs: NumbersInput, labels?: string[]): this {
    const set = (l: NumbersInput) => {
      this.fixedTicks[axis] = { locs: [...toNumbers(l, axis === 'x' ? 'setXticks' : 'setYticks', 'locs')], labels };
    };
    if (!whenOnHost(this, [locs], set)) set(locs);
    return this;
  }

  /**
   * Grid lines at the major ticks (matplotlib style: light grey, 0.8 pt). `grid(false)` removes them.
   * @example ax.grid(true, { lineStyle: '--', alpha: 0.5 })
   */
  grid(
    on = true,
    options?: { color?: string; lineWidth?: number; lineStyle?: string; alpha?: number; axis?: 'both' | 'x' | 'y' },
  ): this {
    const opts = optionsOf(options, 'grid', ['color', 'lineWidth', 'lineStyle', 'alpha', 'axis']);
    this.gridOpts = on
      ? {
          color: resolveColor(opts.color ?? rc.gridColor, 'grid'),
          lineWidth: opts.lineWidth ?? rc.gridWidth,
          lineStyle: opts.lineStyle,
          alpha: opts.alpha,
          axis: opts.axis ?? 'both',
        }
      : undefined;
    return this;
  }

  /**
   * Show a legend of the labelled artists. `loc` as matplotlib ('best' by default, avoiding the data).
   * @example ax.legend({ loc: 'upper left' })
   */
  legend(opts?: LegendOptions): this {
    this.legendOpts = { ...checkLegendOptions(opts) };
    return this;
  }

  /** Data→pixel maps for the current limits. */
  context(): DrawContext {
    const r = this.rect,
      [x0, x1] = this.getXlim(),
      [y0, y1] = this.getYlim();
    const mk = (kind: 'linear' | 'log') => (kind === 'log' ? logScale : linearScale);
    return {
      sx: mk(this.scaleKind.x)([x0, x1], [r.x, r.x + r.width]),
      sy: mk(this.scaleKind.y)([y0, y1], [r.y + r.height, r.y]),
      rect: r,
      ptToPx: this.ptToPx,
    };
  }

  /** SVG <g> for this axes (see AxesLike.render). */
  render(layer: Layer = 'all'): string {
    assertSettled(this.waitables(), 'render');
    const ctx = this.context(),
      r = ctx.rect,
      k = this.ptToPx;
    const drawn = this._artists.filter((a) => inLayer(a, layer)).sort((a, b) => a.zorder - b.zorder);
    const clip = (a: ArtistBase) =>
      a.clipped ? `<g clip-path="url(#${this.clipId})">${a.draw(ctx)}</g>` : a.draw(ctx);
    const out: string[] = [`<defs><clipPath id="${this.clipId}">${el('rect', r as never)}</clipPath></defs>`];
    if (layer === 'animated') {
      out.push(...drawn.map(clip));
      return `<g class="axes">${out.join('')}</g>`;
    }
    out.push(el('rect', { ...r, fill: this.facecolor }));
    const xt: TickSet = computeTicks(ctx.sx, 'x', r.width, k, this.fixedTicks.x, this.scaleKind.x);
    const yt: TickSet = computeTicks(ctx.sy, 'y', r.height, k, this.fixedTicks.y, this.scaleKind.y);
    // matplotlib's z-order: grid 1.5 (below lines), spines and ticks 2.5 (above lines, below text).
    out.push(...drawn.filter((a) => a.zorder < 1.5).map(clip));
    if (this.gridOpts) out.push(drawGrid(r, ctx.sx, ctx.sy, xt, yt, k, this.gridOpts));
    out.push(...drawn.filter((a) => a.zorder >= 1.5 && a.zorder < 2.5).map(clip));
    out.push(drawSpines(r, k));
    const ticks = drawTicks(r, ctx.sx, ctx.sy, xt, yt, k);
    out.push(ticks.svg, drawLabels(r, k, ticks.xExtent, ticks.yExtent, this.labels));
    out.push(...drawn.filter((a) => a.zorder >= 2.5).map(clip));
    if (this.legendOpts) {
      const entries = this._artists
        .filter((a) => a.visible)
        .map((a) => a.legendEntry())
        .filter((e) => e !== null);
      const obstacles = this._artists.filter((a) => a.visible).flatMap((a) => a.obstacles(ctx));
      const lg = renderLegend(entries, r, k, this.legendOpts, obstacles);
      this._legendBox = lg.box ?? undefined;
      out.push(lg.svg);
    }
    return `<g class="axes">${out.join('')}</g>`;
  }
}

function checkScale(k: string, fn: string): 'linear' | 'log' {
  if (k !== 'linear' && k !== 'log') throw new Error(`${fn}: scale must be 'linear' or 'log', got '${String(k)}'`);
  return k;
}

function checkStr(s: string, fn: string): string {
  if (typeof s !== 'string') throw new Error(`${fn}: label must be a string, got ${typeof s}`);
  return s;
}
