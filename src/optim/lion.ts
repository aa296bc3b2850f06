/**
 * @file Lion, Keras 3 rule (`lion.py`): `w ← w − lr·sign(β₁m + (1−β₁)g)`, then `m ← β₂m + (1−β₂)g`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, mul, sign, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { num } from './options.js';

export interface LionOptions extends OptimizerOptions {
  /** Interpolation between momentum and gradient for the sign, in (0, 1] (default 0.9). */
  beta1?: number;
  /** Decay of the momentum, in [0, 1) (default 0.99). */
  beta2?: number;
}

/**
 * Lion (evolved sign momentum). Defaults: `learningRate = 0.001, beta1 = 0.9, beta2 = 0.99`.
 * @example const opt = new Lion({ learningRate: 1e-4 });
 */
export class Lion extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  constructor(options: LionOptions = {}) {
    super('Lion', options, ['beta1', 'beta2'], 0.001);
    const o = { ...options } as Record<string, unknown>;
    // Keras: beta1 = 0 degenerates to SignSGD, so it is excluded.
    this.beta1 = num(this.name, o, 'beta1', 0.9, { min: 0, minOpen: true, max: 1 });
    this.beta2 = num(this.name, o, 'beta2', 0.99, { min: 0, max: 1, maxOpen: true });
  }
  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'momentum', init: 0 }];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [m]: FloatArray[], { lr: lr64, r }: StepContext): void {
    const [lr, b1, b2] = [r(lr64), r(this.beta1), r(this.beta2)];
    const [c1, c2] = [r(1 - b1), r(1 - b2)];
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      w[i] = r(w[i]! - r(lr * Math.sign(r(r(m![i]! * b1) + r(gi * c1)))));
      m![i] = r(r(m![i]! * b2) + r(gi * c2));
    }
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [m0]: Tensor[],
    { lr, r, k }: TensorStepContext,
  ): TensorUpdate {
    const [b1, b2] = [r(this.beta1), r(this.beta2)];
    const direction = sign(add(mul(m0!, k(b1)), mul(g, k(1 - b1))));
    return { w: sub(w, mul(k(lr), direction)), slots: [add(mul(m0!, k(b2)), mul(g, k(1 - b2)))] };
  }
}
