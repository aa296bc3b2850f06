/**
 * @file Pooled storage for small tensors: kernel outputs, constants made inside rules (`full`, `zerosLike`)
 * and the tape's default seed. It lives in core (not in a backend) because core makes such tensors too and
 * core never depends on backends. `new Float64Array(100)` costs about a microsecond in V8: typed arrays
 * over 64 bytes get their own off-heap backing store, allocated and later finalised one by one, which made
 * allocation the largest cost of the tutorial's 100-point cells. Small outputs (65 B – 4 KiB) are instead
 * carved as views out of a shared 64 KiB slab, about 5× cheaper. Slabs are never reused (a slab is freed by
 * the GC once no view of it lives), so tensors stay immutable; the cost is that a long-lived small tensor keeps
 * its slab (at most 64 KiB) alive.
 *
 * Two slabs: a zeroed one (`new ArrayBuffer`) for storage that starts as zeros, and, under Node, one that is not
 * zeroed (`Buffer.allocUnsafeSlow`) for outputs a kernel writes in full (`allocOverwritten`). Zeroing a slab cost
 * about 4 µs, a tenth of the tutorial's first cell once spread over the views carved from it.
 */
import { allocData, type DType, type TypedArray } from './dtype.js';
import { checkElements } from './shape.js';

const SLAB_BYTES = 1 << 16;
/** Above this, an array is its own allocation (the slab would be wasted); at or below 64 B V8 keeps it on-heap. */
const MAX_POOLED = 4096;
const MIN_POOLED = 65;

type NodeBuffer = { allocUnsafeSlow(bytes: number): Uint8Array };
const nodeBuffer = (globalThis as { Buffer?: NodeBuffer }).Buffer;
/**
 * The test suite sets GRADTAPE_POISON=1: storage that is not zeroed then starts as 0xFF bytes (NaN, -1, 255), so a
 * kernel that leaves an element of such an output unwritten fails the tests instead of passing on lucky zeros.
 * Read on the first such slab, not at import (Deno asks for env access), and never fatal.
 */
let poison: boolean | undefined;
function poisoned(): boolean {
  try {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
    return env?.GRADTAPE_POISON === '1';
  } catch {
    return false;
  }
}

/** An ArrayBuffer whose bytes are not zeroed where the platform can give one (Node), else a zeroed one. */
function unfilled(bytes: number): ArrayBuffer {
  if (nodeBuffer === undefined) return new ArrayBuffer(bytes);
  const b = nodeBuffer.allocUnsafeSlow(bytes);
  if ((poison ??= poisoned())) b.fill(0xff);
  return b.buffer as ArrayBuffer;
}

/** A slab, how much of it is carved, and where its successor comes from. */
interface Slab {
  buffer: ArrayBuffer;
  offset: number;
  readonly fresh: () => ArrayBuffer;
}
const zeroed: Slab = { buffer: new ArrayBuffer(0), offset: 0, fresh: () => new ArrayBuffer(SLAB_BYTES) },
  dirty: Slab = { buffer: new ArrayBuffer(0), offset: 0, fresh: () => unfilled(SLAB_BYTES) };

/**
 * Zeroed storage for `n` elements of `dtype`, pooled when small (see the file comment). For values that live
 * briefly (op results, constants inside rules); data a user hands over uses `allocData`.
 * @example const out = allocStorage('float64', 100); // a zeroed Float64Array view of length 100
 */
export function allocStorage(dtype: DType, n: number): TypedArray {
  const bytes = n * bytesOf(dtype);
  if (bytes < MIN_POOLED || bytes > MAX_POOLED) return allocData(dtype, n);
  return carve(zeroed, dtype, n, bytes);
}

/** Above this, `allocOverwritten` gives an array of its own, not zeroed where it can. */
const MIN_UNFILLED = 1 << 16;

/**
 * Storage for `n` elements of `dtype` that the caller overwrites in full before anything reads it (an
 * elementwise kernel's output; a fused kernel's outputs: every element, and a sum's one slot). Under Node it is
 * not zeroed: small arrays are carved from the slab that is not zeroed, large ones are a plain ArrayBuffer of
 * their own (`Buffer.allocUnsafeSlow`) — a zeroed 4 MB array is a memset of memory the kernel then writes again,
 * ~0.2 ms of a 10⁶-point float32 `jit` call (W2). Elsewhere, the same as `allocStorage`.
 * @example const out = allocOverwritten('float32', 1e6); kernel(1e6, [x], [out]);
 */
export function allocOverwritten(dtype: DType, n: number): TypedArray {
  const bytes = n * bytesOf(dtype);
  if (nodeBuffer === undefined) return allocStorage(dtype, n);
  if (bytes < MIN_POOLED || (bytes > MAX_POOLED && bytes < MIN_UNFILLED)) return allocData(dtype, n);
  if (bytes <= MAX_POOLED) return carve(dirty, dtype, n, bytes);
  checkElements(n, 'gradtape', `a ${dtype} result`);
  return view(unfilled(bytes), 0, dtype, n);
}

const bytesOf = (dtype: DType): number => (dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4);

/** The next `bytes` of `slab` as a view, starting a new slab when they do not fit. */
function carve(slab: Slab, dtype: DType, n: number, bytes: number): TypedArray {
  if (slab.offset + bytes > slab.buffer.byteLength) {
    slab.buffer = slab.fresh();
    slab.offset = 0;
  }
  const at = slab.offset;
  slab.offset = (at + bytes + 7) & ~7; // keep every view 8-byte aligned
  return view(slab.buffer, at, dtype, n);
}

/** The `n` elements of `dtype` at byte `at` of `buffer`, as the typed array of that dtype. */
function view(buffer: ArrayBuffer, at: number, dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float64':
      return new Float64Array(buffer, at, n);
    case 'float32':
      return new Float32Array(buffer, at, n);
    case 'int32':
      return new Int32Array(buffer, at, n);
    case 'bool':
      return new Uint8Array(buffer, at, n);
  }
}
