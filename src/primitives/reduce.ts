/**
 * @file Reduction primitives: sum, max, min over axes. The primitive drops the reduced axes; `keepdims`
 * is a reshape in the wrapper. max/min share the gradient equally among tied maxima (as TensorFlow).
 */
import { bind } from '../core/engine.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { toTensor } from './convert.js';
import { normalizeAxes, fmtShape } from '../core/shape.js';
import { backend, type ReduceName } from '../backends/backend.js';
import { reshape, broadcastTo } from './shape-ops.js';
import { equal, div, mul } from './binary.js';
import { cast } from './shape-ops.js';
import { where } from './where.js';

/** Shape of `x` with the reduced axes kept as 1. */
const keptShape = (x: Tensor, axes: number[]): number[] => x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
/** Broadcasts a reduced tensor back over the input's shape. */
const expandBack = (r: Tensor, x: Tensor, axes: number[]): Tensor =>
  broadcastTo(reshape(r, keptShape(x, axes)), x.shape);

function reduceDef(name: ReduceName): PrimitiveDef<number[]> {
  return {
    name,
    impl([x], axes) {
      const shape = x.shape.filter((_, i) => !axes.includes(i));
      const data = backend().reduce(name, x, axes);
      // bool sums/products count (int32); bool max/min stay bool, matching the kernel's storage
      return new Tensor(data, shape, x.dtype === 'bool' && (name === 'sum' || name === 'prod') ? 'int32' : x.dtype);
    },
    vjp(g, [x], out, axes) {
      if (name === 'sum') return [expandBack(g, x, axes)];
      if (name === 'prod') return [mul(expandBack(g, x, axes), prodOthers(x, out, axes))];
      const hit = cast(equal(x, expandBack(out, x, axes)), x.dtype);
      const count = expandBack(sum(hit, axes), x, axes);
      return [mul(div(hit, count), expandBack(g, x, axes))];
    },
    jvp([dx], [x], out, axes) {
      if (!dx) return null;
      if (name === 'sum') return sum(dx, axes);
      if (name === 'prod') return sum(mul(dx, prodOthers(x, out, axes)), axes);
      const hit = cast(equal(x, expandBack(out, x, axes)), x.dtype);
      return div(sum(mul(hit, dx), axes), sum(hit, axes));
    },
  };
}

const defs = { sum: reduceDef('sum'), prod: reduceDef('prod'), max: reduceDef('max'), min: reduceDef('min') };

/**
 * ∂prod/∂xᵢ = product of the other entries, zeros included: with no zero it is out/xᵢ; with exactly one
 * zero, that entry gets the product of the non-zero ones and the rest 0; with two or more zeros, all 0.
 */
function prodOthers(x: Tensor, out: Tensor, axes: number[]): Tensor {
  const isZero = equal(x, 0);
  const safe = where(isZero, 1, x);
  const zeros = expandBack(sum(cast(isZero, 'int32'), axes), x, axes);
  const nonzeroProd = expandBack(prod(safe, axes), x, axes);
  return where(isZero, where(equal(zeros, 1), nonzeroProd, 0), div(expandBack(out, x, axes), safe));
}

function reduce(name: ReduceName, x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor {
  const t = toTensor(x, name, 'x');
  const axes = normalizeAxes(axis, t.rank, name);
  if ((name === 'max' || name === 'min') && axes.some((a) => t.shape[a] === 0)) {
    throw new Error(
      `${name}: cannot reduce over an empty dimension (shape ${fmtShape(t.shape)}, axis ${axes.join(', ')}): there is no identity for ${name}`,
    );
  }
  const r = axes.length === 0 ? t : bind(defs[name], [t], axes);
  return keepdims ? reshape(r, keptShape(t, axes)) : r;
}

/** Sum over `axis` (default: all). @example sum([[1, 2], [3, 4]], 0) // → [4, 6] */
export const sum = (x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor =>
  reduce('sum', x, axis, keepdims);
/** Product over `axis`; its gradient is exact with zeros present. @example prod([1, 2, 3, 4]) // → 24 */
export const prod = (x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor =>
  reduce('prod', x, axis, keepdims);
/** Maximum over `axis`; NaN propagates; ties share the gradient. @example max([1, 5, 2]) // → 5 */
export const max = (x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor =>
  reduce('max', x, axis, keepdims);
/** Minimum over `axis`; NaN propagates; ties share the gradient. @example min([1, 5, 2]) // → 1 */
export const min = (x: TensorLike, axis?: number | readonly number[] | null, keepdims = false): Tensor =>
  reduce('min', x, axis, keepdims);
