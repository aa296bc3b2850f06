/**
 * @file Auto limits like matplotlib's autoscale_view: union of artist data extents, 5 % margins, sticky edges
 * (contour/contourf/image extents are not padded), degenerate ranges widened by `nonsingular`.
 */
import type { Extent } from './artist.js';
import { nonsingular } from './ticks.js';

/**
 * View interval for one axis from the artists' extents.
 * @example autoLimits([{ x: [0, 10], y: [0, 1] }], 'x', 0.05) // [-0.5, 10.5]
 */
export function autoLimits(extents: readonly Extent[], axis: 'x' | 'y', margin: number): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  const sticky: number[] = [];
  for (const e of extents) {
    const [a, b] = e[axis];
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
    const st = axis === 'x' ? e.stickyX : e.stickyY;
    if (st === true) sticky.push(a, b);
    else if (Array.isArray(st)) sticky.push(...st);
  }
  if (!(lo <= hi)) return [0, 1]; // no data: matplotlib's empty-axes default
  [lo, hi] = nonsingular(lo, hi, 0.05);
  const d = hi - lo;
  let plo = lo - margin * d,
    phi = hi + margin * d;
  // A margin may not cross a sticky edge that bounds the data (matplotlib's sticky_edges).
  for (const s of sticky) {
    if (s <= lo && s > plo) plo = s;
    if (s >= hi && s < phi) phi = s;
  }
  return [plo, phi];
}

/**
 * View interval for a log axis: positive data only, margins taken in log space (as matplotlib does).
 * @example autoLogLimits([{ x: [1, 100], y: [0, 1] }], 'x', 0.05) // [10^-0.1, 10^2.1]
 */
export function autoLogLimits(extents: readonly Extent[], axis: 'x' | 'y', margin: number): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const e of extents) {
    const [a, b] = e[axis];
    const pos = axis === 'x' ? e.posX : e.posY;
    const minPos = pos ?? (a > 0 ? a : b > 0 ? b : NaN);
    if (Number.isFinite(minPos) && minPos > 0) lo = Math.min(lo, minPos);
    if (Number.isFinite(b) && b > 0) hi = Math.max(hi, b);
  }
  if (!(lo <= hi)) return [1, 10]; // nothing positive: matplotlib's default log view
  let a = Math.log10(lo),
    b = Math.log10(hi);
  if (a === b) {
    a -= 1;
    b += 1;
  } // one value: a decade either side
  const d = b - a;
  return [10 ** (a - margin * d), 10 ** (b + margin * d)];
}
