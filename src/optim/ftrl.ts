/**
 * @file FTRL-Proximal, Keras 3 rule (`ftrl.py`), with L1, L2 and L2-shrinkage regularisation:
 * `n' = n + g²`, `z ← z + ĝ − ((n'^{−p} − n^{−p})/lr)·w` with `ĝ = g + 2·λ_shrink·w`,
 * `w ← (clip(z, −λ₁, λ₁) − z) / (n'^{−p}/lr + 2(λ₂ + β/(2lr)))`, `n ← n'`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
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
  protected updateStep(w: FloatArray, g: FloatArray, [acc, z]: FloatArray[], { lr: lr64, r }: StepContext): void {
    const lr = r(lr64);
    const p = r(-this.learningRatePower);
    const l1 = r(this.l1RegularizationStrength);
    const l2 = r(r(this.l2RegularizationStrength) + r(r(this.beta) / r(2 * lr)));
    const twoL2 = r(2 * l2);
    const shrink = r(2 * this.l2ShrinkageRegularizationStrength);
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
}
