/// <reference types="@webgpu/types" />
/**
 * @file Dtype conversion: the IR's `cast` (wgsl.ts), with the CPU's rules — to bool is "not zero" (NaN is true),
 * float32 → int32 truncates toward zero and, like a store into an Int32Array, wraps modulo 2³² with NaN and
 * ±Infinity giving 0, int32 → float32 rounds to the nearest float32. One lowering serves this kernel and the casts
 * inside fused `jit` kernels.
 */
import { cast, input } from '../../../ir/exp.js';
import { sizeOf } from '../../../core/shape.js';
import { elementwiseProgram } from '../elementwise.js';
import type { GpuInput, Runner } from '../runner.js';
import { emptyOutput, type GpuDType } from './common.js';

const DTYPES: readonly GpuDType[] = ['float32', 'int32', 'bool'];

/**
 * x converted to `dtype` (a new buffer even when the dtype is the same).
 * @example castGpu(r, x, 'int32') // [-1.5, 2.7, NaN] → [-1, 2, 0]
 */
export function castGpu(r: Runner, x: GpuInput, dtype: 'float32' | 'int32' | 'bool'): GPUBuffer {
  if (!DTYPES.includes(dtype))
    throw new Error(`castGpu: dtype must be one of ${DTYPES.join(', ')}; got ${JSON.stringify(dtype)}`);
  const n = sizeOf(x.shape);
  if (n === 0) return emptyOutput(r);
  const program = elementwiseProgram(
    `cast:${x.dtype}:${dtype}`,
    () => [cast(input(0, x.dtype), dtype)],
    [dtype],
    [x],
    x.shape,
  );
  const out = r.buffer(n * 4);
  r.run(program, [x.buffer], [out]);
  return out;
}
