/** @file The fast float32 sin/cos/exp against Math.* — the error bounds fastmath.ts states. */
import { describe, it, expect } from 'vitest';
import { fastSin, fastCos, fastExp, sinCosSource } from './fastmath.js';

/** The gap between |v| (as float32) and the next float32 up. */
function ulp32(v: number): number {
  const b = new Float32Array([Math.fround(Math.abs(v))]);
  const i = new Int32Array(b.buffer);
  const f = b[0];
  i[0]++;
  return b[0] - f;
}

const N = 200_000;
const points = (lo: number, hi: number): number[] =>
  Array.from({ length: N }, (_, k) => Math.fround(lo + ((hi - lo) * k) / (N - 1)));

describe('fast float32 math', () => {
  for (const [name, fast, ref] of [
    ['sin', fastSin, Math.sin],
    ['cos', fastCos, Math.cos],
  ] as const) {
    it(`${name}: absolute error ≤ 1e-8 on |x| ≤ 1e4 and ≤ 1 float32 ulp after rounding`, () => {
      let abs = 0,
        ulps = 0;
      for (const x of [...points(-1e4, 1e4), ...points(-4, 4)]) {
        const r = ref(x),
          f = fast(x);
        abs = Math.max(abs, Math.abs(f - r));
        if (Math.abs(r) >= 2 ** -20) ulps = Math.max(ulps, Math.abs(Math.fround(f) - Math.fround(r)) / ulp32(r));
      }
      expect(abs).toBeLessThanOrEqual(1e-8);
      expect(ulps).toBeLessThanOrEqual(1);
    });
    it(`${name}: special values and the Math fallback beyond 1e5`, () => {
      expect(fast(NaN)).toBeNaN();
      expect(fast(Infinity)).toBeNaN();
      expect(fast(-Infinity)).toBeNaN();
      expect(fast(3e6)).toBe(ref(3e6));
      expect(fast(0)).toBe(ref(0));
    });
  }
  it('sin keeps the sign of zero', () => {
    expect(Object.is(fastSin(-0), -0)).toBe(true);
  });
  it('the inlined pair computes exactly what fastSin and fastCos do, in every quadrant and past the fallback', () => {
    const pair = new Function('x', `let s, c; ${sinCosSource('x', 's', 'c')} return [s, c];`) as (
      x: number,
    ) => [number, number];
    const differ = [...points(-20, 20), -0, 1e5, 1.0000001e5, -3e6, NaN, Infinity].filter((x) => {
      const [s, c] = pair(x);
      return !Object.is(s, fastSin(x)) || !Object.is(c, fastCos(x));
    });
    expect(differ).toEqual([]);
  });
  it('quadrants: sin and cos at k·π/2 + 0.3 for k = -8 … 8 match Math to 1e-8', () => {
    for (let k = -8; k <= 8; k++) {
      const x = (k * Math.PI) / 2 + 0.3;
      expect(Math.abs(fastSin(x) - Math.sin(x))).toBeLessThanOrEqual(1e-8);
      expect(Math.abs(fastCos(x) - Math.cos(x))).toBeLessThanOrEqual(1e-8);
    }
  });

  it('exp: relative error ≤ 2e-7 on (−87, 88) and ≤ 1 float32 ulp after rounding', () => {
    let rel = 0,
      ulps = 0;
    for (const x of points(-87, 88)) {
      const r = Math.exp(x),
        f = fastExp(x);
      rel = Math.max(rel, Math.abs(f - r) / r);
      ulps = Math.max(ulps, Math.abs(Math.fround(f) - Math.fround(r)) / ulp32(r));
    }
    expect(rel).toBeLessThanOrEqual(2e-7);
    expect(ulps).toBeLessThanOrEqual(1);
  });
  it('exp: overflow, underflow, NaN', () => {
    expect(fastExp(100)).toBe(Infinity);
    expect(fastExp(Infinity)).toBe(Infinity);
    expect(fastExp(-200)).toBe(0);
    expect(fastExp(-Infinity)).toBe(0);
    expect(fastExp(NaN)).toBeNaN();
    expect(fastExp(0)).toBe(1);
  });
});
