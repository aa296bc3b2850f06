/**
 * @file plotSurface's artist: grid → patch polygons (mplot3d's perimeter of each rstride × cstride block),
 * per-face colour (colormap at the face's mean z, or one colour shaded by a light source), and the painter's
 * algorithm — faces sorted by mean projected depth, farthest first, each drawn with a hairline stroke of its own
 * colour so antialiasing leaves no light seams between neighbours.
 */
import { rgb as d3rgb } from 'd3-color';
import { keysOf } from '../data.js';
import { colormap, rgbToCss, type RGB } from '../colormap.js';
import { resolveColor } from '../colors.js';
import { el, fmt } from '../svg.js';
import { Artist3DBase, extent3d, type Draw3DContext } from './artist3d.js';
import type { LegendEntry } from '../legend.js';
import type { Camera, Limits3D, Vec3 } from './proj3d.js';
import { resolveStrides, strideIndices, type StrideOptions, type XYZGrid } from './grid3d.js';

/** A light source as matplotlib's `LightSource`: azimuth clockwise from north, altitude above the horizon (deg). */
export interface LightSource {
  azdeg: number;
  altdeg: number;
}

/** What mplot3d uses when a surface is shaded and no light source is given (not LightSource()'s 315°/45°). */
export const DEFAULT_SURFACE_LIGHT: LightSource = { azdeg: 225, altdeg: 19.4712 };

/**
 * Options of `Axes3D.plotSurface` (matplotlib's keywords in camelCase; line widths in points).
 * - `cmap`: colormap name; each patch gets the colour at its mean z (norm from the patches' range, or vmin/vmax).
 * - `color`: one colour for all patches (default: the next cycle colour), shaded unless `shade: false`.
 * - `shade`: light-source shading (default true without cmap; false with cmap, where true is our extension).
 * - `lightSource`: { azdeg, altdeg } (default mplot3d's 225°, 19.47°).
 * - `rstride`/`cstride` or `rcount`/`ccount`: sampling (default at most 50 × 50 patches).
 * - `edgeColor`, `lineWidth`: patch edges (default none; then a hairline of the face colour hides seams).
 * - `alpha`, `label` (legend), `animated` (drawn only in the animated layer).
 */
export interface SurfaceOptions extends StrideOptions {
  cmap?: string;
  color?: string;
  alpha?: number;
  shade?: boolean;
  edgeColor?: string;
  lineWidth?: number;
  label?: string;
  vmin?: number;
  vmax?: number;
  lightSource?: LightSource;
  animated?: boolean;
}
/** The keys of `SurfaceOptions`, checked against it by tsc. */
export const SURFACE_KEYS = keysOf<SurfaceOptions>({
  cmap: true,
  color: true,
  alpha: true,
  shade: true,
  edgeColor: true,
  lineWidth: true,
  label: true,
  vmin: true,
  vmax: true,
  lightSource: true,
  animated: true,
  rstride: true,
  cstride: true,
  rcount: true,
  ccount: true,
});

/** One patch: its perimeter (x, y, z triples) and mean z (the colormap key). */
export interface Face {
  pts: Float64Array;
  meanZ: number;
}

/**
 * Patch polygons of a grid: one per rstride × cstride block, its perimeter walked along the block's edges (so a
 * coarse stride still follows the surface). Patches touching a non-finite value are skipped.
 * @example gridFaces(grid, 1, 1).length // (rows - 1) * (cols - 1) for finite data
 */
export function gridFaces(g: XYZGrid, rstride: number, cstride: number): Face[] {
  const ri = strideIndices(g.rows, rstride),
    ci = strideIndices(g.cols, cstride),
    faces: Face[] = [];
  for (let a = 0; a + 1 < ri.length; a++) {
    for (let b = 0; b + 1 < ci.length; b++) {
      const r0 = ri[a],
        r1 = ri[a + 1],
        c0 = ci[b],
        c1 = ci[b + 1];
      const idx: number[] = [];
      for (let c = c0; c < c1; c++) idx.push(r0 * g.cols + c); // top edge, left to right
      for (let r = r0; r < r1; r++) idx.push(r * g.cols + c1); // right edge, downwards
      for (let c = c1; c > c0; c--) idx.push(r1 * g.cols + c); // bottom edge, right to left
      for (let r = r1; r > r0; r--) idx.push(r * g.cols + c0); // left edge, upwards
      const pts = new Float64Array(idx.length * 3);
      let ok = true,
        zsum = 0;
      idx.forEach((k, i) => {
        const x = g.X[k],
          y = g.Y[k],
          z = g.Z[k];
        if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(z)) ok = false;
        pts[3 * i] = x;
        pts[3 * i + 1] = y;
        pts[3 * i + 2] = z;
        zsum += z;
      });
      if (ok && idx.length >= 3) faces.push({ pts, meanZ: zsum / idx.length });
    }
  }
  return faces;
}

/**
 * A face normal as mplot3d computes it: from vertices 0, n/3 and 2n/3 (so its sign follows the vertex order).
 * @example faceNormal(new Float64Array([0,0,0, 1,0,0, 1,1,0, 0,1,0])) // [0, 0, 1]
 */
export function faceNormal(p: Float64Array): Vec3 {
  const n = p.length / 3,
    i1 = 0,
    i2 = Math.floor(n / 3),
    i3 = Math.floor((2 * n) / 3);
  const v1 = [0, 1, 2].map((k) => p[3 * i1 + k] - p[3 * i2 + k]);
  const v2 = [0, 1, 2].map((k) => p[3 * i2 + k] - p[3 * i3 + k]);
  return [v1[1] * v2[2] - v1[2] * v2[1], v1[2] * v2[0] - v1[0] * v2[2], v1[0] * v2[1] - v1[1] * v2[0]];
}

/**
 * Unit vector towards the light (matplotlib's `LightSource.direction`).
 * @example lightDirection({ azdeg: 0, altdeg: 90 }) // ≈ [0, 0, 1]
 */
export function lightDirection(ls: LightSource): Vec3 {
  const az = ((90 - ls.azdeg) * Math.PI) / 180,
    alt = (ls.altdeg * Math.PI) / 180;
  return [Math.cos(az) * Math.cos(alt), Math.sin(az) * Math.cos(alt), Math.sin(alt)];
}

/**
 * Brightness factor in [0.3, 1]: the cosine between normal and light, mapped linearly from [-1, 1] (mplot3d's
 * `_shade_colors`). A degenerate normal gives 0.3 + 0.7 / 2, as matplotlib's NaN → 0 rule does.
 * @example shadeFactor([0, 0, 1], [0, 0, 1]) // 1
 */
export function shadeFactor(normal: Vec3, light: Vec3): number {
  const n = Math.hypot(normal[0], normal[1], normal[2]);
  const cos = n > 0 ? (normal[0] * light[0] + normal[1] * light[1] + normal[2] * light[2]) / n : 0;
  return 0.3 + 0.7 * ((cos + 1) / 2);
}

/** Colour lookup like matplotlib's 256-entry colormaps: t is quantised to one of 256 table entries. */
function lut(cmap: (t: number) => RGB, t: number): RGB {
  return cmap(Math.min(255, Math.max(0, Math.floor(t * 256))) / 255);
}

/**
 * The surface artist `Axes3D.plotSurface` returns. Colours are fixed at construction, as in matplotlib (the
 * colormap norm spans the faces' mean z unless vmin/vmax are given).
 */
export class Surface3D extends Artist3DBase {
  readonly faces: Face[];
  /** CSS fill colour of each face (same order as `faces`). */
  readonly faceColors: string[];
  readonly alpha: number;
  readonly edgeColor?: string;
  /** Edge width in points (used with edgeColor). */
  readonly lineWidth: number;
  /** Colormap name and norm limits when colour-mapped (what a colorbar shows); cmap is undefined otherwise. */
  readonly cmap?: string;
  readonly vmin: number = NaN;
  readonly vmax: number = NaN;
  private readonly dataExtent: Limits3D | null;

  /** Usually created by `Axes3D.plotSurface`; `defaultColor` is the next colour of the axes' cycle. */
  constructor(grid: XYZGrid, opts: SurfaceOptions, defaultColor: string) {
    super();
    const fn = 'plotSurface';
    const { rstride, cstride } = resolveStrides(fn, grid.rows, grid.cols, opts, 10);
    this.faces = gridFaces(grid, rstride, cstride);
    this.dataExtent = extent3d(grid.X, grid.Y, grid.Z);
    this.label = opts.label;
    this.animated = opts.animated ?? false;
    const alpha = (this.alpha = opts.alpha ?? 1);
    if (!(alpha >= 0 && alpha <= 1)) throw new Error(`${fn}: alpha must be in [0, 1], got ${opts.alpha}`);
    this.lineWidth = opts.lineWidth ?? 1;
    if (!(this.lineWidth >= 0)) throw new Error(`${fn}: lineWidth must be >= 0 (points), got ${opts.lineWidth}`);
    this.edgeColor = opts.edgeColor === undefined ? undefined : resolveColor(opts.edgeColor, `${fn} edgeColor`);
    const light = (on: boolean) => (on ? lightDirection(opts.lightSource ?? DEFAULT_SURFACE_LIGHT) : null);
    if (opts.cmap !== undefined) {
      if (opts.color !== undefined) throw new Error(`${fn}: give either cmap or color, not both`);
      const cmap = colormap(opts.cmap, `${fn} cmap`);
      let lo = Infinity,
        hi = -Infinity;
      for (const f of this.faces) {
        lo = Math.min(lo, f.meanZ);
        hi = Math.max(hi, f.meanZ);
      }
      lo = opts.vmin ?? lo;
      hi = opts.vmax ?? hi;
      this.cmap = opts.cmap;
      this.vmin = lo;
      this.vmax = hi;
      const span = hi - lo;
      const ls = light(opts.shade ?? false); // a colormapped surface is unshaded unless asked, as in matplotlib
      this.faceColors = this.faces.map((f) => {
        const c = lut(cmap, span > 0 ? (f.meanZ - lo) / span : 0);
        return rgbToCss(ls ? scale(c, shadeFactor(faceNormal(f.pts), ls)) : c);
      });
    } else {
      const base = d3rgb(resolveColor(opts.color ?? defaultColor, `${fn} color`));
      const c: RGB = [base.r, base.g, base.b];
      const ls = light(opts.shade ?? true);
      this.faceColors = this.faces.map((f) => rgbToCss(ls ? scale(c, shadeFactor(faceNormal(f.pts), ls)) : c));
    }
  }

  /** Extent of the finite grid points (as matplotlib autoscales to the data, patches drawn or not). */
  extent(): Limits3D | null {
    return this.dataExtent;
  }

  /** Legend handle: a patch in the surface's middle colour. */
  override legendEntry(): Omit<LegendEntry, 'label'> | null {
    const c = this.faceColors[Math.floor(this.faceColors.length / 2)];
    return c ? { kind: 'patch', color: c, alpha: this.alpha, edgeColor: this.edgeColor } : null;
  }

  /**
   * Face indices in painter's order (farthest mean depth first) and the projected perimeters.
   * @example const { order } = surf.depthOrder(ax3.camera()); // order[0] is drawn first
   */
  depthOrder(cam: Camera): { order: number[]; projected: Float64Array[] } {
    const projected: Float64Array[] = [],
      keys = new Float64Array(this.faces.length);
    this.faces.forEach((f, i) => {
      const n = f.pts.length / 3,
        out = new Float64Array(2 * n);
      let d = 0;
      for (let j = 0; j < n; j++) {
        const p = cam.project(f.pts[3 * j], f.pts[3 * j + 1], f.pts[3 * j + 2]);
        out[2 * j] = p[0];
        out[2 * j + 1] = p[1];
        d += p[2];
      }
      projected.push(out);
      keys[i] = d / n;
    });
    const order = this.faces.map((_, i) => i).sort((a, b) => keys[b] - keys[a]);
    return { order, projected };
  }

  /** Painter's key among collections: the nearest vertex (mplot3d's Poly3DCollection). */
  override depth(cam: Camera): number {
    let d = Infinity;
    for (const f of this.faces) {
      for (let j = 0; j < f.pts.length; j += 3) d = Math.min(d, cam.project(f.pts[j], f.pts[j + 1], f.pts[j + 2])[2]);
    }
    return Number.isFinite(d) ? d : NaN;
  }

  draw({ cam, toPx, ptToPx }: Draw3DContext): string {
    const { order, projected } = this.depthOrder(cam);
    const edge = this.edgeColor && this.edgeColor !== 'none' ? this.edgeColor : undefined;
    // Same-colour hairline against seams; skipped for translucent faces, where it would show as a darker grid.
    const seam = !edge && this.alpha === 1;
    const parts = order.map((i) => {
      const q = projected[i];
      let d = '';
      for (let j = 0; j < q.length; j += 2) {
        const [x, y] = toPx(q[j], q[j + 1]);
        d += (j ? 'L' : 'M') + fmt(x) + ' ' + fmt(y);
      }
      const fill = this.faceColors[i];
      return el('path', { d: d + 'Z', fill, stroke: edge ?? (seam ? fill : undefined) });
    });
    return el(
      'g',
      {
        'fill-opacity': this.alpha < 1 ? this.alpha : undefined,
        'stroke-width': edge ? +(this.lineWidth * ptToPx).toFixed(3) : seam ? SEAM_PX : undefined,
        'stroke-linejoin': 'round',
      },
      parts,
    );
  }
}

/** Width of the same-colour stroke that hides antialiasing seams between faces (px). */
const SEAM_PX = 0.6;

function scale(c: RGB, k: number): RGB {
  return [c[0] * k, c[1] * k, c[2] * k];
}
