/**
 * @file Tensor methods: one-line sugar over the functional ops (`x.add(y)` is `add(x, y)`). They are installed
 * on `Tensor.prototype` here, in the ops layer, so that core never imports the ops; the package entry point
 * (`src/index.ts`) imports this module for its effect, and the `declare module` below gives `Tensor`'s type the
 * same methods wherever the package's types are loaded. `Variable`'s `assignAdd`/`assignSub` are installed the
 * same way, since they compute with `add`/`sub`.
 */
import { Tensor, type TensorLike } from '../core/tensor.js';
import type { DType } from '../core/dtype.js';
import * as ops from './index.js';
import { Variable } from '../core/variable.js';
import { UNARY, UNARY_NAMES, type UnaryMethodName } from '../primitives/unary-table.js';
import { BINARY, BINARY_NAMES, type BinaryMethodName } from '../primitives/binary-table.js';

/** @inline Reduction axes: one, several, or null for all. */
type Axis = number | readonly number[] | null;

/** `x.sin()` for every unary row with `method: true`, `x.add(y)` for every such binary row. */
type ElementwiseMethods = { [K in UnaryMethodName]: () => Tensor } & {
  [K in BinaryMethodName]: (b: TensorLike) => Tensor;
};

declare module '../core/variable.js' {
  interface Variable {
    /** value += x. @example v.assignAdd(1) */
    assignAdd(x: TensorLike): this;
    /** value -= x. @example v.assignSub(grad.mul(0.1)) */
    assignSub(x: TensorLike): this;
  }
}

declare module '../core/tensor.js' {
  interface Tensor extends ElementwiseMethods {
    elu(alpha?: number): Tensor;
    heaviside(h0: TensorLike): Tensor;
    logSigmoid(): Tensor;
    softmax(axis?: number): Tensor;
    logSoftmax(axis?: number): Tensor;
    clip(min: TensorLike, max: TensorLike): Tensor;
    sum(axis?: Axis, keepdims?: boolean): Tensor;
    mean(axis?: Axis, keepdims?: boolean): Tensor;
    prod(axis?: Axis, keepdims?: boolean): Tensor;
    max(axis?: Axis, keepdims?: boolean): Tensor;
    min(axis?: Axis, keepdims?: boolean): Tensor;
    logsumexp(axis?: Axis, keepdims?: boolean): Tensor;
    norm(opts?: ops.NormOptions): Tensor;
    matmul(b: TensorLike): Tensor;
    dot(b: TensorLike): Tensor;
    transpose(perm?: number[]): Tensor;
    reshape(shape: number[]): Tensor;
    expandDims(axis?: number): Tensor;
    squeeze(axis?: Axis): Tensor;
    flatten(): Tensor;
    slice(begin: number[], size?: number[]): Tensor;
    gather(indices: TensorLike, axis?: number): Tensor;
    tile(reps: number[]): Tensor;
    broadcastTo(shape: number[]): Tensor;
    cast(dtype: DType): Tensor;
  }
}

const elementwise = [...UNARY_NAMES.filter((n) => UNARY[n].method), ...BINARY_NAMES.filter((n) => BINARY[n].method)];
const others = [
  'matmul',
  'dot',
  'logSigmoid',
  'flatten',
  'elu',
  'heaviside',
  'softmax',
  'logSoftmax',
  'clip',
  'sum',
  'mean',
  'prod',
  'max',
  'min',
  'logsumexp',
  'norm',
  'transpose',
  'reshape',
  'expandDims',
  'squeeze',
  'slice',
  'gather',
  'tile',
  'broadcastTo',
  'cast',
] as const;

const proto = Tensor.prototype as any;
for (const name of [...elementwise, ...others]) {
  const f = (ops as any)[name] as (...a: unknown[]) => Tensor;
  proto[name] = function (this: Tensor, ...args: unknown[]) {
    return f(this, ...args);
  };
}

Variable.prototype.assignAdd = function (this: Variable, x: TensorLike) {
  return this._update(x, 1, ops.add);
};
Variable.prototype.assignSub = function (this: Variable, x: TensorLike) {
  return this._update(x, -1, ops.sub);
};
