/** @file The CPU's fused kernels: the IR lowered by `lower.ts` (JavaScript or WebAssembly SIMD), over typed arrays. */
import type { TypedArray } from '../../core/dtype.js';
import type { Handle } from '../../core/device.js';
import { allocOverwritten } from '../../core/storage.js';
import type { KernelSpec } from '../../ir/kernel.js';
import type { FusedKernel } from '../backend.js';
import { describeKernel, lowerKernel } from './lower.js';
import { arr, handle } from './storage.js';

/** See `Backend.compile`. @example compileFused(spec).run(n, [x], [{ dtype: 'float64', size: n }]) */
export function compileFused(spec: KernelSpec): FusedKernel {
  const kernel = lowerKernel(spec);
  return {
    source: describeKernel(spec),
    run(n, ins, outs) {
      const inArrays = new Array<TypedArray>(ins.length);
      for (let k = 0; k < ins.length; k++) inArrays[k] = arr(ins[k]);
      const outArrays = new Array<TypedArray>(outs.length);
      for (let k = 0; k < outs.length; k++) outArrays[k] = allocOverwritten(outs[k].dtype, outs[k].size);
      kernel(n, inArrays, outArrays);
      const handles = new Array<Handle>(outs.length);
      for (let k = 0; k < outs.length; k++) handles[k] = handle(outArrays[k]);
      return handles;
    },
  };
}
