/**
 * @file Adafactor, Keras 3 rule (`adafactor.py`). For a variable of rank ≥ 2 the second moment is factored over the
 * last two axes: a row statistic r (shape[:-1]) and a column statistic c (shape[:-2] + [last]), with
 * `v = (r / mean(r)) ⊗ c`; lower ranks keep a full v. With `ĝ² = g² + ε₁`, `β₂ₜ = 1 − t^decay`,
 * `ρₜ = min(lr, 1/√t)` (and `lr` itself capped at 1/√t when `relativeStep` and the rate is a number),
 * `αₜ = max(ε₂, rms(w))·ρₜ`, `u = g/√v`, `û = u / max(1, rms(u)/clipThreshold)`, `w ← w − αₜ·û`.
 */
import { Optimizer, type OptimizerOptions, type SlotSpec, type StepContext } from './optimizer.js';
import type { TensorStepContext, TensorUpdate } from './optimizer.js';
import { add, div, expandDims, maximum, mul, sqrt, square, sub, sum } from '../ops/index.js';
import { constant, type FloatDType, type Tensor } from './bridge.js';
import type { FloatArray, Round } from './clip.js';
import { bool, num } from './options.js';

export interface AdafactorOptions extends OptimizerOptions {
  /** Exponent of the second-moment decay `1 − t^beta2Decay`, < 0 (default −0.8). */
  beta2Decay?: number;
  /** Added to g² (default 1e-30). */
  epsilon1?: number;
  /** Floor of the relative step scale rms(w) (default 1e-3). */
  epsilon2?: number;
  /** Clipping threshold of rms(u) (default 1). */
  clipThreshold?: number;
  /** Cap a numeric learning rate at 1/√t (default true). */
  relativeStep?: boolean;
}

/** Root mean square of `a`, accumulated in the variable's dtype. */
function rms(a: FloatArray, r: Round): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = r(s + r(a[i]! * a[i]!));
  return r(Math.sqrt(r(s / a.length)));
}

/** {@link rms} on a tensor, in its dtype. */
function rmsTensor(a: Tensor): Tensor {
  return sqrt(div(sum(square(a)), constant(a.size, a.dtype as FloatDType)));
}

/**
 * Adafactor. Defaults: `learningRate = 0.001, beta2Decay = −0.8, epsilon1 = 1e-30, epsilon2 = 1e-3,
 * clipThreshold = 1, relativeStep = true`.
 * @example const opt = new Adafactor({ learningRate: 0.01 });
 */
export class Adafactor extends Optimizer {
  readonly beta2Decay: number;
  readonly epsilon1: number;
  readonly epsilon2: number;
  readonly clipThreshold: number;
  readonly relativeStep: boolean;
  constructor(options: AdafactorOptions = {}) {
    super('Adafactor', options, ['beta2Decay', 'epsilon1', 'epsilon2', 'clipThreshold', 'relativeStep'], 0.001);
    const o = { ...options } as Record<string, unknown>;
    this.beta2Decay = num(this.name, o, 'beta2Decay', -0.8, { max: 0, maxOpen: true });
    this.epsilon1 = num(this.name, o, 'epsilon1', 1e-30, { min: 0 });
    this.epsilon2 = num(this.name, o, 'epsilon2', 1e-3, { min: 0 });
    this.clipThreshold = num(this.name, o, 'clipThreshold', 1, { min: 0, minOpen: true });
    this.relativeStep = bool(this.name, o, 'relativeStep', true);
  }
  protected slotSpecs(): SlotSpec[] {
    // Keras keeps scalar placeholders for r and c when a variable has rank < 2.
    const factored = (s: readonly number[]) => s.length >= 2;
    return [
      { name: 'row', init: 0, shape: (s) => (factored(s) ? s.slice(0, -1) : []) },
      { name: 'column', init: 0, shape: (s) => (factored(s) ? [...s.slice(0, -2), s[s.length - 1]!] : []) },
      { name: 'velocity', init: 0 },
    ];
  }
  /** The step's scalars, shared by both forms: ρ_t, β₂ₜ and 1 − β₂ₜ (rounded to the variable's dtype). */
  private scalars({ r, t, lr: lr64, scheduled }: StepContext): [number, number, number] {
    const invSqrtT = r(1 / r(Math.sqrt(t)));
    let lr = r(lr64);
    if (!scheduled && this.relativeStep) lr = Math.min(lr, invSqrtT);
    const beta2t = r(1 - r(t ** r(this.beta2Decay)));
    return [Math.min(lr, invSqrtT), beta2t, r(1 - beta2t)];
  }
  protected updateStep(w: FloatArray, g: FloatArray, [row, col, v]: FloatArray[], c: StepContext): void {
    const { r, shape } = c;
    const [rho, beta2t, keep] = this.scalars(c);
    const alpha = r(Math.max(r(this.epsilon2), rms(w, r)) * rho);
    const eps1 = r(this.epsilon1);
    const sq = Float64Array.from(g, (gi) => r(r(gi * gi) + eps1));
    if (shape.length >= 2) this.factoredVelocity(sq, row!, col!, v!, shape, beta2t, keep, r);
    else for (let i = 0; i < v!.length; i++) v![i] = r(r(beta2t * v![i]!) + r(keep * sq[i]!));
    const u = w instanceof Float32Array ? new Float32Array(w.length) : new Float64Array(w.length);
    for (let i = 0; i < u.length; i++) u[i] = r(g[i]! / r(Math.sqrt(v![i]!)));
    const scale = Math.max(1, r(rms(u, r) / r(this.clipThreshold)));
    for (let i = 0; i < w.length; i++) w[i] = r(w[i]! - r(alpha * r(u[i]! / scale)));
  }
  protected override updateStepTensors(w: Tensor, g: Tensor, slots: Tensor[], c: TensorStepContext): TensorUpdate {
    const [rho, beta2t, keep] = this.scalars(c);
    const { k, shape } = c;
    const alpha = mul(maximum(k(this.epsilon2), rmsTensor(w)), k(rho));
    const sq = add(square(g), k(this.epsilon1));
    const decay = (old: Tensor, x: Tensor) => add(mul(k(beta2t), old), mul(k(keep), x));
    let [row, col, v] = slots as [Tensor, Tensor, Tensor];
    if (shape.length >= 2) {
      const [R, C] = [shape[shape.length - 2]!, shape[shape.length - 1]!];
      row = decay(row, div(sum(sq, -1), k(C)));
      col = decay(col, div(sum(sq, -2), k(R)));
      const rowMean = div(sum(row, -1, true), k(R));
      v = mul(expandDims(div(row, rowMean), -1), expandDims(col, -2));
    } else {
      v = decay(v, sq);
    }
    const u = div(g, sqrt(v));
    const scale = maximum(k(1), div(rmsTensor(u), k(this.clipThreshold)));
    return { w: sub(w, mul(alpha, div(u, scale))), slots: [row, col, v] };
  }
  /** r ← β·r + (1−β)·mean_j ĝ², c ← β·c + (1−β)·mean_i ĝ², v = (r / mean_i r) ⊗ c, over [batch…, R, C]. */
  private factoredVelocity(
    sq: Float64Array,
    row: FloatArray,
    col: FloatArray,
    v: FloatArray,
    shape: readonly number[],
    beta2t: number,
    keep: number,
    r: Round,
  ): void {
    const [R, C] = [shape[shape.length - 2]!, shape[shape.length - 1]!];
    const batches = sq.length / (R * C);
    for (let b = 0; b < batches; b++) {
      const base = b * R * C;
      for (let i = 0; i < R; i++) {
        let s = 0;
        for (let j = 0; j < C; j++) s = r(s + sq[base + i * C + j]!);
        row[b * R + i] = r(r(beta2t * row[b * R + i]!) + r(keep * r(s / C)));
      }
      for (let j = 0; j < C; j++) {
        let s = 0;
        for (let i = 0; i < R; i++) s = r(s + sq[base + i * C + j]!);
        col[b * C + j] = r(r(beta2t * col[b * C + j]!) + r(keep * r(s / R)));
      }
      let rowSum = 0;
      for (let i = 0; i < R; i++) rowSum = r(rowSum + row[b * R + i]!);
      const rowMean = r(rowSum / R);
      for (let i = 0; i < R; i++) {
        const ri = r(row[b * R + i]! / rowMean);
        for (let j = 0; j < C; j++) v[base + i * C + j] = r(ri * col[b * C + j]!);
      }
    }
  }
}
