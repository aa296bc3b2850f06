/** @file customGradient: a function whose gradient you define yourself (e.g. for numerical stability). */
import { state, pausing, type Recorder } from '../core/engine.js';
import { Tensor, describe, type TensorLike } from '../core/tensor.js';
import { toTensor } from '../primitives/convert.js';
import { fmtShape, sameShape } from '../core/shape.js';
import type { PrimitiveDef } from '../core/primitive.js';

/** What a {@link customGradient} function returns: its value and the gradient function for it. */
export interface CustomGradientResult {
  value: Tensor;
  grad: (dy: Tensor) => Tensor | (Tensor | null)[] | null;
}

/**
 * Wraps `f(...xs) => { value, grad }` so tapes use `grad(dy)` (one gradient per input, or a single tensor
 * for a one-input `f`) instead of differentiating `f`'s body. Forward-mode accumulators still see `f`'s ops.
 * @example
 * const logExp = customGradient((x) => {
 *   const e = exp(x);
 *   return { value: log(add(1, e)), grad: (dy) => mul(dy, sub(1, div(1, add(1, e)))) };
 * });
 */
export function customGradient(f: (...xs: Tensor[]) => CustomGradientResult): (...xs: TensorLike[]) => Tensor {
  if (typeof f !== 'function') throw new TypeError(`customGradient: f must be a function; got ${describe(f)}`);
  return (...args: TensorLike[]): Tensor => {
    const xs = args.map((a, i) => toTensor(a, 'customGradient', `xs[${i}]`));
    const recorders: Recorder[] = state.recorders;
    const res = pausing(recorders, () => f(...xs));
    if (!res || !(res.value instanceof Tensor) || typeof res.grad !== 'function') {
      throw new TypeError('customGradient: f must return { value: Tensor, grad: (dy) => gradients }');
    }
    const value = res.value;
    const out = value._alias();
    const def: Pick<PrimitiveDef, 'name' | 'vjp'> = {
      name: `customGradient(${f.name || 'anonymous'})`,
      vjp(g, inputs) {
        let gs = res.grad(g);
        if (!Array.isArray(gs)) gs = [gs];
        if (gs.length !== inputs.length)
          throw new Error(`customGradient: grad returned ${gs.length} gradient(s) for ${inputs.length} input(s)`);
        return gs.map((dx, i) => {
          if (dx === null || dx === undefined) return null;
          const t = toTensor(dx, 'customGradient', `grad result ${i}`);
          if (!sameShape(t.shape, inputs[i].shape))
            throw new Error(
              `customGradient: gradient ${i} has shape ${fmtShape(t.shape)} but input ${i} has shape ${fmtShape(inputs[i].shape)}`,
            );
          return t;
        });
      },
    };
    for (const r of recorders) r.consider({ def, inputs: xs, out, params: undefined });
    for (const acc of state.accumulators) {
      const dt = acc.tangentOf(value);
      if (dt) acc.setTangent(out, dt);
    }
    return out;
  };
}
