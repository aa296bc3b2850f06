/**
 * @file Figure: a canvas of width × height pixels holding 2-D and 3-D axes; renders to one SVG document
 * (optionally only the static or animated layer), saves .svg/.png, and displays itself in notebooks.
 */
import type { Artist, AxesLike, Layer, Rect } from './types.js';
import { Axes } from './axes.js';
import { AXES3D_KEYS, Axes3D, type Axes3DOptions } from './mplot3d/axes3d.js';
import { Surface3D } from './mplot3d/surface3d.js';
import { subplotRect, toPixelRect } from './layout.js';
import { tightLayout } from './tight.js';
import { resolveColor } from './colors.js';
import { renderText } from './text.js';
import { rc } from './style.js';
import { el } from './svg.js';
import { saveFigure, showFigure } from './export/output.js';
import { figureBundle, type MimeBundle } from './export/display.js';
import { COLORBAR_KEYS, type Colorbar, type ColorbarOptions, type Mappable } from './colorbar.js';
import { anyPending, assertSettled, settle } from './deferred.js';
import { optionsOf, keysOf } from './data.js';

/** Options of `new Figure`. */
export interface FigureOptions {
  width?: number;
  height?: number;
  background?: string;
  dpi?: number;
}
/** The keys of `FigureOptions`, checked against it by tsc. */
export const FIGURE_KEYS = keysOf<FigureOptions>({ width: true, height: true, background: true, dpi: true });

function checkSize(v: number, name: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 1 || v > 20000) {
    throw new Error(`Figure: ${name} must be a number of pixels in 1..20000, got ${String(v)}`);
  }
  return Math.round(v);
}

/** A figure: `new Figure({ width: 640, height: 480 })` (pixels; dpi 100 scales points like matplotlib). */
export class Figure {
  readonly width: number;
  readonly height: number;
  readonly dpi: number;
  background: string;
  private _axes: AxesLike[] = [];
  private _suptitle?: { text: string; fontSize: number };
  /** Layout asked for while plot data were still coming from a GPU: done once they are here. */
  private _whenReady: (() => void)[] = [];

  /** @example const fig = new Figure({ width: 640, height: 480 }); */
  constructor(options?: FigureOptions) {
    const opts = optionsOf(options, 'Figure', FIGURE_KEYS);
    this.width = checkSize(opts.width ?? 640, 'width');
    this.height = checkSize(opts.height ?? 480, 'height');
    this.dpi = opts.dpi ?? 100;
    if (!(this.dpi > 0 && Number.isFinite(this.dpi))) throw new Error(`Figure: dpi must be positive, got ${opts.dpi}`);
    this.background = resolveColor(opts.background ?? '#ffffff', 'Figure');
  }

  /**
   * Add a 2-D axes; `rect` is pixels or matplotlib's [left, bottom, width, height] fractions (default: the
   * single-subplot position).
   * @example const ax = fig.addAxes(); const inset = fig.addAxes({ rect: [0.6, 0.6, 0.25, 0.25] });
   */
  addAxes(opts?: { rect?: Rect | [number, number, number, number] }): Axes {
    const ax = new Axes(
      this,
      toPixelRect(optionsOf(opts, 'addAxes', ['rect']).rect, this.width, this.height, 'addAxes'),
    );
    this._axes.push(ax);
    return ax;
  }

  /**
   * Add a 3-D axes; the view options go to the Axes3D (matplotlib's `add_subplot(projection='3d', elev=…, azim=…)`).
   * @example const ax3 = fig.addAxes3d({ elev: -140, azim: 120 }); ax3.plotSurface(X, Y, Z)
   */
  addAxes3d(opts: Axes3DOptions & { rect?: Rect | [number, number, number, number] } = {}): Axes3D {
    const { rect, ...view } = optionsOf(opts, 'addAxes3d', [...AXES3D_KEYS, 'rect']);
    const ax = new Axes3D(this, toPixelRect(rect, this.width, this.height, 'addAxes3d'), view);
    this._axes.push(ax);
    return ax;
  }

  /**
   * A rows × cols grid of 2-D axes, row-major (matplotlib's subplots, flattened).
   * @example const [ax1, ax2] = fig.subplots(1, 2);
   */
  subplots(rows: number, cols: number): Axes[] {
    const out: Axes[] = [];
    for (let i = 1; i <= rows * cols; i++) out.push(this.addSubplot(rows, cols, i));
    return out;
  }

  /**
   * One cell of a grid (index is 1-based, row-major, as in matplotlib); `projection: '3d'` makes an Axes3D. As in
   * matplotlib, `addSubplot()` is the whole figure (1, 1, 1) and `addSubplot(122)` is (1, 2, 2).
   * @example const ax3 = fig.addSubplot(1, 2, 2, { projection: '3d' });
   */
  addSubplot(opts?: { projection?: '2d' }): Axes;
  addSubplot(opts: { projection: '3d' } & Axes3DOptions): Axes3D;
  addSubplot(opts: SubplotOptions): Axes | Axes3D;
  addSubplot(pos: number, opts?: { projection?: '2d' }): Axes;
  addSubplot(pos: number, opts: { projection: '3d' } & Axes3DOptions): Axes3D;
  addSubplot(pos: number, opts: SubplotOptions): Axes | Axes3D;
  addSubplot(rows: number, cols: number, index: number): Axes;
  addSubplot(rows: number, cols: number, index: number, opts: { projection: '3d' } & Axes3DOptions): Axes3D;
  addSubplot(rows: number, cols: number, index: number, opts?: SubplotOptions): Axes | Axes3D;
  addSubplot(...args: unknown[]): Axes | Axes3D {
    const [rows, cols, index, opts] = subplotArgs(args);
    optionsOf(opts, 'addSubplot', [...AXES3D_KEYS, 'projection']);
    const rect = subplotRect(this.width, this.height, rows, cols, index, 'addSubplot');
    if (opts.projection !== undefined && opts.projection !== '2d' && opts.projection !== '3d') {
      throw new Error(`addSubplot: projection must be '2d' or '3d', got '${String(opts.projection)}'`);
    }
    const { projection, ...view } = opts;
    if (projection === '3d') return this.addAxes3d({ ...view, rect });
    const given = Object.keys(view).filter((k) => (view as Record<string, unknown>)[k] !== undefined);
    if (given.length) throw new Error(`addSubplot: ${given.join(', ')} need projection: '3d'`);
    const ax = this.addAxes({ rect });
    ax.subplotSpec = { rows, cols, index };
    return ax;
  }

  /**
   * matplotlib's tight_layout: move and resize the 2-D axes so labels, titles and colorbars fit without overlap.
   * Call it after adding labels. `pad` is in font sizes (default 1.08).
   * @example fig.subplots(1, 2); …; fig.tightLayout();
   */
  tightLayout(opts?: { pad?: number }): this {
    const { pad } = optionsOf(opts, 'tightLayout', ['pad']);
    if (anyPending(this.waitables())) {
      this._whenReady.push(() => this.tightLayout(opts)); // the tick labels depend on the data's limits
      return this;
    }
    const axes = this._axes.filter((a): a is Axes => a instanceof Axes);
    const k = this.dpi / 72;
    const top = this._suptitle ? this._suptitle.fontSize * k * 1.2 + 0.02 * this.height : 0;
    tightLayout(axes, this.width, this.height, k, { pad, topReserve: top });
    return this;
  }

  /** Register an externally built axes-like object (e.g. a colorbar). */
  addAxesLike<A extends AxesLike>(ax: A): A {
    this._axes.push(ax);
    return ax;
  }

  /**
   * A colorbar for a contour set, colour-mapped scatter or image, or colour-mapped 3-D surface, beside the axes
   * that holds it (or `opts.ax`), as matplotlib's `fig.colorbar(surf, shrink=0.5, aspect=5)`.
   * @example fig.colorbar(cf, { label: 'loss' })
   */
  colorbar(mappable: Mappable, options?: ColorbarOptions & { ax?: Axes | Axes3D }): Colorbar {
    const opts = optionsOf(options, 'colorbar', [...COLORBAR_KEYS, 'ax']);
    const owner =
      opts.ax ??
      this._axes.find(
        (a): a is Axes | Axes3D =>
          (a instanceof Axes || a instanceof Axes3D) && a.artists().includes(mappable as never),
      );
    if (!owner) throw new Error('colorbar: the mappable is not in any axes of this figure; pass { ax }');
    if (owner instanceof Axes3D) {
      if (!(mappable instanceof Surface3D)) throw new Error('colorbar: a 3-D axes takes a colour-mapped Surface3D');
      return owner.colorbar(mappable, opts);
    }
    return owner.colorbar(mappable, opts);
  }

  /** Centered title above all axes (fontSize in points, default 12). @example fig.suptitle('Descent') */
  suptitle(text: string, opts: { fontSize?: number } = {}): this {
    if (typeof text !== 'string') throw new Error(`suptitle: text must be a string, got ${typeof text}`);
    this._suptitle = { text, fontSize: opts.fontSize ?? rc.titleSize };
    return this;
  }

  /**
   * Wait for the values of every GPU tensor given to a plot call of this figure (see deferred.ts), then do the
   * layout asked for meanwhile. `save`, `show` and the animation writers call it; call it before synchronous
   * reads such as `toSVG()` or `ax.getXlim()`. Rejects with a plot call's error that only the values revealed.
   * @example ax.plot(x, y); await fig.ready(); const svg = fig.toSVG();
   */
  async ready(): Promise<void> {
    await settle(this.waitables());
    for (const f of this._whenReady.splice(0)) f();
  }

  private waitables(): object[] {
    return this._axes.flatMap((a) => a.waitables?.() ?? []);
  }

  /** All axes (2-D, 3-D, colorbars) in drawing order. */
  axes(): AxesLike[] {
    return [...this._axes];
  }
  /** All artists of all axes. */
  artists(): Artist[] {
    return this._axes.flatMap((a) => a.artists());
  }

  /**
   * The figure as a standalone SVG document. `layer: 'static'` omits animated artists; `'animated'` draws only
   * them on a transparent background (for blitting).
   * @example const svg = fig.toSVG();
   */
  toSVG(opts?: { layer?: Layer }): string {
    const layer = optionsOf(opts, 'toSVG', ['layer']).layer ?? 'all';
    if (layer !== 'all' && layer !== 'static' && layer !== 'animated') {
      throw new Error(`toSVG: layer must be 'all', 'static' or 'animated', got '${String(layer)}'`);
    }
    assertSettled(this.waitables(), 'toSVG');
    for (const f of this._whenReady.splice(0)) f();
    const parts: string[] = [];
    if (layer !== 'animated') parts.push(el('rect', { width: '100%', height: '100%', fill: this.background }));
    for (const ax of this._axes) parts.push(ax.render(layer));
    if (this._suptitle && layer !== 'animated') {
      const k = this.dpi / 72;
      // matplotlib's suptitle sits at y = 0.98 of the figure, top-aligned.
      parts.push(
        renderText(this._suptitle.text, this.width / 2, 0.02 * this.height, {
          fontSize: this._suptitle.fontSize * k,
          anchor: 'middle',
          baseline: 'top',
        }),
      );
    }
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}" version="1.1">` +
      `${parts.join('')}</svg>`
    );
  }

  /**
   * Write the figure to `.svg` or `.png` (Node). Other extensions and missing directories give clear errors.
   * `scale` enlarges the PNG (2 → twice the pixels, like savefig with a higher dpi).
   * @example await fig.save('out/f.png'); await fig.save('out/f@2x.png', { scale: 2 });
   */
  async save(path: string, options?: { scale?: number }): Promise<void> {
    // async, so a bad option rejects the promise as every other error of saving does
    return saveFigure(this, path, optionsOf(options, 'save', ['scale']));
  }

  /** Put the SVG into a DOM element (browser). @example fig.mount(document.getElementById('plot')!) */
  mount(element: { innerHTML: string }): void {
    if (!element || typeof element !== 'object' || !('innerHTML' in element)) {
      throw new Error('mount: element must be a DOM element');
    }
    element.innerHTML = this.toSVG();
  }

  /** Display in a notebook (Deno Jupyter, tslab) or write a temp SVG and print its path. @example await fig.show() */
  show(): Promise<void> {
    return showFigure(this);
  }

  /** Short description, like matplotlib's repr. */
  toString(): string {
    const n = this._axes.length;
    return `<Figure ${this.width}x${this.height} with ${n} Axes>`;
  }

  /** Rich display for Deno's Jupyter kernel (the last expression of a cell): SVG with a PNG alongside. */
  [Symbol.for('Jupyter.display')](): Promise<MimeBundle> {
    return figureBundle(this);
  }

  /** Node's util.inspect shows the short description. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** `addSubplot`'s options: `projection: '3d'` makes an Axes3D, whose view options (Axes3DOptions) come with it. */
export type SubplotOptions = { projection?: '2d' | '3d' } & Axes3DOptions;

/**
 * `addSubplot`'s arguments as (rows, cols, index, options): none or only options is (1, 1, 1); one number is
 * matplotlib's three-digit position (122 is rows 1, cols 2, index 2).
 */
function subplotArgs(args: unknown[]): [number, number, number, SubplotOptions] {
  const isOpts = (v: unknown): boolean => v === undefined || (typeof v === 'object' && v !== null);
  if (args.length <= 1 && isOpts(args[0])) return [1, 1, 1, (args[0] ?? {}) as SubplotOptions];
  if (typeof args[0] === 'number' && args.length <= 2 && isOpts(args[1])) {
    const pos = args[0];
    if (!Number.isInteger(pos) || pos < 111 || pos > 999 || String(pos).includes('0'))
      throw new Error(
        `addSubplot: a single position must be a three-digit number such as 111 or 122 (rows, cols, index), got ${String(pos)}`,
      );
    return [Math.floor(pos / 100), Math.floor(pos / 10) % 10, pos % 10, (args[1] ?? {}) as SubplotOptions];
  }
  if (args.length < 3 || args.length > 4 || !isOpts(args[3]))
    throw new Error(
      `addSubplot: expected (), (pos) or (rows, cols, index), each with optional options; got ${args.length} argument(s)`,
    );
  return [args[0] as number, args[1] as number, args[2] as number, (args[3] ?? {}) as SubplotOptions];
}
