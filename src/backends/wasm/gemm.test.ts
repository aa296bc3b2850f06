/** @file The WebAssembly SIMD matrix product against a plain triple loop: padding, k-panels, dtypes, batches. */
import { describe, it, expect } from 'vitest';
import { wasmGemm, wasmGemmAvailable } from './gemm.js';
import { simdSupported, encodeModule, uleb, sleb } from './encoder.js';
import { matmul, tensor, reshape, random } from '../../index.js';

function naive(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      c[i * n + j] = s;
    }
  return c;
}

const rand = (n: number, seed: number): Float64Array => {
  const out = new Float64Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
};

describe('encoder', () => {
  it('encodes LEB128 numbers', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
  });
  it('emits a valid empty module', () => {
    expect(WebAssembly.validate(encodeModule([], 1))).toBe(true);
  });
});

describe.runIf(simdSupported())('wasm SIMD gemm', () => {
  it('is in use on this engine', () => {
    expect(wasmGemmAvailable()).toBe(true);
  });

  for (const [m, k, n] of [
    [16, 16, 16],
    [33, 17, 9],
    [5, 300, 7],
    [1, 64, 64],
    [64, 600, 40],
    [100, 100, 3],
  ]) {
    it(`${m}×${k} · ${k}×${n}: float64 exactly the triple loop, float32 to float32 rounding`, () => {
      const a = rand(m * k, 1),
        b = rand(k * n, 2);
      const want = naive(a, b, m, k, n);
      const c64 = new Float64Array(m * n + 3);
      expect(wasmGemm(a, 0, b, 0, c64, 3, m, k, n)).toBe(true);
      for (let i = 0; i < m * n; i++)
        expect(Math.abs(c64[i + 3] - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i])));
      const a32 = Float32Array.from(a),
        b32 = Float32Array.from(b);
      const want32 = naive(a32, b32, m, k, n);
      const c32 = new Float32Array(m * n);
      expect(wasmGemm(a32, 0, b32, 0, c32, 0, m, k, n)).toBe(true);
      for (let i = 0; i < m * n; i++)
        expect(Math.abs(c32[i] - want32[i])).toBeLessThanOrEqual(
          2e-6 * Math.sqrt(k) * Math.max(1, Math.abs(want32[i])),
        );
    });
  }

  it('declines tiny products and non-float outputs (the JS loop handles them)', () => {
    expect(wasmGemm(new Float64Array(4), 0, new Float64Array(4), 0, new Float64Array(4), 0, 2, 2, 2)).toBe(false);
    expect(
      wasmGemm(new Int32Array(64 * 64), 0, new Int32Array(64 * 64), 0, new Int32Array(64 * 64), 0, 64, 64, 64),
    ).toBe(false);
  });

  it('matmul: batched, broadcast batches and mixed float32·float64 inputs agree with the loop', () => {
    const a = random.uniform([3, 20, 30], { seed: 3 }),
      b = random.uniform([30, 24], { seed: 4, dtype: 'float32' });
    const c = matmul(a, b);
    expect(c.dtype).toBe('float64');
    for (let t = 0; t < 3; t++) {
      const want = naive(a.data().subarray(t * 600, (t + 1) * 600), b.data(), 20, 30, 24);
      for (let i = 0; i < want.length; i++) expect(c.data()[t * 480 + i]).toBeCloseTo(want[i], 10);
    }
    const ints = matmul(
      reshape(
        tensor(
          Array.from({ length: 400 }, (_, i) => i % 7),
          { dtype: 'int32' },
        ),
        [20, 20],
      ),
      reshape(
        tensor(
          Array.from({ length: 400 }, (_, i) => i % 5),
          { dtype: 'int32' },
        ),
        [20, 20],
      ),
    );
    expect(ints.dtype).toBe('int32');
    expect(ints.data()[0]).toBe(
      naive(
        Array.from({ length: 400 }, (_, i) => i % 7),
        Array.from({ length: 400 }, (_, i) => i % 5),
        20,
        20,
        20,
      )[0],
    );
  });
});
