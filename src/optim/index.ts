/**
 * @file Public surface of gradtape's optimizers: every optimizer by name and in the `optimizers` namespace object,
 * the learning-rate schedules (also in `schedules`), L-BFGS, the trajectory recorder and the spec parser.
 */
import { SGD } from './sgd.js';
import { RMSprop } from './rmsprop.js';
import { Adam } from './adam.js';
import { AdamW } from './adamw.js';
import { Adagrad } from './adagrad.js';
import { Adadelta } from './adadelta.js';
import { Adamax } from './adamax.js';
import { Nadam } from './nadam.js';
import { Ftrl } from './ftrl.js';
import { Lion } from './lion.js';
import { Lamb } from './lamb.js';
import { Adafactor } from './adafactor.js';
import { LBFGS } from './lbfgs.js';
import { Optimizer } from './optimizer.js';
import {
  LearningRateSchedule,
  ExponentialDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  InverseTimeDecay,
  CosineDecay,
  CosineDecayRestarts,
} from './schedules.js';

export { SGD, RMSprop, Adam, AdamW, Adagrad, Adadelta, Adamax, Nadam, Ftrl, Lion, Lamb, Adafactor, LBFGS, Optimizer };
export {
  LearningRateSchedule,
  ExponentialDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  InverseTimeDecay,
  CosineDecay,
  CosineDecayRestarts,
};
export type { LearningRate } from './schedules.js';
export type {
  OptimizerOptions,
  GradVarPair,
  LossFn,
  VarList,
  StepContext,
  SlotSpec,
  TensorStepContext,
  TensorUpdate,
} from './optimizer.js';
export type { FloatArray } from './clip.js';
export type { SGDOptions } from './sgd.js';
export type { RMSpropOptions } from './rmsprop.js';
export type { AdamOptions } from './adam.js';
export type { AdamWOptions } from './adamw.js';
export type { AdagradOptions } from './adagrad.js';
export type { AdadeltaOptions } from './adadelta.js';
export type { AdamaxOptions } from './adamax.js';
export type { NadamOptions } from './nadam.js';
export type { FtrlOptions } from './ftrl.js';
export type { LionOptions } from './lion.js';
export type { LambOptions } from './lamb.js';
export type { AdafactorOptions } from './adafactor.js';
export type { LBFGSOptions, LBFGSResult } from './lbfgs.js';
export { MAX_LINE_SEARCH } from './lbfgs.js';
export { descend, race, isDiverged, describeStop, DIVERGENCE_FACTOR } from './trajectory.js';
export type { Trajectory, DescendOptions, StartPoint } from './trajectory.js';
export { parseOptimizerSpec, optimizerFromSpec, OPTIMIZER_SPECS } from './spec.js';
export type { AnyOptimizer } from './spec.js';

/** Every optimizer class, as in `tf.keras.optimizers` (`new optimizers.Adam({ learningRate: 0.1 })`). */
export const optimizers = {
  SGD,
  RMSprop,
  Adam,
  AdamW,
  Adagrad,
  Adadelta,
  Adamax,
  Nadam,
  Ftrl,
  Lion,
  Lamb,
  Adafactor,
  LBFGS,
  Optimizer,
} as const;

/** Every learning-rate schedule, as in `tf.keras.optimizers.schedules`. */
export const schedules = {
  LearningRateSchedule,
  ExponentialDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  InverseTimeDecay,
  CosineDecay,
  CosineDecayRestarts,
} as const;
