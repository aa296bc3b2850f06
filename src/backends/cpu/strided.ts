/** @file One strided copy that every movement kernel (transpose, broadcast, slice, pad, concat) reduces to. */
import type { TypedArray } from '../../core/dtype.js';

/**
 * Copies an n-d block of extent `shape` from `src` (starting at `srcOff`, walking `srcStrides`) into `dst`
 * (starting at `dstOff`, walking `dstStrides`). Zero strides broadcast.
 */
export function copyStrided(
  src: TypedArray,
  srcOff: number,
  srcStrides: number[],
  dst: TypedArray,
  dstOff: number,
  dstStrides: number[],
  shape: number[],
): void {
  const r = shape.length;
  let n = 1;
  for (let i = 0; i < r; i++) n *= shape[i];
  if (n === 0) return;
  if (r === 0) {
    dst[dstOff] = src[srcOff];
    return;
  }
  const inner = shape[r - 1],
    si = srcStrides[r - 1],
    di = dstStrides[r - 1];
  const idx = new Int32Array(r);
  let s = srcOff,
    d = dstOff;
  for (let done = 0; done < n; done += inner) {
    if (si === 1 && di === 1) for (let j = 0; j < inner; j++) dst[d + j] = src[s + j];
    else for (let j = 0; j < inner; j++) dst[d + j * di] = src[s + j * si];
    for (let k = r - 2; k >= 0; k--) {
      idx[k]++;
      s += srcStrides[k];
      d += dstStrides[k];
      if (idx[k] < shape[k]) break;
      s -= srcStrides[k] * shape[k];
      d -= dstStrides[k] * shape[k];
      idx[k] = 0;
    }
  }
}
