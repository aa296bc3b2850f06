/**
 * @file 3-D lines, scatter and wireframes: data stay in 3-D and are projected at draw time, so `setData` and
 * `viewInit` between frames just work. Lines split at non-finite points (gaps), as in matplotlib.
 */
import { Artist3DBase, extent3d, type Draw3DContext } from './artist3d.js';
import { resolveColor } from '../colors.js';
import { toNumbers, keysOf } from '../data.js';
import { whenOnHost } from '../deferred.js';
import { resolveStrides, strideIndices, type StrideOptions, type XYZGrid } from './grid3d.js';
import { checkMarker, isStrokeMarker, markerPath } from '../markers.js';
import type { LegendEntry } from '../legend.js';
import type { Camera, Limits3D } from './proj3d.js';
import { dashArray, rc } from '../style.js';
import { el, pathData } from '../svg.js';
import type { NumbersInput } from '../types.js';

/** Options of `Axes3D.plot3D`; sizes in points as in matplotlib. */
export interface Line3DOptions {
  color?: string;
  lineWidth?: number;
  lineStyle?: string;
  marker?: string;
  markerSize?: number;
  alpha?: number;
  label?: string;
  animated?: boolean;
}
/** The keys of `Line3DOptions`, checked against it by tsc. */
export const LINE3D_KEYS = keysOf<Line3DOptions>({
  color: true,
  lineWidth: true,
  lineStyle: true,
  marker: true,
  markerSize: true,
  alpha: true,
  label: true,
  animated: true,
});

/**
 * Three equally long coordinate arrays (zs may be one number for all points), validated.
 * @example toXYZ('plot3D', [0, 1], [0, 1], 0) // [[0, 1], [0, 1], [0, 0]]
 */
export function toXYZ(
  fn: string,
  xs: NumbersInput,
  ys: NumbersInput,
  zs: NumbersInput | number,
): [Float64Array, Float64Array, Float64Array] {
  const x = toNumbers(xs, fn, 'xs'),
    y = toNumbers(ys, fn, 'ys');
  const z = typeof zs === 'number' ? new Float64Array(x.length).fill(zs) : toNumbers(zs, fn, 'zs');
  if (x.length !== y.length || x.length !== z.length) {
    throw new Error(`${fn}: xs, ys and zs must have the same length (got ${x.length}, ${y.length}, ${z.length})`);
  }
  return [x, y, z];
}

function checkNonNegative(v: number, fn: string, arg: string): number {
  if (!(typeof v === 'number' && v >= 0 && Number.isFinite(v))) {
    throw new Error(`${fn}: ${arg} must be a finite number >= 0, got ${v}`);
  }
  return v;
}

function checkAlpha(a: number, fn: string): number {
  if (!(typeof a === 'number' && a >= 0 && a <= 1)) throw new Error(`${fn}: alpha must be in [0, 1], got ${a}`);
  return a;
}

/**
 * Artists drawn from a list of 3-D points (a polyline, scatter markers): the points, and replacing, copying and
 * bounding them. `kind` names the class in errors (`Line3D.setData: …`).
 */
abstract class Points3D extends Artist3DBase {
  protected x: Float64Array;
  protected y: Float64Array;
  protected z: Float64Array;
  protected constructor(
    private readonly kind: string,
    fn: string,
    xs: NumbersInput,
    ys: NumbersInput,
    zs: NumbersInput | number,
  ) {
    super();
    [this.x, this.y, this.z] = toXYZ(fn, xs, ys, zs);
  }

  /**
   * Replace the points (for animations); the axes limits stay as they are, as in matplotlib.
   * @example line.setData(xs.slice(0, i), ys.slice(0, i), zs.slice(0, i));
   */
  setData(xs: NumbersInput, ys: NumbersInput, zs: NumbersInput | number): this {
    const later = (hx: NumbersInput, hy: NumbersInput, hz: NumbersInput | number) => this.setData(hx, hy, hz);
    if (whenOnHost(this, [xs, ys, zs], later)) return this;
    [this.x, this.y, this.z] = toXYZ(`${this.kind}.setData`, xs, ys, zs);
    this.touch();
    return this;
  }

  /** Copies of the current points. @example const [xs, ys, zs] = line.getData() */
  getData(): [Float64Array, Float64Array, Float64Array] {
    return [this.x.slice(), this.y.slice(), this.z.slice()];
  }

  extent(): Limits3D | null {
    return extent3d(this.x, this.y, this.z);
  }
}

/** A 3-D polyline (what `plot3D` returns). */
export class Line3D extends Points3D {
  color: string;
  lineWidth: number;
  lineStyle: string;
  marker: string;
  markerSize: number;
  alpha: number;

  /** Usually created by `Axes3D.plot3D`; `defaultColor` is the next colour of the axes' cycle. */
  constructor(
    xs: NumbersInput,
    ys: NumbersInput,
    zs: NumbersInput | number,
    opts: Line3DOptions,
    defaultColor: string,
    fn = 'plot3D',
  ) {
    super('Line3D', fn, xs, ys, zs);
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    this.lineWidth = checkNonNegative(opts.lineWidth ?? rc.lineWidth, fn, 'lineWidth');
    this.lineStyle = opts.lineStyle ?? '-';
    dashArray(this.lineStyle, 1, fn);
    checkMarker(opts.marker, fn);
    this.marker = opts.marker ?? '';
    this.markerSize = checkNonNegative(opts.markerSize ?? rc.markerSize, fn, 'markerSize');
    this.alpha = checkAlpha(opts.alpha ?? 1, fn);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
  }

  /** Change the colour. @example line.setColor('r') */
  setColor(color: string): this {
    this.color = resolveColor(color, 'Line3D.setColor');
    this.touch();
    return this;
  }

  override legendEntry(): Omit<LegendEntry, 'label'> {
    return {
      kind: 'line',
      color: this.color,
      lineWidth: this.lineWidth,
      lineStyle: this.lineStyle || 'none',
      marker: this.marker,
      markerSize: this.markerSize,
      alpha: this.alpha,
    };
  }

  draw({ cam, toPx, ptToPx }: Draw3DContext): string {
    const n = this.x.length,
      px = new Float64Array(n),
      py = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = cam.project(this.x[i], this.y[i], this.z[i]);
      [px[i], py[i]] = toPx(p[0], p[1]);
    }
    const out: string[] = [],
      w = this.lineWidth * ptToPx;
    if (this.lineStyle !== '' && this.lineStyle !== 'none' && w > 0 && n > 1) {
      const d = pathData(px, py);
      if (d) {
        out.push(
          el('path', {
            d,
            fill: 'none',
            stroke: this.color,
            'stroke-width': +w.toFixed(3),
            'stroke-dasharray': dashArray(this.lineStyle, w, 'plot3D'),
            'stroke-linecap': 'butt',
            'stroke-linejoin': 'round',
          }),
        );
      }
    }
    if (this.marker && this.marker !== 'none') {
      let d = '';
      for (let i = 0; i < n; i++) {
        if (Number.isFinite(px[i]) && Number.isFinite(py[i]))
          d += markerPath(this.marker, px[i], py[i], this.markerSize * ptToPx);
      }
      const stroke = isStrokeMarker(this.marker);
      if (d)
        out.push(
          el('path', {
            d,
            fill: stroke ? 'none' : this.color,
            stroke: this.color,
            'stroke-width': +(ptToPx * (stroke ? 1.5 : 1)).toFixed(3),
          }),
        );
    }
    return out.length ? el('g', { opacity: this.alpha < 1 ? this.alpha : undefined }, out) : '';
  }

  /** Painter's key: the nearest point (as mplot3d's Line3D). */
  override depth(cam: Camera): number {
    let d = Infinity;
    for (let i = 0; i < this.x.length; i++) d = Math.min(d, cam.project(this.x[i], this.y[i], this.z[i])[2]);
    return Number.isFinite(d) ? d : NaN;
  }
}

/** Options of `Axes3D.scatter3D`; `s` is the marker area in pt² (matplotlib's default 36). */
export interface Scatter3DOptions {
  color?: string;
  s?: number;
  marker?: string;
  alpha?: number;
  depthshade?: boolean;
  label?: string;
  animated?: boolean;
}
/** The keys of `Scatter3DOptions`, checked against it by tsc. */
export const SCATTER3D_KEYS = keysOf<Scatter3DOptions>({
  color: true,
  s: true,
  marker: true,
  alpha: true,
  depthshade: true,
  label: true,
  animated: true,
});

/** 3-D scatter points (what `scatter3D` returns), drawn far to near with matplotlib's depth shading. */
export class Scatter3D extends Points3D {
  color: string;
  s: number;
  marker: string;
  alpha: number;
  depthshade: boolean;

  constructor(
    xs: NumbersInput,
    ys: NumbersInput,
    zs: NumbersInput | number,
    opts: Scatter3DOptions,
    defaultColor: string,
  ) {
    const fn = 'scatter3D';
    super('Scatter3D', fn, xs, ys, zs);
    this.color = resolveColor(opts.color ?? defaultColor, fn);
    this.s = checkNonNegative(opts.s ?? rc.markerSize ** 2, fn, 's');
    checkMarker(opts.marker, fn);
    this.marker = opts.marker || 'o';
    this.alpha = checkAlpha(opts.alpha ?? 1, fn);
    this.depthshade = opts.depthshade ?? true;
    this.label = opts.label;
    this.animated = opts.animated ?? false;
  }

  override legendEntry(): Omit<LegendEntry, 'label'> {
    return { kind: 'marker', color: this.color, marker: this.marker, markerSize: Math.sqrt(this.s), alpha: this.alpha };
  }

  draw({ cam, toPx, ptToPx }: Draw3DContext): string {
    const pts: { x: number; y: number; d: number }[] = [];
    for (let i = 0; i < this.x.length; i++) {
      const p = cam.project(this.x[i], this.y[i], this.z[i]);
      const [x, y] = toPx(p[0], p[1]);
      if (Number.isFinite(x) && Number.isFinite(y)) pts.push({ x, y, d: p[2] });
    }
    let lo = Infinity,
      hi = -Infinity;
    for (const p of pts) {
      lo = Math.min(lo, p.d);
      hi = Math.max(hi, p.d);
    }
    pts.sort((a, b) => b.d - a.d);
    const size = Math.sqrt(this.s) * ptToPx,
      stroke = isStrokeMarker(this.marker);
    return el(
      'g',
      { fill: stroke ? 'none' : this.color, stroke: stroke ? this.color : undefined },
      pts.map((p) => {
        // matplotlib's _zalpha: opacity falls linearly with depth, the farthest point keeping 30%.
        const k = this.depthshade && hi > lo ? 1 - 0.7 * ((p.d - lo) / (hi - lo)) : 1;
        const op = this.alpha * k;
        return el('path', { d: markerPath(this.marker, p.x, p.y, size), opacity: op < 1 ? +op.toFixed(3) : undefined });
      }),
    );
  }

  override depth(cam: Camera): number {
    let d = Infinity;
    for (let i = 0; i < this.x.length; i++) d = Math.min(d, cam.project(this.x[i], this.y[i], this.z[i])[2]);
    return Number.isFinite(d) ? d : NaN;
  }
}

/** Options of `Axes3D.plotWireframe`; `lineWidth` in points. */
export interface WireframeOptions extends StrideOptions {
  color?: string;
  lineWidth?: number;
  lineStyle?: string;
  alpha?: number;
  label?: string;
  animated?: boolean;
}
/** The keys of `WireframeOptions`, checked against it by tsc. */
export const WIREFRAME_KEYS = keysOf<WireframeOptions>({
  color: true,
  lineWidth: true,
  lineStyle: true,
  alpha: true,
  label: true,
  animated: true,
  rstride: true,
  cstride: true,
  rcount: true,
  ccount: true,
});

/** A wireframe: polylines along the sampled rows and columns of a grid (what `plotWireframe` returns). */
export class Wireframe3D extends Artist3DBase {
  readonly lines: Line3D[] = [];

  constructor(g: XYZGrid, opts: WireframeOptions, defaultColor: string) {
    super();
    const fn = 'plotWireframe';
    const { rstride, cstride } = resolveStrides(fn, g.rows, g.cols, opts, 1);
    const lo: Line3DOptions = {
      color: opts.color ?? defaultColor,
      lineWidth: opts.lineWidth,
      alpha: opts.alpha,
      lineStyle: opts.lineStyle,
    };
    const pick = (ks: number[]) =>
      [g.X, g.Y, g.Z].map((a) => Float64Array.from(ks, (k) => a[k])) as [Float64Array, Float64Array, Float64Array];
    for (const r of strideIndices(g.rows, rstride)) {
      this.lines.push(
        new Line3D(...pick(Array.from({ length: g.cols }, (_, c) => r * g.cols + c)), lo, defaultColor, fn),
      );
    }
    for (const c of strideIndices(g.cols, cstride)) {
      this.lines.push(
        new Line3D(...pick(Array.from({ length: g.rows }, (_, r) => r * g.cols + c)), lo, defaultColor, fn),
      );
    }
    this.label = opts.label;
    this.animated = opts.animated ?? false;
  }

  extent(): Limits3D | null {
    const all = this.lines.map((l) => l.extent()).filter((e): e is Limits3D => e !== null);
    if (!all.length) return null;
    const span = (k: 'x' | 'y' | 'z'): [number, number] => [
      Math.min(...all.map((e) => e[k][0])),
      Math.max(...all.map((e) => e[k][1])),
    ];
    return { x: span('x'), y: span('y'), z: span('z') };
  }

  draw(ctx: Draw3DContext): string {
    return el(
      'g',
      {},
      this.lines.map((l) => l.draw(ctx)),
    );
  }

  override legendEntry(): Omit<LegendEntry, 'label'> | null {
    return this.lines[0]?.legendEntry() ?? null;
  }

  override depth(cam: Camera): number {
    const ds = this.lines.map((l) => l.depth(cam)).filter(Number.isFinite);
    return ds.length ? Math.min(...ds) : NaN;
  }
}
