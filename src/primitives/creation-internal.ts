/** @file Constant tensors used inside rules (never recorded: constants carry no gradient). */
import { allocData, type DType } from '../core/dtype.js';
import { currentDevice, defaultFloat } from '../core/device.js';
import { Tensor, fromHost } from '../core/tensor.js';
import { sizeOf } from '../core/shape.js';

/** A tensor of `shape` filled with `v` (the CPU pools small ones: a fresh 100-element array costs ~1 µs). */
export function full(shape: number[], v: number, dtype: DType = defaultFloat()): Tensor {
  const dev = currentDevice();
  return new Tensor(dev.full(v, dtype, sizeOf(shape)), shape, dtype, dev);
}

/**
 * Ones where `isOne(i)` holds for the flat index i, zeros elsewhere: the one-hot seeds of Jacobian rows.
 * @example indicator([3], 'float64', (i) => i === 1) // → [0, 1, 0]
 */
export function indicator(shape: number[], dtype: DType, isOne: (i: number) => boolean): Tensor {
  const n = sizeOf(shape);
  const data = allocData(dtype, n);
  for (let i = 0; i < n; i++) if (isOne(i)) data[i] = 1;
  return fromHost(data, shape, dtype);
}

/** Zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Tensor, dtype: DType = x.dtype): Tensor => full(x.shape, 0, dtype);
/** Ones with the shape and dtype of `x`. */
export const onesLike = (x: Tensor, dtype: DType = x.dtype): Tensor => full(x.shape, 1, dtype);
