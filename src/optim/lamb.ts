/**
 * @file LAMB, Keras 3 rule (`lamb.py`): Adam's moments, the bias-corrected step `r = m̂ / (sqrt(v̂) + ε)`, scaled
 * per variable by the trust ratio `‖w‖ / ‖r‖` (1 when either norm is 0): `w ← w − lr·ratio·r`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, greater, logicalAnd, mul, sqrt, square, sub, sum, where } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { adamMoments } from './options.js';

export interface LambOptions extends OptimizerOptions {
  /** Decay of the first moment, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the second moment, in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε added to sqrt(v̂) (default 1e-7). */
  epsilon?: number;
}

/**
 * LAMB (layer-wise adaptive moments). Defaults: `learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7`.
 * @example const opt = new Lamb({ learningRate: 0.01, weightDecay: 0.01 });
 */
export class Lamb extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  constructor(options: LambOptions = {}) {
    super('Lamb', options, ['beta1', 'beta2', 'epsilon'], 0.001);
    ({ beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon } = adamMoments(this.name, options));
  }
  protected slotSpecs(): SlotSpec[] {
    return [
      { name: 'momentum', init: 0 },
      { name: 'velocity', init: 0 },
    ];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [m, v]: FloatArray[], { lr: lr64, t, r }: StepContext): void {
    const lr = r(lr64);
    const [c1, c2, eps] = [r(1 - this.beta1), r(1 - this.beta2), r(this.epsilon)];
    const d1 = r(1 - r(r(this.beta1) ** t));
    const d2 = r(1 - r(r(this.beta2) ** t));
    const update = w instanceof Float32Array ? new Float32Array(w.length) : new Float64Array(w.length);
    let [wSq, uSq] = [0, 0];
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      m![i] = r(m![i]! + r(r(gi - m![i]!) * c1));
      v![i] = r(v![i]! + r(r(r(gi * gi) - v![i]!) * c2));
      update[i] = r(r(m![i]! / d1) / r(r(Math.sqrt(r(v![i]! / d2))) + eps));
      wSq = r(wSq + r(w[i]! * w[i]!));
      uSq = r(uSq + r(update[i]! * update[i]!));
    }
    const [wNorm, uNorm] = [r(Math.sqrt(wSq)), r(Math.sqrt(uSq))];
    const ratio = wNorm > 0 && uNorm > 0 ? r(wNorm / uNorm) : 1;
    const step = r(ratio * lr);
    for (let i = 0; i < w.length; i++) w[i] = r(w[i]! - r(step * update[i]!));
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [m0, v0]: Tensor[],
    { lr, t, r, k }: TensorStepContext,
  ): TensorUpdate {
    const m = add(m0!, mul(sub(g, m0!), k(1 - this.beta1)));
    const v = add(v0!, mul(sub(square(g), v0!), k(1 - this.beta2)));
    const [d1, d2] = [k(1 - r(r(this.beta1) ** t)), k(1 - r(r(this.beta2) ** t))];
    const update = div(div(m, d1), add(sqrt(div(v, d2)), k(this.epsilon)));
    const [wNorm, uNorm] = [sqrt(sum(square(w))), sqrt(sum(square(update)))];
    const zero = k(0);
    const ratio = where(logicalAnd(greater(wNorm, zero), greater(uNorm, zero)), div(wNorm, uNorm), k(1));
    return { w: sub(w, mul(mul(ratio, k(lr)), update)), slots: [m, v] };
  }
}
