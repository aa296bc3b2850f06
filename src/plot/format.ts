/**
 * @file Tick-label formatting like matplotlib's ScalarFormatter: as many decimals as the tick spacing needs, the
 * same number for every label, scientific scaling (an offset text like "1e6") outside 1e-5…1e6, unicode minus.
 */

/** Unicode minus sign, as matplotlib uses for negative tick labels. */
export const MINUS = '\u2212';

/** Format one number with fixed decimals and a unicode minus; -0 prints as 0. */
export function formatFixed(v: number, decimals: number): string {
  let s = v.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s.replace('-', MINUS);
}

/** Fewest decimals (≤ 10) that write every value exactly (to 1e-9 of the spacing). */
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
export interface ScalarLabels { labels: string[]; offsetText: string }

/**
 * Format ticks like ScalarFormatter (useOffset off, scientific limits [-5, 6]).
 * @example scalarFormat([-0.5, 0, 0.5, 1]) // { labels: ['−0.5', '0.0', '0.5', '1.0'], offsetText: '' }
 */
export function scalarFormat(locs: readonly number[]): ScalarLabels {
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
