/** @file stack: joins same-shaped tensors along a new axis. */
import type { Tensor, TensorLike } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { stackTensors } from '../primitives/stack.js';

/** Joins same-shaped tensors along a new `axis`. @example stack([[1, 2], [3, 4]], 1) // → [[1, 3], [2, 4]] */
export function stack(xs: readonly TensorLike[], axis = 0): Tensor {
  if (!Array.isArray(xs)) throw new TypeError('stack: xs must be an array of tensors');
  return stackTensors(
    xs.map((x, i) => toTensor(x, 'stack', `xs[${i}]`)),
    axis,
  );
}
