/**
 * @file Gradient clipping with Keras 3's exact arithmetic (`base_optimizer._clip_gradients`), on flat typed arrays
 * (the host path) and, after each, the same rule on tensors (the tensor path). Each array function takes the
 * rounding function of the gradient's dtype (`Math.fround` for float32, identity for float64) and rounds after
 * every elementary operation, which is what a float32 tensor kernel does.
 */
import { add, cast, div, maximum, minimum, mul, sqrt, square, sub, sum } from '../ops/index.js';
import { constant, type FloatDType, type Tensor } from './bridge.js';

/** A flat float buffer: float64 or float32 storage. */
export type FloatArray = Float64Array | Float32Array;
/** Rounds a float64 result to the storage dtype: `Math.fround` (float32) or the identity (float64). */
export type Round = (x: number) => number;

/** Identity rounding, for float64. */
export const exact: Round = (x) => x;

/** Σ g² accumulated in the gradient's dtype. */
function sumSquares(g: FloatArray, r: Round): number {
  let s = 0;
  for (let i = 0; i < g.length; i++) s = r(s + r(g[i]! * g[i]!));
  return s;
}

/**
 * Per-variable norm clipping, in place: `g ← g·c / max(‖g‖₂, c)` (a zero gradient stays zero without a NaN).
 * @example const g = new Float64Array([3, 4]); clipByNorm(g, 1, exact); // g → [0.6, 0.8]
 */
export function clipByNorm(g: FloatArray, clipnorm: number, r: Round): void {
  const c = r(clipnorm);
  const l2sum = sumSquares(g, r);
  const norm = l2sum > 0 ? r(Math.sqrt(l2sum)) : l2sum;
  const denom = Math.max(norm, c);
  for (let i = 0; i < g.length; i++) g[i] = r(r(g[i]! * c) / denom);
}

/** {@link clipByNorm} on a tensor: a new tensor `g·c / max(‖g‖₂, c)`. @example clipTensorByNorm(g, 1) */
export function clipTensorByNorm(g: Tensor, clipnorm: number): Tensor {
  const c = constant(clipnorm, g.dtype as FloatDType);
  return div(mul(g, c), maximum(sqrt(sum(square(g))), c));
}

/**
 * Global-norm clipping, in place over every gradient: `N = sqrt(Σ‖g_i‖²)`, `g_i ← g_i·c·min(1/N, 1/c)`.
 * A non-finite N makes every gradient NaN, as in Keras (`scale + (N − N)`), so a blow-up is not hidden.
 * Returns N. The sum runs in float32 only when every gradient is float32.
 * @example const gs = [new Float64Array([3]), new Float64Array([4])]; clipByGlobalNorm(gs, [exact, exact], 1); // → 5
 */
export function clipByGlobalNorm(grads: FloatArray[], rounds: Round[], clipnorm: number): number {
  const r: Round = rounds.every((f) => f === Math.fround) ? Math.fround : exact;
  let total = 0;
  for (let i = 0; i < grads.length; i++) total = r(total + sumSquares(grads[i]!, r));
  const norm = r(Math.sqrt(total));
  const c = r(clipnorm);
  const scale = r(r(c * Math.min(r(1 / norm), r(1 / c))) + r(norm - norm));
  for (let k = 0; k < grads.length; k++) {
    const g = grads[k]!;
    const rk = rounds[k]!;
    const s = rk(scale);
    for (let i = 0; i < g.length; i++) g[i] = rk(g[i]! * s);
  }
  return norm;
}

/** {@link clipByGlobalNorm} on tensors: new tensors. @example clipTensorsByGlobalNorm([g1, g2], 1) */
export function clipTensorsByGlobalNorm(grads: Tensor[], clipnorm: number): Tensor[] {
  const dtype: FloatDType = grads.every((g) => g.dtype === 'float32') ? 'float32' : 'float64';
  const k = (x: number) => constant(x, dtype);
  const total = grads.map((g) => sum(square(cast(g, dtype)))).reduce((a, b) => add(a, b));
  const norm = sqrt(total);
  const c = dtype === 'float32' ? Math.fround(clipnorm) : clipnorm;
  const scale = add(mul(k(c), minimum(div(k(1), norm), k(1 / c))), sub(norm, norm));
  return grads.map((g) => mul(g, cast(scale, g.dtype)));
}

/**
 * Elementwise value clipping, in place: `g ← clip(g, −v, v)` (NaN stays NaN).
 * @example const g = new Float64Array([-3, 0.5, 2]); clipByValue(g, 1, exact); // g → [-1, 0.5, 1]
 */
export function clipByValue(g: FloatArray, clipvalue: number, r: Round): void {
  const v = r(clipvalue);
  for (let i = 0; i < g.length; i++) g[i] = Math.min(Math.max(g[i]!, -v), v);
}

/** {@link clipByValue} on a tensor: a new tensor `clip(g, −v, v)`. @example clipTensorByValue(g, 1) */
export function clipTensorByValue(g: Tensor, clipvalue: number): Tensor {
  const dtype = g.dtype as FloatDType;
  return minimum(maximum(g, constant(-clipvalue, dtype)), constant(clipvalue, dtype));
}
