/**
 * @file Learning-rate schedules with Keras 3 semantics (`keras.optimizers.schedules`): pure functions of the
 * optimizer step (the value of `iterations` before the update, so 0 on the first step). Each class computes in
 * float64; an optimizer casts the value to each variable's dtype, as Keras casts `learning_rate`.
 */
import { checkKeys, num, bool } from './options.js';

/**
 * Base class: a learning rate as a function of the step. Subclass and implement `call(step)` for your own, or pass
 * any `(step) => number` to an optimizer instead.
 * @example class Halving extends LearningRateSchedule { call(s: number) { return 0.1 / 2 ** s; } }
 */
export abstract class LearningRateSchedule {
  /** The learning rate at `step` (0-based optimizer iteration). */
  abstract call(step: number): number;
  /** The schedule as a plain `(step) => number`. */
  asFunction(): (step: number) => number {
    return (step) => this.call(step);
  }
}

function checkStep(owner: string, step: number): void {
  if (typeof step !== 'number' || Number.isNaN(step) || step < 0) {
    throw new Error(`${owner}.call: step must be a number >= 0 (got ${String(step)})`);
  }
}

const pos = { min: 0, minOpen: true };

/** Options of the exponential and inverse-time decays. */
export interface StepDecayOptions {
  initialLearningRate: number;
  decaySteps: number;
  decayRate: number;
  staircase?: boolean;
}

/** The exponential and inverse-time decays share their options and the (optionally floored) step ratio. */
abstract class StepRatioDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly decayRate: number;
  readonly staircase: boolean;
  constructor(
    private readonly owner: string,
    options: StepDecayOptions,
  ) {
    super();
    const o = checkKeys(owner, options, ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase']);
    this.initialLearningRate = num(owner, o, 'initialLearningRate', NaN);
    this.decaySteps = num(owner, o, 'decaySteps', NaN, pos);
    this.decayRate = num(owner, o, 'decayRate', NaN);
    this.staircase = bool(owner, o, 'staircase', false);
  }
  /** step / decaySteps, floored with `staircase`. */
  protected ratio(step: number): number {
    checkStep(this.owner, step);
    const p = step / this.decaySteps;
    return this.staircase ? Math.floor(p) : p;
  }
}

/**
 * `initialLearningRate · decayRate^(step / decaySteps)`; with `staircase` the exponent is floored.
 * @example new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96 }).call(100) // → 0.096
 */
export class ExponentialDecay extends StepRatioDecay {
  constructor(options: StepDecayOptions) {
    super('ExponentialDecay', options);
  }
  call(step: number): number {
    return this.initialLearningRate * this.decayRate ** this.ratio(step);
  }
}

/**
 * `values[0]` while `step <= boundaries[0]`, `values[i]` while `boundaries[i-1] < step <= boundaries[i]`, and
 * `values[last]` after the last boundary (Keras's inclusive upper ends).
 * @example new PiecewiseConstantDecay({ boundaries: [100, 200], values: [1, 0.5, 0.1] }).call(150) // → 0.5
 */
export class PiecewiseConstantDecay extends LearningRateSchedule {
  readonly boundaries: readonly number[];
  readonly values: readonly number[];
  constructor(options: { boundaries: number[]; values: number[] }) {
    super();
    const o = checkKeys('PiecewiseConstantDecay', options, ['boundaries', 'values']);
    const { boundaries, values } = o as { boundaries: unknown; values: unknown };
    const isNums = (a: unknown): a is number[] =>
      Array.isArray(a) && a.every((x) => typeof x === 'number' && Number.isFinite(x));
    if (!isNums(boundaries) || boundaries.length === 0) {
      throw new Error('PiecewiseConstantDecay: boundaries must be a non-empty array of finite numbers');
    }
    if (!isNums(values) || values.length !== boundaries.length + 1) {
      throw new Error(
        `PiecewiseConstantDecay: values must be an array of finite numbers with one more element than boundaries ` +
          `(boundaries has ${boundaries.length}, values has ${Array.isArray(values) ? values.length : 'none'})`,
      );
    }
    for (let i = 1; i < boundaries.length; i++) {
      if (!(boundaries[i]! > boundaries[i - 1]!)) {
        throw new Error(
          `PiecewiseConstantDecay: boundaries must be strictly increasing (got ${boundaries.join(', ')})`,
        );
      }
    }
    this.boundaries = [...boundaries];
    this.values = [...values];
  }
  call(step: number): number {
    checkStep('PiecewiseConstantDecay', step);
    const i = this.boundaries.findIndex((b) => step <= b);
    return this.values[i === -1 ? this.values.length - 1 : i]!;
  }
}

/**
 * Polynomial decay from `initialLearningRate` to `endLearningRate` over `decaySteps` (then constant); with `cycle`
 * the horizon grows to the first multiple of `decaySteps` at or above `step`.
 * @example new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0 }).call(5) // → 0.05
 */
export class PolynomialDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly endLearningRate: number;
  readonly power: number;
  readonly cycle: boolean;
  constructor(options: {
    initialLearningRate: number;
    decaySteps: number;
    endLearningRate?: number;
    power?: number;
    cycle?: boolean;
  }) {
    super();
    const n = 'PolynomialDecay';
    const o = checkKeys(n, options, ['initialLearningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle']);
    this.initialLearningRate = num(n, o, 'initialLearningRate', NaN);
    this.decaySteps = num(n, o, 'decaySteps', NaN, pos);
    this.endLearningRate = num(n, o, 'endLearningRate', 0.0001);
    this.power = num(n, o, 'power', 1);
    this.cycle = bool(n, o, 'cycle', false);
  }
  call(step: number): number {
    checkStep('PolynomialDecay', step);
    let s = step;
    let horizon = this.decaySteps;
    if (this.cycle) horizon *= step === 0 ? 1 : Math.ceil(step / this.decaySteps);
    else s = Math.min(step, horizon);
    const p = s / horizon;
    return (this.initialLearningRate - this.endLearningRate) * (1 - p) ** this.power + this.endLearningRate;
  }
}

/**
 * `initialLearningRate / (1 + decayRate · step / decaySteps)`; with `staircase` the ratio is floored.
 * @example new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }).call(2) // → 0.05
 */
export class InverseTimeDecay extends StepRatioDecay {
  constructor(options: StepDecayOptions) {
    super('InverseTimeDecay', options);
  }
  call(step: number): number {
    return this.initialLearningRate / (1 + this.decayRate * this.ratio(step));
  }
}

/** Cosine factor shared by CosineDecay and CosineDecayRestarts: (1 − α)·½(1 + cos πf) + α. */
function cosineFactor(fraction: number, alpha: number, scale = 1): number {
  return (1 - alpha) * (0.5 * scale * (1 + Math.cos(Math.PI * fraction))) + alpha;
}

/**
 * Cosine decay (SGDR without restarts) with an optional linear warmup: from `initialLearningRate` to
 * `warmupTarget` over `warmupSteps`, then cosine from the peak to `peak·alpha` over `decaySteps`.
 * @example new CosineDecay({ initialLearningRate: 1, decaySteps: 10 }).call(5) // → 0.5
 */
export class CosineDecay extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly warmupTarget: number | undefined;
  readonly warmupSteps: number;
  constructor(options: {
    initialLearningRate: number;
    decaySteps: number;
    alpha?: number;
    warmupTarget?: number;
    warmupSteps?: number;
  }) {
    super();
    const n = 'CosineDecay';
    const o = checkKeys(n, options, ['initialLearningRate', 'decaySteps', 'alpha', 'warmupTarget', 'warmupSteps']);
    this.initialLearningRate = num(n, o, 'initialLearningRate', NaN);
    this.decaySteps = num(n, o, 'decaySteps', NaN, pos);
    this.alpha = num(n, o, 'alpha', 0);
    this.warmupTarget = o.warmupTarget === undefined ? undefined : num(n, o, 'warmupTarget', NaN);
    this.warmupSteps = num(n, o, 'warmupSteps', 0, { min: 0 });
  }
  call(step: number): number {
    checkStep('CosineDecay', step);
    if (this.warmupTarget === undefined) {
      const s = Math.min(step, this.decaySteps);
      return this.initialLearningRate * cosineFactor(s / this.decaySteps, this.alpha);
    }
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) {
      return (this.warmupTarget - this.initialLearningRate) * (s / this.warmupSteps) + this.initialLearningRate;
    }
    return this.warmupTarget * cosineFactor((s - this.warmupSteps) / this.decaySteps, this.alpha);
  }
}

/**
 * Cosine decay with warm restarts (SGDR): the i-th period lasts `firstDecaySteps·tMul^i` steps and starts at
 * `initialLearningRate·mMul^i`.
 * @example new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 10 }).call(10) // → 1 (restart)
 */
export class CosineDecayRestarts extends LearningRateSchedule {
  readonly initialLearningRate: number;
  readonly firstDecaySteps: number;
  readonly tMul: number;
  readonly mMul: number;
  readonly alpha: number;
  constructor(options: {
    initialLearningRate: number;
    firstDecaySteps: number;
    tMul?: number;
    mMul?: number;
    alpha?: number;
  }) {
    super();
    const n = 'CosineDecayRestarts';
    const o = checkKeys(n, options, ['initialLearningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha']);
    this.initialLearningRate = num(n, o, 'initialLearningRate', NaN);
    this.firstDecaySteps = num(n, o, 'firstDecaySteps', NaN, pos);
    this.tMul = num(n, o, 'tMul', 2, pos);
    this.mMul = num(n, o, 'mMul', 1, { min: 0 });
    this.alpha = num(n, o, 'alpha', 0);
  }
  call(step: number): number {
    checkStep('CosineDecayRestarts', step);
    let fraction = step / this.firstDecaySteps;
    let restart: number;
    if (this.tMul === 1) {
      restart = Math.floor(fraction);
      fraction -= restart;
    } else {
      // Periods grow geometrically: the start of period i is (1 − tMul^i)/(1 − tMul) in units of the first period.
      restart = Math.floor(Math.log(1 - fraction * (1 - this.tMul)) / Math.log(this.tMul));
      const before = (1 - this.tMul ** restart) / (1 - this.tMul);
      fraction = (fraction - before) / this.tMul ** restart;
    }
    return this.initialLearningRate * cosineFactor(fraction, this.alpha, this.mMul ** restart);
  }
}

/** What an optimizer accepts as `learningRate`. */
export type LearningRate = number | LearningRateSchedule | ((step: number) => number);
