/**
 * @file Pooled storage for small tensors: kernel outputs, constants made inside rules (`full`, `zerosLike`)
 * and the tape's default seed. It lives in core (not in a backend) because core makes such tensors too and
 * core never depends on backends. `new Float64Array(100)` costs about a microsecond in V8: typed arrays
 * over 64 bytes get their own off-heap backing store, allocated and later finalised one by one, which made
 * allocation the largest cost of the tutorial's 100-point cells. Small outputs (65 B – 4 KiB) are instead
 * carved as views out of a shared 64 KiB slab, about 5× cheaper. Slabs are never reused (a slab is freed by
 * the GC once no view of it lives), so every view starts zeroed like a fresh array and tensors stay
 * immutable; the cost is that a long-lived small tensor keeps its slab (at most 64 KiB) alive.
 */
import { allocData, type DType, type TypedArray } from './dtype.js';
import { checkElements } from './shape.js';

const SLAB_BYTES = 1 << 16;
/** Above this, an array is its own allocation (the slab would be wasted); at or below 64 B V8 keeps it on-heap. */
const MAX_POOLED = 4096;
const MIN_POOLED = 65;

let slab = new ArrayBuffer(0);
let offset = 0;

/**
 * Zeroed storage for `n` elements of `dtype`, pooled when small (see the file comment). For values that live
 * briefly (op results, constants inside rules); data a user hands over uses `allocData`.
 * @example const out = allocStorage('float64', 100); // a zeroed Float64Array view of length 100
 */
export function allocStorage(dtype: DType, n: number): TypedArray {
  const es = dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4;
  const bytes = n * es;
  if (bytes < MIN_POOLED || bytes > MAX_POOLED) return allocData(dtype, n);
  if (offset + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    offset = 0;
  }
  const at = offset;
  offset = (offset + bytes + 7) & ~7; // keep every view 8-byte aligned
  switch (dtype) {
    case 'float64':
      return new Float64Array(slab, at, n);
    case 'float32':
      return new Float32Array(slab, at, n);
    case 'int32':
      return new Int32Array(slab, at, n);
    case 'bool':
      return new Uint8Array(slab, at, n);
  }
}

type NodeBuffer = { allocUnsafeSlow(bytes: number): Uint8Array };
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
/** Above this, `allocOverwritten` skips the zero fill where it can. */
const MIN_UNFILLED = 1 << 16;

/**
 * Storage for `n` elements of `dtype` that the caller overwrites in full before anything reads it (a fused
 * kernel's outputs: every element, and a sum's one slot). Large arrays skip the zero fill under Node
 * (`Buffer.allocUnsafeSlow`: a plain ArrayBuffer of its own, not zeroed): a zeroed 4 MB array is a memset of
 * memory the kernel then writes again, ~0.2 ms of a 10⁶-point float32 `jit` call (W2). Elsewhere, or small,
 * the same as `allocStorage`.
 * @example const out = allocOverwritten('float32', 1e6); kernel(1e6, [x], [out]);
 */
export function allocOverwritten(dtype: DType, n: number): TypedArray {
  const es = dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4;
  if (nodeBuffer === undefined || n * es < MIN_UNFILLED) return allocStorage(dtype, n);
  checkElements(n, 'gradtape', `a ${dtype} result`);
  const { buffer } = nodeBuffer.allocUnsafeSlow(n * es);
  switch (dtype) {
    case 'float64':
      return new Float64Array(buffer, 0, n);
    case 'float32':
      return new Float32Array(buffer, 0, n);
    case 'int32':
      return new Int32Array(buffer, 0, n);
    case 'bool':
      return new Uint8Array(buffer, 0, n);
  }
}
