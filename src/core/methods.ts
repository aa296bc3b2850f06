/** @file Tensor methods: one-line sugar over the functional ops (`x.add(y)` is `add(x, y)`). */
import { Tensor } from './tensor.js';
import type { DType } from './dtype.js';
import * as ops from '../ops/index.js';
import { setVariableUpdate } from './variable.js';

/** @inline Reduction axes: one, several, or null for all. */
type Axis = number | readonly number[] | null;

declare module './tensor.js' {
  interface Tensor {
    add(b: TensorLike): Tensor; sub(b: TensorLike): Tensor; mul(b: TensorLike): Tensor; div(b: TensorLike): Tensor;
    pow(b: TensorLike): Tensor; mod(b: TensorLike): Tensor; maximum(b: TensorLike): Tensor; minimum(b: TensorLike): Tensor;
    atan2(b: TensorLike): Tensor; heaviside(h0: TensorLike): Tensor;
    equal(b: TensorLike): Tensor; notEqual(b: TensorLike): Tensor; greater(b: TensorLike): Tensor;
    greaterEqual(b: TensorLike): Tensor; less(b: TensorLike): Tensor; lessEqual(b: TensorLike): Tensor;
    neg(): Tensor; abs(): Tensor; sign(): Tensor; square(): Tensor; sqrt(): Tensor; rsqrt(): Tensor; exp(): Tensor;
    expm1(): Tensor; log(): Tensor; log1p(): Tensor; reciprocal(): Tensor;
    sin(): Tensor; cos(): Tensor; tan(): Tensor; asin(): Tensor; acos(): Tensor; atan(): Tensor;
    sinh(): Tensor; cosh(): Tensor; tanh(): Tensor; asinh(): Tensor; acosh(): Tensor; atanh(): Tensor;
    sigmoid(): Tensor; relu(): Tensor; softplus(): Tensor; elu(alpha?: number): Tensor; erf(): Tensor;
    logSigmoid(): Tensor; softmax(axis?: number): Tensor; logSoftmax(axis?: number): Tensor;
    floor(): Tensor; ceil(): Tensor; round(): Tensor;
    clip(min: TensorLike, max: TensorLike): Tensor;
    sum(axis?: Axis, keepdims?: boolean): Tensor; mean(axis?: Axis, keepdims?: boolean): Tensor;
    prod(axis?: Axis, keepdims?: boolean): Tensor; max(axis?: Axis, keepdims?: boolean): Tensor;
    min(axis?: Axis, keepdims?: boolean): Tensor; logsumexp(axis?: Axis, keepdims?: boolean): Tensor;
    norm(opts?: ops.NormOptions): Tensor;
    matmul(b: TensorLike): Tensor; dot(b: TensorLike): Tensor; transpose(perm?: number[]): Tensor;
    reshape(shape: number[]): Tensor; expandDims(axis?: number): Tensor; squeeze(axis?: Axis): Tensor;
    flatten(): Tensor; slice(begin: number[], size?: number[]): Tensor; gather(indices: TensorLike, axis?: number): Tensor;
    tile(reps: number[]): Tensor; broadcastTo(shape: number[]): Tensor; cast(dtype: DType): Tensor;
  }
}

const binary = ['add', 'sub', 'mul', 'div', 'pow', 'mod', 'maximum', 'minimum', 'atan2', 'heaviside', 'equal', 'notEqual',
  'greater', 'greaterEqual', 'less', 'lessEqual', 'matmul', 'dot'] as const;
const unary = ['neg', 'abs', 'sign', 'square', 'sqrt', 'rsqrt', 'exp', 'expm1', 'log', 'log1p', 'reciprocal',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'sigmoid',
  'relu', 'softplus', 'erf', 'logSigmoid', 'floor', 'ceil', 'round', 'flatten'] as const;
const withArgs = ['elu', 'softmax', 'logSoftmax', 'clip', 'sum', 'mean', 'prod', 'max', 'min', 'logsumexp', 'norm',
  'transpose', 'reshape', 'expandDims', 'squeeze', 'slice', 'gather', 'tile', 'broadcastTo', 'cast'] as const;

const proto = Tensor.prototype as any;
for (const name of [...binary, ...unary, ...withArgs]) {
  const f = (ops as any)[name] as (...a: unknown[]) => Tensor;
  proto[name] = function (this: Tensor, ...args: unknown[]) { return f(this, ...args); };
}

setVariableUpdate((a, b, sign) => (sign > 0 ? ops.add(a, b) : ops.sub(a, b)));
