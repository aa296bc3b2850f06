/**
 * @file Contour levels like matplotlib: `levels: N` asks MaxNLocator(N + 1, min_n_ticks = 1) — with MaxNLocator's
 * default steps (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10), not the axis ticks' AutoLocator ones — on [zmin, zmax] and
 * trims excess levels; explicit arrays must be increasing. Line contours then keep only levels inside
 * (zmin, zmax) (others draw nothing); filled contours keep the bounding ones.
 */
import { maxNLocator } from './ticks.js';
import { finiteExtent } from './data.js';

/**
 * matplotlib ContourSet._autolev: locator ticks, trimmed to one level beyond each end of the data.
 * @example autoLevels(0, 13.25, 10) // [0, 1.5, 3, …, 13.5]
 */
export function autoLevels(zmin: number, zmax: number, n: number): number[] {
  const lev = maxNLocator(zmin, zmax, { nbins: n + 1, minNTicks: 1 });
  let i0 = 0,
    i1 = lev.length;
  const under = lev.map((v, i) => (v < zmin ? i : -1)).filter((i) => i >= 0);
  if (under.length) i0 = under[under.length - 1];
  const over = lev.findIndex((v) => v > zmax);
  if (over >= 0) i1 = over + 1;
  if (i1 - i0 < 3) {
    i0 = 0;
    i1 = lev.length;
  }
  return lev.slice(i0, i1);
}

/**
 * All levels (for colour normalisation) and the ones to draw.
 * @example contourLevels(z, 10, false, 'contour') // { all: [-0.4, …, 0.4], drawn: [-0.3, …, 0.3] }
 */
export function contourLevels(
  z: Float64Array,
  levels: number | readonly number[] | undefined,
  filled: boolean,
  fn: string,
): { all: number[]; drawn: number[]; zmin: number; zmax: number } {
  const [zmin, zmax] = finiteExtent(z);
  if (Number.isNaN(zmin)) throw new Error(`${fn}: Z has no finite values`);
  let all: number[];
  if (levels === undefined || typeof levels === 'number') {
    const n = levels ?? 7;
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${fn}: levels must be a positive integer or an array, got ${n}`);
    all = autoLevels(zmin, zmax, n);
  } else {
    all = Array.from(levels as ArrayLike<number>);
    if (!all.length || !all.every(Number.isFinite)) throw new Error(`${fn}: levels must be finite numbers`);
    for (let i = 1; i < all.length; i++) {
      if (!(all[i] > all[i - 1])) throw new Error(`${fn}: levels must be increasing, got [${all.join(', ')}]`);
    }
    if (filled && all.length < 2) throw new Error(`${fn}: filled contours need at least 2 levels`);
  }
  const drawn = filled ? all : all.filter((v) => v > zmin && v < zmax);
  return { all, drawn, zmin, zmax };
}
