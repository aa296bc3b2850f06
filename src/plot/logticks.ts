/**
 * @file Log axes like matplotlib 3.6's LogLocator (base 10, numticks from the axis length, its stride rule) and
 * LogFormatterSciNotation (labels "10^k" typeset as TeX), with minor ticks at 2…9 × 10^k when every decade is
 * labelled. Ranges holding fewer than two decades fall back to linear ticks (matplotlib labels some minor ticks
 * there, "2×10^0", "3×10^0", …; plain numbers read better and mark the same places).
 */
import { autoTicks } from './ticks.js';
import { scalarFormat } from './format.js';

/** Major ticks, their labels and minor ticks of a log axis (only those inside [vmin, vmax]). */
export interface LogTicks {
  locs: number[];
  labels: string[];
  minor: number[];
  offsetText: string;
}

/**
 * matplotlib 3.6's LogLocator.tick_values (base 10, outside classic mode): the decades between ticks and the decade
 * exponents it generates, from one stride below log10(vmin) to two above log10(vmax) (callers keep those inside).
 * @example logDecades(-5, 20, 9) // { stride: 3, decades: [-8, -5, -2, 1, …, 22] }
 */
export function logDecades(logMin: number, logMax: number, numticks: number): { stride: number; decades: number[] } {
  const numdec = Math.floor(logMax) - Math.ceil(logMin);
  let stride = Math.floor((numdec + 1) / numticks) + 1;
  // "clip the stride back to the available range - 1 … prevents getting axis with only 1 tick visible".
  if (stride >= numdec) stride = Math.max(1, numdec - 1);
  const decades: number[] = [];
  for (let d = Math.floor(logMin) - stride; d < Math.ceil(logMax) + 2 * stride; d += stride) decades.push(d);
  return { stride, decades };
}

/**
 * Ticks for a log axis of the given length (points).
 * @example logTicks(1e-3, 10, 357, 'x').labels // ['$10^{-3}$', '$10^{-2}$', '$10^{-1}$', '$10^{0}$', '$10^{1}$']
 */
export function logTicks(vmin: number, vmax: number, lengthPt: number, axis: 'x' | 'y', fontSizePt = 10): LogTicks {
  const lo = Math.min(vmin, vmax),
    hi = Math.max(vmin, vmax);
  if (!(lo > 0)) throw new Error(`log axis: limits must be positive, got [${vmin}, ${vmax}]`);
  const a = Math.log10(lo),
    b = Math.log10(hi),
    eps = 1e-10;
  const first = Math.ceil(a - eps),
    last = Math.floor(b + eps);
  const inside = (v: number) => v >= lo * (1 - 1e-10) && v <= hi * (1 + 1e-10);
  if (last - first < 1) {
    // AutoLocator, as matplotlib's minor LogLocator itself falls back to; at 2…9 × 10^k it marks matplotlib's places.
    const locs = autoTicks(lo, hi, lengthPt, axis, fontSizePt).filter((v) => v > 0 && inside(v));
    return { locs, ...scalarFormat(locs), minor: [] };
  }
  const numticks = Math.max(2, Math.min(9, Math.floor(lengthPt / (fontSizePt * (axis === 'x' ? 3 : 2)))));
  const { stride, decades } = logDecades(a, b, numticks);
  const majors = decades.filter((d) => inside(10 ** d));
  // The minor locator (LogLocator(subs='auto')) runs the same stride rule: 2…9 × 10^d only when it is 1, none
  // beyond 10 decades.
  const minor: number[] = [];
  if (stride === 1 && Math.floor(b) - Math.ceil(a) <= 10) {
    for (const d of decades) {
      for (let m = 2; m <= 9; m++) if (inside(m * 10 ** d)) minor.push(Number((m * 10 ** d).toPrecision(12)));
    }
  }
  return {
    locs: majors.map((d) => Number((10 ** d).toPrecision(12))),
    minor,
    labels: majors.map((d) => `$10^{${d < 0 ? '-' : ''}${Math.abs(d)}}$`),
    offsetText: '',
  };
}
