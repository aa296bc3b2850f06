/**
 * @file Adagrad, Keras 3 rule (`adagrad.py`): `acc ← acc + g²; w ← w − lr·g / sqrt(acc + ε)`, the accumulator
 * starting at `initialAccumulatorValue` (0.1), not 0.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, mul, sqrt, square, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { num } from './options.js';

export interface AdagradOptions extends OptimizerOptions {
  /** Starting value of the accumulator, >= 0 (default 0.1). */
  initialAccumulatorValue?: number;
  /** ε inside the square root (default 1e-7). */
  epsilon?: number;
}

/**
 * Adagrad. Defaults: `learningRate = 0.001, initialAccumulatorValue = 0.1, epsilon = 1e-7`.
 * @example const opt = new Adagrad({ learningRate: 0.1 });
 */
export class Adagrad extends Optimizer {
  readonly initialAccumulatorValue: number;
  readonly epsilon: number;
  constructor(options: AdagradOptions = {}) {
    super('Adagrad', options, ['initialAccumulatorValue', 'epsilon'], 0.001);
    const o = { ...options } as Record<string, unknown>;
    this.initialAccumulatorValue = num(this.name, o, 'initialAccumulatorValue', 0.1, { min: 0 });
    this.epsilon = num(this.name, o, 'epsilon', 1e-7, { min: 0 });
  }
  protected slotSpecs(): SlotSpec[] {
    return [{ name: 'accumulator', init: this.initialAccumulatorValue }];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [acc]: FloatArray[], { lr: lr64, r }: StepContext): void {
    const [lr, eps] = [r(lr64), r(this.epsilon)];
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      acc![i] = r(acc![i]! + r(gi * gi));
      w[i] = r(w[i]! - r(r(lr * gi) / r(Math.sqrt(r(acc![i]! + eps)))));
    }
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [acc0]: Tensor[],
    { lr, k }: TensorStepContext,
  ): TensorUpdate {
    const acc = add(acc0!, square(g));
    return { w: sub(w, div(mul(k(lr), g), sqrt(add(acc, k(this.epsilon))))), slots: [acc] };
  }
}
