/** @file Linear scale: data interval → pixel interval (y axes pass a reversed range). */

/** A linear map with its inverse. */
export interface Scale {
  (v: number): number;
  invert(p: number): number;
  domain: [number, number];
  range: [number, number];
}

/**
 * Linear scale from `domain` to `range`; a zero-width domain maps to the middle of the range.
 * @example const s = linearScale([0, 10], [0, 100]); s(5) // 50
 */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain,
    [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const f = ((v: number) => (k === 0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as Scale;
  f.invert = (p) => (k === 0 ? d0 : d0 + (p - r0) / k);
  f.domain = [d0, d1];
  f.range = [r0, r1];
  return f;
}

/**
 * Log-10 scale with the same interface (domain in data units, which must be positive); non-positive values map
 * to NaN, so lines show gaps there as matplotlib masks them.
 * @example const s = logScale([1, 100], [0, 200]); s(10) // 100
 */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const lin = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const f = ((v: number) => (v > 0 ? lin(Math.log10(v)) : NaN)) as Scale;
  f.invert = (p) => 10 ** lin.invert(p);
  f.domain = [domain[0], domain[1]];
  f.range = [range[0], range[1]];
  return f;
}
