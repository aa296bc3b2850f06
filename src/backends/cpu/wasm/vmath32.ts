/**
 * @file Vectorised float32 sin/cos on f32x4 lanes.
 */
import { f32x4, f64x2, Fn, HIGH_TO_LOW, LOWS, v128, type C } from './asm.js';
import { sinCos64 } from './vmath64.js';

/** sin x and cos x of the f32x4 `x` (via float64 for now). */
export function sinCos32(f: Fn, x: C, slow: { sin: number; cos: number }): { sin: C; cos: C } {
  const lo = sinCos64(f, f.let(f64x2.promoteLow(x)), slow), hi = sinCos64(f, f.let(f64x2.promoteLow(v128.shuffle(x, x, HIGH_TO_LOW))), slow);
  const join = (a: C, b: C): C => f.let(v128.shuffle(f32x4.demoteZero(a), f32x4.demoteZero(b), LOWS));
  return { sin: join(lo.sin, hi.sin), cos: join(lo.cos, hi.cos) };
}
