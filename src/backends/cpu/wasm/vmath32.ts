/**
 * @file Vectorised float32 sin/cos on f32x4 lanes (float32 exp, expm1, log and tanh run the float64 routines
 * on the widened lanes and round once: within 0.5 ulp + a hair, and still two lanes per instruction).
 *
 * sin/cos: reduce x to r = x − j·π/2 with |r| ≲ π/4 and j = round(x·2/π), then polynomials in r, then the
 * quadrant j mod 4. Two reductions, chosen per chunk by the kernel (codegen.ts):
 * - `reduceFast32`, all in f32x4 (nine instructions), for |x| ≤ SINCOS_FAST_32: Cody–Waite with π/2 in three
 *   positive pieces, the first two short enough that j·P1 and j·P2 are exact for |j| < 64, so x − j·P1 is
 *   exact (Sterbenz) and so is the next subtraction wherever r is small; P1 + P2 + P3 is within 10^−19 of π/2.
 *   Float32 inputs come within 2^−26.3 of multiples of π/2 below 250 (2^−27.8 up to 2^18), so r needs
 *   ~2^−56 absolute accuracy: two pieces (the short head and a 24-bit tail) fall short beyond |x| ≈ 4 and four
 *   pieces round three times where r is large; three pieces have r within ~1 ulp, and the exhaustive check
 *   (bench/sincos32-exhaustive.ts) finds the same maximum error as the float64 reduction below.
 * - `reduceWide32`, in float64 on the widened lanes (both halves), for |x| ≤ SINCOS_LIMIT_32: r = x − j·P1 −
 *   j·P1t with P1 the 33-bit head of π/2 (j·P1 exact for |j| < 2^20), good to ~2^−80 absolute however close x
 *   lies to a multiple of π/2, then rounded once to float32.
 * Both take j as (x·2/π + magic) − magic: the magic's low mantissa bits are then j (the quadrant, no
 * conversion needed), and j = +0 for x = −0, so that r keeps x's −0 (every piece of π/2 is positive).
 * Then, on |r| ≲ π/4, cephes' sinf/cosf polynomials in f32x4 (minimax, error far below float32's):
 * sin r = r + r·z·(S1 + z·(S2 + z·S3)), cos r = 1 − z/2 + z²·(C1 + z·(C2 + z·C3)), z = r²; the quadrant's
 * swaps and signs as in the float64 routine. Measured against Math.sin/Math.cos (wasm/README.md): within 1.56
 * ulp of float32. Lanes with |x| beyond the reduction's range (or infinite) are the caller's to redo.
 */
import { EVENS, f32x4, f64x2, type Fn, HIGH_TO_LOW, i32x4, LOWS, v128, type C } from './asm.js';

const INV_PIO2 = 6.36619772367581382433e-1;

/** 1.5·2^23: x + MAGIC_32 holds round(x) in its low mantissa bits (|x| < 2^22); likewise 1.5·2^52 for float64. */
const MAGIC_32 = 12582912,
  MAGIC_64 = 6755399441055744;
/**
 * π/2 as three positive float32 pieces of 18, 16 and 23 significant bits: j·P1 and j·P2 exact for |j| < 64,
 * P1 + P2 + P3 − π/2 = 8.3·10^−20 (π/2 rounded to 18 bits and its remainder to 16 happen to be below π/2).
 */
const P32 = [1.5707931518554688, 3.1749368645250797e-6, 2.5633440682570896e-12];
/** Range of `reduceFast32`: |j| ≤ 63 up to 99.74; verified exhaustively up to 99.75. */
export const SINCOS_FAST_32 = 99;

const PIO2_1 = 1.57079632673412561417,
  PIO2_1T = 6.07710050650619224932e-11;
/** Range of `reduceWide32` (|j| stays far below 2^20; float32 has no fraction bits left up here). */
export const SINCOS_LIMIT_32 = 262144;

const S = [-1.6666654611e-1, 8.3321608736e-3, -1.9515295891e-4];
const CC = [4.166664568298827e-2, -1.388731625493765e-3, 2.443315711809948e-5];

interface Reduced {
  /** r, f32x4. */
  r: C;
  /** i32x4 lanes whose low bits are j. */
  jb: C;
}

/** The float32 reduction (see the file comment); wrong beyond SINCOS_FAST_32. */
export function reduceFast32(f: Fn, x: C): Reduced {
  const { add, sub, mul, k } = f32x4;
  const y = f.let(add(mul(x, k(INV_PIO2)), k(MAGIC_32)));
  const j = f.let(sub(y, k(MAGIC_32)));
  const r = sub(sub(sub(x, mul(j, k(P32[0]))), mul(j, k(P32[1]))), mul(j, k(P32[2])));
  return { r: f.let(r), jb: y };
}

/** The float64 reduction of the widened lanes (see the file comment); wrong beyond SINCOS_LIMIT_32. */
export function reduceWide32(f: Fn, x: C): Reduced {
  const { add, sub, mul, k } = f64x2;
  const halves = [f64x2.promoteLow(x), f64x2.promoteLow(v128.shuffle(x, x, HIGH_TO_LOW))].map((h) => {
    const xd = f.let(h);
    const y = f.let(add(mul(xd, k(INV_PIO2)), k(MAGIC_64)));
    const j = f.let(sub(y, k(MAGIC_64)));
    return { y, r: f.let(sub(sub(xd, mul(j, k(PIO2_1))), mul(j, k(PIO2_1T)))) };
  });
  return {
    r: f.let(v128.shuffle(f32x4.demoteZero(halves[0].r), f32x4.demoteZero(halves[1].r), LOWS)),
    jb: f.let(v128.shuffle(halves[0].y, halves[1].y, EVENS)),
  };
}

/** sin x and cos x of the f32x4 `x`, given its reduction. */
export function sinCos32(f: Fn, { r, jb }: Reduced): { sin: C; cos: C } {
  const { add, sub, mul, k } = f32x4;
  const z = f.let(mul(r, r));
  const sign = i32x4.k(-0x80000000);
  // r + r·z·p is +0 for r = −0 (the sum of opposite zeros): put r's sign back (the term never flips a nonzero r)
  const ks = f.let(
    v128.or(add(r, mul(mul(r, z), add(k(S[0]), mul(z, add(k(S[1]), mul(z, k(S[2]))))))), v128.and(r, sign)),
  );
  const kc = f.let(
    add(sub(k(1), mul(k(0.5), z)), mul(mul(z, z), add(k(CC[0]), mul(z, add(k(CC[1]), mul(z, k(CC[2]))))))),
  );
  // quadrant j mod 4: odd quadrants swap sin and cos; sin is negated in 2 and 3, cos in 1 and 2
  const t = f.let(i32x4.shl(jb, 31));
  const swap = f.let(v128.and(v128.xor(ks, kc), i32x4.shrS(t, 31)));
  const sinSign = f.let(v128.and(i32x4.shl(jb, 30), sign));
  const sin = f.let(v128.xor(v128.xor(ks, swap), sinSign));
  const cos = f.let(v128.xor(v128.xor(kc, swap), v128.xor(sinSign, t)));
  return { sin, cos };
}
