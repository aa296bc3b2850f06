/**
 * @file Tick-label formatting like matplotlib's ScalarFormatter: as many decimals as the tick spacing needs, the
 * same number for every label, scientific scaling (an offset text like "1e6") outside 1e-5…1e6, unicode minus.
 */

/** Unicode minus sign, as matplotlib uses for negative tick labels. */
export const MINUS = '\u2212';

/**
 * Format one number with fixed decimals and a unicode minus; -0 prints as 0.
 * @example formatFixed(-0.5, 2) // '−0.50'
 */
export function formatFixed(v: number, decimals: number): string {
  let s = v.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s.replace('-', MINUS);
}

/**
 * Fewest decimals (≤ 10) that write every value exactly (to 1e-9 of the spacing).
 * @example decimalsFor([0, 0.25, 0.5]) // 2
 */
export function decimalsFor(values: readonly number[]): number {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return 0;
  const span = Math.max(...finite.map(Math.abs)) || 1;
  for (let d = 0; d <= 10; d++) {
    const k = 10 ** d;
    if (finite.every((v) => Math.abs(Math.round(v * k) / k - v) <= 1e-9 * span)) return d;
  }
  return 10;
}

/** Labels for a set of tick locations, plus the offset/scale text matplotlib shows at the axis end ('' if none). */
export interface ScalarLabels {
  labels: string[];
  offsetText: string;
}

/**
 * Format ticks like ScalarFormatter (offset threshold 4, scientific limits [-5, 6]).
 * @example scalarFormat([-0.5, 0, 0.5, 1]) // { labels: ['−0.5', '0.0', '0.5', '1.0'], offsetText: '' }
 */
export function scalarFormat(locs: readonly number[], useOffset = true): ScalarLabels {
  const offset = useOffset ? computeOffset(locs) : 0;
  if (offset !== 0) {
    const inner = scalarFormat(locs.map((v) => v - offset));
    const e = Math.floor(Math.log10(Math.abs(offset))),
      m = offset / 10 ** e;
    const text = `${offset < 0 ? MINUS : '+'}${Number(Math.abs(m).toPrecision(10))}e${e < 0 ? MINUS : ''}${Math.abs(e)}`;
    return { labels: inner.labels, offsetText: inner.offsetText ? `${inner.offsetText}${text}` : text };
  }
  const finite = locs.filter(Number.isFinite);
  const maxAbs = finite.length ? Math.max(...finite.map(Math.abs)) : 0;
  let oom = 0;
  if (maxAbs > 0) {
    const e = Math.floor(Math.log10(maxAbs));
    if (e <= -5 || e >= 6) oom = e;
  }
  const k = 10 ** oom;
  const scaled = locs.map((v) => v / k);
  const d = decimalsFor(scaled);
  return {
    labels: scaled.map((v) => formatFixed(v, d)),
    offsetText: oom === 0 ? '' : `1e${oom < 0 ? MINUS : ''}${Math.abs(oom)}`,
  };
}

/**
 * matplotlib's ScalarFormatter._compute_offset (offset threshold 4): an offset is used only when the ticks share
 * at least four leading digits, e.g. 1000.1 … 1000.5 → labels 0.1 … 0.5 with "+1e3".
 * @example computeOffset([1000.1, 1000.5]) // 1000
 */
export function computeOffset(locs: readonly number[]): number {
  const finite = locs.filter(Number.isFinite);
  if (finite.length < 2) return 0;
  const lmin = Math.min(...finite),
    lmax = Math.max(...finite);
  if (lmin === lmax || (lmin <= 0 && lmax >= 0)) return 0;
  const [absMin, absMax] = [Math.abs(lmin), Math.abs(lmax)].sort((a, b) => a - b);
  const sign = Math.sign(lmin);
  const omMax = Math.ceil(Math.log10(absMax));
  const fl = (v: number, om: number) => Math.floor(v / 10 ** om + 1e-9);
  let om = omMax;
  while (om > omMax - 30 && fl(absMin, om) === fl(absMax, om)) om--;
  om += 1;
  if ((absMax - absMin) / 10 ** om <= 1e-2) {
    om = omMax;
    while (om > omMax - 30 && fl(absMax, om) - fl(absMin, om) <= 1) om--;
    om += 1;
  }
  return fl(absMax, om) >= 1000 ? sign * fl(absMax, om) * 10 ** om : 0;
}
