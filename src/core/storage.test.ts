import { describe, expect, it } from 'vitest';
import { allocOverwritten, allocStorage } from './storage.js';

const types = { float64: Float64Array, float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;
const dtypes = Object.entries(types) as [keyof typeof types, (typeof types)[keyof typeof types]][];

describe('allocOverwritten', () => {
  it('gives typed arrays of the dtype and length asked: small ones carved from a slab, large ones their own', () => {
    for (const [dtype, T] of dtypes) {
      for (const n of [0, 1, 100, 1000, 100_000, 300_001]) {
        const a = allocOverwritten(dtype, n);
        expect(a).toBeInstanceOf(T);
        expect(a.length).toBe(n);
        const bytes = n * a.BYTES_PER_ELEMENT;
        if (bytes >= 1 << 16) {
          // an ArrayBuffer of its own, exactly this long (never a view into a shared pool)
          expect(a.byteOffset).toBe(0);
          expect(a.buffer.byteLength).toBe(bytes);
        } else if (bytes > 64 && bytes <= 4096) {
          expect(a.buffer.byteLength).toBe(1 << 16);
          expect(a.byteOffset % 8).toBe(0);
        }
        a.fill(1);
        expect(a[n - 1] ?? 1).toBe(1);
      }
    }
  });

  it('never hands out the same bytes twice, and starts them poisoned under the test suite (not zeroed)', () => {
    expect(process.env.GRADTAPE_POISON).toBe('1');
    const views = Array.from({ length: 200 }, () => allocOverwritten('float64', 100));
    for (const v of views) expect(Number.isNaN(v[0]) && Number.isNaN(v[99])).toBe(true);
    views.forEach((v, i) => v.fill(i));
    views.forEach((v, i) => expect(v.every((x) => x === i)).toBe(true));
  });
});

describe('allocStorage', () => {
  it('is zeroed at every size, pooled or not', () => {
    for (const [dtype] of dtypes)
      for (const n of [1, 100, 1000, 5000]) expect(allocStorage(dtype, n).every((v) => v === 0)).toBe(true);
  });
});
