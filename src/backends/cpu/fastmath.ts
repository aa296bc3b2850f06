/**
 * @file Fast sin, cos and exp for float32 loops. `Math.sin` is a full double-precision libm call; float32
 * needs 24 bits, which a short polynomial after a Cody–Waite range reduction gives at a fraction of the
 * cost, with no branches V8 cannot predict. Used by `jit` in float32 loops only (float64 keeps `Math.*`).
 *
 * Accuracy (tested in fastmath.test.ts against `Math.*` on 2·10⁵ float32 points): sin/cos absolute error
 * ≤ 1e-8 for |x| ≤ 1e4 (|x| > 1e5 falls back to `Math`); after rounding to float32, within 1 float32 ulp of
 * `Math.fround(Math.sin(x))` wherever |sin x| ≥ 2⁻²⁰. exp: relative error ≤ 2e-7 over the float32 range
 * (−87, 88), within 1 float32 ulp after rounding; NaN, ±Inf and −0 behave as in `Math`.
 */

// π/2 split so that k·PIO2_HI is exact for |k| < 2²⁰ (the reduction then loses no bits)
const PIO2_HI = 1.5707963267341256;
const PIO2_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;
/** Adding and subtracting 1.5·2⁵² rounds a double below 2⁵¹ in magnitude to an integer (ties to even) in two adds. */
const ROUNDER = 6755399441055744;
const LIMIT = 1e5;

// minimax polynomials on [-π/4, π/4] (Cephes sinf/cosf)
const S1 = -1.6666654611e-1,
  S2 = 8.3321608736e-3,
  S3 = -1.9515295891e-4;
const C1 = 4.166664568298827e-2,
  C2 = -1.388731625493765e-3,
  C3 = 2.443315711809948e-5;

/**
 * JavaScript statements that set the (caller-declared) variables `sinVar` and `cosVar` (either may be null) to
 * sin and cos of the expression `arg`: one Cody–Waite reduction to r = a − k·π/2 shared by both, the two
 * polynomials, and the quadrant k mod 4 choosing which one, with which sign, is which. Branch-free apart from
 * the |a| > 1e5 fallback to `Math`. `jit` inlines this into fused loops (so sin and cos of one value cost one
 * reduction); `fastSin`/`fastCos` are compiled from the very same text, so both give identical bits.
 * @example sinCosSource('v2', 'v3', 'v14') // statements assigning v3 = sin(v2), v14 = cos(v2)
 */
export function sinCosSource(arg: string, sinVar: string | null, cosVar: string | null): string {
  const set = (v: string | null, e: string): string => (v === null ? '' : `${v} = ${e};`);
  return `{ const a = ${arg};
  if (Math.abs(a) <= ${LIMIT}) {
    const k = (a * ${TWO_OVER_PI} + ${ROUNDER}) - ${ROUNDER};
    const r = a - k * ${PIO2_HI} - k * ${PIO2_LO}, z = r * r;
    const ps = r * (1 + z * (${S1} + z * (${S2} + z * ${S3})));
    const pc = 1 - 0.5 * z + z * z * (${C1} + z * (${C2} + z * ${C3}));
    const q = k & 3, odd = (q & 1) !== 0;
    ${set(sinVar, '(q & 2) !== 0 ? -(odd ? pc : ps) : (odd ? pc : ps)')}
    ${set(cosVar, '((q + 1) & 2) !== 0 ? -(odd ? ps : pc) : (odd ? ps : pc)')}
  } else { ${set(sinVar, 'Math.sin(a)')} ${set(cosVar, 'Math.cos(a)')} } }`;
}

const compileScalar = (name: string, sin: boolean): ((x: number) => number) =>
  new Function(
    `"use strict"; return function ${name}(x) { let y; ${sinCosSource('x', sin ? 'y' : null, sin ? null : 'y')} return y; };`,
  )();

/**
 * sin x to float32 accuracy.
 * @example fastSin(Math.PI / 6) // ≈ 0.5
 */
export const fastSin: (x: number) => number = compileScalar('fastSin', true);

/**
 * cos x to float32 accuracy.
 * @example fastCos(0) // 1
 */
export const fastCos: (x: number) => number = compileScalar('fastCos', false);

const LN2_HI = 0.693359375,
  LN2_LO = -2.1219444e-4,
  LOG2E = 1.4426950408889634;
const P0 = 1.98756915e-4,
  P1 = 1.3981999507e-3,
  P2 = 8.3334519073e-3,
  P3 = 4.1665795894e-2,
  P4 = 1.6666665459e-1,
  P5 = 5.0000001201e-1;
// 2^n for the n a float32 exp can need, so scaling is one multiply instead of Math.pow
const POW2 = new Float64Array(321);
for (let i = 0; i < POW2.length; i++) POW2[i] = 2 ** (i - 160);

/**
 * eˣ to float32 accuracy (0 below −104, +Inf above 89, where float32 underflows/overflows anyway).
 * @example fastExp(1) // ≈ 2.7182817
 */
export function fastExp(x: number): number {
  if (!(x <= 89)) return x !== x ? x : Infinity;
  if (x < -104) return 0;
  const n = Math.round(x * LOG2E);
  const r = x - n * LN2_HI - n * LN2_LO;
  const p = ((((P0 * r + P1) * r + P2) * r + P3) * r + P4) * r + P5;
  return (p * r * r + r + 1) * POW2[n + 160];
}
