/**
 * @file FTRL-Proximal, Keras 3 rule (`ftrl.py`), with L1, L2 and L2-shrinkage regularisation:
 * `n' = n + g²`, `z ← z + ĝ − ((n'^{−p} − n^{−p})/lr)·w` with `ĝ = g + 2·λ_shrink·w`,
 * `w ← (clip(z, −λ₁, λ₁) − z) / (n'^{−p}/lr + 2(λ₂ + β/(2lr)))`, `n ← n'`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, maximum, minimum, mul, pow, square, sub } from '../ops/index.js';
import type { Tensor } from './bridge.js';
import type { FloatArray } from './clip.js';
import { num } from './options.js';

export interface FtrlOptions extends OptimizerOptions {
  /** Power p of the per-coordinate step, <= 0 (default −0.5; 0 gives a fixed rate). */
  learningRatePower?: number;
  /** Starting value of the accumulator n, >= 0 (default 0.1). */
  initialAccumulatorValue?: number;
  /** L1 strength λ₁ >= 0 (default 0). */
  l1RegularizationStrength?: number;
  /** L2 (stabilisation) strength λ₂ >= 0 (default 0). */
  l2RegularizationStrength?: number;
  /** L2 shrinkage (magnitude penalty) >= 0 (default 0). */
  l2ShrinkageRegularizationStrength?: number;
  /** β from the paper (default 0). */
  beta?: number;
}

const KEYS = [
  'learningRatePower',
  'initialAccumulatorValue',
  'l1RegularizationStrength',
  'l2RegularizationStrength',
  'l2ShrinkageRegularizationStrength',
  'beta',
];

/**
 * FTRL. Defaults: `learningRate = 0.001, learningRatePower = −0.5, initialAccumulatorValue = 0.1`, no regularisation.
 * @example const opt = new Ftrl({ learningRate: 0.1, l1RegularizationStrength: 0.01 });
 */
export class Ftrl extends Optimizer {
  readonly learningRatePower: number;
  readonly initialAccumulatorValue: number;
  readonly l1RegularizationStrength: number;
  readonly l2RegularizationStrength: number;
  readonly l2ShrinkageRegularizationStrength: number;
  readonly beta: number;
  constructor(options: FtrlOptions = {}) {
    super('Ftrl', options, KEYS, 0.001);
    const o = { ...options } as Record<string, unknown>;
    const nonNeg = { min: 0 };
    this.learningRatePower = num(this.name, o, 'learningRatePower', -0.5, { max: 0 });
    this.initialAccumulatorValue = num(this.name, o, 'initialAccumulatorValue', 0.1, nonNeg);
    this.l1RegularizationStrength = num(this.name, o, 'l1RegularizationStrength', 0, nonNeg);
    this.l2RegularizationStrength = num(this.name, o, 'l2RegularizationStrength', 0, nonNeg);
    this.l2ShrinkageRegularizationStrength = num(this.name, o, 'l2ShrinkageRegularizationStrength', 0, nonNeg);
    this.beta = num(this.name, o, 'beta', 0);
  }
  protected slotSpecs(): SlotSpec[] {
    return [
      { name: 'accumulator', init: this.initialAccumulatorValue },
      { name: 'linear', init: 0 },
    ];
  }
  /** The step's scalars, shared by both forms: lr, the power −p, λ₁, 2λ₂ (β folded in), 2λ_shrink. */
  private scalars({ lr: lr64, r }: StepContext): [number, number, number, number, number] {
    const lr = r(lr64);
    const l2 = r(r(this.l2RegularizationStrength) + r(r(this.beta) / r(2 * lr)));
    const shrink = r(2 * this.l2ShrinkageRegularizationStrength);
    return [lr, r(-this.learningRatePower), r(this.l1RegularizationStrength), r(2 * l2), shrink];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [acc, z]: FloatArray[], c: StepContext): void {
    const r = c.r;
    const [lr, p, l1, twoL2, shrink] = this.scalars(c);
    for (let i = 0; i < w.length; i++) {
      const gi = g[i]!;
      const wi = w[i]!;
      const gShrunk = r(gi + r(shrink * wi));
      const nNew = r(acc![i]! + r(gi * gi));
      const nNewP = r(nNew ** p);
      const sigma = r(r(nNewP - r(acc![i]! ** p)) / lr);
      z![i] = r(z![i]! + r(gShrunk - r(sigma * wi)));
      const quadratic = r(r(nNewP / lr) + twoL2);
      const zClipped = Math.min(Math.max(z![i]!, -l1), l1);
      w[i] = r(r(zClipped - z![i]!) / quadratic);
      acc![i] = nNew;
    }
  }
  protected override updateStepTensors(w: Tensor, g: Tensor, [acc, z0]: Tensor[], c: TensorStepContext): TensorUpdate {
    const [lr, p, l1, twoL2, shrink] = this.scalars(c);
    const k = c.k;
    const gShrunk = add(g, mul(k(shrink), w));
    const nNew = add(acc!, square(g));
    const nNewP = pow(nNew, k(p));
    const sigma = div(sub(nNewP, pow(acc!, k(p))), k(lr));
    const z = add(z0!, sub(gShrunk, mul(sigma, w)));
    const quadratic = add(div(nNewP, k(lr)), k(twoL2));
    const zClipped = minimum(maximum(z, k(-l1)), k(l1));
    return { w: div(sub(zClipped, z), quadratic), slots: [nNew, z] };
  }
}
