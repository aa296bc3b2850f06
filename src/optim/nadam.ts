/**
 * @file Nadam, Keras 3 rule (`nadam.py`): Adam with Nesterov momentum via the momentum schedule
 * `μ_t = β₁(1 − ½·0.96ᵗ)`. The running product `Π_t = Π_{t−1}·μ_t` is advanced once per step, before any variable
 * is updated, in the dtype of the first variable (as Keras builds it), then
 * `m̂ = μ_{t+1}m/(1 − Π_t μ_{t+1}) + (1−μ_t)g/(1 − Π_t)`, `v̂ = v/(1−β₂ᵗ)`, `w ← w − lr·m̂/(sqrt(v̂)+ε)`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, mul, sqrt, square, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import { exact, type FloatArray } from './clip.js';
import { adamMoments } from './options.js';

export interface NadamOptions extends OptimizerOptions {
  /** Decay of the first moment, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the second moment, in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε added to sqrt(v̂) (default 1e-7). */
  epsilon?: number;
}

/**
 * Nadam. Defaults: `learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7`.
 * @example const opt = new Nadam({ learningRate: 0.01 });
 */
export class Nadam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Π_t, the product of the momentum schedule so far. */
  private uProduct = 1;
  constructor(options: NadamOptions = {}) {
    super('Nadam', options, ['beta1', 'beta2', 'epsilon'], 0.001);
    ({ beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon } = adamMoments(this.name, options));
  }
  protected slotSpecs(): SlotSpec[] {
    return [
      { name: 'momentum', init: 0 },
      { name: 'velocity', init: 0 },
    ];
  }
  protected override beforeUpdates(t: number): void {
    const r = this.buildDType === 'float32' ? Math.fround : exact;
    this.uProduct = r(r(this.uProduct * r(this.beta1)) * r(1 - r(0.5 * r(r(0.96) ** t))));
  }
  /** The step's scalars, shared by both forms (rounded to the variable's dtype). */
  private scalars({ lr, t, r }: StepContext) {
    const [b1, b2, decay] = [r(this.beta1), r(this.beta2), r(0.96)];
    const uT = r(b1 * r(1 - r(0.5 * r(decay ** t))));
    const uT1 = r(b1 * r(1 - r(0.5 * r(decay ** (t + 1)))));
    const uProdT = r(this.uProduct);
    const uProdT1 = r(uProdT * uT1);
    const [c1, c2, eps] = [r(1 - b1), r(1 - b2), r(this.epsilon)];
    // d1 = 1 − Π_t μ_{t+1}, d2 = 1 − Π_t, vBias = 1 − β₂ᵗ
    return {
      lr: r(lr),
      eps,
      c1,
      c2,
      uT1,
      d1: r(1 - uProdT1),
      d2: r(1 - uProdT),
      oneMinusUT: r(1 - uT),
      vBias: r(1 - r(b2 ** t)),
    };
  }
  protected updateStep(w: FloatArray, g: FloatArray, [m, v]: FloatArray[], c: StepContext): void {
    const r = c.r;
    const { lr, eps, c1, c2, uT1, d1, d2, oneMinusUT, vBias } = this.scalars(c);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      m![i] = r(m![i]! + r(r(gi - m![i]!) * c1));
      v![i] = r(v![i]! + r(r(r(gi * gi) - v![i]!) * c2));
      const mHat = r(r(r(uT1 * m![i]!) / d1) + r(r(oneMinusUT * gi) / d2));
      const vHat = r(v![i]! / vBias);
      w[i] = r(w[i]! - r(r(mHat * lr) / r(r(Math.sqrt(vHat)) + eps)));
    }
  }
  protected override updateStepTensors(w: Tensor, g: Tensor, [m0, v0]: Tensor[], c: TensorStepContext): TensorUpdate {
    const [s, k] = [this.scalars(c), c.k];
    const m = add(m0!, mul(sub(g, m0!), k(s.c1)));
    const v = add(v0!, mul(sub(square(g), v0!), k(s.c2)));
    const mHat = add(div(mul(k(s.uT1), m), k(s.d1)), div(mul(k(s.oneMinusUT), g), k(s.d2)));
    const vHat = div(v, k(s.vBias));
    return { w: sub(w, div(mul(mHat, k(s.lr)), add(sqrt(vHat), k(s.eps)))), slots: [m, v] };
  }
}
