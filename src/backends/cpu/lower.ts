/**
 * @file The CPU backend's one choice of lowering for a kernel spec (a fused `jit` loop): every caller that
 * wants an elementwise loop compiled from IR comes through `lowerKernel`, so the choice lives here and nowhere
 * else. (The eager kernels, elementwise.ts and unary-grad.ts, put the JavaScript lowering's element code into
 * their own unrolled loops: on the tutorial's 100-element arrays their per-call cost matters more than
 * throughput.)
 *
 * The choice, per kernel and per call: the WebAssembly SIMD lowering (wasm/lower.ts) for long arrays when every
 * node of the kernel is one it vectorises, the JavaScript lowering otherwise. Measured on W2 (value and gradient
 * of sum(5 sin 2x + x²), 10⁶ points; bench/wasm-lowering.ts): WebAssembly takes about a tenth of the
 * JavaScript loop's time in float32 and two fifths in float64; below a few thousand elements its per-call copies
 * into its memory cost more than they save, and ops it computes per lane through JavaScript (pow, atan2, erf,
 * int32 products, …) gain nothing.
 */
import type { Kernel, KernelSpec } from '../../ir/kernel.js';
import { topoSort } from '../../ir/exp.js';
import { kernelSource, lowerToJs } from './lower-js.js';
import { lowerToWasm } from './wasm/lower.js';

export type { Kernel, KernelSpec };

/** Arrays shorter than this run the JavaScript kernel. */
export const WASM_MIN_LENGTH = 4096;

/** The IR ops the WebAssembly lowering computes in SIMD lanes (float and bool dtypes). */
const VECTORISED: ReadonlySet<string> = new Set(
  (
    'const input where cast neg abs sign floor ceil roundEven sqrt exp expm1 log sin cos tanh isnan not ' +
    'add sub mul div max min lt le eq ne and or'
  ).split(' '),
);

/** Whether every node of `spec` is one the WebAssembly lowering computes in SIMD lanes. */
export const vectorised = (spec: KernelSpec): boolean =>
  spec.inputs.every((d) => d !== 'int32') &&
  topoSort(spec.outputs.map((o) => o.exp)).every((e) => VECTORISED.has(e.op) && e.dtype !== 'int32');

/**
 * The kernel computing `spec` (see the file comment for which lowering runs).
 * @example lowerKernel({ inputs: ['float64'], outputs: [{ exp: unary('sin', input(0)) }] })(n, [x], [out])
 */
export function lowerKernel(spec: KernelSpec): Kernel {
  const js = lowerToJs(spec);
  const wasm = vectorised(spec) ? lowerToWasm(spec) : null;
  if (wasm === null) return js;
  return (n, ins, outs) => (n >= WASM_MIN_LENGTH ? wasm(n, ins, outs) : js(n, ins, outs));
}

/** What `lowerKernel` compiles for `spec`, as readable text (the JavaScript lowering's source), for `jit`'s `inspect`. */
export const describeKernel = (spec: KernelSpec): string => kernelSource(spec);
