/**
 * @file The backend interface: the kernels a device must provide. The engine and the primitives call
 * kernels only through `backend()`, so another device (WebGPU, WASM) can be slotted in later. The elementwise
 * ops are the rows of the op tables (engine-free modules): a backend lowers each row's IR.
 */
import type { DType, TypedArray } from '../core/dtype.js';
import { UNARY_NAMES, type UnaryName } from '../primitives/unary-table.js';
import { BINARY_NAMES, type BinaryName } from '../primitives/binary-table.js';

export type { UnaryName, BinaryName };
/** Every unary op a backend implements: the rows of the unary op table. */
export const UNARY_OPS: readonly UnaryName[] = UNARY_NAMES;
/** Every binary op a backend implements: the rows of the binary op table. */
export const BINARY_OPS: readonly BinaryName[] = BINARY_NAMES;

/** The reductions a backend implements. */
export type ReduceName = 'sum' | 'prod' | 'max' | 'min';

/** Raw storage plus its shape: what kernels consume and produce. */
export interface Buf {
  readonly _data: TypedArray;
  readonly shape: number[];
  readonly dtype: DType;
}

export interface Backend {
  readonly name: string;
  unary(op: UnaryName, x: Buf, outDtype: DType): TypedArray;
  /**
   * The first-order VJP of a unary op in one pass, `g == 0 ? 0 : g · dy/dx(x, y)`, for float64 x, y, g of one
   * shape (`g` null: a cotangent of ones, so just dy/dx); null when this backend has no fused rule for `op` (the
   * caller then composes the rule from ops).
   */
  unaryGrad(op: UnaryName, x: Buf, y: Buf, g: Buf | null): TypedArray | null;
  binary(op: BinaryName, a: Buf, b: Buf, outShape: number[], outDtype: DType): TypedArray;
  where(cond: Buf, a: Buf, b: Buf, outShape: number[], outDtype: DType): TypedArray;
  reduce(op: ReduceName, x: Buf, axes: number[]): TypedArray;
  /** Copies an n-d window of `src` (shape `size`, starting at `begin`) into a zeroed/filled output. */
  transpose(x: Buf, perm: number[]): TypedArray;
  broadcastTo(x: Buf, shape: number[]): TypedArray;
  slice(x: Buf, begin: number[], size: number[]): TypedArray;
  pad(x: Buf, before: number[], outShape: number[]): TypedArray;
  concat(xs: Buf[], axis: number, outShape: number[]): TypedArray;
  gather(x: Buf, indices: Int32Array, axis: number, outShape: number[]): TypedArray;
  scatterAdd(g: Buf, indices: Int32Array, axis: number, outShape: number[]): TypedArray;
  matmul(a: Buf, b: Buf, outShape: number[], outDtype: DType): TypedArray;
  cast(x: Buf, dtype: DType): TypedArray;
}

let current: Backend | null = null;

/** The active backend (the CPU one unless another was set). */
export function backend(): Backend {
  if (current === null) throw new Error('gradtape: no backend registered (import "gradtape" to get the CPU backend)');
  return current;
}

/** Makes `b` the backend every op runs on. */
export function setBackend(b: Backend): void {
  current = b;
}
