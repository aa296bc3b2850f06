/**
 * @file RMSprop, Keras 3 rule (`rmsprop.py`): `s ← ρs + (1−ρ)g²`; centered: `a ← ρa + (1−ρ)g`, `den = s − a² + ε`,
 * else `den = s + ε`; `inc = lr·g / sqrt(den)` (ε inside the sqrt, unlike PyTorch); with momentum `m ← μm + inc`,
 * `w ← w − m`, else `w ← w − inc`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, mul, sqrt, square, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { bool, num } from './options.js';

export interface RMSpropOptions extends OptimizerOptions {
  /** Discount ρ of the running mean of g², in [0, 1) (default 0.9). */
  rho?: number;
  /** Momentum μ in [0, 1] (default 0). */
  momentum?: number;
  /** ε, added inside the square root (default 1e-7). */
  epsilon?: number;
  /** Normalise by the estimated variance instead of the second moment (default false). */
  centered?: boolean;
}

/**
 * RMSprop. Defaults: `learningRate = 0.001, rho = 0.9, momentum = 0, epsilon = 1e-7, centered = false`.
 * @example
 * const w = new Variable(10);
 * new RMSprop({ learningRate: 0.1 }).minimize(() => w.square().div(2), [w]); // w → 9.683772…
 */
export class RMSprop extends Optimizer {
  readonly rho: number;
  readonly momentum: number;
  readonly epsilon: number;
  readonly centered: boolean;
  constructor(options: RMSpropOptions = {}) {
    super('RMSprop', options, ['rho', 'momentum', 'epsilon', 'centered'], 0.001);
    const o = { ...options } as Record<string, unknown>;
    this.rho = num(this.name, o, 'rho', 0.9, { min: 0, max: 1, maxOpen: true });
    this.momentum = num(this.name, o, 'momentum', 0, { min: 0, max: 1 });
    this.epsilon = num(this.name, o, 'epsilon', 1e-7, { min: 0 });
    this.centered = bool(this.name, o, 'centered', false);
  }
  protected slotSpecs(): SlotSpec[] {
    const s: SlotSpec[] = [{ name: 'velocity', init: 0 }];
    if (this.momentum > 0) s.push({ name: 'momentum', init: 0 });
    if (this.centered) s.push({ name: 'averageGradient', init: 0 });
    return s;
  }
  protected updateStep(w: FloatArray, g: FloatArray, slots: FloatArray[], { lr: lr64, r }: StepContext): void {
    const s = slots[0]!;
    const m = this.momentum > 0 ? slots[1]! : undefined;
    const a = this.centered ? slots[slots.length - 1]! : undefined;
    const [lr, rho, oneMinusRho, eps, mu] = [r(lr64), r(this.rho), r(1 - this.rho), r(this.epsilon), r(this.momentum)];
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      s[i] = r(r(rho * s[i]!) + r(oneMinusRho * r(gi * gi)));
      let den: number;
      if (a !== undefined) {
        a[i] = r(r(rho * a[i]!) + r(oneMinusRho * gi));
        den = r(r(s[i]! - r(a[i]! * a[i]!)) + eps);
      } else {
        den = r(s[i]! + eps);
      }
      const inc = r(r(lr * gi) / r(Math.sqrt(den)));
      if (m !== undefined) {
        m[i] = r(r(mu * m[i]!) + inc);
        w[i] = r(w[i]! - m[i]!);
      } else {
        w[i] = r(w[i]! - inc);
      }
    }
  }
  protected override updateStepTensors(w: Tensor, g: Tensor, slots: Tensor[], c: TensorStepContext): TensorUpdate {
    const { k } = c;
    const m0 = this.momentum > 0 ? slots[1]! : undefined;
    const a0 = this.centered ? slots[slots.length - 1]! : undefined;
    const [lr, rho, oneMinusRho, eps, mu] = [k(c.lr), k(this.rho), k(1 - this.rho), k(this.epsilon), k(this.momentum)];
    const s = add(mul(rho, slots[0]!), mul(oneMinusRho, square(g)));
    const a = a0 && add(mul(rho, a0), mul(oneMinusRho, g));
    const den = a ? add(sub(s, square(a)), eps) : add(s, eps);
    const inc = div(mul(lr, g), sqrt(den));
    const m = m0 && add(mul(mu, m0), inc);
    return { w: sub(w, m ?? inc), slots: [s, m, a].filter((x) => x !== undefined) };
  }
}
