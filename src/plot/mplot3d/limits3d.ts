/**
 * @file Limits and ticks of a 3-D axes the way mplot3d (matplotlib ≥ 3.9) computes them: data limits padded by
 * the 5% margins (x, y; z has none under perspective) and then by the extra 1/48 view margin, and AutoLocator
 * ticks with nbins from the axes width and the 23/24 step correction mplot3d applies.
 */
import type { Limits3D } from './proj3d.js';
import { AUTO_STEPS, maxNLocator, nonsingular } from '../ticks.js';
import { scalarFormat } from '../format.js';
import { rc } from '../style.js';

/** mplot3d's extra margin on each side of autoscaled limits (its `_view_margin`). */
export const VIEW_MARGIN = 1 / 48;

/**
 * Union of extents; null when there are none.
 * @example unionExtents([null, { x: [0, 1], y: [0, 1], z: [0, 1] }]) // { x: [0, 1], … }
 */
export function unionExtents(exts: readonly (Limits3D | null)[]): Limits3D | null {
  const ok = exts.filter((e): e is Limits3D => e !== null);
  if (!ok.length) return null;
  const span = (k: keyof Limits3D): [number, number] => [
    Math.min(...ok.map((e) => e[k][0])),
    Math.max(...ok.map((e) => e[k][1])),
  ];
  return { x: span('x'), y: span('y'), z: span('z') };
}

/**
 * Autoscaled limits for one axis: nonsingular, then the axis margin, then the view margin.
 * @example autoLimit([-1, 1], 0.05) // ≈ [-1.1458, 1.1458]
 */
export function autoLimit(data: [number, number], margin: number): [number, number] {
  let [lo, hi] = nonsingular(data[0], data[1]);
  if (margin > 0) {
    const d = (hi - lo) * margin;
    lo -= d;
    hi += d;
  }
  const d = (hi - lo) * VIEW_MARGIN;
  return [lo - d, hi + d];
}

/**
 * Limits for the axes: fixed ones as given, the others autoscaled from the data (an empty axes spans 0…1).
 * `ortho` gives z the same 5% margin as x and y (mplot3d only drops it under perspective).
 * @example autoLimits3d({ x: [-1, 1], y: [-1, 1], z: [-0.4, 0.4] }, {}, false).z // ≈ [-0.4167, 0.4167]
 */
export function autoLimits3d(data: Limits3D | null, fixed: Partial<Limits3D>, ortho: boolean): Limits3D {
  // An empty mplot3d axes has data limits inset so that the x/y margins bring them to exactly 0…1.
  const inset = (0.05 * 10) / 11;
  const d: Limits3D = data ?? { x: [inset, 1 - inset], y: [inset, 1 - inset], z: [0, 1] };
  return {
    x: fixed.x ?? autoLimit(d.x, rc.margin),
    y: fixed.y ?? autoLimit(d.y, rc.margin),
    z: fixed.z ?? autoLimit(d.z, ortho ? rc.margin : 0),
  };
}

/**
 * Major ticks and labels for one 3-D axis: matplotlib's AutoLocator with nbins = floor(axes width / 3 font
 * sizes) ≤ 9 (every 3-D axis measures the axes *width*, being an XAxis) and the raw step scaled by 23/24.
 * `maxBins` caps nbins further (fitTicks3d lowers it until the labels no longer collide on screen).
 * @example ticks3d([-1.1458, 1.1458], 266) // { ticks: [-1, -0.5, 0, 0.5, 1], labels: ['−1.0', …] }
 */
export function ticks3d(
  lim: [number, number],
  axesWidthPt: number,
  maxBins = 9,
): { ticks: number[]; labels: string[]; offsetText: string; nbins: number } {
  const lo = Math.min(lim[0], lim[1]),
    hi = Math.max(lim[0], lim[1]);
  const nbins = Math.max(1, Math.min(maxBins, 9, Math.floor(axesWidthPt / (rc.tickLabelSize * 3))));
  // raw_step * 23/24 in matplotlib ≡ nbins * 24/23 here.
  const all = maxNLocator(lo, hi, { nbins: (nbins * 24) / 23, steps: AUTO_STEPS });
  const { labels, offsetText } = scalarFormat(all);
  const tol = (hi - lo) * 1e-10;
  const keep = all.map((t, i) => [t, i] as const).filter(([t]) => t >= lo - tol && t <= hi + tol);
  return { ticks: keep.map(([t]) => t), labels: keep.map(([, i]) => labels[i]), offsetText, nbins };
}
