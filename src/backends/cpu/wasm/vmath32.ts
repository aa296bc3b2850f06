/**
 * @file Vectorised float32 sin/cos on f32x4 lanes (float32 exp, expm1, log and tanh run the float64 routines
 * on the widened lanes and round once: within 0.5 ulp + a hair, and still two lanes per instruction).
 *
 * sin/cos, four lanes per instruction where it counts:
 * - Reduction in float64 (both halves widened): j = round(x·2/π), r = x − j·P1 − j·P1t with P1 the 33-bit
 *   head of π/2 (j·P1 exact for |j| < 2^20), so r is good to ~2^−80 absolute however close x lies to a
 *   multiple of π/2; r is then rounded once to float32 (0.5 ulp). A float32 Cody–Waite reduction cannot give
 *   that: float32 inputs come within ~2^−24 of multiples of π/2 in the range we serve.
 * - Polynomials in float32 on |r| ≤ π/4 (cephes' sinf/cosf minimax coefficients, error far below float32's):
 *   sin r = r + r·z·(S1 + z·(S2 + z·S3)), cos r = 1 − z/2 + z²·(C1 + z·(C2 + z·C3)), z = r².
 * - The quadrant j mod 4 (as i32 lanes) swaps and signs them, as in the float64 routine.
 * Measured against Math.sin/Math.cos (wasm/README.md): within 1.5 ulp of float32. Lanes with |x| beyond
 * 2^18 (or infinite) are left to the kernel's per-lane Math.* pass.
 */
import { EVENS, f32x4, f64x2, Fn, HIGH_TO_LOW, i32x4, LOWS, v128, type C } from './asm.js';

const MAGIC = 6755399441055744; // 1.5·2^52

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417,
  PIO2_1T = 6.07710050650619224932e-11;
/** Vector range of the float32 routine (|j| stays far below 2^20; float32 has no fraction bits left up here). */
export const SINCOS_LIMIT_32 = 262144;
const S = [-1.6666654611e-1, 8.3321608736e-3, -1.9515295891e-4];
const CC = [4.166664568298827e-2, -1.388731625493765e-3, 2.443315711809948e-5];

/** sin x and cos x of the f32x4 `x` (wrong beyond SINCOS_LIMIT_32 and at ±∞: the caller checks; codegen.ts). */
export function sinCos32(f: Fn, x: C): { sin: C; cos: C } {
  const { add, sub, mul, k } = f32x4;
  // reduction in float64, half by half
  const halves = [f64x2.promoteLow(x), f64x2.promoteLow(v128.shuffle(x, x, HIGH_TO_LOW))].map((h) => {
    const xd = f.let(h);
    const j = f.let(f64x2.nearest(f64x2.mul(xd, f64x2.k(INV_PIO2))));
    const r = f64x2.sub(f64x2.sub(xd, f64x2.mul(j, f64x2.k(PIO2_1))), f64x2.mul(j, f64x2.k(PIO2_1T)));
    return { j, r: f.let(r) };
  });
  const r = f.let(v128.shuffle(f32x4.demoteZero(halves[0].r), f32x4.demoteZero(halves[1].r), LOWS));
  // j's low bits: j + 1.5·2^52 holds j in its low mantissa bits (cheaper than V8's NaN-safe truncation)
  const bits = halves.map((h) => f64x2.add(h.j, f64x2.k(MAGIC)));
  const jb = f.let(v128.shuffle(bits[0], bits[1], EVENS));
  const z = f.let(mul(r, r));
  const ks = f.let(add(r, mul(mul(r, z), add(k(S[0]), mul(z, add(k(S[1]), mul(z, k(S[2]))))))));
  const kc = f.let(
    add(sub(k(1), mul(k(0.5), z)), mul(mul(z, z), add(k(CC[0]), mul(z, add(k(CC[1]), mul(z, k(CC[2]))))))),
  );
  // quadrant j mod 4: odd quadrants swap sin and cos; sin is negated in 2 and 3, cos in 1 and 2
  const t = f.let(i32x4.shl(jb, 31));
  const swap = f.let(v128.and(v128.xor(ks, kc), i32x4.shrS(t, 31)));
  const sinSign = f.let(v128.and(i32x4.shl(jb, 30), i32x4.k(-0x80000000)));
  const sin = v128.xor(v128.xor(ks, swap), sinSign);
  const cos = f.let(v128.xor(v128.xor(kc, swap), v128.xor(sinSign, t)));
  return { sin: f.let(v128.select(x, sin, f32x4.eq(x, k(0)))), cos };
}
