/**
 * @file Axes3D: matplotlib's mplot3d in SVG. Data are kept in 3-D and projected at render time through the
 * mplot3d camera (proj3d.ts); the axes draws its panes, grid and axes (axis3d.ts) beneath the artists, surfaces
 * and other collections in painter's order, lines on top.
 */
import type { Artist3DBase, Draw3DContext } from './artist3d.js';
import { drawAxis, drawGrid, drawPanes, type AxisDrawContext } from './axis3d.js';
import { Colorbar, splitForColorbar, type ColorbarOptions, COLORBAR_KEYS } from '../colorbar.js';
import { tab10 } from '../colormap.js';
import { toXYZGrid } from './grid3d.js';
import { autoLimits3d, unionExtents } from './limits3d.js';
import { fitTicks3d } from './ticks3d-fit.js';
import {
  Line3D,
  Scatter3D,
  Wireframe3D,
  type Line3DOptions,
  type Scatter3DOptions,
  type WireframeOptions,
  LINE3D_KEYS,
  SCATTER3D_KEYS,
  WIREFRAME_KEYS,
} from './line3d.js';
import { Camera, DEFAULT_BOX_ASPECT, screenTransform, type Limits3D, type Vec3 } from './proj3d.js';
import { checkLegendOptions, type LegendOptions } from '../legend.js';
import { legend3d } from './legend3d.js';
import { rc } from '../style.js';
import { Surface3D, type SurfaceOptions, SURFACE_KEYS } from './surface3d.js';
import { el } from '../svg.js';
import { afterHost, assertSettled, deferred } from '../deferred.js';
import { renderText } from '../text.js';
import { inLayer, type AxesLike, type GridInput, type Layer, type NumbersInput, type Rect } from '../types.js';
import { optionsOf, keysOf } from '../data.js';

/** @inline What an Axes3D needs from its figure (addAxesLike: to register a colorbar). */
export interface FigureLike {
  readonly dpi: number;
  addAxesLike?<A extends AxesLike>(a: A): A;
}

/** Options of `new Axes3D` (all optional; matplotlib's defaults). */
export interface Axes3DOptions {
  elev?: number;
  azim?: number;
  roll?: number;
  projType?: 'persp' | 'ortho';
  focalLength?: number;
}
/** The keys of `Axes3DOptions`, checked against it by tsc. */
export const AXES3D_KEYS = keysOf<Axes3DOptions>({
  elev: true,
  azim: true,
  roll: true,
  projType: true,
  focalLength: true,
});

/** @inline Axis limits [min, max]. */
type Lim = [number, number];
type AxisName = 'x' | 'y' | 'z';

function checkLim(fn: string, lo: number | Lim, hi?: number): Lim {
  const [a, b] = Array.isArray(lo) ? lo : [lo, hi as number];
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) {
    throw new Error(`${fn}: limits must be two different finite numbers, got ${String(a)}, ${String(b)}`);
  }
  return [a, b];
}

function checkStr(s: string, fn: string): string {
  if (typeof s !== 'string') throw new Error(`${fn}: text must be a string, got ${typeof s}`);
  return s;
}

/**
 * A 3-D axes (mplot3d's Axes3D). Create with `fig.addAxes3d()` or `fig.addSubplot(r, c, i, { projection: '3d' })`.
 * @example
 * const ax3 = fig.addAxes3d();
 * ax3.plotSurface(X, Y, Z, { cmap: 'viridis' });
 * ax3.viewInit(-140, 120);
 */
export class Axes3D implements AxesLike {
  /** Elevation and azimuth of the camera in degrees (matplotlib's defaults 30, -60). */
  elev = 30;
  azim = -60;
  roll = 0;
  private focalLength = 1;
  private boxAspect: Vec3 = DEFAULT_BOX_ASPECT;
  private items: Artist3DBase[] = [];
  private dataLim: Limits3D | null = null;
  private fixed: Partial<Limits3D> = {};
  private labels: Record<AxisName | 'title', string> = { x: '', y: '', z: '', title: '' };
  private gridOn = true;
  private cycle = 0;
  private legendOpts?: LegendOptions;
  private _rect: Rect;

  /**
   * Usually called by the Figure; `rect` is the subplot area in pixels (the 3-D box is drawn in a centred square).
   * @example const ax3 = new Axes3D(fig, { x: 80, y: 58, width: 496, height: 370 }, { elev: 20, azim: 45 });
   */
  constructor(
    readonly figure: FigureLike,
    rect: Rect,
    options?: Axes3DOptions,
  ) {
    const opts = optionsOf(options, 'Axes3D', AXES3D_KEYS);
    this._rect = { ...rect };
    if (opts.elev !== undefined || opts.azim !== undefined || opts.roll !== undefined)
      this.viewInit(opts.elev, opts.azim, opts.roll);
    if (opts.projType !== undefined || opts.focalLength !== undefined)
      this.setProjType(opts.projType ?? 'persp', opts.focalLength);
  }

  /** The subplot area in pixels (the box is drawn in a centred square inside it). */
  get rect(): Rect {
    return this._rect;
  }
  /** Move/resize the subplot area (layout helpers). @example ax3.setRect({ x: 0, y: 0, width: 400, height: 400 }) */
  setRect(r: Rect): this {
    this._rect = { ...r };
    return this;
  }

  /** Points → pixels at the figure's dpi. */
  get ptToPx(): number {
    return this.figure.dpi / 72;
  }

  /** The square the box is drawn in: mplot3d forces its axes to aspect 1, centred in the subplot area. */
  get box(): Rect {
    const s = Math.min(this.rect.width, this.rect.height);
    return {
      x: this.rect.x + (this.rect.width - s) / 2,
      y: this.rect.y + (this.rect.height - s) / 2,
      width: s,
      height: s,
    };
  }

  /** All artists in insertion order. */
  artists(): Artist3DBase[] {
    return [...this.items];
  }

  /** Add an artist; its data grow the autoscale limits now (later setData does not, as in matplotlib). */
  private add<A extends Artist3DBase>(a: A): A {
    this.items.push(a);
    const grow = () => {
      this.dataLim = unionExtents([this.dataLim, a.extent()]);
    };
    if (!afterHost(a, grow)) grow(); // an artist waiting for GPU values grows them when they arrive
    return a;
  }
  /** What this axes holds that may wait for GPU values (`fig.ready()` waits for them). */
  waitables(): object[] {
    return [...this.items];
  }

  /** The picture of every artist depends on the view: bump their revisions (see Artist3DBase.viewChanged). */
  private viewChanged(): this {
    for (const a of this.items) a.viewChanged();
    return this;
  }

  /** Next colour of the tab10 cycle (shared by lines and surfaces, as in matplotlib). */
  nextColor(): string {
    return tab10[this.cycle++ % tab10.length];
  }

  /**
   * Surface plot: one patch per rstride × cstride block (at most 50 × 50 by default), coloured by a colormap at
   * each patch's mean z, or in one colour (default: the next cycle colour) shaded by a light source.
   * X and Y may be grids like Z (meshgrid) or 1-D (one value per column / row). Non-finite patches are skipped.
   * @example ax3.plotSurface(X, Y, Z, { cmap: 'viridis' })
   * @example ax3.plotSurface(X, Y, Z, { color: 'C1', alpha: 0.8, rstride: 2, cstride: 2 })
   */
  plotSurface(
    X: GridInput | NumbersInput,
    Y: GridInput | NumbersInput,
    Z: GridInput,
    options?: SurfaceOptions,
  ): Surface3D {
    const opts = optionsOf(options, 'plotSurface', SURFACE_KEYS);
    // The cycle advances only when the colour comes from it, as matplotlib's get_next_color.
    const def = opts.cmap === undefined && opts.color === undefined ? this.nextColor() : tab10[0];
    const make = (hx: typeof X, hy: typeof Y, hz: GridInput) =>
      new Surface3D(toXYZGrid('plotSurface', hx, hy, hz), opts, def);
    return this.add(deferred(Surface3D.prototype, [X, Y, Z], make));
  }

  /**
   * Wireframe: lines along every rstride-th row and cstride-th column (at most 50 each way by default).
   * @example ax3.plotWireframe(X, Y, Z, { rstride: 5, cstride: 5, color: 'k', lineWidth: 0.5 })
   */
  plotWireframe(
    X: GridInput | NumbersInput,
    Y: GridInput | NumbersInput,
    Z: GridInput,
    options?: WireframeOptions,
  ): Wireframe3D {
    const opts = optionsOf(options, 'plotWireframe', WIREFRAME_KEYS);
    const color = opts.color ?? this.nextColor();
    const make = (hx: typeof X, hy: typeof Y, hz: GridInput) =>
      new Wireframe3D(toXYZGrid('plotWireframe', hx, hy, hz), opts, color);
    return this.add(deferred(Wireframe3D.prototype, [X, Y, Z], make));
  }

  /**
   * A 3-D line; returns it so animations can call `line.setData(xs, ys, zs)`. `zs` may be a single number.
   * @example const path = ax3.plot3D(xs, ys, zs, { color: 'r', marker: 'o', animated: true });
   */
  plot3D(xs: NumbersInput, ys: NumbersInput, zs: NumbersInput | number, options?: Line3DOptions): Line3D {
    const opts = optionsOf(options, 'plot3D', LINE3D_KEYS);
    const color = opts.color ?? this.nextColor();
    return this.add(deferred(Line3D.prototype, [xs, ys, zs], (x, y, z) => new Line3D(x, y, z, opts, color)));
  }

  /** Alias of plot3D (mplot3d's `plot`). @example ax3.plot([0, 1], [0, 1], [0, 1]) */
  plot(xs: NumbersInput, ys: NumbersInput, zs: NumbersInput | number, opts: Line3DOptions = {}): Line3D {
    return this.plot3D(xs, ys, zs, opts);
  }

  /**
   * 3-D scatter, depth-shaded (farther points fainter) unless `depthshade: false`. `s` is the area in pt².
   * @example ax3.scatter3D([0], [0], [1], { color: 'r', s: 50 })
   */
  scatter3D(xs: NumbersInput, ys: NumbersInput, zs: NumbersInput | number, options?: Scatter3DOptions): Scatter3D {
    const opts = optionsOf(options, 'scatter3D', SCATTER3D_KEYS);
    const color = opts.color ?? this.nextColor();
    return this.add(deferred(Scatter3D.prototype, [xs, ys, zs], (x, y, z) => new Scatter3D(x, y, z, opts, color)));
  }

  /** Alias of scatter3D. @example ax3.scatter(xs, ys, zs) */
  scatter(xs: NumbersInput, ys: NumbersInput, zs: NumbersInput | number, opts: Scatter3DOptions = {}): Scatter3D {
    return this.scatter3D(xs, ys, zs, opts);
  }

  /**
   * Set the camera: elevation above the x-y plane, azimuth about z and roll about the viewing axis, in degrees
   * (omitted values reset to 30, -60, 0). Past |elev| > 90° the view turns upside down, as in matplotlib.
   * @example ax3.viewInit(-140, 120)
   */
  viewInit(elev?: number, azim?: number, roll?: number): this {
    for (const [k, v] of [
      ['elev', elev],
      ['azim', azim],
      ['roll', roll],
    ] as const) {
      if (v !== undefined && !Number.isFinite(v))
        throw new Error(`viewInit: ${k} must be a finite number of degrees, got ${v}`);
    }
    this.elev = elev ?? 30;
    this.azim = azim ?? -60;
    this.roll = roll ?? 0;
    return this.viewChanged();
  }

  /**
   * Perspective (default, focal length 1 = 90° field of view) or orthographic projection.
   * @example ax3.setProjType('ortho')
   */
  setProjType(type: 'persp' | 'ortho', focalLength?: number): this {
    if (type !== 'persp' && type !== 'ortho')
      throw new Error(`setProjType: type must be 'persp' or 'ortho', got '${String(type)}'`);
    if (type === 'ortho') {
      if (focalLength !== undefined && focalLength !== Infinity)
        throw new Error('setProjType: ortho takes no focalLength');
      this.focalLength = Infinity;
    } else {
      if (focalLength !== undefined && !(focalLength > 0 && Number.isFinite(focalLength))) {
        throw new Error(`setProjType: focalLength must be a positive number, got ${focalLength}`);
      }
      this.focalLength = focalLength ?? 1;
    }
    return this.viewChanged();
  }

  /**
   * Box proportions x:y:z (default 4:4:3); `zoom` scales the whole box.
   * @example ax3.setBoxAspect([1, 1, 1])
   */
  setBoxAspect(aspect: [number, number, number] = [4, 4, 3], opts?: { zoom?: number }): this {
    const zoom = optionsOf(opts, 'setBoxAspect', ['zoom']).zoom ?? 1;
    if (!Array.isArray(aspect) || aspect.length !== 3 || !aspect.every((v) => v > 0 && Number.isFinite(v))) {
      throw new Error(`setBoxAspect: aspect must be three positive numbers, got ${String(aspect)}`);
    }
    if (!(zoom > 0)) throw new Error(`setBoxAspect: zoom must be > 0, got ${zoom}`);
    const k = (((1.8294640721620434 * 25) / 24) * zoom) / Math.hypot(...aspect);
    this.boxAspect = aspect.map((v) => v * k) as Vec3;
    return this.viewChanged();
  }

  /** x-axis label (TeX allowed). @example ax3.xlabel('$x$') */
  xlabel(s: string): this {
    this.labels.x = checkStr(s, 'xlabel');
    return this;
  }
  /** y-axis label. @example ax3.ylabel('$y$') */
  ylabel(s: string): this {
    this.labels.y = checkStr(s, 'ylabel');
    return this;
  }
  /** z-axis label. @example ax3.zlabel('$f(x, y)$') */
  zlabel(s: string): this {
    this.labels.z = checkStr(s, 'zlabel');
    return this;
  }
  /** Alias of xlabel. @example ax3.setXlabel('x') */
  setXlabel(s: string): this {
    return this.xlabel(s);
  }
  /** Alias of ylabel. @example ax3.setYlabel('y') */
  setYlabel(s: string): this {
    return this.ylabel(s);
  }
  /** Alias of zlabel. @example ax3.setZlabel('z') */
  setZlabel(s: string): this {
    return this.zlabel(s);
  }
  /** Axes title, centred above the box. @example ax3.title('$f(x, y)$') */
  title(s: string): this {
    this.labels.title = checkStr(s, 'title');
    return this;
  }
  /** Alias of title. @example ax3.setTitle('surface') */
  setTitle(s: string): this {
    return this.title(s);
  }

  /** Fix the x limits (exactly, no margins). @example ax3.setXlim(-1, 1) */
  setXlim(lo: number | Lim, hi?: number): this {
    this.fixed.x = checkLim('setXlim', lo, hi);
    return this.viewChanged();
  }
  /** Fix the y limits. @example ax3.setYlim(-1, 1) */
  setYlim(lo: number | Lim, hi?: number): this {
    this.fixed.y = checkLim('setYlim', lo, hi);
    return this.viewChanged();
  }
  /** Fix the z limits. @example ax3.setZlim(-0.5, 0.5) */
  setZlim(lo: number | Lim, hi?: number): this {
    this.fixed.z = checkLim('setZlim', lo, hi);
    return this.viewChanged();
  }
  /** Current limits (autoscaled where not fixed). @example const { z } = ax3.getLimits() */
  getLimits(): Limits3D {
    assertSettled(this.items, 'getLimits');
    return autoLimits3d(this.dataLim, this.fixed, !Number.isFinite(this.focalLength));
  }
  /** @example const [x0, x1] = ax3.getXlim() */ getXlim(): Lim {
    return [...this.getLimits().x];
  }
  /** @example const [y0, y1] = ax3.getYlim() */ getYlim(): Lim {
    return [...this.getLimits().y];
  }
  /** @example const [z0, z1] = ax3.getZlim() */ getZlim(): Lim {
    return [...this.getLimits().z];
  }

  /**
   * Show a legend of the labelled artists inside the axes box (loc as matplotlib; 'best' avoids the lines).
   * @example ax3.plot3D(xs, ys, zs, { label: 'descent' }); ax3.legend({ loc: 'upper left' });
   */
  legend(opts?: LegendOptions): this {
    this.legendOpts = { ...checkLegendOptions(opts) };
    return this;
  }

  /**
   * A vertical colorbar for a colour-mapped surface, taking space from this axes' right side (as fig.colorbar).
   * @example const surf = ax3.plotSurface(X, Y, Z, { cmap: 'coolwarm' }); ax3.colorbar(surf, { shrink: 0.5, aspect: 5 });
   */
  colorbar(mappable: Surface3D, options?: ColorbarOptions): Colorbar {
    const opts = optionsOf(options, 'colorbar', COLORBAR_KEYS);
    const check = () => {
      if (!(mappable instanceof Surface3D) || mappable.cmap === undefined) {
        throw new Error('colorbar: mappable must be a surface drawn with a cmap (plotSurface(X, Y, Z, { cmap }))');
      }
    };
    if (!(mappable instanceof Surface3D) || !afterHost(mappable, check)) check();
    const { parent, bar } = splitForColorbar(this._rect, opts);
    this._rect = parent;
    // A colour-mapped surface is a ScalarMappable (cmap, vmin, vmax): all a colorbar reads from a non-contour.
    const cb = new Colorbar(bar, mappable, this.figure.dpi, opts);
    this.figure.addAxesLike?.(cb);
    return cb;
  }

  /** Show or hide the pane grid (shown by default, as mplot3d). @example ax3.grid(false) */
  grid(on = true): this {
    this.gridOn = on;
    return this;
  }

  /**
   * The camera for the current view and limits (for tests and custom drawing).
   * @example const [sx, sy] = ax3.camera().project(0, 0, 0);
   */
  camera(): Camera {
    return new Camera({
      elev: this.elev,
      azim: this.azim,
      roll: this.roll,
      limits: this.getLimits(),
      boxAspect: this.boxAspect,
      focalLength: this.focalLength,
    });
  }

  /**
   * SVG <g> for this axes; see AxesLike.render for the layers.
   * @example const g = ax3.render('static'); // panes, grid, axes and the non-animated artists
   */
  render(layer: Layer): string {
    const cam = this.camera(),
      box = this.box,
      ptToPx = this.ptToPx;
    const ctx: Draw3DContext = { cam, toPx: screenTransform(box), ptToPx };
    const parts: string[] = [];
    if (layer !== 'animated') {
      const actx: AxisDrawContext = { ...ctx, boxPt: (box.width + box.height) / ptToPx, grid: this.gridOn };
      const specs = (['x', 'y', 'z'] as const).map((k, i) =>
        fitTicks3d(actx, i, cam.limits[k], box.width / ptToPx, this.labels[k]),
      );
      parts.push(drawPanes(actx), drawGrid(actx, specs), ...specs.map((s, i) => drawAxis(actx, i, s)));
    }
    // Collections in painter's order by their nearest point (mplot3d's computed_zorder); lines after them, so a
    // path over a surface stays visible.
    const shown = this.items.filter((a) => inLayer(a, layer));
    const lines = shown.filter((a) => a instanceof Line3D);
    const colls = shown
      .filter((a) => !(a instanceof Line3D))
      .map((a) => ({ a, d: a.depth(cam) }))
      .sort((p, q) => (Number.isNaN(q.d) ? -1 : Number.isNaN(p.d) ? 1 : q.d - p.d))
      .map((p) => p.a);
    for (const a of [...colls, ...lines]) parts.push(a.draw(ctx));
    if (layer !== 'animated' && this.legendOpts) parts.push(legend3d(this.items, ctx, this.box, this.legendOpts));
    if (layer !== 'animated' && this.labels.title) {
      // matplotlib: baseline rc.titlePad points above the axes box, 12 pt.
      parts.push(
        renderText(this.labels.title, box.x + box.width / 2, box.y - rc.titlePad * ptToPx, {
          fontSize: rc.titleSize * ptToPx,
          anchor: 'middle',
        }),
      );
    }
    return el('g', { class: 'axes3d' }, parts);
  }
}
