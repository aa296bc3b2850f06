/**
 * @file Adam, Keras 3 rule (`adam.py`): `α_t = lr·sqrt(1−β₂ᵗ)/(1−β₁ᵗ)`, `m ← m + (g−m)(1−β₁)`,
 * `v ← v + (g²−v)(1−β₂)`, amsgrad `v̂ ← max(v̂, v)`, `w ← w − α_t·m/(sqrt(v)+ε)` — the "ε-hat" form, which gives
 * different digits from PyTorch/optax/TF.js's Algorithm 1 in the first steps.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, maximum, mul, sqrt, square, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { bool, adamMoments } from './options.js';

export interface AdamOptions extends OptimizerOptions {
  /** Decay of the first moment, in [0, 1) (default 0.9). */
  beta1?: number;
  /** Decay of the second moment, in [0, 1) (default 0.999). */
  beta2?: number;
  /** ε-hat, added to sqrt(v) (default 1e-7). */
  epsilon?: number;
  /** AMSGrad: use the running maximum of v (default false). */
  amsgrad?: boolean;
}

/** Option keys of Adam (shared with AdamW). */
export const ADAM_KEYS = ['beta1', 'beta2', 'epsilon', 'amsgrad'];

/**
 * Adam. Defaults: `learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, amsgrad = false`.
 * @example
 * const x = new Variable(1);
 * const opt = new Adam({ learningRate: 0.1 });
 * opt.minimize(() => x.square(), [x]); // x → 0.9
 */
export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  readonly amsgrad: boolean;
  constructor(
    options: AdamOptions = {},
    owner = 'Adam',
    extraKeys: readonly string[] = [],
    defaults: Record<string, unknown> = {},
  ) {
    const isObj = options !== null && typeof options === 'object' && !Array.isArray(options);
    super(owner, isObj ? { ...defaults, ...options } : options, [...ADAM_KEYS, ...extraKeys], 0.001);
    ({ beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon } = adamMoments(this.name, options));
    this.amsgrad = bool(this.name, { ...options } as Record<string, unknown>, 'amsgrad', false);
  }
  protected slotSpecs(): SlotSpec[] {
    const s = [
      { name: 'momentum', init: 0 },
      { name: 'velocity', init: 0 },
    ];
    return this.amsgrad ? [...s, { name: 'velocityHat', init: 0 }] : s;
  }
  /** The step's scalars, shared by both forms: `α_t`, 1−β₁, 1−β₂, ε (rounded to the variable's dtype). */
  private scalars({ lr: lr64, t, r }: StepContext): [number, number, number, number] {
    const b1Power = r(r(this.beta1) ** t);
    const b2Power = r(r(this.beta2) ** t);
    const alpha = r(r(r(lr64) * r(Math.sqrt(r(1 - b2Power)))) / r(1 - b1Power));
    return [alpha, r(1 - this.beta1), r(1 - this.beta2), r(this.epsilon)];
  }
  protected updateStep(w: FloatArray, g: FloatArray, slots: FloatArray[], c: StepContext): void {
    const [m, v, vHat] = slots as [FloatArray, FloatArray, FloatArray | undefined];
    const r = c.r;
    const [alpha, c1, c2, eps] = this.scalars(c);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      m[i] = r(m[i]! + r(r(gi - m[i]!) * c1));
      v[i] = r(v[i]! + r(r(r(gi * gi) - v[i]!) * c2));
      let vi = v[i]!;
      if (vHat !== undefined) vi = vHat[i] = Math.max(vHat[i]!, vi);
      w[i] = r(w[i]! - r(r(m[i]! * alpha) / r(r(Math.sqrt(vi)) + eps)));
    }
  }
  protected override updateStepTensors(w: Tensor, g: Tensor, slots: Tensor[], c: TensorStepContext): TensorUpdate {
    const [alpha, c1, c2, eps] = this.scalars(c).map(c.k) as [Tensor, Tensor, Tensor, Tensor];
    const m = add(slots[0]!, mul(sub(g, slots[0]!), c1));
    const v = add(slots[1]!, mul(sub(square(g), slots[1]!), c2));
    const vHat = this.amsgrad ? maximum(slots[2]!, v) : undefined;
    const step = div(mul(m, alpha), add(sqrt(vHat ?? v), eps));
    return { w: sub(w, step), slots: vHat ? [m, v, vHat] : [m, v] };
  }
}
