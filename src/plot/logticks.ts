/**
 * @file Log axes like matplotlib's LogLocator (base 10, numticks from the axis length) and LogFormatterSciNotation
 * (labels "10^k" typeset as TeX), with minor ticks at 2…9 × 10^k when every decade is labelled. Ranges under one
 * decade fall back to linear ticks, which is what a reader needs there.
 */
import { maxNLocator } from './ticks.js';
import { scalarFormat } from './format.js';

/** Major ticks, their labels and minor ticks of a log axis (only those inside [vmin, vmax]). */
export interface LogTicks { locs: number[]; labels: string[]; minor: number[]; offsetText: string }

/**
 * Ticks for a log axis of the given length (points).
 * @example logTicks(1e-3, 10, 357, 'x').labels // ['$10^{-3}$', '$10^{-2}$', '$10^{-1}$', '$10^{0}$', '$10^{1}$']
 */
export function logTicks(vmin: number, vmax: number, lengthPt: number, axis: 'x' | 'y', fontSizePt = 10): LogTicks {
  const lo = Math.min(vmin, vmax), hi = Math.max(vmin, vmax);
  if (!(lo > 0)) throw new Error(`log axis: limits must be positive, got [${vmin}, ${vmax}]`);
  const a = Math.log10(lo), b = Math.log10(hi), eps = 1e-10;
  const first = Math.ceil(a - eps), last = Math.floor(b + eps);
  const inside = (v: number) => v >= lo * (1 - 1e-10) && v <= hi * (1 + 1e-10);
  if (last - first < 1) {
    const locs = maxNLocator(lo, hi, { nbins: 5 }).filter((v) => v > 0 && inside(v));
    return { locs, ...scalarFormat(locs), minor: [] };
  }
  const numticks = Math.max(2, Math.min(9, Math.floor(lengthPt / (fontSizePt * (axis === 'x' ? 3 : 2)))));
  const stride = Math.max(1, Math.ceil((last - first) / (numticks - 1)));
  const decades: number[] = [];
  // Anchor strides on multiples of the stride so labels read 10^0, 10^3, 10^6 … as matplotlib's do.
  for (let d = Math.ceil(first / stride) * stride; d <= last; d += stride) decades.push(d);
  const minor: number[] = [];
  if (stride === 1) {
    for (let d = first - 1; d <= last; d++) for (let m = 2; m <= 9; m++) if (inside(m * 10 ** d)) minor.push(m * 10 ** d);
  }
  return { locs: decades.map((d) => Number((10 ** d).toPrecision(12))), minor,
    labels: decades.map((d) => `$10^{${d < 0 ? '-' : ''}${Math.abs(d)}}$`), offsetText: '' };
}
