/**
 * @file SGD with optional (Nesterov) momentum, Keras 3 rule (`keras/src/optimizers/sgd.py`):
 * `v ← μv − lr·g; w ← w + v` (Nesterov: `w ← w + μv − lr·g` with the new v); plain `w ← w − lr·g` when μ = 0.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, mul, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { bool, num } from './options.js';

export interface SGDOptions extends OptimizerOptions {
  /** Momentum μ in [0, 1] (default 0: plain gradient descent). */
  momentum?: number;
  /** Nesterov momentum (default false). */
  nesterov?: boolean;
}

const KEYS = ['momentum', 'nesterov'];

/**
 * Gradient descent, with momentum and Nesterov momentum. Defaults: `learningRate = 0.01, momentum = 0`.
 * @example
 * const x = new Variable(0.25), y = new Variable(-0.5);
 * const opt = new SGD({ learningRate: 0.01 });
 * for (let i = 0; i < 120; i++) opt.minimize(() => f(x, y), [x, y]);
 */
export class SGD extends Optimizer {
  readonly momentum: number;
  readonly nesterov: boolean;
  constructor(options: SGDOptions = {}) {
    super('SGD', options, KEYS, 0.01);
    const o = { ...options } as Record<string, unknown>;
    this.momentum = num(this.name, o, 'momentum', 0, { min: 0, max: 1 });
    this.nesterov = bool(this.name, o, 'nesterov', false);
  }
  protected slotSpecs(): SlotSpec[] {
    return this.momentum !== 0 ? [{ name: 'momentum', init: 0 }] : [];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [m]: FloatArray[], { lr: lr64, r }: StepContext): void {
    const lr = r(lr64);
    if (m === undefined) {
      for (let i = 0; i < w.length; i++) w[i] = r(w[i]! - r(g[i]! * lr));
      return;
    }
    const mu = r(this.momentum);
    for (let i = 0; i < w.length; i++) {
      const gl = r(g[i]! * lr);
      const v = r(r(m[i]! * mu) - gl);
      m[i] = v;
      w[i] = this.nesterov ? r(w[i]! + r(r(v * mu) - gl)) : r(w[i]! + v);
    }
  }
  protected override updateStepTensors(
    w: Tensor,
    g: Tensor,
    [m]: Tensor[],
    { lr, k }: TensorStepContext,
  ): TensorUpdate {
    const gl = mul(g, k(lr));
    if (m === undefined) return { w: sub(w, gl), slots: [] };
    const mu = k(this.momentum);
    const v = sub(mul(m, mu), gl);
    return { w: add(w, this.nesterov ? sub(mul(v, mu), gl) : v), slots: [v] };
  }
}
