/** @file Creating tensors: from values, constants, ranges, grids. */
import { allocData, checkDType, type DType } from '../core/dtype.js';
import { Tensor, asBool, fromHost, type TensorLike } from '../core/tensor.js';
import { dtypeOpt, type DTypeOptions } from './options.js';
import { currentDevice, defaultFloat } from '../core/device.js';
import { toTensor } from '../primitives/convert.js';
import { checkElements, checkShape, sizeOf } from '../core/shape.js';
import { reshape, broadcastTo } from '../primitives/shape-ops.js';

export type { DTypeOptions };

/**
 * A tensor from numbers, nested arrays, typed arrays or another tensor. Numbers default to float64 (float32 on WebGPU).
 * @example tensor([[1, 2], [3, 4]]) // shape [2, 2], float64
 */
export function tensor(values: TensorLike, opts?: DTypeOptions): Tensor {
  const t = toTensor(values, 'tensor', 'values', dtypeOpt(opts, 'tensor'));
  return t._weak ? t._alias() : t;
}

/** A 0-d tensor. @example scalar(3.5) */
export function scalar(v: number, opts?: DTypeOptions): Tensor {
  if (typeof v !== 'number' && typeof v !== 'boolean')
    throw new TypeError(`scalar: value must be a number; got ${typeof v}`);
  return tensor(v, opts);
}

/** A tensor of `shape` filled with `value`. @example fill([2, 3], 7) */
export function fill(shape: number[], value: number, opts?: DTypeOptions): Tensor {
  return filled(shape, value, opts, 'fill');
}

/** `fill` whose errors name `fn` (zeros, ones, zerosLike, onesLike). */
function filled(shape: number[], value: number, opts: DTypeOptions | undefined, fn: string): Tensor {
  const s = checkShape(shape, fn);
  if (typeof value !== 'number') throw new TypeError(`${fn}: value must be a number; got ${typeof value}`);
  const d = dtypeOpt(opts, fn) ?? defaultFloat();
  const dev = currentDevice();
  return new Tensor(dev.full(d === 'bool' ? asBool(value) : value, d, sizeOf(s)), [...s], d, dev);
}

/**
 * A tensor on the current device whose element i is `value(i)`, computed on the host (the dtype's conversion
 * applies: int32 truncates, bool is non-zero). @example generated([3], 'float64', (i) => i * i)
 */
export function generated(shape: number[], dtype: DType, value: (i: number) => number): Tensor {
  shape = checkShape(shape, 'generated');
  checkDType(dtype, 'generated');
  if (typeof value !== 'function')
    throw new TypeError(`generated: value must be a function of the flat index i; got ${typeof value}`);
  const n = sizeOf(shape);
  const data = allocData(dtype, n);
  for (let i = 0; i < n; i++) data[i] = dtype === 'bool' ? asBool(value(i)) : value(i);
  return fromHost(data, [...shape], dtype);
}

/** Zeros of `shape`. @example zeros([2, 2]) */
export const zeros = (shape: number[], opts?: DTypeOptions): Tensor => filled(shape, 0, opts, 'zeros');
/** Ones of `shape`. @example ones([3]) */
export const ones = (shape: number[], opts?: DTypeOptions): Tensor => filled(shape, 1, opts, 'ones');
/** Zeros shaped like `x`. @example zerosLike(x) */
export const zerosLike = (x: TensorLike, opts?: DTypeOptions): Tensor => {
  const t = toTensor(x, 'zerosLike');
  return filled(t.shape, 0, { dtype: dtypeOpt(opts, 'zerosLike') ?? t.dtype }, 'zerosLike');
};
/** Ones shaped like `x`. @example onesLike(x) */
export const onesLike = (x: TensorLike, opts?: DTypeOptions): Tensor => {
  const t = toTensor(x, 'onesLike');
  return filled(t.shape, 1, { dtype: dtypeOpt(opts, 'onesLike') ?? t.dtype }, 'onesLike');
};

/** The n×n identity (or n×m). @example eye(2) // → [[1, 0], [0, 1]] */
export function eye(n: number, m: number = n, opts?: DTypeOptions): Tensor {
  for (const [v, name] of [
    [n, 'n'],
    [m, 'm'],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new TypeError(`eye: ${name} must be a non-negative integer; got ${v}`);
  }
  const d = dtypeOpt(opts, 'eye') ?? defaultFloat();
  return generated([n, m], d, (i) => (i % (m + 1) === 0 && i < Math.min(n, m) * (m + 1) ? 1 : 0));
}

const checkFinite = (v: unknown, fn: string, arg: string): number => {
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new TypeError(`${fn}: ${arg} must be a finite number; got ${String(v)}`);
  return v;
};

/**
 * `num` evenly spaced values from `start` to `stop` inclusive (numpy/TF `linspace`).
 * @example linspace(-5, 5, 3) // → [-5, 0, 5]
 */
export function linspace(start: number, stop: number, num: number, opts?: DTypeOptions): Tensor {
  checkFinite(start, 'linspace', 'start');
  checkFinite(stop, 'linspace', 'stop');
  if (!Number.isInteger(num) || num < 0)
    throw new TypeError(`linspace: num must be a non-negative integer; got ${num}`);
  checkElements(num, 'linspace', `num = ${num}`);
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  return generated([num], dtypeOpt(opts, 'linspace') ?? defaultFloat(), (i) =>
    num > 1 && i === num - 1 ? stop : start + i * step,
  );
}

/**
 * Values from `start` (inclusive) to `stop` (exclusive) by `step`; `arange(n)` is 0…n-1.
 * @example arange(0, 1, 0.25) // → [0, 0.25, 0.5, 0.75]
 */
export function arange(start: number, stop?: number, step = 1, opts?: DTypeOptions): Tensor {
  if (stop === undefined) {
    stop = start;
    start = 0;
  }
  checkFinite(start, 'arange', 'start');
  checkFinite(stop, 'arange', 'stop');
  checkFinite(step, 'arange', 'step');
  if (step === 0) throw new RangeError('arange: step must not be 0');
  const n = Math.max(0, Math.ceil((stop - start) / step));
  checkElements(n, 'arange', `${start} to ${stop} by ${step}`);
  return generated([n], dtypeOpt(opts, 'arange') ?? defaultFloat(), (i) => start + i * step);
}

/**
 * Coordinate grids from 1-D x and y, like numpy: `indexing: 'xy'` (default) gives shape [ny, nx],
 * `'ij'` gives [nx, ny]. Differentiable in x and y.
 * @example const [X, Y] = meshgrid(linspace(-1, 1, 50), linspace(-1, 1, 50));
 */
export function meshgrid(x: TensorLike, y: TensorLike, opts: { indexing?: 'xy' | 'ij' } = {}): [Tensor, Tensor] {
  const xt = toTensor(x, 'meshgrid', 'x'),
    yt = toTensor(y, 'meshgrid', 'y');
  if (xt.rank !== 1 || yt.rank !== 1)
    throw new Error(`meshgrid: x and y must be 1-D; got shapes [${xt.shape}] and [${yt.shape}]`);
  const indexing = opts.indexing ?? 'xy';
  if (indexing !== 'xy' && indexing !== 'ij')
    throw new TypeError(`meshgrid: indexing must be 'xy' or 'ij'; got ${JSON.stringify(indexing)}`);
  const nx = xt.size,
    ny = yt.size;
  if (indexing === 'xy') {
    return [broadcastTo(reshape(xt, [1, nx]), [ny, nx]), broadcastTo(reshape(yt, [ny, 1]), [ny, nx])];
  }
  return [broadcastTo(reshape(xt, [nx, 1]), [nx, ny]), broadcastTo(reshape(yt, [1, ny]), [nx, ny])];
}
