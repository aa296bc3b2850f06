/**
 * @file Batched matrix product: the WebAssembly SIMD kernel (backends/wasm) for float32/float64 matrices
 * large enough to pay for the copies, else cache-blocked i-k-j JavaScript loops over contiguous rows.
 */
import { allocData, type DType, type TypedArray } from '../../core/dtype.js';
import type { Buf } from '../backend.js';
import { arr } from './storage.js';
import { broadcastStrides } from '../../core/shape.js';
import { wasmGemm } from '../wasm/gemm.js';

const BLOCK_K = 128;
const BLOCK_J = 256;

/** a: [...batchA, m, k], b: [...batchB, k, n] → [...batch, m, n]. */
export function matmulKernel(a: Buf, b: Buf, outShape: number[], outDtype: DType): TypedArray {
  const r = outShape.length;
  const m = outShape[r - 2],
    n = outShape[r - 1];
  const k = a.shape[a.shape.length - 1];
  const batchShape = outShape.slice(0, r - 2);
  let batch = 1;
  for (const d of batchShape) batch *= d;
  const sa = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * m * k);
  const sb = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * k * n);
  const out = allocData(outDtype, batch * m * n);
  const acc = outDtype === 'float64' ? (out as Float64Array) : new Float64Array(m * n);
  const idx = new Array<number>(batchShape.length).fill(0);
  for (let t = 0; t < batch; t++) {
    let offA = 0,
      offB = 0;
    for (let d = 0; d < idx.length; d++) {
      offA += idx[d] * sa[d];
      offB += idx[d] * sb[d];
    }
    if (wasmGemm(arr(a), offA, arr(b), offB, out, t * m * n, m, k, n)) {
      for (let d = idx.length - 1; d >= 0; d--) {
        if (++idx[d] < batchShape[d]) break;
        idx[d] = 0;
      }
      continue;
    }
    const base = outDtype === 'float64' ? t * m * n : 0;
    if (outDtype !== 'float64') acc.fill(0);
    gemm(arr(a), offA, arr(b), offB, acc, base, m, k, n);
    if (outDtype === 'bool') {
      for (let i = 0, o = t * m * n; i < m * n; i++) out[o + i] = acc[i] !== 0 ? 1 : 0;
    } // logical product (numpy)
    else if (outDtype !== 'float64') (out as any).set(acc, t * m * n);
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d] < batchShape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** C[base + i*n + j] += Σ_p A[i, p] B[p, j], blocked over p and j so rows of B stay in cache. */
function gemm(
  A: TypedArray,
  oa: number,
  B: TypedArray,
  ob: number,
  C: Float64Array,
  oc: number,
  m: number,
  k: number,
  n: number,
): void {
  for (let p0 = 0; p0 < k; p0 += BLOCK_K) {
    const p1 = Math.min(k, p0 + BLOCK_K);
    for (let j0 = 0; j0 < n; j0 += BLOCK_J) {
      const j1 = Math.min(n, j0 + BLOCK_J);
      for (let i = 0; i < m; i++) {
        const ci = oc + i * n,
          ai = oa + i * k;
        let p = p0;
        // two rows of B at a time halves the passes over C's row
        for (; p + 1 < p1; p += 2) {
          const a0 = A[ai + p],
            a1 = A[ai + p + 1];
          const b0 = ob + p * n,
            b1 = b0 + n;
          for (let j = j0; j < j1; j++) C[ci + j] += a0 * B[b0 + j] + a1 * B[b1 + j];
        }
        if (p < p1) {
          const a0 = A[ai + p],
            b0 = ob + p * n;
          for (let j = j0; j < j1; j++) C[ci + j] += a0 * B[b0 + j];
        }
      }
    }
  }
}
