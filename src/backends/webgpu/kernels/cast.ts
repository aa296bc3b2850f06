/// <reference types="@webgpu/types" />
/**
 * @file Dtype conversion with the CPU's rules (core/dtype.ts convertInto): to bool is "not zero" (NaN is true),
 * float32 → int32 truncates toward zero and, like a store into an Int32Array, wraps modulo 2³² with NaN and
 * ±Infinity giving 0 (WGSL's own conversion saturates instead, so it is done on the bits), int32 → float32
 * rounds to the nearest float32.
 */
import { FLAT_INDEX, type GpuInput, type Runner, workgroupsFor } from '../runner.js';
import { emptyOutput, type GpuDType, MAIN_1D, wgslType } from './common.js';

const DTYPES: readonly GpuDType[] = ['float32', 'int32', 'bool'];

/** WGSL: float32 to int32 as JavaScript's ToInt32 of the truncated value. */
const TO_I32 = `fn toI32(v: f32) -> i32 {
  let bits = bitcast<u32>(v);
  let e = (bits >> 23u) & 0xffu;
  if (e < 158u) { return i32(v); } // |v| < 2^31: in range, the conversion truncates
  if (e == 255u) { return 0; } // NaN, ±Infinity
  // |v| = mantissa · 2^(e - 150), an integer: keep its low 32 bits, then the sign
  let mag = select(0u, ((bits & 0x7fffffu) | 0x800000u) << (e - 150u), e - 150u < 32u);
  return bitcast<i32>(select(mag, 0u - mag, (bits >> 31u) != 0u));
}`;

/** WGSL converting `v` (of `from`) to `to`, and any helper function it needs. */
function conversion(from: GpuDType, to: GpuDType): { fn: string; expr: string } {
  if (from === to) return { fn: '', expr: 'v' };
  if (to === 'bool')
    return { fn: '', expr: from === 'float32' ? 'u32((bitcast<u32>(v) & 0x7fffffffu) != 0u)' : 'u32(v != 0)' };
  if (to === 'int32') return from === 'float32' ? { fn: TO_I32, expr: 'toI32(v)' } : { fn: '', expr: 'i32(v)' };
  return { fn: '', expr: 'f32(v)' };
}

/**
 * x converted to `dtype` (a new buffer even when the dtype is the same).
 * @example castGpu(r, x, 'int32') // [-1.5, 2.7, NaN] → [-1, 2, 0]
 */
export function castGpu(r: Runner, x: GpuInput, dtype: 'float32' | 'int32' | 'bool'): GPUBuffer {
  if (!DTYPES.includes(dtype))
    throw new Error(`castGpu: dtype must be one of ${DTYPES.join(', ')}; got ${JSON.stringify(dtype)}`);
  const n = x.shape.reduce((a, b) => a * b, 1);
  if (n === 0) return emptyOutput(r);
  const { fn, expr } = conversion(x.dtype, dtype);
  const code = `@group(0) @binding(0) var<storage, read> x: array<${wgslType(x.dtype)}>;
@group(0) @binding(1) var<storage, read_write> y: array<${wgslType(dtype)}>;
@group(0) @binding(2) var<uniform> n: u32;
${fn}
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= n) { return; }
  let v = x[i];
  y[i] = ${expr};
}`;
  const out = r.buffer(n * 4);
  r.run({ code, workgroups: workgroupsFor(n), uniforms: Uint32Array.of(n) }, [x.buffer], [out]);
  return out;
}
