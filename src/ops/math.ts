/** @file Composite math ops, built from primitives: they need no gradient rules of their own. */
import type { Tensor, TensorLike } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { optionsOf } from '../core/suggest.js';
import { broadcastShapes, normalizeAxes, normalizeAxis, fmtShape } from '../core/shape.js';
import { add, sub, mul, div, pow, maximum, minimum, equal, greater, less } from '../primitives/binary.js';
import { abs, exp, expm1, log, sqrt, softplus, neg, square } from '../primitives/unary.js';
import { sum, max, min } from '../primitives/reduce.js';
import { where } from '../primitives/where.js';
import { broadcastTo, reshape, stopGradient } from '../primitives/shape-ops.js';
import { matmul } from '../primitives/matmul.js';

/** @inline Reduction axes: one, several, or null/undefined for all. */
type Axis = number | readonly number[] | null | undefined;

/** Arithmetic mean over `axis` (default all). @example mean([1, 2, 3, 4]) // → 2.5 */
export function mean(x: TensorLike, axis?: Axis, keepdims = false): Tensor {
  const t = toTensor(x, 'mean', 'x');
  const axes = normalizeAxes(axis, t.rank, 'mean');
  const count = axes.reduce((n, a) => n * t.shape[a], 1);
  return div(sum(t, axes, keepdims), count);
}

export interface NormOptions {
  ord?: number | 'euclidean' | 'fro';
  axis?: Axis;
  keepdims?: boolean;
}

/**
 * Vector norm over `axis` (default all): ord 2 (default), 1, Infinity, -Infinity, or any p > 0. With two
 * axes `[row, col]` it is a matrix norm, as `tf.norm`/`numpy.linalg.norm`: 'euclidean'/'fro' (Frobenius),
 * 1 (largest column sum of |x|), -1 (smallest column sum), Infinity (largest row sum), -Infinity (smallest
 * row sum), batched over the other axes. Its gradient at the zero vector is 0 (not NaN).
 * @example norm([3, 4]) // → 5
 * @example norm([[1, 2], [-3, 1]], { ord: 1, axis: [0, 1] }) // → 4
 */
export function norm(x: TensorLike, opts?: NormOptions): Tensor {
  const t = toTensor(x, 'norm', 'x');
  const { ord = 'euclidean', axis, keepdims = false } = optionsOf(opts, 'norm', ['ord', 'axis', 'keepdims']);
  if (Array.isArray(axis) && axis.length === 2) return matrixNorm(t, ord, axis as readonly number[], keepdims);
  const axes = normalizeAxes(axis, t.rank, 'norm');
  if (ord === 'euclidean' || ord === 'fro' || ord === 2) return euclidean(t, axes, keepdims);
  if (ord === 1) return sum(abs(t), axes, keepdims);
  if (ord === Infinity) return max(abs(t), axes, keepdims);
  if (ord === -Infinity) return min(abs(t), axes, keepdims);
  if (typeof ord === 'number' && ord > 0) return pow(sum(pow(abs(t), ord), axes, keepdims), 1 / ord);
  throw new TypeError(
    `norm: ord must be 'euclidean', 'fro', 1, 2, Infinity, -Infinity or a number > 0; got ${String(ord)}`,
  );
}

function euclidean(t: Tensor, axes: number[], keepdims: boolean): Tensor {
  const s = sum(square(t), axes, keepdims);
  const zero = equal(s, 0);
  // double where: sqrt never sees 0, so the gradient at the origin is 0 instead of 0·∞
  return where(zero, 0, sqrt(where(zero, 1, s)));
}

/**
 * Matrix norms over the axes `[row, col]` (their order matters, as in numpy: ord 1 sums down each column).
 * ord 2 and 'nuc' need singular values, which gradtape does not compute; they are refused, never replaced.
 */
function matrixNorm(t: Tensor, ord: NormOptions['ord'], axis: readonly number[], keepdims: boolean): Tensor {
  const [r, c] = normalizeAxes(axis, t.rank, 'norm', { keepOrder: true });
  let out: Tensor;
  if (ord === 'euclidean' || ord === 'fro') out = euclidean(t, [r, c], true);
  else if (ord === 1 || ord === -1) out = (ord === 1 ? max : min)(sum(abs(t), r, true), c, true);
  else if (ord === Infinity || ord === -Infinity) out = (ord === Infinity ? max : min)(sum(abs(t), c, true), r, true);
  else {
    throw new TypeError(
      `norm: a matrix norm (axis of two entries) supports ord 'euclidean', 'fro', 1, -1, Infinity and -Infinity; got ${String(ord)}` +
        (ord === 2 || (ord as unknown) === 'nuc'
          ? ' (the spectral and nuclear norms need singular values, which gradtape does not compute)'
          : ''),
    );
  }
  return keepdims
    ? out
    : reshape(
        out,
        t.shape.filter((_, i) => i !== r && i !== c),
      );
}

/** log(Σ exp(x)) computed stably. @example logsumexp([0, 0]) // → log 2 */
export function logsumexp(x: TensorLike, axis?: Axis, keepdims = false): Tensor {
  const t = toTensor(x, 'logsumexp', 'x');
  const axes = normalizeAxes(axis, t.rank, 'logsumexp');
  const m0 = stopGradient(max(t, axes, true));
  const m = where(greater(abs(m0), 1.7976931348623157e308), 0, m0);
  const r = add(log(sum(exp(sub(t, m)), axes, true)), m);
  return keepdims
    ? r
    : reshape(
        r,
        t.shape.filter((_, i) => !axes.includes(i)),
      );
}

/** exp(x)/Σexp(x) along `axis` (default last), computed stably. @example softmax([0, 0]) // → [0.5, 0.5] */
export function softmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'softmax', 'x');
  normalizeAxis(axis, t.rank, 'softmax');
  const e = exp(sub(t, stopGradient(max(t, axis, true))));
  return div(e, sum(e, axis, true));
}

/** x − logsumexp(x) along `axis` (default last). @example logSoftmax([0, 0]) // → [-0.693, -0.693] */
export function logSoftmax(x: TensorLike, axis = -1): Tensor {
  const t = toTensor(x, 'logSoftmax', 'x');
  normalizeAxis(axis, t.rank, 'logSoftmax');
  return sub(t, logsumexp(t, axis, true));
}

/** Limits values to [min, max]; the gradient passes where min ≤ x ≤ max. @example clip([-2, 0, 2], -1, 1) // → [-1, 0, 1] */
export function clip(x: TensorLike, lo: TensorLike, hi: TensorLike): Tensor {
  if (typeof lo === 'number' && typeof hi === 'number' && lo > hi)
    throw new RangeError(`clip: min (${lo}) must be ≤ max (${hi})`);
  const [t, l, h] = operandsOf('clip', [x, 'x'], [lo, 'min'], [hi, 'max']);
  return minimum(maximum(t, l), h);
}

/**
 * The operands of an elementwise composite as tensors, checked to broadcast together, so that a bad argument is
 * reported under the name the user called (`clip`), not that of an op inside it (`maximum`).
 */
function operandsOf(fn: string, ...args: [TensorLike, string][]): Tensor[] {
  const ts = args.map(([v, name]) => toTensor(v, fn, name));
  ts.reduce<number[]>((shape, t) => broadcastShapes(shape, t.shape, fn), []);
  return ts;
}

/** Exponential linear unit: x for x > 0, alpha·(eˣ − 1) otherwise. @example elu([-1, 1]) // → [-0.632, 1] */
export function elu(x: TensorLike, alpha = 1): Tensor {
  const t = toTensor(x, 'elu', 'x');
  if (typeof alpha !== 'number' || !Number.isFinite(alpha))
    throw new TypeError(`elu: alpha must be a finite number; got ${String(alpha)}`);
  return where(greater(t, 0), t, mul(alpha, expm1(minimum(t, 0))));
}

/**
 * The Heaviside step, as numpy's `heaviside(x, h0)`: 0 for x < 0, `h0` at x = 0, 1 for x > 0, NaN for NaN.
 * Its gradient is 0 for `x`; for `h0` it is 1 where x = 0. Symbolic derivatives write `relu'`, `max'` and
 * `min'` with it, ties included: relu'(x) = heaviside(x, 0), ∂max(a, b)/∂a = heaviside(a − b, 1).
 * @example heaviside([-1, 0, 2], 0.5) // → [0, 0.5, 1]
 */
export function heaviside(x: TensorLike, h0: TensorLike): Tensor {
  const [t, h] = operandsOf('heaviside', [x, 'x'], [h0, 'h0']);
  const s = stopGradient(t);
  return where(greater(s, 0), 1, where(equal(s, 0), h, where(less(s, 0), 0, s)));
}

/** log(sigmoid(x)), stable for large |x|. @example logSigmoid([0]) // → [-0.693] */
export const logSigmoid = (x: TensorLike): Tensor => neg(softplus(neg(toTensor(x, 'logSigmoid', 'x'))));

/** Inserts a length-1 axis at `axis`. @example expandDims([1, 2], 0) // shape [1, 2] */
export function expandDims(x: TensorLike, axis = 0): Tensor {
  const t = toTensor(x, 'expandDims', 'x');
  const a = normalizeAxis(axis, t.rank + 1, 'expandDims');
  return reshape(t, [...t.shape.slice(0, a), 1, ...t.shape.slice(a)]);
}

/** Removes length-1 axes (all, or those in `axis`). @example squeeze([[1], [2]]) // shape [2] */
export function squeeze(x: TensorLike, axis?: Axis): Tensor {
  const t = toTensor(x, 'squeeze', 'x');
  const axes =
    axis === undefined || axis === null
      ? t.shape.flatMap((d, i) => (d === 1 ? [i] : []))
      : normalizeAxes(axis, t.rank, 'squeeze');
  for (const a of axes)
    if (t.shape[a] !== 1)
      throw new Error(`squeeze: axis ${a} of shape ${fmtShape(t.shape)} has length ${t.shape[a]}, not 1`);
  return reshape(
    t,
    t.shape.filter((_, i) => !axes.includes(i)),
  );
}

/** All values in one dimension. @example flatten([[1, 2], [3, 4]]) // → [1, 2, 3, 4] */
export const flatten = (x: TensorLike): Tensor => reshape(toTensor(x, 'flatten', 'x'), [-1]);

/** Repeats `x` `reps[i]` times along each axis (like `tf.tile`). @example tile([1, 2], [2]) // → [1, 2, 1, 2] */
export function tile(x: TensorLike, reps: readonly number[]): Tensor {
  const t = toTensor(x, 'tile', 'x');
  if (!Array.isArray(reps) || reps.length !== t.rank || reps.some((r) => !Number.isInteger(r) || r < 0)) {
    throw new Error(
      `tile: reps must hold ${t.rank} non-negative integers (one per dimension of ${fmtShape(t.shape)}); got ${JSON.stringify(reps)}`,
    );
  }
  const inter = t.shape.flatMap((d) => [1, d]);
  const big = t.shape.flatMap((d, i) => [reps[i], d]);
  return reshape(
    broadcastTo(reshape(t, inter), big),
    t.shape.map((d, i) => d * reps[i]),
  );
}

/** Dot product of 1-D tensors, else `matmul`. @example dot([1, 2], [3, 4]) // → 11 */
export function dot(a: TensorLike, b: TensorLike): Tensor {
  const x = toTensor(a, 'dot', 'a'),
    y = toTensor(b, 'dot', 'b');
  if (x.rank === 0 || y.rank === 0)
    throw new Error(
      `dot: operands must be at least 1-D; got shapes ${fmtShape(x.shape)} and ${fmtShape(y.shape)} (use mul for scalars)`,
    );
  if (x.rank === 1 && y.rank === 1) {
    if (x.size !== y.size)
      throw new Error(`dot: 1-D operands must have the same length; got ${fmtShape(x.shape)} and ${fmtShape(y.shape)}`);
    return sum(mul(x, y));
  }
  return matmul(x, y);
}
