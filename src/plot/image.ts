/**
 * @file imshow: a 2-D array drawn as colour-mapped pixels (an embedded PNG), with matplotlib's defaults: origin
 * 'upper' (row 0 at the top, y axis inverted), pixel-centred extent (−0.5 … n−0.5), sticky edges, nearest
 * interpolation, equal aspect.
 */
import { ArtistBase, type DrawContext, type Extent } from './artist.js';
import { toGrid, finiteExtent, keysOf } from './data.js';
import { whenOnHost } from './deferred.js';
import { colormap } from './colormap.js';
import { checkAlpha } from './line.js';
import { encodePng, toBase64 } from './export/png-data.js';
import { el } from './svg.js';
import type { GridInput } from './types.js';

/** Options of `imshow`. `extent` is [left, right, bottom, top] in data units, as matplotlib's. */
export interface ImshowOptions {
  cmap?: string;
  vmin?: number;
  vmax?: number;
  origin?: 'upper' | 'lower';
  extent?: [number, number, number, number];
  interpolation?: 'nearest' | 'bilinear';
  alpha?: number;
  aspect?: 'equal' | 'auto' | number;
  animated?: boolean;
  zorder?: number;
  label?: string;
}
/** The keys of `ImshowOptions`, checked against it by tsc. */
export const IMSHOW_KEYS = keysOf<ImshowOptions>({
  cmap: true,
  vmin: true,
  vmax: true,
  origin: true,
  extent: true,
  interpolation: true,
  alpha: true,
  aspect: true,
  animated: true,
  zorder: true,
  label: true,
});

/** A colour-mapped image. */
export class ImageArtist extends ArtistBase {
  private z: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly cmap: string;
  vmin: number;
  vmax: number;
  private uri?: string;

  constructor(
    Z: GridInput,
    private opts: ImshowOptions,
  ) {
    super();
    const g = toGrid(Z, 'imshow', 'Z');
    this.z = g.values;
    this.rows = g.rows;
    this.cols = g.cols;
    this.cmap = opts.cmap ?? 'viridis';
    colormap(this.cmap, 'imshow');
    checkAlpha(opts.alpha ?? 1, 'imshow');
    if (opts.origin !== undefined && opts.origin !== 'upper' && opts.origin !== 'lower') {
      throw new Error(`imshow: origin must be 'upper' or 'lower', got '${String(opts.origin)}'`);
    }
    if (opts.extent && (opts.extent.length !== 4 || !opts.extent.every(Number.isFinite))) {
      throw new Error('imshow: extent must be [left, right, bottom, top] finite numbers');
    }
    const [lo, hi] = finiteExtent(this.z);
    this.vmin = opts.vmin ?? (Number.isNaN(lo) ? 0 : lo);
    this.vmax = opts.vmax ?? (Number.isNaN(hi) ? 1 : hi);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    this.zorder = opts.zorder ?? 0;
  }

  /** Replace the data (same shape or not); limits follow a new shape only when the extent is automatic. */
  setData(Z: GridInput): this {
    if (whenOnHost(this, [Z], (hz: GridInput) => this.setData(hz))) return this;
    const g = toGrid(Z, 'ImageArtist.setData', 'Z');
    if (g.rows !== this.rows || g.cols !== this.cols) {
      throw new Error(
        `ImageArtist.setData: Z must keep the shape [${this.rows}, ${this.cols}], got [${g.rows}, ${g.cols}]`,
      );
    }
    this.z = g.values;
    this.uri = undefined;
    this.touch();
    return this;
  }

  /** [left, right, bottom, top] in data units. */
  get extentLRBT(): [number, number, number, number] {
    if (this.opts.extent) return [...this.opts.extent];
    return this.opts.origin === 'lower'
      ? [-0.5, this.cols - 0.5, -0.5, this.rows - 0.5]
      : [-0.5, this.cols - 0.5, this.rows - 0.5, -0.5];
  }
  /** The aspect the axes should take (matplotlib's imshow default: 'equal'). */
  get aspect(): 'equal' | 'auto' | number {
    return this.opts.aspect ?? 'equal';
  }

  extent(): Extent | null {
    const [l, r, b, t] = this.extentLRBT;
    return {
      x: [Math.min(l, r), Math.max(l, r)],
      y: [Math.min(b, t), Math.max(b, t)],
      stickyX: true,
      stickyY: true,
      invertY: b > t,
    };
  }

  private dataUri(): string {
    if (this.uri) return this.uri;
    const cm = colormap(this.cmap, 'imshow'),
      span = this.vmax - this.vmin || 1;
    const px = new Uint8Array(this.rows * this.cols * 4),
      a = Math.round((this.opts.alpha ?? 1) * 255);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) {
        const v = this.z[i * this.cols + j],
          o = (i * this.cols + j) * 4;
        if (!Number.isFinite(v)) continue; // NaN → transparent, as matplotlib's masked pixels
        const c = cm((v - this.vmin) / span);
        px[o] = c[0];
        px[o + 1] = c[1];
        px[o + 2] = c[2];
        px[o + 3] = a;
      }
    }
    this.uri = 'data:image/png;base64,' + toBase64(encodePng(px, this.cols, this.rows));
    return this.uri;
  }

  draw(ctx: DrawContext): string {
    const [l, r, b, t] = this.extentLRBT;
    // Row 0 of the array is the image's top row when it sits at `t` (origin 'upper') — flip otherwise.
    const x0 = ctx.sx(l),
      x1 = ctx.sx(r),
      yTop = ctx.sy(t),
      yBot = ctx.sy(b);
    const flipX = x1 < x0,
      flipY = yBot < yTop;
    const x = Math.min(x0, x1),
      y = Math.min(yTop, yBot),
      w = Math.abs(x1 - x0),
      h = Math.abs(yBot - yTop);
    const tf =
      flipX || flipY
        ? `translate(${flipX ? 2 * x + w : 0} ${flipY ? 2 * y + h : 0}) scale(${flipX ? -1 : 1} ${flipY ? -1 : 1})`
        : undefined;
    const nearest = (this.opts.interpolation ?? 'nearest') === 'nearest';
    return el('image', {
      x,
      y,
      width: w,
      height: h,
      preserveAspectRatio: 'none',
      href: this.dataUri(),
      'xlink:href': undefined,
      transform: tf,
      'image-rendering': nearest ? 'optimizeSpeed' : 'optimizeQuality',
      // Browsers know 'pixelated'; resvg only 'optimizeSpeed' (the CSS alias of pixelated), so it comes last.
      style: nearest ? 'image-rendering:pixelated;image-rendering:optimizeSpeed' : undefined,
    });
  }
}
