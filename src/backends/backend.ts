/**
 * @file The backend interface: the kernels a device must provide. The engine and the primitives call
 * kernels only through `backend()`, so another device (WebGPU, WASM) can be slotted in later. The elementwise
 * ops are the rows of the op tables (engine-free modules): a backend lowers each row's IR.
 */
import type { DType } from '../core/dtype.js';
import { useDevice, type Device, type Handle } from '../core/device.js';
import type { KernelSpec } from '../ir/kernel.js';
import { UNARY_NAMES, type UnaryName } from '../primitives/unary-table.js';
import { BINARY_NAMES, type BinaryName } from '../primitives/binary-table.js';

export type { UnaryName, BinaryName };
/** Every unary op a backend implements: the rows of the unary op table. */
export const UNARY_OPS: readonly UnaryName[] = UNARY_NAMES;
/** Every binary op a backend implements: the rows of the binary op table. */
export const BINARY_OPS: readonly BinaryName[] = BINARY_NAMES;

/** The reductions a backend implements. */
export type ReduceName = 'sum' | 'prod' | 'max' | 'min';

/** A kernel's input: this backend's storage handle with its shape and dtype (a Tensor is one). */
export interface Buf {
  readonly _buf: Handle;
  readonly shape: number[];
  readonly dtype: DType;
}

/**
 * A device's kernels. Each takes inputs whose storage this backend owns (the engine moves a tensor from another
 * device first) and returns the output's storage.
 */
export interface Backend extends Device {
  unary(op: UnaryName, x: Buf, outDtype: DType): Handle;
  /**
   * The first-order VJP of a unary op in one pass, `g == 0 ? 0 : g · dy/dx(x, y)`, for float64 x, y, g of one
   * shape (`g` null: a cotangent of ones, so just dy/dx); null when this backend has no fused rule for `op` (the
   * caller then composes the rule from ops).
   */
  unaryGrad(op: UnaryName, x: Buf, y: Buf, g: Buf | null): Handle | null;
  binary(op: BinaryName, a: Buf, b: Buf, outShape: number[], outDtype: DType): Handle;
  where(cond: Buf, a: Buf, b: Buf, outShape: number[], outDtype: DType): Handle;
  reduce(op: ReduceName, x: Buf, axes: number[]): Handle;
  /** Copies an n-d window of `src` (shape `size`, starting at `begin`) into a zeroed/filled output. */
  transpose(x: Buf, perm: number[]): Handle;
  broadcastTo(x: Buf, shape: number[]): Handle;
  slice(x: Buf, begin: number[], size: number[]): Handle;
  pad(x: Buf, before: number[], outShape: number[]): Handle;
  concat(xs: Buf[], axis: number, outShape: number[]): Handle;
  gather(x: Buf, indices: Int32Array, axis: number, outShape: number[]): Handle;
  scatterAdd(g: Buf, indices: Int32Array, axis: number, outShape: number[]): Handle;
  matmul(a: Buf, b: Buf, outShape: number[], outDtype: DType): Handle;
  cast(x: Buf, dtype: DType): Handle;
  /** Compiles a fused elementwise kernel (a `jit` loop) from its IR. */
  compile(spec: KernelSpec): FusedKernel;
}

/** A fused elementwise kernel a backend compiled from a `KernelSpec`. */
export interface FusedKernel {
  /** What it compiled to, as readable text (`jit`'s inspect shows it). */
  readonly source: string;
  /**
   * Runs the kernel over `n` elements. Each input holds `n` elements or 1 (a scalar broadcast); `outs` gives each
   * output's dtype and size (`n`, or 1 for a `sum` output). Returns the outputs' storage.
   */
  run(n: number, ins: readonly Buf[], outs: ReadonlyArray<{ readonly dtype: DType; readonly size: number }>): Handle[];
}

let current: Backend | null = null;

/** The active backend (the CPU one unless another was set). */
export function backend(): Backend {
  if (current === null) throw new Error('gradtape: no backend registered (import "gradtape" to get the CPU backend)');
  return current;
}

/** Makes `b` the backend every op runs on and new tensors are made on. */
export function useBackend(b: Backend): void {
  current = b;
  useDevice(b);
}
