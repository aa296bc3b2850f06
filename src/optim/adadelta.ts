/**
 * @file Adadelta, Keras 3 rule (`adadelta.py`): `E_g ← ρE_g + (1−ρ)g²`, `Δ = −sqrt(E_Δ+ε)·g / sqrt(E_g+ε)`,
 * `E_Δ ← ρE_Δ + (1−ρ)Δ²`, `w ← w + lr·Δ` (Keras keeps a learning rate; the paper's form is `learningRate = 1`).
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, mul, neg, sqrt, square } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { num } from './options.js';

export interface AdadeltaOptions extends OptimizerOptions {
  /** Decay ρ of both running averages, in [0, 1) (default 0.95). */
  rho?: number;
  /** ε inside both square roots (default 1e-7). */
  epsilon?: number;
}

/**
 * Adadelta. Defaults: `learningRate = 0.001, rho = 0.95, epsilon = 1e-7`.
 * @example const opt = new Adadelta({ learningRate: 1 });
 */
export class Adadelta extends Optimizer {
  readonly rho: number;
  readonly epsilon: number;
  constructor(options: AdadeltaOptions = {}) {
    super('Adadelta', options, ['rho', 'epsilon'], 0.001);
    const o = { ...options } as Record<string, unknown>;
    this.rho = num(this.name, o, 'rho', 0.95, { min: 0, max: 1, maxOpen: true });
    this.epsilon = num(this.name, o, 'epsilon', 1e-7, { min: 0 });
  }
  protected slotSpecs(): SlotSpec[] {
    return [
      { name: 'accumulatedGrad', init: 0 },
      { name: 'accumulatedDeltaVar', init: 0 },
    ];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [eg, ed]: FloatArray[], { lr: lr64, r }: StepContext): void {
    const [lr, rho, c, eps] = [r(lr64), r(this.rho), r(1 - this.rho), r(this.epsilon)];
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      eg![i] = r(r(rho * eg![i]!) + r(c * r(gi * gi)));
      const delta = -r(r(r(Math.sqrt(r(ed![i]! + eps))) * gi) / r(Math.sqrt(r(eg![i]! + eps))));
      ed![i] = r(r(rho * ed![i]!) + r(c * r(delta * delta)));
      w[i] = r(w[i]! + r(lr * delta));
    }
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [eg0, ed0]: Tensor[],
    { lr, k }: TensorStepContext,
  ): TensorUpdate {
    const [rho, c, eps] = [k(this.rho), k(1 - this.rho), k(this.epsilon)];
    const eg = add(mul(rho, eg0!), mul(c, square(g)));
    const delta = neg(div(mul(sqrt(add(ed0!, eps)), g), sqrt(add(eg, eps))));
    const ed = add(mul(rho, ed0!), mul(c, square(delta)));
    return { w: add(w, mul(k(lr), delta)), slots: [eg, ed] };
  }
}
