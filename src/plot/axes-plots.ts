/**
 * @file The data-plotting half of Axes (scatter, contour, contourf, clabel, colorbar), kept apart from the
 * axes bookkeeping in axes.ts so each file stays small. Axes extends this class.
 */
import type { ArtistBase, DrawContext } from './artist.js';
import type { GridInput, NumbersInput, Rect, AxesLike } from './types.js';
import { Scatter, type ScatterOptions, SCATTER_KEYS } from './scatter.js';
import { ContourSet, type ContourOptions, CONTOUR_KEYS } from './contour.js';
import { toContourGrid } from './grid.js';
import { ImageArtist, type ImshowOptions, IMSHOW_KEYS } from './image.js';
import { FillBetween, type FillOptions, FILL_KEYS } from './fill.js';
import { BarSet, binCount, histogramFor, type BarOptions, type HistOptions, BAR_KEYS, HIST_KEYS } from './bars.js';
import { CLABEL_KEYS, type ClabelOptions, type LabelPlacement } from './clabel.js';
import { Colorbar, splitForColorbar, type ColorbarOptions, type Mappable, COLORBAR_KEYS } from './colorbar.js';
import { afterHost, deferred, fillMissing, whenOnHost } from './deferred.js';
import { isTensorLike, optionsOf } from './data.js';

/** @inline Coordinates: 1-D (broadcast along the grid) or a full 2-D grid. */
type XY = NumbersInput | GridInput;

/** Plot methods shared by Axes; relies on the bookkeeping Axes provides. */
export abstract class AxesPlotMixin {
  abstract addArtist<A extends ArtistBase>(a: A): A;
  abstract nextColor(): string;
  abstract context(): DrawContext;
  abstract setRect(r: Rect): this;
  abstract setAspect(a: 'auto' | 'equal' | number): this;
  abstract attachColorbar(cb: Colorbar): Colorbar;
  abstract readonly rect: Rect;
  abstract readonly figure: { readonly dpi: number; addAxesLike?<A extends AxesLike>(a: A): A };

  /**
   * Markers at (x, y); `s` in points², `c` a colour or values mapped through `cmap`.
   * @example ax.scatter(xs, ys, { c: losses, cmap: 'plasma', s: 20 })
   */
  scatter(x: NumbersInput, y: NumbersInput, options?: ScatterOptions): Scatter {
    const opts = optionsOf(options, 'scatter', SCATTER_KEYS);
    const color = opts.c === undefined && !opts.color ? this.nextColor() : '#000000';
    return this.addArtist(deferred(Scatter.prototype, [x, y, opts], (hx, hy, ho) => new Scatter(hx, hy, ho, color)));
  }

  /**
   * Contour lines of Z over a grid (X, Y: 1-D coordinates or meshgrid arrays; Z: [ny, nx]). `levels: N` picks
   * at most N+1 nice levels (matplotlib's MaxNLocator); pass an increasing array for exact levels.
   * @example const cs = ax.contour(X, Y, Z, { levels: 10 }); ax.clabel(cs, { inline: true });
   */
  contour(X: XY, Y: XY, Z: GridInput, opts?: ContourOptions): ContourSet;
  contour(Z: GridInput, opts?: ContourOptions): ContourSet;
  contour(a: XY | GridInput, b?: XY | ContourOptions, c?: GridInput, d?: ContourOptions): ContourSet {
    return this.addArtist(
      deferred(ContourSet.prototype, [a, b, c, d], (ha, hb, hc, hd) =>
        this.makeContour(ha, hb, hc, hd, false, 'contour'),
      ),
    );
  }

  /**
   * Filled contours (bands between levels, coloured by `cmap`, viridis by default).
   * @example const cf = ax.contourf(X, Y, Z, { levels: 20, cmap: 'coolwarm' }); ax.colorbar(cf);
   */
  contourf(X: XY, Y: XY, Z: GridInput, opts?: ContourOptions): ContourSet;
  contourf(Z: GridInput, opts?: ContourOptions): ContourSet;
  contourf(a: XY | GridInput, b?: XY | ContourOptions, c?: GridInput, d?: ContourOptions): ContourSet {
    return this.addArtist(
      deferred(ContourSet.prototype, [a, b, c, d], (ha, hb, hc, hd) =>
        this.makeContour(ha, hb, hc, hd, true, 'contourf'),
      ),
    );
  }

  private makeContour(
    a: XY | GridInput,
    b: XY | ContourOptions | undefined,
    c: GridInput | undefined,
    d: ContourOptions | undefined,
    filled: boolean,
    fn: string,
  ): ContourSet {
    if (c === undefined) {
      if (b !== undefined && (Array.isArray(b) || ArrayBuffer.isView(b) || isTensorLike(b))) {
        throw new Error(`${fn}: pass X, Y and Z (got two arrays), or Z alone`);
      }
      const opts = optionsOf(b as ContourOptions | undefined, fn, CONTOUR_KEYS);
      return new ContourSet(toContourGrid(null, null, a as GridInput, fn), filled, opts, fn);
    }
    return new ContourSet(toContourGrid(a as XY, b as XY, c, fn), filled, optionsOf(d, fn, CONTOUR_KEYS), fn);
  }

  /**
   * Bars at x with the given heights (width 0.8, centred, colour from the cycle).
   * @example ax.bar([1, 2, 3], [4, 1, 2], { label: 'counts' })
   */
  bar(x: NumbersInput, height: NumbersInput | number, options?: BarOptions): BarSet {
    const opts = optionsOf(options, 'bar', BAR_KEYS);
    const color = opts.color ? '#000000' : this.nextColor();
    return this.addArtist(deferred(BarSet.prototype, [x, height, opts], (hx, hh, ho) => new BarSet(hx, hh, ho, color)));
  }

  /**
   * Histogram of values (numpy.histogram bins, drawn as touching bars). Returns the counts, edges and bars.
   * @example const { counts, edges } = ax.hist(samples, { bins: 30, density: true })
   */
  hist(values: NumbersInput, options?: HistOptions): { counts: Float64Array; edges: Float64Array; bars: BarSet } {
    const opts = optionsOf(options, 'hist', HIST_KEYS);
    const color = opts.color ? '#000000' : this.nextColor();
    const build = (v: NumbersInput, o: HistOptions) => {
      const { counts, edges } = histogramFor(v, o.bins ?? 10, o.range, o.density ?? false, 'hist');
      const lefts = edges.subarray(0, -1),
        widths = Float64Array.from(counts, (_, i) => edges[i + 1] - edges[i]);
      return { counts, edges, bars: new BarSet(lefts, counts, { ...o, width: widths, align: 'edge' }, color) };
    };
    // Values on a GPU: counts and edges (whose lengths the bins give) are filled in when the values arrive.
    const n = binCount(opts.bins ?? 10);
    const bars = Object.create(BarSet.prototype) as BarSet;
    const waiting = whenOnHost(bars, [values, opts], (v: NumbersInput, o: HistOptions) => {
      const got = build(v, o);
      out.counts.set(got.counts);
      out.edges.set(got.edges);
      fillMissing(bars, got.bars);
    });
    const out = waiting ? { counts: new Float64Array(n), edges: new Float64Array(n + 1), bars } : build(values, opts);
    this.addArtist(out.bars);
    return out;
  }

  /**
   * Fill the region between y1 and y2 (default 0) over x, e.g. a confidence band.
   * @example ax.fillBetween(x, lo, hi, { alpha: 0.3, label: '±1σ' })
   */
  fillBetween(x: NumbersInput, y1: NumbersInput, y2: NumbersInput | number = 0, options?: FillOptions): FillBetween {
    const opts = optionsOf(options, 'fillBetween', FILL_KEYS);
    const color = opts.color ? '#000000' : this.nextColor();
    return this.addArtist(
      deferred(FillBetween.prototype, [x, y1, y2, opts], (hx, h1, h2, ho) => new FillBetween(hx, h1, h2, ho, color)),
    );
  }

  /**
   * Show a 2-D array as colour-mapped pixels (origin 'upper', equal aspect, nearest pixels, as matplotlib).
   * @example const im = ax.imshow(Z, { cmap: 'magma', extent: [-1, 1, -1, 1], origin: 'lower' }); ax.colorbar(im);
   */
  imshow(Z: GridInput, options?: ImshowOptions): ImageArtist {
    const opts = optionsOf(options, 'imshow', IMSHOW_KEYS);
    const im = this.addArtist(deferred(ImageArtist.prototype, [Z, opts], (hz, ho) => new ImageArtist(hz, ho)));
    const aspect = opts.aspect ?? 'equal'; // ImageArtist.aspect, known before the values arrive
    if (aspect !== 'auto') this.setAspect(aspect);
    return im;
  }

  /**
   * Label contour lines: straight parts, rotated along the line, upright; `inline` cuts the line under the text.
   * Returns the placements for the current limits (pixel positions, rotation, text); none while the contour set
   * waits for values from a GPU (its labels are placed when they arrive and drawn all the same).
   * @example ax.clabel(cs, { inline: true, fontSize: 10, format: '%1.2f' })
   */
  clabel(cs: ContourSet, options?: ClabelOptions): LabelPlacement[] {
    const opts = optionsOf(options, 'clabel', CLABEL_KEYS);
    if (!(cs instanceof ContourSet)) throw new Error('clabel: cs must be the ContourSet returned by contour()');
    const label = () => {
      if (cs.filled) throw new Error('clabel: label line contours (contour), not filled ones (contourf)');
      cs.setLabels(opts);
    };
    if (afterHost(cs, label)) return [];
    label();
    return cs.labelPlacements(this.context());
  }

  /**
   * A vertical colorbar for a contour set or a colour-mapped scatter, taking space from this axes' right side.
   * @example ax.colorbar(cf, { label: 'loss' })
   */
  colorbar(mappable: Mappable, options?: ColorbarOptions): Colorbar {
    const opts = optionsOf(options, 'colorbar', COLORBAR_KEYS);
    if (!mappable || typeof mappable !== 'object')
      throw new Error('colorbar: mappable must be a ContourSet or a Scatter');
    const check = () => {
      if (!('cmap' in mappable)) throw new Error('colorbar: mappable must be a ContourSet or a Scatter');
      if (mappable instanceof Scatter && !mappable.mapped) {
        throw new Error('colorbar: the scatter has no colour values; pass { c: values } to scatter');
      }
    };
    if (!afterHost(mappable, check)) check(); // a mappable waiting for GPU values is checked when they arrive
    splitForColorbar(this.rect, opts); // validates the options before anything changes
    const cb = new Colorbar({ x: 0, y: 0, width: 0, height: 0 }, mappable, this.figure.dpi, opts);
    this.attachColorbar(cb);
    if (this.figure.addAxesLike) this.figure.addAxesLike(cb);
    return cb;
  }
}
