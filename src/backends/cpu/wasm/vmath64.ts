/**
 * @file Vectorised float64 sin/cos, exp, expm1, log and tanh on f64x2 lanes, emitted as WebAssembly SIMD.
 *
 * Each routine is fdlibm's algorithm — the one V8 uses for `Math.*` — made branchless: every case is computed
 * and the lanes pick theirs with bit selects, and the integer work on exponents is done on i64x2 lanes.
 * Hence the results agree with `Math.*` to within 1 ulp (mostly bit for bit; see wasm/README.md for the
 * measured maxima).
 *
 * - sin/cos: x = j·π/2 + (y0 + y1) with j = round(x·2/π), by Cody–Waite reduction against π/2 split into three
 *   33-bit pieces and their tails (fdlibm's `__ieee754_rem_pio2` medium case, all three rounds every time, so
 *   the reduced argument is good to ~150 bits); then fdlibm's `__kernel_sin`/`__kernel_cos` on [−π/4, π/4]
 *   with the tail y1 (the cosine in FreeBSD msun's compensated form, without fdlibm's branches on |y0|), and
 *   the quadrant j mod 4 picks and signs the two. One reduction serves both sin and cos. Lanes with
 *   |x| > 2^19·π/2 (and ±Inf) are outside the reduction's exact range: the kernel checks for them and redoes the
 *   chunk calling `Math.sin`/`Math.cos` per lane (codegen.ts).
 * - exp: k = round(x/ln2), r = x − k·ln2 in two pieces, fdlibm's rational approximation, and 2^k applied in
 *   two multiplications (2^⌊k/2⌋ then 2^(k−⌊k/2⌋)) so gradual underflow rounds once and overflow gives ∞.
 * - expm1: fdlibm's `expm1` with its seven cases selected per lane.
 * - log: the exponent and a mantissa in [√2/2, √2) from the bits (subnormals scaled by 2^54 first), then
 *   fdlibm's `__ieee754_log` series in s = f/(2+f); x = 0 → −∞, x < 0 or NaN → NaN, +∞ → +∞.
 * - tanh: fdlibm's: t = expm1(±2|x|), then 1 − 2/(t+2) for |x| ≥ 1 or −t/(t+2) below, with x's sign.
 */
import { f64x2, type Fn, i64x2, sc, v128, type C } from './asm.js';

const MAGIC = 6755399441055744; // 0x1.8p52: adding it to an integral double |k| < 2^51 puts k in the low bits
const MAGIC_BITS = 0x4338000000000000n;

/** The integer value of an integral f64x2 (|k| < 2^51) as i64x2 lanes. */
export const toI64 = (f: Fn, k: C): C => f.let(i64x2.sub(f64x2.add(k, f64x2.k(MAGIC)), i64x2.k(MAGIC_BITS)));
/** 2^k as f64x2 for integer i64x2 lanes k in [−1022, 1023]. */
const pow2 = (k: C): C => i64x2.shl(i64x2.add(k, i64x2.k(1023n)), 52);
/** y·2^k for any k in [−1100, 1100], rounding once (the first factor keeps y·2^⌊k/2⌋ normal). */
export function scale(f: Fn, y: C, k: C): C {
  const k1 = f.let(i64x2.shrS(k, 1));
  return f64x2.mul(f64x2.mul(y, pow2(k1)), pow2(i64x2.sub(k, k1)));
}
/** |x| with the sign bit of `s`. */
const copySign = (x: C, s: C): C => v128.select(s, x, i64x2.k(-0x8000000000000000n));

/** Calls `fn` (an imported f64 → f64) on each of the two lanes of `x`. */
export function perLane64(fn: number, x: C): C {
  let r = v128.zero();
  for (let lane = 0; lane < 2; lane++) r = f64x2.replace(r, lane, sc.call(fn, f64x2.extract(x, lane)));
  return r;
}

// ---- sin, cos ----------------------------------------------------------------------------------------------

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2 = [1.57079632673412561417, 6.0771005063039659766e-11, 2.0222662487111664558e-21];
const PIO2T = [6.07710050650619224932e-11, 2.02226624879595063154e-21, 8.47842766036889956997e-32];
/** Beyond this |x| the reduction's j·PIO2[0] is no longer exact (fdlibm's medium-case bound). */
export const SINCOS_LIMIT_64 = 823549.6653753856; // 2^19 · π/2
const S = [
  -1.66666666666666324348e-1, 8.33333333332248946124e-3, -1.98412698298579493134e-4, 2.75573137070700676789e-6,
  -2.50507602534068634195e-8, 1.58969099521155010221e-10,
];
const CC = [
  4.16666666666666019037e-2, -1.38888888888741095749e-3, 2.48015872894767294178e-5, -2.75573143513906633035e-7,
  2.0875723212981748279e-9, -1.13596475577881948265e-11,
];

/** Horner: c[0] + z·(c[1] + z·(…)). */
export function horner(add: (a: C, b: C) => C, mul: (a: C, b: C) => C, k: (c: number) => C, z: C, c: number[]): C {
  let acc = k(c[c.length - 1]);
  for (let i = c.length - 2; i >= 0; i--) acc = add(k(c[i]), mul(z, acc));
  return acc;
}
const poly = (z: C, c: number[]): C => horner(f64x2.add, f64x2.mul, f64x2.k, z, c);

/**
 * sin x and cos x of the f64x2 `x`; wrong for lanes beyond the exact reduction (|x| > SINCOS_LIMIT_64, ±∞),
 * which the caller checks for and recomputes with `Math.sin`/`Math.cos` (see codegen.ts).
 */
export function sinCos64(f: Fn, x: C): { sin: C; cos: C } {
  const { sub, mul, k } = f64x2;
  // j = round(x·2/π) by adding 1.5·2^52 (jb keeps j in its low bits, for the quadrant); this makes j = +0 for
  // x = −0, so r, y0 and sin stay −0 through the arithmetic below
  const jb = f.let(f64x2.add(mul(x, k(INV_PIO2)), k(MAGIC)));
  const j = f.let(sub(jb, k(MAGIC)));
  // three Cody–Waite rounds (fdlibm's rem_pio2 with its optional rounds always taken)
  let r = f.let(sub(x, mul(j, k(PIO2[0])))); // exact: |j| < 2^20 and PIO2[0] has 33 bits
  let w = f.let(mul(j, k(PIO2T[0])));
  for (let round = 1; round < 3; round++) {
    // replace the tail w = j·PIO2T[round−1] by j·(PIO2[round] + PIO2T[round]), carrying r − p's rounding error
    const t = r;
    const p = f.let(mul(j, k(PIO2[round])));
    r = f.let(sub(t, p));
    w = f.let(sub(mul(j, k(PIO2T[round])), sub(sub(t, r), p)));
  }
  const y0 = f.let(sub(r, w));
  const y1 = f.let(sub(sub(r, y0), w));
  const z = f.let(mul(y0, y0));
  // __kernel_sin(y0, y1, 1)
  const v = f.let(mul(z, y0));
  const rs = poly(z, S.slice(1));
  const ks = f.let(sub(y0, sub(sub(mul(z, sub(mul(k(0.5), y1), mul(v, rs))), y1), mul(v, k(S[0])))));
  // __kernel_cos(y0, y1) as FreeBSD's msun writes it: 1 − z/2 plus its rounding error, exactly, instead of
  // fdlibm's qx adjustment (no branches on |y0|, a dozen instructions fewer)
  const rc = mul(z, poly(z, CC));
  const hz = f.let(mul(k(0.5), z));
  const w1 = f.let(sub(k(1), hz));
  const kc = f.let(f64x2.add(w1, f64x2.add(sub(sub(k(1), w1), hz), sub(mul(z, rc), mul(y0, y1)))));
  return quadrant64(f, jb, ks, kc);
}

/**
 * sin and cos of x = j·π/2 + y from sin y (`ks`) and cos y (`kc`), given j + 1.5·2^52 (`jb`, whose low bits are
 * j's): odd quadrants swap the two, sin is negated in quadrants 2 and 3 and cos in 1 and 2.
 */
function quadrant64(f: Fn, jb: C, ks: C, kc: C): { sin: C; cos: C } {
  const odd = f.let(i64x2.neg(v128.and(jb, i64x2.k(1n))));
  const swap = f.let(v128.and(v128.xor(ks, kc), odd));
  const sinSign = f.let(v128.and(i64x2.shl(jb, 62), i64x2.k(-0x8000000000000000n)));
  const cosSign = v128.xor(sinSign, i64x2.shl(jb, 63));
  return { sin: f.let(v128.xor(v128.xor(ks, swap), sinSign)), cos: f.let(v128.xor(v128.xor(kc, swap), cosSign)) };
}

// ---- exp, expm1 --------------------------------------------------------------------------------------------

const LN2_HI = 6.9314718036912381649e-1,
  LN2_LO = 1.90821492927058770002e-10,
  INV_LN2 = 1.442695040888963387;
const P = [
  1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.6533902205465251539e-6,
  4.13813679705723846039e-8,
];
/** exp clamps its argument here first: beyond, the result is already 0 or ∞ (NaN passes through min/max). */
const EXP_LO = -746,
  EXP_HI = 710;

/** eˣ of the f64x2 `x`. */
export function exp64(f: Fn, x: C): C {
  const { sub, mul, div, k } = f64x2;
  const xc = f.let(f64x2.min(f64x2.max(x, k(EXP_LO)), k(EXP_HI)));
  const kd = f.let(f64x2.nearest(mul(xc, k(INV_LN2))));
  const hi = f.let(sub(xc, mul(kd, k(LN2_HI)))); // exact: |k| < 2^11 and LN2_HI has 32 bits
  const lo = f.let(mul(kd, k(LN2_LO)));
  const r = f.let(sub(hi, lo));
  const t = f.let(mul(r, r));
  const c = f.let(sub(r, mul(t, poly(t, P))));
  const y = sub(k(1), sub(sub(lo, div(mul(r, c), sub(k(2), c))), hi));
  return f.let(scale(f, y, toI64(f, kd)));
}

const Q = [
  -3.33333333333331316428e-2, 1.58730158725481460165e-3, -7.93650757867487942473e-5, 4.00821782732936239552e-6,
  -2.01099218183624371326e-7,
];

/** eˣ − 1 of the f64x2 `x`, accurate near 0. */
export function expm1_64(f: Fn, x: C): C {
  const { add, sub, mul, div, k } = f64x2;
  const xc = f.let(f64x2.min(f64x2.max(x, k(EXP_LO)), k(EXP_HI)));
  const kd = f.let(f64x2.nearest(mul(xc, k(INV_LN2))));
  const hi = f.let(sub(xc, mul(kd, k(LN2_HI))));
  const lo = f.let(mul(kd, k(LN2_LO)));
  const xr = f.let(sub(hi, lo));
  const c = f.let(sub(sub(hi, xr), lo));
  const hfx = f.let(mul(k(0.5), xr));
  const hxs = f.let(mul(xr, hfx));
  const r1 = f.let(add(k(1), mul(hxs, poly(hxs, Q))));
  const t = f.let(sub(k(3), mul(r1, hfx)));
  const e0 = f.let(mul(hxs, div(sub(r1, t), sub(k(6), mul(xr, t)))));
  const e = f.let(sub(sub(mul(xr, sub(e0, c)), c), hxs));
  const ki = toI64(f, kd);
  const twoNegK = i64x2.shl(i64x2.sub(i64x2.k(1023n), ki), 52);
  // the seven cases of fdlibm's expm1, by k
  const r0 = sub(xr, sub(mul(xr, e0), hxs));
  const rm1 = sub(mul(k(0.5), sub(xr, e)), k(0.5));
  const r1Lo = mul(k(-2), sub(e, add(xr, k(0.5))));
  const r1Hi = add(k(1), mul(k(2), sub(xr, e)));
  const rk1 = v128.select(r1Lo, r1Hi, f64x2.lt(xr, k(-0.25)));
  const rBig = sub(scale(f, sub(k(1), sub(e, xr)), ki), k(1));
  const rMid = scale(f, sub(sub(k(1), twoNegK), sub(e, xr)), ki);
  const rHigh = scale(f, add(sub(xr, add(e, twoNegK)), k(1)), ki);
  let res = f.let(v128.select(rMid, rHigh, f64x2.lt(kd, k(20))));
  res = f.let(v128.select(rBig, res, v128.or(f64x2.le(kd, k(-2)), f64x2.gt(kd, k(56)))));
  res = f.let(v128.select(rk1, res, f64x2.eq(kd, k(1))));
  res = f.let(v128.select(rm1, res, f64x2.eq(kd, k(-1))));
  res = f.let(v128.select(r0, res, f64x2.eq(kd, k(0))));
  // expm1(±0) = ±0
  return f.let(v128.select(x, res, f64x2.eq(x, k(0))));
}

// ---- log -----------------------------------------------------------------------------------------------------

const LG = [
  6.66666666666673513e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1,
  1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1,
];
const MIN_NORMAL = 2.2250738585072014e-308;

/** ln x of the f64x2 `x`. */
export function log64(f: Fn, x: C): C {
  const { add, sub, mul, div, k } = f64x2;
  const sub0 = f.let(f64x2.lt(x, k(MIN_NORMAL)));
  const xs = f.let(v128.select(mul(x, k(2 ** 54)), x, sub0));
  let hx = f.let(i64x2.shrU(xs, 32));
  let ki = f.let(i64x2.add(i64x2.sub(i64x2.shrS(hx, 20), i64x2.k(1023n)), v128.and(sub0, i64x2.k(-54n))));
  hx = f.let(v128.and(hx, i64x2.k(0x000fffffn)));
  const i = f.let(v128.and(i64x2.add(hx, i64x2.k(0x95f64n)), i64x2.k(0x100000n)));
  ki = f.let(i64x2.add(ki, i64x2.shrS(i, 20)));
  const xn = v128.or(i64x2.shl(v128.or(hx, v128.xor(i, i64x2.k(0x3ff00000n))), 32), v128.and(xs, i64x2.k(0xffffffffn)));
  const fm = f.let(sub(xn, k(1)));
  const s = f.let(div(fm, add(k(2), fm)));
  const dk = f.let(sub(i64x2.add(ki, i64x2.k(MAGIC_BITS)), k(MAGIC)));
  const z = f.let(mul(s, s));
  const w = f.let(mul(z, z));
  const t1 = mul(w, poly(w, [LG[1], LG[3], LG[5]]));
  const t2 = mul(z, poly(w, [LG[0], LG[2], LG[4], LG[6]]));
  const R = f.let(add(t2, t1));
  const big = f.let(
    i64x2.gtS(v128.or(i64x2.sub(hx, i64x2.k(0x6147an)), i64x2.sub(i64x2.k(0x6b851n), hx)), i64x2.k(0n)),
  );
  const hfsq = f.let(mul(mul(k(0.5), fm), fm));
  const resA = sub(mul(dk, k(LN2_HI)), sub(sub(hfsq, add(mul(s, add(hfsq, R)), mul(dk, k(LN2_LO)))), fm));
  const resB = sub(mul(dk, k(LN2_HI)), sub(sub(mul(s, sub(fm, R)), mul(dk, k(LN2_LO))), fm));
  const res = v128.select(resA, resB, big);
  const special = v128.select(
    k(-Infinity),
    v128.select(k(Infinity), k(NaN), f64x2.eq(x, k(Infinity))),
    f64x2.eq(x, k(0)),
  );
  return f.let(v128.select(res, special, v128.and(f64x2.gt(x, k(0)), f64x2.lt(x, k(Infinity)))));
}

// ---- tanh ----------------------------------------------------------------------------------------------------

/** tanh x of the f64x2 `x`. */
export function tanh64(f: Fn, x: C): C {
  const { add, sub, div, k } = f64x2;
  const ax = f.let(f64x2.abs(x));
  const big = f.let(f64x2.ge(ax, k(1)));
  const u = f64x2.mul(v128.select(k(2), k(-2), big), ax);
  const t = f.let(expm1_64(f, u));
  const z = v128.select(sub(k(1), div(k(2), add(t, k(2)))), div(f64x2.neg(t), add(t, k(2))), big);
  return f.let(copySign(z, x));
}
