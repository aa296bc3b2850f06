/**
 * @file The CPU's scatter-add (gather's adjoint) on its own: duplicates add up for numbers, and of bool the
 * result is whether any source is true, as the WebGPU kernel gives (adding into bytes stored counts: 2, 3…).
 */
import { describe, expect, it } from 'vitest';
import type { Buf } from '../backend.js';
import { allocData } from '../../core/dtype.js';
import { scatterAddKernel } from './movement.js';
import { handle } from './storage.js';

const on = (values: number[], dtype: 'float64' | 'int32' | 'bool'): Buf => {
  const a = allocData(dtype, values.length);
  a.set(values);
  return { _buf: handle(a), shape: [values.length], dtype };
};

describe('scatterAddKernel', () => {
  it('adds duplicates of numbers', () => {
    expect(Array.from(scatterAddKernel(on([1, 2, 4, 8], 'float64'), Int32Array.of(0, 1, 0, 0), 0, [3]))).toEqual([
      13, 2, 0,
    ]);
    expect(Array.from(scatterAddKernel(on([1, 2, 4, 8], 'int32'), Int32Array.of(2, 2, 2, 0), 0, [3]))).toEqual([
      8, 0, 7,
    ]);
  });

  it('of bool, is whether any source is true', () => {
    const got = scatterAddKernel(on([1, 1, 1, 0], 'bool'), Int32Array.of(0, 0, 0, 2), 0, [3]);
    expect(Array.from(got)).toEqual([1, 0, 0]);
  });
});
