import { describe, expect, it } from 'vitest';
import { input, unary, type AluUnary } from '../../../ir/exp.js';
import { lowerToWasm } from './lower.js';
import { SINCOS_LIMIT_64 } from './vmath64.js';
import { SINCOS_FAST_32, SINCOS_LIMIT_32 } from './vmath32.js';
import { ulps32, ulps64 } from '../../../../test/ulp.js';

/** Deterministic uniform numbers in [0, 1) (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sweep = (lo: number, hi: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
const uniform = (lo: number, hi: number, n: number, seed: number): number[] => {
  const r = rng(seed);
  return Array.from({ length: n }, () => lo + (hi - lo) * r());
};
/** Magnitudes spread evenly over orders of magnitude, both signs. */
const logUniform = (lo: number, hi: number, n: number, seed: number, signed = true): number[] => {
  const r = rng(seed),
    a = Math.log(lo),
    b = Math.log(hi);
  return Array.from({ length: n }, () => (signed && r() < 0.5 ? -1 : 1) * Math.exp(a + (b - a) * r()));
};
/** Doubles next to multiples of π/2 (where the range reduction cancels most). */
const nearMultiples = (maxK: number, n: number, seed: number): number[] => {
  const r = rng(seed),
    out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Math.round(r() * maxK) * (Math.PI / 2);
    const b = new Float64Array([x]),
      bits = new BigInt64Array(b.buffer);
    bits[0] += BigInt(Math.round((r() - 0.5) * 8));
    out.push(b[0]);
  }
  return out;
};
const SPECIAL = [
  NaN,
  Infinity,
  -Infinity,
  0,
  -0,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  1e-310,
  -1e-310,
  1.7976931348622157e308,
  -1.7976931348622157e308,
];

const REF: Record<string, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  tanh: Math.tanh,
};

/** Runs op through lowerToWasm over xs; returns the worst error (ulps) and where. */
function worst(op: AluUnary, dtype: 'float64' | 'float32', xs: number[]): { ulps: number; at: number; got: number } {
  const k = lowerToWasm({ inputs: [dtype], outputs: [{ exp: unary(op, input(0, dtype)) }] })!;
  const A = dtype === 'float64' ? Float64Array : Float32Array;
  const x = A.from(xs),
    out = new A(x.length);
  k(x.length, [x], [out]);
  let w = { ulps: 0, at: NaN, got: NaN };
  for (let i = 0; i < x.length; i++) {
    const ref = REF[op](x[i]);
    const e = dtype === 'float64' ? ulps64(out[i], ref) : ulps32(out[i], ref);
    // signed zeros must match exactly
    const zeroOk = ref !== 0 || Object.is(out[i], dtype === 'float64' ? ref : Math.fround(ref));
    if (e > w.ulps || !zeroOk) w = { ulps: zeroOk ? e : Infinity, at: x[i], got: out[i] };
  }
  return w;
}

const CASES: Record<string, { f64: number[]; f32: number[] }> = {
  sin: {
    f64: [
      ...sweep(-10, 10, 60001),
      ...uniform(-1e5, 1e5, 40000, 1),
      ...logUniform(1e-300, SINCOS_LIMIT_64, 40000, 2),
      ...logUniform(SINCOS_LIMIT_64, 1e300, 2000, 3),
      ...nearMultiples(500000, 20000, 4),
      ...SPECIAL,
    ],
    f32: [
      ...sweep(-10, 10, 60001),
      ...uniform(-1e4, 1e4, 40000, 5),
      ...logUniform(1e-40, SINCOS_LIMIT_32, 40000, 6),
      ...logUniform(SINCOS_LIMIT_32, 3e38, 2000, 7),
      ...nearMultiples(150000, 20000, 8).map(Math.fround),
      ...SPECIAL,
    ],
  },
  exp: {
    f64: [
      ...sweep(-746, 710, 60001),
      ...uniform(-1, 1, 20000, 9),
      ...logUniform(1e-300, 1, 20000, 10),
      ...SPECIAL,
      709.782712893384,
      709.7827128933841,
      -745.1332191019411,
      -745.1332191019412,
      -708.4,
      -720,
      -740,
    ],
    f32: [
      ...sweep(-104, 89, 60001),
      ...uniform(-1, 1, 20000, 11),
      ...logUniform(1e-40, 1, 20000, 12),
      ...SPECIAL,
      88.72,
      88.73,
      -87.3,
      -103.9,
    ],
  },
  expm1: {
    f64: [...sweep(-50, 710, 60001), ...uniform(-3, 3, 40000, 13), ...logUniform(1e-300, 1, 20000, 14), ...SPECIAL],
    f32: [...sweep(-20, 89, 60001), ...uniform(-3, 3, 40000, 15), ...logUniform(1e-40, 1, 20000, 16), ...SPECIAL],
  },
  log: {
    f64: [
      ...logUniform(5e-324, 1.7e308, 60000, 17, false),
      ...uniform(0.5, 2, 40000, 18),
      ...sweep(0.999, 1.001, 20001),
      ...SPECIAL,
      -1,
      1,
    ],
    f32: [
      ...logUniform(1.4e-45, 3.4e38, 60000, 19, false),
      ...uniform(0.5, 2, 40000, 20),
      ...sweep(0.999, 1.001, 20001),
      ...SPECIAL,
      -1,
      1,
    ],
  },
  tanh: {
    f64: [
      ...sweep(-25, 25, 60001),
      ...uniform(-1.5, 1.5, 40000, 21),
      ...logUniform(1e-300, 1e3, 20000, 22),
      ...SPECIAL,
    ],
    f32: [...sweep(-12, 12, 60001), ...uniform(-1.5, 1.5, 40000, 23), ...logUniform(1e-40, 1e3, 20000, 24), ...SPECIAL],
  },
};
CASES.cos = CASES.sin;

describe('vectorised math against Math.* (max error in ulps over dense sweeps, random points and edge values)', () => {
  for (const op of ['sin', 'cos', 'exp', 'expm1', 'log', 'tanh'] as const) {
    it(`${op} float64 within 1 ulp`, () => {
      const w = worst(op, 'float64', CASES[op].f64);
      expect(w.ulps, `worst at x = ${w.at}: got ${w.got}, Math.${op} ${REF[op](w.at)}`).toBeLessThanOrEqual(1);
    });
    it(`${op} float32 within 2 ulp`, () => {
      const w = worst(op, 'float32', CASES[op].f32);
      expect(w.ulps, `worst at x = ${w.at}: got ${w.got}, Math.${op} ${REF[op](w.at)}`).toBeLessThanOrEqual(2);
    });
  }

  it('float32 sin/cos within 2 ulp next to every multiple of π/2 the float32 reduction serves (± 3000 ulps)', () => {
    // bench/sincos32-exhaustive.ts checks every float32 up to 99.75; this keeps a sample of the hard cases in CI
    const f32 = new Float32Array(1),
      bits = new Int32Array(f32.buffer);
    const xs: number[] = uniform(-SINCOS_FAST_32, SINCOS_FAST_32, 50000, 25).map(Math.fround);
    for (let j = 1; j * (Math.PI / 2) <= SINCOS_FAST_32 + 1; j++) {
      f32[0] = j * (Math.PI / 2);
      const b = bits[0];
      for (let d = -3000; d <= 3000; d++) {
        bits[0] = b + d;
        xs.push(f32[0], -f32[0]);
      }
    }
    for (const op of ['sin', 'cos'] as const) {
      const w = worst(op, 'float32', xs);
      expect(w.ulps, `${op}: worst at x = ${w.at}: got ${w.got}, Math.${op} ${REF[op](w.at)}`).toBeLessThanOrEqual(2);
    }
  });

  it('gives exactly Math.sin/Math.cos (rounded to the dtype) for lanes beyond the vector range', () => {
    for (const [dtype, limit] of [
      ['float64', SINCOS_LIMIT_64],
      ['float32', SINCOS_LIMIT_32],
    ] as const) {
      const A = dtype === 'float64' ? Float64Array : Float32Array;
      const far = [limit * 1.001, -limit * 4, 1e7, -3e9, 1e30, Infinity, -Infinity];
      const x = A.from([0.5, ...far, -2, NaN, limit * 0.999]),
        round = dtype === 'float64' ? (v: number) => v : Math.fround;
      for (const op of ['sin', 'cos'] as const) {
        const k = lowerToWasm({ inputs: [dtype], outputs: [{ exp: unary(op, input(0, dtype)) }] })!;
        const out = new A(x.length);
        k(x.length, [x], [out]);
        for (let i = 1; i <= far.length; i++) expect(out[i], `${dtype} ${op}(${x[i]})`).toBe(round(Math[op](x[i])));
      }
    }
  });

  it('keeps the special values of evaluate: NaN, ±Inf, −0, overflow and underflow', () => {
    const run = (op: AluUnary, xs: number[]): number[] => {
      const k = lowerToWasm({ inputs: ['float64'], outputs: [{ exp: unary(op, input(0)) }] })!;
      const out = new Float64Array(xs.length);
      k(xs.length, [Float64Array.from(xs)], [out]);
      return [...out];
    };
    expect(run('sin', [-0, 0, Infinity, NaN, 1e300])).toEqual([-0, 0, NaN, NaN, Math.sin(1e300)]);
    expect(Object.is(run('sin', [-0])[0], -0)).toBe(true);
    expect(run('cos', [-0, -Infinity])).toEqual([1, NaN]);
    expect(run('exp', [-Infinity, Infinity, 710, -746, -745, NaN])).toEqual([0, Infinity, Infinity, 0, 5e-324, NaN]);
    expect(run('log', [0, -0, -1, Infinity, NaN, 5e-324])).toEqual([
      -Infinity,
      -Infinity,
      NaN,
      Infinity,
      NaN,
      Math.log(5e-324),
    ]);
    expect(run('tanh', [Infinity, -Infinity, -0, NaN])).toEqual([1, -1, -0, NaN]);
    expect(Object.is(run('tanh', [-0])[0], -0)).toBe(true);
    expect(run('expm1', [-Infinity, Infinity, -0, 1e-310])).toEqual([-1, Infinity, -0, 1e-310]);
  });
});
