/**
 * @file Tick locators with matplotlib's semantics: MaxNLocator (nbins is an upper bound; default steps 1, 1.5, 2,
 * 2.5, 3, 4, 5, 6, 8, 10 — what contour levels use) and AutoLocator (MaxNLocator with steps 1, 2, 2.5, 5, 10 and
 * nbins from the axis length — what axis ticks use). d3.ticks aims *at* a count with steps 1/2/5, which gives
 * different levels for contour(levels=N), hence this port of the algorithm.
 */
import { keysOf, optionsOf } from './data.js';

/** matplotlib's MaxNLocator default `steps` (ticker.py, `MaxNLocator.set_params` with steps=None). */
export const MAXN_STEPS: readonly number[] = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];
/** matplotlib's AutoLocator `steps` (ticker.py, `AutoLocator.__init__` outside classic mode). */
export const AUTO_STEPS: readonly number[] = [1, 2, 2.5, 5, 10];

/** Options of {@link maxNLocator} (matplotlib's MaxNLocator parameters). */
export interface MaxNOptions {
  /** Maximum number of intervals (matplotlib `nbins`). */ nbins?: number;
  /** Acceptable step multiples of a power of ten, ascending, from 1 to 10 (default matplotlib's MaxNLocator steps: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10). */
  steps?: readonly number[];
  /** Only integer ticks. */ integer?: boolean;
  /** Minimum number of ticks inside [vmin, vmax] (matplotlib `min_n_ticks`, default 2). */ minNTicks?: number;
}
/** The keys of `MaxNOptions`, checked against it by tsc. */
export const MAX_N_KEYS = keysOf<MaxNOptions>({ nbins: true, steps: true, integer: true, minNTicks: true });

/**
 * Expand a degenerate or tiny interval the way matplotlib's `nonsingular` does.
 * @example nonsingular(3, 3) // [2.85, 3.15]
 */
export function nonsingular(vmin: number, vmax: number, expander = 0.05, tiny = 1e-15): [number, number] {
  if (!Number.isFinite(vmin) || !Number.isFinite(vmax)) return [-expander, expander];
  let swapped = false;
  if (vmax < vmin) {
    [vmin, vmax] = [vmax, vmin];
    swapped = true;
  }
  const maxabs = Math.max(Math.abs(vmin), Math.abs(vmax));
  if (maxabs < 1e6 * Number.MIN_VALUE) {
    vmin = -expander;
    vmax = expander;
  } else if (vmax - vmin <= maxabs * tiny) {
    if (vmax === 0 && vmin === 0) {
      vmin = -expander;
      vmax = expander;
    } else {
      vmin -= expander * Math.abs(vmin);
      vmax += expander * Math.abs(vmax);
    }
  }
  return swapped ? [vmax, vmin] : [vmin, vmax];
}

/** matplotlib's scale_range: a power-of-ten scale for the step and an offset for far-from-zero ranges. */
function scaleRange(vmin: number, vmax: number, n: number): { scale: number; offset: number } {
  const dv = Math.abs(vmax - vmin),
    meanv = (vmax + vmin) / 2;
  const offset = Math.abs(meanv) / dv < 100 ? 0 : Math.sign(meanv) * 10 ** Math.floor(Math.log10(Math.abs(meanv)));
  return { scale: 10 ** Math.floor(Math.log10(dv / n)), offset };
}

/** Integer division that tolerates floating-point error near multiples (matplotlib's _Edge_integer). */
function edge(step: number, offset: number) {
  let tol = 1e-10;
  if (offset > 0) tol = Math.min(0.4999, Math.max(1e-10, 10 ** (Math.log10(offset / step) - 12)));
  const closeTo = (ms: number, e: number) => Math.abs(ms - e) < tol;
  const divmod = (x: number): [number, number] => {
    const d = Math.floor(x / step);
    return [d, x - d * step];
  };
  return {
    le(x: number) {
      const [d, m] = divmod(x);
      return closeTo(m / step, 1) ? d + 1 : d;
    },
    ge(x: number) {
      const [d, m] = divmod(x);
      return closeTo(m / step, 0) ? d : d + 1;
    },
  };
}

/**
 * matplotlib's MaxNLocator.tick_values: at most nbins+1 nice ticks covering [vmin, vmax] (they may extend one
 * step beyond each end; callers keep what they display).
 * @example maxNLocator(0, 13.25, { nbins: 11, minNTicks: 1 }) // [0, 1.5, 3, …, 13.5]
 */
export function maxNLocator(vmin: number, vmax: number, options?: MaxNOptions): number[] {
  const opts = optionsOf(options, 'maxNLocator', MAX_N_KEYS);
  const nbins = opts.nbins ?? 10,
    minN = opts.minNTicks ?? 2;
  if (!(nbins >= 1)) throw new Error(`maxNLocator: nbins must be >= 1, got ${nbins}`);
  const steps = opts.steps === undefined ? MAXN_STEPS : checkSteps(opts.steps);
  [vmin, vmax] = nonsingular(vmin, vmax, 1e-13, 1e-14);
  if (vmax < vmin) [vmin, vmax] = [vmax, vmin];
  const { scale, offset } = scaleRange(vmin, vmax, nbins);
  const lo = vmin - offset,
    hi = vmax - offset;
  // The "staircase": steps extended one decade down and one step up, so the search can cross decades.
  let ext = [...steps.slice(0, -1).map((s) => 0.1 * s), ...steps, 10 * steps[1]].map((s) => s * scale);
  if (opts.integer) ext = ext.filter((s) => s < 1 || Math.abs(s - Math.round(s)) < 0.001);
  const raw = (hi - lo) / nbins;
  let istep = ext.findIndex((s) => s >= raw);
  if (istep < 0) istep = ext.length - 1;
  let ticks: number[] = [];
  for (let k = istep; k >= 0; k--) {
    let step = ext[k];
    if (opts.integer && Math.floor(hi) - Math.ceil(lo) >= minN - 1) step = Math.max(1, step);
    const best = Math.floor(lo / step) * step;
    const e = edge(step, offset);
    const low = e.le(lo - best),
      high = e.ge(hi - best);
    ticks = [];
    for (let i = low; i <= high; i++) ticks.push(i * step + best);
    const inside = ticks.filter((t) => t >= lo && t <= hi).length;
    if (inside >= minN) break;
  }
  // Snap tiny float noise (0.30000000000000004 → 0.3) relative to the step.
  return ticks.map((t) => clean(t + offset));
}

/** matplotlib's _validate_steps: increasing numbers in [1, 10], completed with 1 and 10 when missing. */
function checkSteps(steps: readonly number[]): readonly number[] {
  const ok =
    Array.isArray(steps) &&
    steps.length > 0 &&
    steps.every((s, i) => typeof s === 'number' && s >= 1 && s <= 10 && (i === 0 || s > steps[i - 1]));
  if (!ok)
    throw new Error(`maxNLocator: steps must be an increasing array of numbers in [1, 10], got ${String(steps)}`);
  return [...(steps[0] === 1 ? [] : [1]), ...steps, ...(steps[steps.length - 1] === 10 ? [] : [10])];
}

/** Round away binary noise: keep 12 significant digits. */
function clean(v: number): number {
  if (v === 0) return 0;
  const r = Number(v.toPrecision(12));
  return Math.abs(r) < 1e-300 ? 0 : r;
}

/**
 * matplotlib's AutoLocator for an axis of the given length: nbins = clamp(floor(length_pt / (3·fontsize)), 1, 9)
 * for x axes, 2·fontsize for y axes. Returns only the ticks inside the view interval.
 *
 * That rule only estimates a label as three characters wide: longer labels (−0.75 … on a 440 px contour panel)
 * run into each other. Given `labelExtentPt` (the widest label of a tick set along the axis, in points — its width
 * for x, its height for y), the locator takes fewer bins while neighbouring labels would come closer than a quarter
 * of the font size; where the labels fit, the ticks are matplotlib's exactly.
 * @example autoTicks(-5.5, 5.5, 357, 'x') // [-4, -2, 0, 2, 4]
 * autoTicks(-1, 1, 256, 'x', 10, (locs) => 31) // [-1, -0.5, 0, 0.5, 1], not nine ticks 0.25 apart
 */
export function autoTicks(
  vmin: number,
  vmax: number,
  lengthPt: number,
  axis: 'x' | 'y',
  fontSizePt = 10,
  labelExtentPt?: (locs: number[]) => number,
): number[] {
  if (![vmin, vmax].every(Number.isFinite))
    throw new RangeError(`autoTicks: vmin and vmax must be finite numbers; got ${String(vmin)}, ${String(vmax)}`);
  if (!(typeof lengthPt === 'number' && lengthPt >= 0 && Number.isFinite(lengthPt)))
    throw new RangeError(`autoTicks: lengthPt must be a non-negative number of points; got ${String(lengthPt)}`);
  if (axis !== 'x' && axis !== 'y') throw new TypeError(`autoTicks: axis must be 'x' or 'y'; got ${String(axis)}`);
  if (!(typeof fontSizePt === 'number' && fontSizePt > 0 && Number.isFinite(fontSizePt)))
    throw new RangeError(`autoTicks: fontSizePt must be a positive number; got ${String(fontSizePt)}`);
  const space = Math.floor(lengthPt / (fontSizePt * (axis === 'x' ? 3 : 2)));
  const lo = Math.min(vmin, vmax),
    hi = Math.max(vmin, vmax);
  const tol = (hi - lo) * 1e-10;
  const ticksFor = (nbins: number) =>
    maxNLocator(lo, hi, { nbins, steps: AUTO_STEPS }).filter((t) => t >= lo - tol && t <= hi + tol);
  let nbins = Math.max(1, Math.min(9, space));
  let locs = ticksFor(nbins);
  if (!labelExtentPt || !(hi > lo) || !(lengthPt > 0)) return locs;
  const gap = 0.25 * fontSizePt;
  const fits = (t: number[]) => t.length < 2 || labelExtentPt(t) + gap <= ((t[1]! - t[0]!) / (hi - lo)) * lengthPt;
  while (!fits(locs) && nbins > 1) {
    nbins--;
    const fewer = ticksFor(nbins);
    if (fewer.length >= 2 || locs.length > 2) locs = fewer; // never trade two ticks for one
  }
  return locs;
}
