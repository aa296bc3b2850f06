/**
 * @file What a backend lowers: a kernel spec (the IR of one elementwise loop) and the kernel it compiles to.
 * Shared by every lowering (JavaScript, WebAssembly SIMD, WGSL) so they take exactly the same input.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import type { Exp } from './exp.js';

/**
 * One elementwise loop over `n` elements. `inputs[k]` is the dtype of the k-th input array, which has length
 * n, or 1 (a scalar broadcast to every element; known only when the kernel runs). Each output is an IR
 * expression of the inputs; its array has the expression's dtype. `sum: true` makes the output a full-sum
 * reduction: the values are accumulated in float64 over the loop and written to `outs[k][0]` (rounded to the
 * output's dtype by the store). `fastMath`: float32 nodes may be computed in double precision (one rounding,
 * at the store) and with the fast float32 approximations of exp/sin/cos; a lowering may ignore it.
 */
export interface KernelSpec {
  inputs: DType[];
  outputs: Array<{ exp: Exp; sum?: boolean }>;
  fastMath?: boolean;
}

/** A compiled loop: reads `ins` (length n or 1 each), writes `outs` (allocated by the caller). */
export type Kernel = (n: number, ins: TypedArray[], outs: TypedArray[]) => void;
