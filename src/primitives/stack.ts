/** @file Stacking tensors along a new axis: the tape's Jacobians, the `stack` op and nested tensor arrays. */
import type { Tensor } from '../core/tensor.js';
import { normalizeAxis, fmtShape, sameShape } from '../core/shape.js';
import { concat, reshape } from './shape-ops.js';

/** Stacks same-shaped tensors along a new `axis`; differentiable. */
export function stackTensors(ts: Tensor[], axis = 0, fn = 'stack'): Tensor {
  if (ts.length === 0) throw new Error(`${fn}: needs at least one tensor`);
  const shape = ts[0].shape;
  ts.forEach((t, i) => {
    if (!sameShape(t.shape, shape))
      throw new Error(
        `${fn}: all tensors must have the same shape; xs[0] is ${fmtShape(shape)}, xs[${i}] is ${fmtShape(t.shape)}`,
      );
  });
  const ax = normalizeAxis(axis, shape.length + 1, fn);
  const expanded = [...shape.slice(0, ax), 1, ...shape.slice(ax)];
  return concat(
    ts.map((t) => reshape(t, expanded)),
    ax,
  );
}
