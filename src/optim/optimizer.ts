/**
 * @file `Optimizer`: the Keras 3 base class (`base_optimizer.py`) in TypeScript. One `applyGradients` call runs,
 * in Keras's order: drop null gradients (warning once per variable), clip (`clipnorm` | `clipvalue` |
 * `globalClipnorm`), decoupled weight decay, each subclass's `updateStep`, then `iterations += 1`. `minimize` is
 * Keras 2's: record `loss()` on a tape, differentiate with respect to `varList`, apply, return the loss.
 *
 * Two paths run the same rules. Where the variables can be read synchronously (the CPU), updates run on flat typed
 * arrays of the variable's dtype (`updateStep`), rounding after every elementary operation for float32 variables:
 * that is bit-for-bit what a float32 tensor kernel does, and it avoids building a dozen small tensors per variable
 * per step (the optimizer must not be the bottleneck of the tutorial's scalar loop). Elsewhere (a GPU) each rule's
 * second form, `updateStepTensors`, computes the new values with library ops and assigns them with no host read.
 */
import { clipByGlobalNorm, clipByNorm, clipByValue, exact, type FloatArray, type Round } from './clip.js';
import { clipTensorsByGlobalNorm, clipTensorByNorm, clipTensorByValue } from './clip.js';
import { fill, mul, sub, cast } from '../ops/index.js';
import { checkKeys, describe, optNum } from './options.js';
import type { LearningRate, LearningRateSchedule } from './schedules.js';
import type { TensorLike } from '../core/tensor.js';
import { assertDistinct, checkLearningRate, checkVar, resolveVarList } from './arguments.js';
import { GradientAccumulator } from './accumulate.js';
import {
  type Variable,
  type FloatDType,
  floatDTypeOf,
  readValues,
  writeValues,
  gradValues,
  gradTensor,
  valueAndGrads,
  slotTensor,
  hostCopy,
  readsSync,
  untaped,
  constant,
  Tensor,
} from './bridge.js';

/** Options every optimizer takes (Keras's base keyword arguments). */
export interface OptimizerOptions {
  /** A number, a {@link LearningRateSchedule}, or any `(step) => number` of the 0-based iteration. */
  learningRate?: LearningRate;
  /** Clip each variable's gradient to this L2 norm. */
  clipnorm?: number;
  /** Clip each gradient element to `[−clipvalue, clipvalue]`. */
  clipvalue?: number;
  /** Clip all gradients together to this global L2 norm. */
  globalClipnorm?: number;
  /** Decoupled weight decay: `w ← w − w·weightDecay·lr` before each update. */
  weightDecay?: number;
  /** Average the gradients of k ≥ 2 calls and update on every k-th (Keras's `gradient_accumulation_steps`). */
  gradientAccumulationSteps?: number;
  /** A name for messages (defaults to the class name). */
  name?: string;
}

/** Keys of {@link OptimizerOptions}; subclasses add their own. */
export const BASE_KEYS = [
  'learningRate',
  'clipnorm',
  'clipvalue',
  'globalClipnorm',
  'weightDecay',
  'gradientAccumulationSteps',
  'name',
] as const;

/** What a subclass's update sees for one step. */
export interface StepContext {
  /** Learning rate for this step (float64; cast with `r` inside the kernel). */
  lr: number;
  /** Keras's `local_step`: `iterations + 1`. */
  t: number;
  /** Rounding to the variable's dtype. */
  r: Round;
  /** The variable's shape (for rules that reduce over axes, like Adafactor). */
  shape: readonly number[];
  /** True when the learning rate is a schedule or a function rather than a number. */
  scheduled: boolean;
}

/** What a subclass's tensor rule sees: the loop's context, plus `k(x)`, a scalar constant of the variable's dtype. */
export interface TensorStepContext extends StepContext {
  /** `x` as a scalar tensor of the variable's dtype (rounded as `r(x)`): every operand of a rule goes through it. */
  k: (x: number) => Tensor;
}

/** A tensor rule's result: the variable's new value and each slot's, in `slotSpecs` order. */
export interface TensorUpdate {
  w: Tensor;
  slots: Tensor[];
}

/** A slot a subclass keeps per variable, e.g. Adam's `momentum` and `velocity`. */
export interface SlotSpec {
  name: string;
  /** Initial value of every element (Keras: 0, Adagrad/Ftrl accumulators: `initialAccumulatorValue`). */
  init: number;
  /** The slot's shape given the variable's (default: the same shape). */
  shape?: (variableShape: readonly number[]) => number[];
}

/** One gradient/variable pair for {@link Optimizer.applyGradients}; a `null` gradient skips the variable. */
export type GradVarPair = readonly [TensorLike | null, Variable];

/** The loss a `minimize` call differentiates, and the list of variables (or a function returning it). */
export type LossFn = () => unknown;
export type VarList = Variable[] | (() => Variable[]);

const roundOf = (d: FloatDType): Round => (d === 'float32' ? Math.fround : exact);

/** Base class of every gradient optimizer. Subclasses declare their slots and one `updateStep`. */
export abstract class Optimizer {
  /** Name used in messages. */
  readonly name: string;
  readonly clipnorm: number | undefined;
  readonly clipvalue: number | undefined;
  readonly globalClipnorm: number | undefined;
  readonly weightDecay: number | undefined;
  readonly gradientAccumulationSteps: number | undefined;
  private lrSource: LearningRate;
  /** Calls of applyGradients (Keras's `_iterations`); `iterations` counts updates. */
  private calls = 0;
  private readonly accumulator: GradientAccumulator | undefined;
  // Weak: per-variable state must not keep a discarded variable (or its slots) alive. Arrays on the host path,
  // tensors on the tensor path (a variable moved between devices has its slots copied across).
  private readonly slots = new WeakMap<Variable, FloatArray[] | Tensor[]>();
  private readonly warned = new WeakSet<Variable>();
  private readonly noDecay = new WeakSet<Variable>();
  private readonly noDecayNames: string[] = [];
  /** dtype of the first variable this optimizer updated (Keras builds scalar state such as Nadam's in it). */
  protected buildDType: FloatDType | undefined;
  private lossTensor: Tensor | undefined;

  /**
   * @param owner class name used in messages, @param options the user's options (checked for unknown keys),
   * @param extraKeys the subclass's own option names, @param defaultLearningRate Keras's default for the class.
   */
  protected constructor(
    owner: string,
    options: object | undefined,
    extraKeys: readonly string[],
    defaultLearningRate: number,
  ) {
    const o = checkKeys(owner, options, [...BASE_KEYS, ...extraKeys]);
    this.name = o.name === undefined ? owner : String(o.name);
    this.lrSource = checkLearningRate(owner, o.learningRate ?? defaultLearningRate);
    const positive = { min: 0, minOpen: true };
    this.clipnorm = optNum(owner, o, 'clipnorm', positive);
    this.clipvalue = optNum(owner, o, 'clipvalue', positive);
    this.globalClipnorm = optNum(owner, o, 'globalClipnorm', positive);
    const set = (['clipnorm', 'clipvalue', 'globalClipnorm'] as const).filter((k) => this[k] !== undefined);
    if (set.length > 1) {
      throw new Error(
        `${owner}: only one of clipnorm, clipvalue and globalClipnorm may be set (got ${set.join(' and ')})`,
      );
    }
    this.weightDecay = optNum(owner, o, 'weightDecay', { min: 0 });
    const k = optNum(owner, o, 'gradientAccumulationSteps', { min: 2 });
    if (k !== undefined && !Number.isInteger(k)) {
      throw new Error(`${owner}: gradientAccumulationSteps must be an integer >= 2 (got ${k})`);
    }
    this.gradientAccumulationSteps = k;
    this.accumulator = k === undefined ? undefined : new GradientAccumulator(k);
  }

  /** The subclass's per-variable slots, created lazily (with the variable's dtype) on its first update. */
  protected abstract slotSpecs(): SlotSpec[];

  /** Keras's `update_step` on flat arrays: updates `w` (and the slots) in place; `g` is read-only (it may be a tensor's storage). */
  protected abstract updateStep(w: FloatArray, g: FloatArray, slots: FloatArray[], c: StepContext): void;

  /**
   * Keras's `update_step` in library ops, for devices without synchronous reads (a GPU): returns the new value of
   * `w` and of each slot, computing in the variable's dtype (constants through `c.k`). A subclass without one
   * still works on the CPU; on such a device it fails here, naming itself.
   */
  protected updateStepTensors(_w: Tensor, _g: Tensor, _slots: Tensor[], _c: TensorStepContext): TensorUpdate {
    throw new Error(
      `${this.name}: this optimizer has no tensor rule (updateStepTensors), which variables on a device without ` +
        "synchronous reads need; run it on the CPU backend (await setBackend('cpu')) or implement updateStepTensors",
    );
  }

  /** Hook run once per step before any variable is updated (Nadam's running product). */
  protected beforeUpdates(_t: number): void {}

  /**
   * Number of updates so far (Keras's `optimizer.iterations`): one per `applyGradients`/`minimize` call, or one per
   * k calls with `gradientAccumulationSteps: k`.
   */
  get iterations(): number {
    const k = this.gradientAccumulationSteps;
    return k === undefined ? this.calls : Math.floor(this.calls / k);
  }

  /**
   * The loss of the last `minimize` call (before its step), as a Tensor: the way to read it where `minimize`
   * returns NaN (a device without synchronous reads: `(await opt.lastLoss.data())[0]`). `undefined` before any call.
   */
  get lastLoss(): Tensor | undefined {
    return this.lossTensor;
  }

  /** The learning rate the next step will use (a schedule is evaluated at `iterations`). */
  get learningRate(): number {
    return this.currentLearningRate();
  }

  /** Replaces the learning rate (a number, schedule or function), as `opt.learning_rate = …` does in Keras. */
  set learningRate(lr: LearningRate) {
    this.lrSource = checkLearningRate(this.name, lr);
  }

  /**
   * Excludes variables (by object, or by a substring of their name) from decoupled weight decay, like Keras's
   * `exclude_from_weight_decay`.
   * @example new AdamW().excludeFromWeightDecay({ varNames: ['bias'] });
   */
  excludeFromWeightDecay(opts: { varList?: Variable[]; varNames?: string[] }): this {
    const o = checkKeys(`${this.name}.excludeFromWeightDecay`, opts, ['varList', 'varNames']);
    ((o.varList as Variable[] | undefined) ?? []).forEach((v, i) =>
      this.noDecay.add(checkVar(this.name, 'excludeFromWeightDecay', v, i)),
    );
    for (const n of (o.varNames as string[] | undefined) ?? []) this.noDecayNames.push(String(n));
    return this;
  }

  /**
   * Current value of one slot of `variable` (e.g. Adam's `'momentum'`), or `undefined` before its first update.
   * @example opt.getSlot(x, 'velocity')?.toArray()
   */
  getSlot(variable: Variable, slotName: string) {
    const specs = this.slotSpecs();
    const i = specs.findIndex((s) => s.name === slotName);
    if (i < 0) {
      throw new Error(
        `${this.name}.getSlot: unknown slot '${slotName}' (this optimizer keeps: ${specs.map((s) => s.name).join(', ') || 'none'})`,
      );
    }
    const slot = this.slots.get(variable)?.[i];
    if (slot === undefined || slot instanceof Tensor) return slot;
    return slotTensor(slot, specs[i]!.shape?.(variable.shape) ?? variable.shape);
  }

  /**
   * Applies one step of gradients: `pairs` is `[[grad, variable], …]`. A `null` gradient skips its variable with
   * one warning naming it; all-null is an error (as in Keras). Returns the new `iterations`.
   * @example opt.applyGradients([[tape.gradient(loss, w), w]]);
   */
  applyGradients(pairs: readonly GradVarPair[]): number {
    const fn = 'applyGradients';
    if (!Array.isArray(pairs) || pairs.length === 0) {
      throw new Error(
        `${this.name}.${fn}: pairs must be a non-empty array of [gradient, variable] (got ${describe(pairs)})`,
      );
    }
    const vars = new Array<Variable>(pairs.length);
    const grads = new Array<unknown>(pairs.length);
    for (let i = 0; i < pairs.length; i++) {
      const pair = pairs[i];
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new Error(`${this.name}.${fn}: pairs[${i}] must be a [gradient, variable] pair (got ${describe(pair)})`);
      }
      vars[i] = checkVar(this.name, fn, pair[1], i, 'pairs');
      grads[i] = pair[0];
    }
    assertDistinct(this.name, fn, vars); // minimize's list is checked where it is resolved (resolveVarList)
    this.applyChecked(vars, grads, fn);
    return this.iterations;
  }

  /**
   * Keras 2's `minimize`: records `loss()` on a tape, differentiates with respect to `varList`, applies the
   * gradients, and returns the loss value (before the step). The loss is also kept as a Tensor in
   * {@link lastLoss}. On a device that cannot read synchronously (WebGPU) the value cannot be returned without
   * waiting for the GPU, so `minimize` returns NaN there: read `await opt.lastLoss.data()` instead.
   * @example const x = new Variable(0.25), y = new Variable(-0.5); opt.minimize(() => f(x, y), [x, y]);
   */
  minimize(loss: LossFn, varList: VarList): number {
    const vars = resolveVarList(this.name, loss, varList);
    const { value, loss: lossTensor, grads } = valueAndGrads(loss, vars, this.name);
    this.lossTensor = lossTensor;
    this.applyChecked(vars, grads, 'minimize');
    return value;
  }

  /** Drops null gradients (warning once), converts the rest to flat arrays or tensors, and runs the pipeline. */
  private applyChecked(allVars: Variable[], rawGrads: unknown[], fn: string): void {
    if (!readsSync(allVars)) {
      this.applyTensors(allVars, rawGrads, fn);
      return;
    }
    const vars: Variable[] = [];
    const grads: FloatArray[] = [];
    // clipping and accumulation rewrite the gradient arrays in place; the update rules only read them
    const readOnly =
      this.clipnorm === undefined &&
      this.clipvalue === undefined &&
      this.globalClipnorm === undefined &&
      this.accumulator === undefined;
    for (let i = 0; i < allVars.length; i++) {
      const v = allVars[i]!;
      const g = rawGrads[i];
      if (g === null || g === undefined) {
        this.warnNoGradient(v);
        continue;
      }
      vars.push(v);
      grads.push(gradValues(g, v, this.name, fn, i, readOnly));
    }
    if (vars.length === 0) this.noGradients(allVars, fn);
    this.applyArrays(vars, grads);
  }

  /** The (accumulate →) clip → decay → update → count pipeline on already-validated arrays. */
  private applyArrays(vars: Variable[], grads: FloatArray[]): void {
    const dtypes = new Array<FloatDType>(vars.length),
      rounds = new Array<Round>(vars.length);
    for (let i = 0; i < vars.length; i++) {
      dtypes[i] = floatDTypeOf(vars[i]!, this.name, 'applyGradients');
      rounds[i] = roundOf(dtypes[i]!);
    }
    if (this.accumulator !== undefined && !this.accumulator.add(vars, grads, rounds, this.calls)) {
      this.calls++;
      return;
    }
    if (this.clipnorm !== undefined) grads.forEach((g, i) => clipByNorm(g, this.clipnorm!, rounds[i]!));
    if (this.clipvalue !== undefined) grads.forEach((g, i) => clipByValue(g, this.clipvalue!, rounds[i]!));
    if (this.globalClipnorm !== undefined) clipByGlobalNorm(grads, rounds, this.globalClipnorm);
    const lr = this.currentLearningRate();
    this.buildDType ??= dtypes[0];
    const t = this.iterations + 1;
    this.beforeUpdates(t);
    // one context for the step; the rules read it during their call and keep nothing
    const c: StepContext = {
      lr,
      t,
      r: rounds[0]!,
      shape: vars[0]!.shape,
      scheduled: typeof this.lrSource !== 'number',
    };
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i]!;
      const r = rounds[i]!;
      const w = readValues(v, dtypes[i]!);
      if (this.weightDecay !== undefined && this.decays(v)) {
        const wd = r(this.weightDecay);
        const lrc = r(lr);
        for (let k = 0; k < w.length; k++) w[k] = r(w[k]! - r(r(w[k]! * wd) * lrc));
      }
      c.r = r;
      c.shape = v.shape;
      this.updateStep(w, grads[i]!, this.slotsOf(v, dtypes[i]!), c);
      writeValues(v, w);
    }
    this.calls++;
  }

  /** The tensor path: `applyChecked` + `applyArrays` in library ops, with no host read and no tape recording. */
  private applyTensors(allVars: Variable[], rawGrads: unknown[], fn: string): void {
    untaped(() => this.stepTensors(allVars, rawGrads, fn));
    this.calls++;
  }

  private stepTensors(allVars: Variable[], rawGrads: unknown[], fn: string): void {
    const vars: Variable[] = [];
    let grads: Tensor[] = [];
    allVars.forEach((v, i) => {
      const g = rawGrads[i];
      if (g === null || g === undefined) return this.warnNoGradient(v);
      vars.push(v);
      grads.push(cast(gradTensor(g, v, this.name, fn, i), floatDTypeOf(v, this.name, 'applyGradients')));
    });
    if (vars.length === 0) this.noGradients(allVars, fn);
    if (this.accumulator !== undefined) {
      const averaged = this.accumulator.addTensors(vars, grads, this.calls);
      if (averaged === undefined) return;
      grads = averaged;
    }
    const { clipnorm, clipvalue, globalClipnorm } = this;
    if (clipnorm !== undefined) grads = grads.map((g) => clipTensorByNorm(g, clipnorm));
    if (clipvalue !== undefined) grads = grads.map((g) => clipTensorByValue(g, clipvalue));
    if (globalClipnorm !== undefined) grads = clipTensorsByGlobalNorm(grads, globalClipnorm);
    const lr = this.currentLearningRate();
    this.buildDType ??= grads[0]!.dtype as FloatDType;
    const t = this.iterations + 1;
    this.beforeUpdates(t);
    const scheduled = typeof this.lrSource !== 'number';
    vars.forEach((v, i) => {
      const dtype = grads[i]!.dtype as FloatDType;
      const k = (x: number) => constant(x, dtype);
      let w = v.value();
      if (this.weightDecay !== undefined && this.decays(v)) w = sub(w, mul(mul(w, k(this.weightDecay)), k(lr)));
      const c: TensorStepContext = { lr, t, r: roundOf(dtype), shape: v.shape, scheduled, k };
      const next = this.updateStepTensors(w, grads[i]!, this.slotTensorsOf(v, dtype), c);
      v.assign(next.w);
      this.slots.set(v, next.slots);
    });
  }

  private decays(v: Variable): boolean {
    if (this.noDecay.has(v)) return false;
    const name = v.name ?? '';
    return !this.noDecayNames.some((n) => name.includes(n));
  }

  private slotsOf(v: Variable, dtype: FloatDType): FloatArray[] {
    let s = this.slots.get(v);
    if (s !== undefined && s[0] instanceof Tensor) this.slots.set(v, (s = (s as Tensor[]).map(hostCopy)));
    if (s === undefined) {
      s = this.slotSpecs().map(({ init, shape }) => {
        const size = (shape ? shape(v.shape) : v.shape).reduce((a, b) => a * b, 1);
        const a = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
        return init === 0 ? a : a.fill(init);
      });
      this.slots.set(v, s);
    }
    return s as FloatArray[];
  }

  private slotTensorsOf(v: Variable, dtype: FloatDType): Tensor[] {
    const specs = this.slotSpecs();
    const s = this.slots.get(v);
    const shapeOf = (i: number) => specs[i]!.shape?.(v.shape) ?? v.shape;
    if (s === undefined) return specs.map(({ init }, i) => fill([...shapeOf(i)], init, { dtype }));
    return s.map((x, i) => (x instanceof Tensor ? x : slotTensor(x, shapeOf(i))));
  }

  private currentLearningRate(): number {
    const src = this.lrSource;
    if (typeof src === 'number') return src;
    // Keras evaluates schedules at the count of calls, not of updates, under gradient accumulation.
    const lr = typeof src === 'function' ? src(this.calls) : src.call(this.calls);
    if (typeof lr !== 'number' || !Number.isFinite(lr) || lr < 0) {
      throw new Error(
        `${this.name}: the learning-rate schedule returned ${describe(lr)} at step ${this.calls}; expected a finite number >= 0`,
      );
    }
    return lr;
  }

  private noGradients(allVars: Variable[], fn: string): never {
    const names = allVars.map((v) => `'${v.name}'`).join(', ');
    throw new Error(
      `${this.name}.${fn}: no gradients provided for any variable (${names}); does the loss depend on them?`,
    );
  }

  private warnNoGradient(v: Variable): void {
    if (this.warned.has(v)) return;
    this.warned.add(v);
    console.warn(
      `${this.name}: gradient for variable '${v.name}' is null (the loss does not depend on it); skipping it. ` +
        'This warning is shown once per variable.',
    );
  }
}
