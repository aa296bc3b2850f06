/** @file Constant tensors used inside rules (never recorded: constants carry no gradient). */
import type { DType } from '../core/dtype.js';
import { allocStorage } from '../core/storage.js';
import { Tensor } from '../core/tensor.js';
import { sizeOf } from '../core/shape.js';

/** A tensor of `shape` filled with `v`, in pooled storage (a fresh 100-element array costs ~1 µs). */
export function full(shape: number[], v: number, dtype: DType = 'float64'): Tensor {
  const data = allocStorage(dtype, sizeOf(shape));
  if (v !== 0) data.fill(v);
  return new Tensor(data, shape, dtype);
}

/** Zeros with the shape and dtype of `x`. */
export const zerosLike = (x: Tensor, dtype: DType = x.dtype): Tensor => full(x.shape, 0, dtype);
/** Ones with the shape and dtype of `x`. */
export const onesLike = (x: Tensor, dtype: DType = x.dtype): Tensor => full(x.shape, 1, dtype);
