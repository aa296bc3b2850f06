/// <reference types="@webgpu/types" />
/**
 * @file For the kernels' tests only (nothing else imports it): the same data as a GPU input and as a CPU kernel
 * input, reading a GPU result back as the CPU's typed array, and seeded random values.
 */
import type { TypedArray } from '../../src/core/dtype.js';
import type { Buf } from '../../src/backends/backend.js';
import { handle } from '../../src/backends/cpu/storage.js';
import type { GpuInput, Runner } from '../../src/backends/webgpu/runner.js';
import type { GpuDType } from '../../src/backends/webgpu/kernels/common.js';

/** A small deterministic generator (mulberry32), so a failing case can be rerun. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` random values of `dtype`: floats in [-2, 2), ints in [-5, 5), bools 0/1. */
export function randomValues(rand: () => number, n: number, dtype: GpuDType): number[] {
  return Array.from({ length: n }, () =>
    dtype === 'float32' ? rand() * 4 - 2 : dtype === 'int32' ? Math.floor(rand() * 10) - 5 : rand() < 0.5 ? 0 : 1,
  );
}

/** The CPU's storage of `dtype` (bool is bytes). */
export function cpuArray(values: ArrayLike<number>, dtype: GpuDType): TypedArray {
  return dtype === 'float32'
    ? Float32Array.from(values)
    : dtype === 'int32'
      ? Int32Array.from(values)
      : Uint8Array.from(values);
}

/** The same values as a GPU input and as a CPU kernel input. */
export function both(
  r: Runner,
  values: ArrayLike<number>,
  shape: number[],
  dtype: GpuDType,
): { gpu: GpuInput; cpu: Buf } {
  const host =
    dtype === 'float32'
      ? Float32Array.from(values)
      : dtype === 'int32'
        ? Int32Array.from(values)
        : Uint32Array.from(values);
  return {
    gpu: { buffer: r.upload(host), shape, dtype },
    cpu: { _buf: handle(cpuArray(values, dtype)), shape, dtype },
  };
}

/** Reads `n` elements of `dtype` back, as the CPU would hold them. */
export async function readBack(r: Runner, b: GPUBuffer, n: number, dtype: GpuDType): Promise<TypedArray> {
  const bytes = await r.read(b, n * 4);
  if (dtype === 'float32') return new Float32Array(bytes);
  if (dtype === 'int32') return new Int32Array(bytes);
  return Uint8Array.from(new Uint32Array(bytes));
}

/** Elementwise closeness (NaN equals NaN), with the first mismatch named for the failure message. */
export function mismatch(got: ArrayLike<number>, want: ArrayLike<number>, rtol = 0, atol = 0): string | null {
  if (got.length !== want.length) return `length ${got.length}, expected ${want.length}`;
  for (let i = 0; i < want.length; i++) {
    const g = got[i],
      w = want[i];
    if (Number.isNaN(w) ? !Number.isNaN(g) : !(Math.abs(g - w) <= atol + rtol * Math.abs(w) || g === w))
      return `element ${i}: got ${g}, expected ${w}`;
  }
  return null;
}
