/**
 * @file What every op does with its arguments: core's conversion (numbers, nested arrays, typed arrays, tensors,
 * Variables), plus arrays of tensors stacked differentiably, like `tf.convert_to_tensor([x, y])`, so gradients
 * flow back to each part (core's copy has no gradient link and would silently give null gradients). Stacking is
 * made of primitives, so it lives here rather than in core.
 */
import {
  toTensor as convert,
  operand as convertOperand,
  holdsTensors,
  type Tensor,
  type TensorLike,
} from '../core/tensor.js';
import type { DType } from '../core/dtype.js';
import { fmtShape, sameShape } from '../core/shape.js';
import { stackTensors } from './stack.js';

/** Converts anything tensor-like to a Tensor (see core's `toTensor`); arrays of tensors are stacked. */
export function toTensor(x: TensorLike, fn = 'tensor', arg = 'x', dtype?: DType): Tensor {
  if (dtype === undefined && Array.isArray(x) && holdsTensors(x)) return stackNested(x, fn, arg);
  return convert(x, fn, arg, dtype);
}

/** core's `operand` (shared weak scalars for numbers), with arrays of tensors stacked. */
export function operand(x: TensorLike, fn: string, arg: string): Tensor {
  return Array.isArray(x) ? toTensor(x, fn, arg) : convertOperand(x, fn, arg);
}

function stackNested(x: readonly unknown[], fn: string, arg: string): Tensor {
  const parts = x.map((e, i) => toTensor(e as TensorLike, fn, `${arg}[${i}]`));
  const inner = parts[0].shape;
  for (const p of parts) {
    if (!sameShape(p.shape, inner))
      throw new Error(`${fn}: argument '${arg}' mixes tensors of shapes ${fmtShape(inner)} and ${fmtShape(p.shape)}`);
  }
  return stackTensors(parts, 0, 'tensor');
}
