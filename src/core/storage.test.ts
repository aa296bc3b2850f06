import { describe, expect, it } from 'vitest';
import { allocOverwritten } from './storage.js';

describe('allocOverwritten', () => {
  it('gives typed arrays of the dtype and length asked, small ones pooled like allocStorage, large ones their own', () => {
    const types = { float64: Float64Array, float32: Float32Array, int32: Int32Array, bool: Uint8Array } as const;
    for (const [dtype, T] of Object.entries(types) as [keyof typeof types, (typeof types)[keyof typeof types]][]) {
      for (const n of [0, 1, 100, 1000, 100_000, 300_001]) {
        const a = allocOverwritten(dtype, n);
        expect(a).toBeInstanceOf(T);
        expect(a.length).toBe(n);
        if (n * a.BYTES_PER_ELEMENT >= 1 << 16) {
          // an ArrayBuffer of its own, exactly this long (never a view into a shared pool)
          expect(a.byteOffset).toBe(0);
          expect(a.buffer.byteLength).toBe(n * a.BYTES_PER_ELEMENT);
        } else expect(a.every((v) => v === 0)).toBe(true); // small: allocStorage's zeroed storage
        a.fill(1);
        expect(a[n - 1] ?? 1).toBe(1);
      }
    }
  });
});
