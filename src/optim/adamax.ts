/**
 * @file Adamax, Keras 3 rule (`adamax.py`): `m ← m + (g−m)(1−β₁)`, `u ← max(β₂u, |g|)`,
 * `w ← w − lr·m / ((1−β₁ᵗ)(u+ε))`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { abs, add, div, maximum, mul, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { adamMoments } from './options.js';

export interface AdamaxOptions extends OptimizerOptions {
  /** Decay of the first moment, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the infinity norm, in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε added to u (default 1e-7). */
  epsilon?: number;
}

/**
 * Adamax (Adam with the infinity norm). Defaults: `learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7`.
 * @example const opt = new Adamax({ learningRate: 0.002 });
 */
export class Adamax extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  constructor(options: AdamaxOptions = {}) {
    super('Adamax', options, ['beta1', 'beta2', 'epsilon'], 0.001);
    ({ beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon } = adamMoments(this.name, options));
  }
  protected slotSpecs(): SlotSpec[] {
    return [
      { name: 'momentum', init: 0 },
      { name: 'norm', init: 0 },
    ];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [m, u]: FloatArray[], { lr: lr64, t, r }: StepContext): void {
    const [lr, c1, b2, eps] = [r(lr64), r(1 - this.beta1), r(this.beta2), r(this.epsilon)];
    const bias = r(1 - r(r(this.beta1) ** t));
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      m![i] = r(m![i]! + r(r(gi - m![i]!) * c1));
      u![i] = Math.max(r(b2 * u![i]!), Math.abs(gi));
      w[i] = r(w[i]! - r(r(lr * m![i]!) / r(bias * r(u![i]! + eps))));
    }
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [m0, u0]: Tensor[],
    { lr, t, r, k }: TensorStepContext,
  ): TensorUpdate {
    const bias = k(1 - r(r(this.beta1) ** t));
    const m = add(m0!, mul(sub(g, m0!), k(1 - this.beta1)));
    const u = maximum(mul(k(this.beta2), u0!), abs(g));
    return { w: sub(w, div(mul(k(lr), m), mul(bias, add(u, k(this.epsilon))))), slots: [m, u] };
  }
}
