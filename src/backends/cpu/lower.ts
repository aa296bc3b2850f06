/**
 * @file The CPU backend's one choice of lowering for a kernel spec (a fused `jit` loop): every caller that
 * wants an elementwise loop compiled from IR comes through `lowerKernel`, so a faster lowering slots in here
 * and nowhere else. (The eager kernels, elementwise.ts and unary-grad.ts, put the JavaScript lowering's element
 * code into their own unrolled loops: on the tutorial's 100-element arrays their per-call cost matters more than
 * throughput. A large-array eager path would come through here too.)
 */
import type { Kernel, KernelSpec } from '../../ir/kernel.js';
import { kernelSource, lowerToJs } from './lower-js.js';

export type { Kernel, KernelSpec };

/**
 * The kernel computing `spec`: the JavaScript lowering (per-spec loops V8 compiles; see lower-js.ts).
 * @example lowerKernel({ inputs: ['float64'], outputs: [{ exp: unary('sin', input(0)) }] })(n, [x], [out])
 */
export function lowerKernel(spec: KernelSpec): Kernel {
  // The WebAssembly SIMD lowering goes here: `lowerToWasm(spec)` from ./wasm/lower.ts returns a Kernel, or
  // null where it does not support the spec (or measures slower); fall back to JavaScript on null.
  return lowerToJs(spec);
}

/** What `lowerKernel` compiles for `spec`, as readable text (the JavaScript lowering's source), for `jit`'s `inspect`. */
export const describeKernel = (spec: KernelSpec): string => kernelSource(spec);
