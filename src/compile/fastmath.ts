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
const LIMIT = 1e5;

// minimax polynomials on [-π/4, π/4] (Cephes sinf/cosf)
const S1 = -1.6666654611e-1, S2 = 8.3321608736e-3, S3 = -1.9515295891e-4;
const C1 = 4.166664568298827e-2, C2 = -1.388731625493765e-3, C3 = 2.443315711809948e-5;

const sinPoly = (r: number, z: number): number => r * (1 + z * (S1 + z * (S2 + z * S3)));
const cosPoly = (z: number): number => 1 - 0.5 * z + z * z * (C1 + z * (C2 + z * C3));

/**
 * sin x to float32 accuracy.
 * @example fastSin(Math.PI / 6) // ≈ 0.5
 */
export function fastSin(x: number): number {
  if (!(Math.abs(x) <= LIMIT)) return Math.sin(x);
  // + 0 turns a −0 quotient into +0, so x − k·π/2 keeps the sign of a −0 argument (sin −0 = −0, as r·(…) keeps it)
  const k = Math.round(x * TWO_OVER_PI) + 0;
  const r = x - k * PIO2_HI - k * PIO2_LO, z = r * r;
  switch (k & 3) {
    case 0: return sinPoly(r, z);
    case 1: return cosPoly(z);
    case 2: return -sinPoly(r, z);
    default: return -cosPoly(z);
  }
}

/**
 * cos x to float32 accuracy.
 * @example fastCos(0) // 1
 */
export function fastCos(x: number): number {
  if (!(Math.abs(x) <= LIMIT)) return Math.cos(x);
  const k = Math.round(x * TWO_OVER_PI);
  const r = x - k * PIO2_HI - k * PIO2_LO, z = r * r;
  switch (k & 3) {
    case 0: return cosPoly(z);
    case 1: return -sinPoly(r, z);
    case 2: return -cosPoly(z);
    default: return sinPoly(r, z);
  }
}

const LN2_HI = 0.693359375, LN2_LO = -2.12194440e-4, LOG2E = 1.4426950408889634;
const P0 = 1.9875691500e-4, P1 = 1.3981999507e-3, P2 = 8.3334519073e-3, P3 = 4.1665795894e-2, P4 = 1.6666665459e-1, P5 = 5.0000001201e-1;
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
