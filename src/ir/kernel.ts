/**
 * @file The contract between a fused elementwise kernel's IR and the code a backend lowers it to: which inputs
 * it reads, which outputs it writes (elementwise, or a full sum), and the signature of the compiled kernel.
 * Every CPU lowering (JavaScript, WebAssembly SIMD) takes a `KernelSpec` and returns a `Kernel`.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import type { Exp } from './exp.js';

/**
 * A fused kernel: `inputs[k]` is the dtype of input k (an `input(k)` node reads it); each output is an
 * expression over them, written elementwise, or, with `sum`, reduced to one value by a full sum.
 */
export interface KernelSpec {
  inputs: DType[];
  outputs: Array<{ exp: Exp; sum?: boolean }>;
  /**
   * Float32 fast math allowed: float32 nodes may be computed in double precision (rounded once, when stored)
   * and with fast float32 approximations of exp/sin/cos (`jit`'s default). A lowering may ignore it.
   */
  fastMath?: boolean;
}

/**
 * A compiled kernel. Each input array has length `n`, or 1 (a scalar broadcast to every element); a `sum`
 * output is accumulated over the whole loop and written to `outs[k][0]`; every other output is an array of
 * length `n` of its expression's dtype.
 */
export type Kernel = (n: number, ins: TypedArray[], outs: TypedArray[]) => void;
