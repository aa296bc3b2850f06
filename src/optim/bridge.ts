/**
 * @file The optimizers' contact with the engine: which path a step takes (host loops where the variables can be
 * read synchronously, tensor rules elsewhere), reading and writing Variables as flat typed arrays, converting
 * gradients, constants for the tensor rules, and the Keras-2 "record the loss on a tape, differentiate" step.
 */
import { Tensor, fromHost, describe } from '../core/tensor.js';
import { currentDevice, type Device } from '../core/device.js';
import { pausing, state } from '../core/engine.js';
import { toTensor } from '../primitives/convert.js';
import { Variable, isVariable } from '../core/variable.js';
import { GradientTape } from '../autodiff/tape.js';
import type { FloatArray } from './clip.js';

export { Variable, isVariable, Tensor };

/** Dtypes an optimizer can update. */
export type FloatDType = 'float64' | 'float32';

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * The variable's dtype, or an error naming the caller (`owner.method`, or `owner` alone) when it is not a float
 * type. The name is put together only for the error: this runs for every variable on every step.
 * @example floatDTypeOf(x, 'SGD', 'minimize') // 'float64'
 */
export function floatDTypeOf(v: Variable, owner: string, method = ''): FloatDType {
  const d = v.dtype;
  if (d !== 'float64' && d !== 'float32') {
    throw new Error(
      `${method === '' ? owner : `${owner}.${method}`}: variable '${v.name}' has dtype ${d}; optimizers update float32 or float64 variables only`,
    );
  }
  return d;
}

/**
 * True when every variable lives on a device that reads synchronously (the CPU): the step then runs the host
 * loops; otherwise (a GPU) it runs the tensor rules, which never read values back.
 * @example readsSync([x, y]) // true on the CPU backend
 */
export function readsSync(vars: readonly Variable[]): boolean {
  for (let i = 0; i < vars.length; i++) if (!vars[i]!.value()._device.syncRead) return false;
  return true;
}

/**
 * For the algorithms that need host numbers at every step (L-BFGS, `descend`): throws, naming `fn`, unless the
 * current device and every variable's read synchronously.
 * @example requireSyncRead('descend'); // throws on WebGPU
 */
export function requireSyncRead(fn: string, vars: readonly Variable[] = []): void {
  let dev: Device | undefined = currentDevice();
  if (dev.syncRead) dev = vars.map((v) => v.value()._device).find((d) => !d.syncRead);
  if (dev === undefined) return;
  throw new Error(
    `${fn}: needs the loss and the point as host numbers at every step, which the '${dev.name}' backend cannot read ` +
      "synchronously; run it on the CPU backend (await setBackend('cpu')), or use an optimizer's minimize or applyGradients",
  );
}

/** Runs `fn` with no tape recording: an update is not part of any loss. */
export const untaped = <T>(fn: () => T): T => (state.recorders.length === 0 ? fn() : pausing(state.recorders, fn));

const constants = new WeakMap<Device, Record<FloatDType, Map<number, Tensor>>>();
const MAX_CONSTANTS = 256;

/**
 * A scalar tensor of `dtype` on the current device holding `x` (rounded to float32 for float32): the operands of
 * the tensor rules, which must compute in the variable's dtype as the host loops do (a plain JS number would be a
 * float64 weak scalar). Cached per device, bounded as the ops' weak scalars are (a schedule makes many values).
 * @example constant(0.9, 'float32') // float32 scalar 0.89999997…
 */
export function constant(x: number, dtype: FloatDType): Tensor {
  const dev = currentDevice();
  let byType = constants.get(dev);
  if (byType === undefined) constants.set(dev, (byType = { float32: new Map(), float64: new Map() }));
  const cache = byType[dtype];
  let t = cache.get(x);
  if (t === undefined || Object.is(x, -0)) {
    t = toTensor(x, 'optimizer', 'constant', dtype);
    if (cache.size < MAX_CONSTANTS && !Object.is(x, -0)) cache.set(x, t);
  }
  return t;
}

/** A fresh copy of the variable's values in its own dtype. @example const w = readValues(x, 'float64'); */
export function readValues(v: Variable, dtype: FloatDType): FloatArray {
  const data = v.value()._read('optimizer');
  // the typed-array constructor copies directly; slice() first looks up a species constructor
  return dtype === 'float32' ? new Float32Array(data as Float32Array) : new Float64Array(data as Float64Array);
}

/**
 * Assigns `data` (ownership passes to the variable: the caller must not touch it afterwards).
 * @example writeValues(x, new Float64Array([0.5]));
 */
export function writeValues(v: Variable, data: FloatArray): void {
  if ((data instanceof Float32Array ? 'float32' : 'float64') !== v.dtype)
    throw new Error(`writeValues: variable '${v.name}' has dtype ${v.dtype}; got a ${data.constructor.name}`);
  v._assignData(data);
}

/**
 * The gradient `g` for variable `v`, checked, as a Tensor (in its own dtype). Errors name the caller (`fn`, as
 * 'SGD.minimize'), the argument and both shapes; the argument is `the gradient of 'v'` for `minimize` and
 * `pairs[i][0]` otherwise.
 * @example gradTensor([0.1, 0.2], w, 'SGD', 'applyGradients', 0) // Tensor [2]
 */
export function gradTensor(g: unknown, v: Variable, owner: string, method: string, i: number): Tensor {
  // the names are put together only for an error: this runs for every variable on every step
  const names = (): [string, string] => [
    `${owner}.${method}`,
    method === 'minimize' ? `the gradient of '${v.name}'` : `pairs[${i}][0]`,
  ];
  let t: Tensor;
  try {
    t = g instanceof Tensor ? g : toTensor(g as never, ...names());
  } catch {
    const [fn, arg] = names();
    throw new Error(`${fn}: ${arg} must be a Tensor (the gradient of '${v.name}'), got ${describe(g)}`);
  }
  if (t.size !== v.size || t.shape.length !== v.shape.length || t.shape.some((n, i) => n !== v.shape[i])) {
    const [fn, arg] = names();
    throw new Error(`${fn}: ${arg} has shape ${fmt(t.shape)} but variable '${v.name}' has shape ${fmt(v.shape)}`);
  }
  if (t.dtype !== 'float64' && t.dtype !== 'float32') {
    const [fn, arg] = names();
    throw new Error(`${fn}: ${arg} has dtype ${t.dtype}; a gradient must be float32 or float64`);
  }
  return t;
}

/**
 * The gradient `g` for variable `v` (checked by {@link gradTensor}) as a flat array of `v`'s dtype (a float64
 * gradient for a float32 variable is rounded, as Keras casts it). The array is fresh unless `readOnly` is set,
 * when a same-dtype gradient hands out the tensor's own storage (no copy: a scalar step copied four arrays) and
 * the caller must not write to it.
 * @example gradValues(tensor([0.1, 0.2]), w, 'SGD', 'applyGradients', 0) // Float64Array [0.1, 0.2]
 */
export function gradValues(
  g: unknown,
  v: Variable,
  owner: string,
  method: string,
  i: number,
  readOnly = false,
): FloatArray {
  const t = gradTensor(g, v, owner, method, i);
  if (t.dtype === v.dtype) return (readOnly ? t._read('optimizer') : t.data()) as FloatArray;
  const src = t._read('optimizer');
  return v.dtype === 'float32' ? Float32Array.from(src) : Float64Array.from(src);
}

/**
 * Keras 2's `minimize` front half: runs `loss()` on a fresh tape that watches `vars` (trainable or not, as
 * `tape.watch(var_list)` does), checks it is a scalar, and returns it (`loss`), its value (NaN on a device that
 * cannot read synchronously) and the gradients (null when `loss` does not depend on a variable).
 * @example const { value, grads } = valueAndGrads(() => square(x), [x], 'SGD'); // errors name 'SGD.minimize'
 */
export function valueAndGrads(
  loss: () => unknown,
  vars: Variable[],
  owner: string,
  method = 'minimize',
): { value: number; loss: Tensor; grads: (Tensor | null)[] } {
  const fn = (): string => (method === '' ? owner : `${owner}.${method}`);
  const tape = new GradientTape();
  // Trainable variables are watched when read; only non-trainable ones need an explicit watch (Keras 2 watches the
  // whole var_list). Skipping the call keeps the tutorial's scalar loop lean.
  let untrainable: Variable[] | undefined;
  for (const v of vars) if (!v.trainable) (untrainable ??= []).push(v);
  let out: unknown;
  const t = tape.record(() => {
    if (untrainable !== undefined) tape.watch(untrainable);
    out = loss();
    // A Variable returned as the loss is read here, inside the recording, so it stays connected.
    return out instanceof Tensor ? out : isVariable(out) ? out.value() : undefined;
  });
  if (t === undefined) {
    throw new Error(`${fn()}: loss() must return a scalar Tensor (got ${describe(out)})`);
  }
  if (t.size !== 1) {
    throw new Error(
      `${fn()}: loss() must return a scalar (one element), got a Tensor of shape ${fmt(t.shape)}; reduce it with sum() or mean()`,
    );
  }
  if (t.dtype !== 'float64' && t.dtype !== 'float32') {
    throw new Error(`${fn()}: loss() returned a ${t.dtype} tensor; it must be float32 or float64 to be differentiated`);
  }
  // A variable the loss never read has no gradient. Asking the tape for it would make the tape warn on every
  // step; the optimizer warns once instead, so such variables are answered with null here.
  let all = true;
  for (let i = 0; i < vars.length && all; i++) all = tape.isWatching(vars[i]!);
  const value = t._device.syncRead ? t.item() : Number.NaN;
  if (all) return { value, loss: t, grads: tape.gradient(t, vars) as (Tensor | null)[] };
  const isWatched = (v: Variable): boolean => tape.isWatching(v);
  const sources = vars.filter(isWatched);
  const found = sources.length === 0 ? [] : (tape.gradient(t, sources) as (Tensor | null)[]);
  return { value, loss: t, grads: vars.map((v) => (isWatched(v) ? found[sources.indexOf(v)]! : null)) };
}

/** A host copy of a tensor's values (a slot moving to the host path). @example hostCopy(slot) // Float32Array */
export function hostCopy(t: Tensor): FloatArray {
  const src = t._read('optimizer');
  return src instanceof Float32Array ? new Float32Array(src) : new Float64Array(src as Float64Array);
}

/** A copy of a slot's current values as a Tensor of the given shape. @example slotTensor(m, [2, 3]) */
export function slotTensor(arr: FloatArray, shape: readonly number[]): Tensor {
  return fromHost(arr.slice(), [...shape], arr instanceof Float32Array ? 'float32' : 'float64');
}
