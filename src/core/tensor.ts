/** @file Tensor: an immutable n-d array. Its math methods are one-line sugar added in `methods.ts`. */
import { type DType, type TypedArray, allocData, dtypeOfArray, checkDType, convertInto } from './dtype.js';
import { sizeOf, fmtShape } from './shape.js';
import { formatTensor } from './format.js';
import { tensorMimeBundle } from './format-html.js';
import { currentDevice, defaultFloat, type Device, type Handle } from './device.js';

let nextId = 1;

/** Symbol by which a Variable (or any tensor holder) hands out its current value to ops. */
export const READ_VALUE = Symbol.for('gradtape.readValue');

/** An object that hands ops its current tensor (a Variable does); ops accept one wherever a tensor is expected. */
export interface TensorHolder {
  [READ_VALUE](): Tensor;
}

/** Anything an op accepts where a tensor is expected. */
export type TensorLike = Tensor | TensorHolder | number | boolean | NestedArray | ArrayLike<number>;
/** Nested number arrays; their leaves may also be tensors or Variables of one shape, which are stacked. */
export interface NestedArray extends ReadonlyArray<number | boolean | NestedArray | Tensor | TensorHolder> {}

/**
 * What `toArray()` returns: a number (a boolean for bool tensors) for a 0-d tensor, else nested arrays of them,
 * one level per dimension. Narrow it where the rank is known: `x.toArray() as number[]`.
 */
export type NestedValues = number | boolean | NestedValues[];

export class Tensor {
  /** Unique identity (forward accumulators and the compiler key tensors by it). */
  readonly id: number;
  readonly shape: number[];
  readonly dtype: DType;
  readonly size: number;
  /** @internal The elements, row-major, in storage owned by `_device` (opaque here). Never mutated. */
  readonly _buf: Handle;
  /** @internal The backend that owns `_buf`. */
  readonly _device: Device;
  /** @internal True when this tensor was made from a plain JS number (weak dtype, like JAX). */
  readonly _weak: boolean;
  /** @internal The JS number a weak scalar was made from (NaN otherwise): type promotion asks if it is an integer. */
  readonly _scalar: number;

  /** @internal Use `tensor()`, `zeros()`… to create tensors. */
  constructor(buf: Handle, shape: number[], dtype: DType, device: Device = currentDevice(), weakValue?: number) {
    this.id = nextId++;
    this._buf = buf;
    this._device = device;
    this.shape = shape;
    this.dtype = dtype;
    this.size = sizeOf(shape);
    this._weak = weakValue !== undefined;
    this._scalar = weakValue ?? Number.NaN;
  }

  /**
   * @internal The elements as a read-only view, synchronously (throws on a device that cannot, naming `fn` and
   * the async way). Never write to it nor keep it: the device owns it.
   */
  _read(fn: string): TypedArray {
    if (!this._device.syncRead)
      throw new Error(
        `${fn}: this tensor lives on the GPU (${this._device.name}), which cannot be read synchronously; read it with await t.data() or await t.array()`,
      );
    return this._device.readSync(this._buf, this.dtype, this.size, fn);
  }

  /** @internal A tensor with a new identity over the same storage (a new value a tape must not confuse). */
  _alias(shape: number[] = this.shape): Tensor {
    return new Tensor(this._buf, shape, this.dtype, this._device);
  }

  get rank(): number {
    return this.shape.length;
  }

  /**
   * A fresh typed-array copy of the values (row-major). `await t.data()` works on every backend: on one that
   * cannot read synchronously (WebGPU) this returns a promise of the array, and anything but awaiting it throws
   * an error saying so.
   * @example const values = await t.data();
   */
  data(): TypedArray {
    if (this._device.syncRead) return this._read('Tensor.data').slice();
    return awaitOnly(this._device.read(this._buf, this.dtype, this.size), 'Tensor.data') as unknown as TypedArray;
  }

  /** Values as nested JS arrays (booleans for bool tensors), on every backend. @example await t.array() */
  async array(): Promise<NestedValues> {
    const d = this._device.syncRead
      ? this._read('Tensor.array')
      : await this._device.read(this._buf, this.dtype, this.size);
    return nest(d, this.shape, this.dtype);
  }

  /** Values as nested JS arrays (booleans for bool tensors); a GPU tensor needs the async `array()`. */
  toArray(): NestedValues {
    return nest(this._read('Tensor.toArray'), this.shape, this.dtype);
  }

  /** The single value of a 0-d or one-element tensor. */
  item(): number {
    if (this.size !== 1)
      throw new Error(
        `Tensor.item: expected a tensor with exactly one element; got shape ${fmtShape(this.shape)} (${this.size} elements)`,
      );
    const v = this._read('Tensor.item')[0];
    return this.dtype === 'bool' ? Number(v !== 0) : v;
  }

  /** numpy-like print with shape and dtype (a GPU tensor's values are not fetched: they arrive asynchronously). */
  toString(): string {
    if (!this._device.syncRead)
      return `Tensor ${fmtShape(this.shape)} ${this.dtype} on ${this._device.name} (values: await t.array())`;
    return formatTensor(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * Rich display when a tensor is a notebook cell's last expression (Deno's Jupyter kernel looks this symbol up,
   * as Node's util.inspect looks up the one above). Only a hook: the bundle comes from a pure formatter, so the
   * engine holds no notebook code and needs no import of the display module.
   */
  [Symbol.for('Jupyter.display')](): Record<string, string> {
    return tensorMimeBundle(this);
  }
}

export const isTensor = (x: unknown): x is Tensor => x instanceof Tensor;

/** Row-major values as nested arrays, one level per dimension (booleans for bool). */
function nest(d: TypedArray, shape: readonly number[], dtype: DType): NestedValues {
  const read = dtype === 'bool' ? (i: number) => d[i] !== 0 : (i: number) => d[i];
  if (shape.length === 0) return read(0);
  let pos = 0;
  const build = (dim: number): NestedValues[] => {
    const n = shape[dim];
    const out = new Array<NestedValues>(n);
    for (let i = 0; i < n; i++) out[i] = dim === shape.length - 1 ? read(pos++) : build(dim + 1);
    return out;
  };
  return build(0);
}

/**
 * A promise that may only be awaited (or chained): reading anything else of it, as code written for a
 * synchronous result would (`t.data()[0]`, `.length`), throws an error that says to await it, instead of giving
 * a silent `undefined`.
 */
function awaitOnly<T>(p: Promise<T>, fn: string): Promise<T> {
  // a read nobody awaits (the one whose synchronous use just threw) must not take the process down later with an
  // unhandled rejection, e.g. when the backend is disposed before it completes; awaiting still sees the error
  p.catch(() => {});
  return new Proxy(p, {
    get(target, prop) {
      if (prop === 'then' || prop === 'catch' || prop === 'finally') {
        const m = target[prop] as (...a: unknown[]) => unknown;
        return m.bind(target);
      }
      if (prop === Symbol.toStringTag) return 'Promise';
      throw new Error(
        `${fn}: this tensor lives on the GPU, so its values arrive asynchronously: use await t.data() (got a read of '${String(prop)}' on the pending promise)`,
      );
    },
  });
}

/**
 * @internal A tensor on `dev` (default: the current device) holding host `values` (ownership passes: on the CPU the array becomes
 * the storage, no copy).
 */
export function fromHost(values: TypedArray, shape: number[], dtype: DType, dev: Device = currentDevice()): Tensor {
  return new Tensor(dev.fromHost(values, dtype), shape, dtype, dev);
}

/** Describes a value for error messages. */
export function describe(x: unknown): string {
  if (x instanceof Tensor) return `Tensor ${fmtShape(x.shape)} ${x.dtype}`;
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return `${typeof x} ${String(x)}`;
}

/**
 * Converts anything tensor-like to a Tensor. `fn`/`arg` name the caller in errors.
 * Numbers become weak scalars of the device's default float (float64 on the CPU); nested arrays are checked for raggedness; typed arrays keep their dtype.
 */
export function toTensor(x: TensorLike, fn = 'tensor', arg = 'x', dtype?: DType): Tensor {
  if (x instanceof Tensor) return dtype && dtype !== x.dtype ? castData(x, dtype) : x;
  if (typeof x === 'number') {
    const dev = currentDevice();
    const d = dtype ?? dev.defaultFloat;
    const data = allocData(d, 1);
    data[0] = d === 'bool' ? asBool(x) : x;
    return new Tensor(dev.fromHost(data, d), [], d, dev, dtype === undefined ? x : undefined);
  }
  if (typeof x === 'boolean') {
    const d = dtype ?? 'bool';
    const data = allocData(d, 1);
    data[0] = x ? 1 : 0;
    return fromHost(data, [], d);
  }
  if (x !== null && typeof x === 'object') {
    if (READ_VALUE in x) {
      const v = (x as TensorHolder)[READ_VALUE]();
      return v instanceof Tensor && dtype === undefined ? v : toTensor(v, fn, arg, dtype);
    }
    if (ArrayBuffer.isView(x)) {
      const arr = x as unknown as ArrayLike<number>;
      const d = dtype ?? dtypeOfArray(arr);
      const data = allocData(d, arr.length);
      for (let i = 0; i < arr.length; i++) data[i] = d === 'bool' ? asBool(arr[i]) : arr[i];
      return fromHost(data, [arr.length], d);
    }
    if (Array.isArray(x)) return fromNested(x, fn, arg, dtype);
  }
  throw new TypeError(
    `${fn}: argument '${arg}' must be a Tensor, Variable, number, nested number array or typed array; got ${describe(x)}`,
  );
}

/**
 * `toTensor` for an operand of a primitive whose result is always a fresh tensor (the binary ops, `where`):
 * a JS number becomes a *shared* weak float64 scalar. Building one costs 100–300 ns, a visible part of a
 * scalar optimizer step. Sharing is safe because the tensor never reaches user code (only the primitive's
 * inputs hold it, and no rule returns an input as a result), so no tape can watch it nor forward accumulator
 * give it a tangent, and tensors are immutable. -0 is not cached (a Map treats it as 0).
 * @example add(x, 1) // the 1 is the same tensor on every call
 */
export function operand(x: TensorLike, fn: string, arg: string): Tensor {
  if (x instanceof Tensor) return x;
  // a Map's keys treat -0 as 0, so -0 is never looked up nor stored
  if (typeof x !== 'number' || Object.is(x, -0)) return toTensor(x, fn, arg);
  let t = weakScalars.get(x);
  if (t === undefined || t._device !== currentDevice()) {
    t = toTensor(x, fn, arg);
    // bounded: a loop over many distinct numbers (a schedule's rates) must not grow it without end
    if (weakScalars.size < MAX_WEAK_SCALARS) weakScalars.set(x, t);
  }
  return t;
}
const MAX_WEAK_SCALARS = 256;
const weakScalars = new Map<number, Tensor>();

/** numpy's bool(): any non-zero value (NaN included) is true; stored as 1 so that `equal(b, true)` holds. */
export const asBool = (v: number): number => (v !== 0 ? 1 : 0);

function fromNested(x: readonly unknown[], fn: string, arg: string, dtype?: DType): Tensor {
  if (holdsTensors(x)) return stackNested(x, fn, arg, dtype);
  const { flat, shape, allBool } = parseNested(x, fn, arg);
  const n = flat.length;
  const d = dtype ?? (allBool ? 'bool' : defaultFloat());
  const data = allocData(d, n);
  for (let i = 0; i < n; i++) data[i] = d === 'bool' ? asBool(flat[i]) : flat[i];
  return fromHost(data, shape, d);
}

/**
 * The numbers of a nested number array (booleans as 0/1), row-major, with its shape, checked for raggedness:
 * host values, for what needs them on the host whatever the backend (gather's indices).
 * @example parseNested([[1, 2], [3, 4]], 'f', 'x') // { flat: [1, 2, 3, 4], shape: [2, 2], allBool: false }
 */
export function parseNested(
  x: readonly unknown[],
  fn: string,
  arg: string,
): { flat: number[]; shape: number[]; allBool: boolean } {
  const shape: number[] = [];
  let probe: unknown = x;
  while (Array.isArray(probe)) {
    shape.push(probe.length);
    probe = probe[0];
  }
  const n = sizeOf(shape);
  let allBool = n > 0;
  const flat: number[] = new Array(n);
  let pos = 0;
  const walk = (v: unknown, dim: number): void => {
    if (dim === shape.length) {
      if (typeof v === 'number') {
        allBool = false;
        flat[pos++] = v;
        return;
      }
      if (typeof v === 'boolean') {
        flat[pos++] = v ? 1 : 0;
        return;
      }
      throw new TypeError(`${fn}: argument '${arg}' contains a non-number element (${describe(v)}) at depth ${dim}`);
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new Error(
        `${fn}: argument '${arg}' is a ragged nested array: expected length ${shape[dim]} at depth ${dim}, got ${Array.isArray(v) ? v.length : describe(v)}`,
      );
    }
    for (const e of v) walk(e, dim + 1);
  };
  walk(x, 0);
  return { flat, shape, allBool };
}

/** Whether a nested array's leaves are tensors or Variables (its first leaf decides, as for the shape). */
export function holdsTensors(x: readonly unknown[]): boolean {
  let probe: unknown = x;
  while (Array.isArray(probe)) probe = probe[0];
  return probe instanceof Tensor || (probe !== null && typeof probe === 'object' && READ_VALUE in probe);
}

/**
 * An array whose leaves are tensors or Variables, copied into one tensor. The copy has no gradient link: the ops
 * convert such arrays with `primitives/convert.ts`, which stacks them differentiably; core keeps this copy for
 * what needs no gradient (a Variable's initial value, a conversion to a given dtype).
 */
function stackNested(x: readonly unknown[], fn: string, arg: string, dtype?: DType): Tensor {
  const parts = x.map((e, i) => toTensor(e as TensorLike, fn, `${arg}[${i}]`, dtype));
  const inner = parts[0].shape;
  for (const p of parts) {
    if (fmtShape(p.shape) !== fmtShape(inner))
      throw new Error(`${fn}: argument '${arg}' mixes tensors of shapes ${fmtShape(inner)} and ${fmtShape(p.shape)}`);
  }
  const d = dtype ?? parts[0].dtype;
  const data = allocData(d, parts.length * sizeOf(inner));
  parts.forEach((p, i) => data.set(p._read(fn) as any, i * p.size));
  return fromHost(data, [parts.length, ...inner], d);
}

function castData(x: Tensor, dtype: DType): Tensor {
  const data = allocData(dtype, x.size);
  convertInto(x._read('cast'), x.dtype, data, dtype);
  return fromHost(data, x.shape, dtype);
}

export { checkDType };
