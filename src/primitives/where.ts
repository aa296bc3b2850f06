/** @file where(cond, a, b): elementwise selection. Its VJP routes the cotangent to the chosen branch only. */
import { bind } from '../core/engine.js';
import { promote } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { toTensor, operand } from './convert.js';
import { broadcastShapes, sameShape } from '../core/shape.js';
import { backend } from '../backends/backend.js';
import { sumToShape, broadcastTo } from './shape-ops.js';

const whereDef: PrimitiveDef = {
  name: 'where',
  impl([c, a, b]) {
    const shape = broadcastShapes(broadcastShapes(c.shape, a.shape, 'where'), b.shape, 'where');
    const dtype = promote(
      a.dtype,
      b.dtype,
      a._weak,
      b._weak,
      a._weak && Number.isInteger(a._scalar),
      b._weak && Number.isInteger(b._scalar),
    );
    return new Tensor(backend().where(c, a, b, shape, dtype), shape, dtype);
  },
  vjp(g, [c, a, b], _out, _p, needs) {
    return [
      null,
      needs[1] ? sumToShape(where(c, g, 0), a.shape) : null,
      needs[2] ? sumToShape(where(c, 0, g), b.shape) : null,
    ];
  },
  jvp([, da, db], [c], out) {
    if (!da && !db) return null;
    const t = where(c, da ?? 0, db ?? 0);
    // with one branch's tangent missing, cond and the other tangent may not span the output's shape
    return sameShape(t.shape, out.shape) ? t : broadcastTo(t, out.shape);
  },
};

/**
 * Picks `a` where `cond` is true and `b` elsewhere (broadcasting all three). The gradient flows only into
 * the branch that was picked, so `where(x > 0, sqrt(x), 0)` has gradient 0 (not NaN) at x = -1.
 * @example where([true, false], [1, 2], [10, 20]) // → [1, 20]
 */
export function where(cond: TensorLike, a: TensorLike, b: TensorLike): Tensor {
  const c = toTensor(cond, 'where', 'cond');
  return bind(whereDef, [c, operand(a, 'where', 'a'), operand(b, 'where', 'b')], undefined);
}
