/** @file matmul: batched matrix product. VJP: dA = G·Bᵀ, dB = Aᵀ·G, summed over broadcast batch dims. */
import { bind } from '../core/engine.js';
import { promote } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { toTensor } from './convert.js';
import { broadcastShapes, checkElements, fmtShape, sizeOf } from '../core/shape.js';
import { backend } from '../backends/backend.js';
import { transpose, sumToShape, reshape, cast } from './shape-ops.js';
import { add } from './binary.js';

const swapLast = (t: Tensor): Tensor => {
  const p = t.shape.map((_, i) => i);
  [p[t.rank - 2], p[t.rank - 1]] = [p[t.rank - 1], p[t.rank - 2]];
  return transpose(t, p);
};

const matmulDef: PrimitiveDef = {
  name: 'matmul',
  impl([a, b]) {
    const batch = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), 'matmul');
    const shape = [...batch, a.shape[a.rank - 2], b.shape[b.rank - 1]];
    const dtype = promote(a.dtype, b.dtype);
    return new Tensor(backend().matmul(a, b, shape, dtype), shape, dtype);
  },
  vjp(g, [a, b], _o, _p, needs) {
    return [
      needs[0] ? sumToShape(matmul2(g, swapLast(b)), a.shape) : null,
      needs[1] ? sumToShape(matmul2(swapLast(a), g), b.shape) : null,
    ];
  },
  jvp([da, db], [a, b]) {
    const x = da ? matmul2(da, b) : null;
    const y = db ? matmul2(a, db) : null;
    return x && y ? add(x, y) : (x ?? y);
  },
};

const matmul2 = (a: Tensor, b: Tensor): Tensor => bind(matmulDef, [a, b], undefined);

/**
 * Matrix product with numpy semantics: 1-D operands are promoted to a row/column and the extra dim removed,
 * leading dims broadcast as batches.
 * @example matmul([[1, 2], [3, 4]], [[1], [1]]) // → [[3], [7]]
 */
export function matmul(a: TensorLike, b: TensorLike): Tensor {
  let x = toTensor(a, 'matmul', 'a'),
    y = toTensor(b, 'matmul', 'b');
  if (x.rank === 0 || y.rank === 0)
    throw new Error(
      `matmul: operands must be at least 1-D; got shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} (use mul for scalars)`,
    );
  const vecA = x.rank === 1,
    vecB = y.rank === 1;
  if (vecA) x = reshape(x, [1, x.shape[0]]);
  if (vecB) y = reshape(y, [y.shape[0], 1]);
  if (x.shape[x.rank - 1] !== y.shape[y.rank - 2]) {
    throw new Error(
      `matmul: inner dimensions differ: a is ${fmtShape(toTensor(a).shape)}, b is ${fmtShape(toTensor(b).shape)} (${x.shape[x.rank - 1]} vs ${y.shape[y.rank - 2]})`,
    );
  }
  const batch = broadcastShapes(x.shape.slice(0, -2), y.shape.slice(0, -2), 'matmul');
  const outShape = [...batch, x.shape[x.rank - 2], y.shape[y.rank - 1]];
  checkElements(
    sizeOf(outShape),
    'matmul',
    `the product of ${fmtShape(toTensor(a).shape)} and ${fmtShape(toTensor(b).shape)}, of shape ${fmtShape(outShape)},`,
  );
  // bool·bool is numpy's logical matrix product: count in int32, then any non-zero count is true
  if (x.dtype === 'bool' && y.dtype === 'bool') return cast(matmul(cast(x, 'int32'), cast(y, 'int32')), 'bool');
  let out = matmul2(x, y);
  if (vecA || vecB) {
    const s = out.shape.slice(0, -2);
    if (!vecA) s.push(out.shape[out.rank - 2]);
    if (!vecB) s.push(out.shape[out.rank - 1]);
    out = reshape(out, s);
  }
  return out;
}
