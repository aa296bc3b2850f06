/// <reference types="@webgpu/types" />
/**
 * @file The WebGPU backend: the Backend interface over one GPU device. Elementwise ops are the op tables' IR
 * lowered to WGSL (elementwise.ts, wgsl.ts); reductions, movement, gather/scatter, matmul and casts are the
 * hand-written kernels in `kernels/`; `jit` fuses chains into one program (fused.ts). Every dispatch is queued
 * on the runner and submitted in batches; reads wait for the GPU (`await t.data()`).
 *
 * `createWebGPUBackend` acquires a device (rejecting with the reason when there is none); the returned backend
 * keeps the device and its GPU object alive until `destroyWebGPUBackend` (see gpu.ts for why that matters).
 */
import type { DType } from '../../core/dtype.js';
import type { Handle } from '../../core/device.js';
import { sizeOf } from '../../core/shape.js';
import { cast, input, where } from '../../ir/exp.js';
import { promote } from '../../core/dtype.js';
import { UNARY } from '../../primitives/unary-table.js';
import { BINARY } from '../../primitives/binary-table.js';
import type { Backend, Buf } from '../backend.js';
import { acquireGpu, type Gpu } from './gpu.js';
import { Runner, type Program } from './runner.js';
import { GpuStore, gpuDtype } from './storage.js';
import { elementwiseProgram, fillProgram } from './elementwise.js';
import { compileFusedGpu } from './fused.js';
import {
  broadcastToGpu,
  castGpu,
  concatGpu,
  gatherGpu,
  matmulGpu,
  padGpu,
  reduceGpu,
  scatterAddGpu,
  sliceGpu,
  transposeGpu,
} from './kernels/index.js';

/** A WebGPU backend, with what `destroyWebGPUBackend` releases. */
interface WebGPUBackend extends Backend {
  readonly gpu: Gpu;
  readonly runner: Runner;
  readonly store: GpuStore;
}

/** The dtype an elementwise op computes in: its output's, or for a bool result its operands' common one. */
function computeIn(out: DType, ...ins: DType[]): DType {
  if (out !== 'bool') return out;
  const common = ins.reduce((a, b) => promote(a, b));
  return common === 'float64' ? 'float32' : common;
}

/**
 * A backend on the best WebGPU adapter there is; rejects with the reason and what to install when there is none.
 * @example registerBackend('webgpu', { create: createWebGPUBackend })
 */
export async function createWebGPUBackend(): Promise<Backend> {
  const gpu = await acquireGpu();
  const runner = new Runner(gpu.device);
  const store = new GpuStore(runner);
  /** Runs an elementwise program over `ins` and returns its one output. */
  const run = (program: Program, ins: readonly Buf[], size: number, fn: string): Handle => {
    const o = runner.buffer(size * 4);
    runner.run(
      program,
      ins.map((x) => store.input(x, fn).buffer),
      [o],
    );
    return store.wrap(o);
  };
  const b: WebGPUBackend = {
    name: 'webgpu',
    defaultFloat: 'float32',
    dtypes: ['float32', 'int32', 'bool'],
    syncRead: false,
    gpu,
    runner,
    store,
    fromHost: (values, dtype) => store.fromHost(values, dtype, 'tensor'),
    full(value, dtype, size) {
      const o = runner.buffer(size * 4);
      runner.run(fillProgram(value, gpuDtype(dtype, 'fill'), size), [], [o]);
      return store.wrap(o);
    },
    readSync(_h, _dtype, _size, fn) {
      throw new Error(
        `${fn}: a WebGPU tensor cannot be read synchronously; read it with await t.data() or await t.array()`,
      );
    },
    read: (h, dtype, size) => store.read(h, dtype, size),
    unary(op, x, outDtype) {
      const d = gpuDtype(outDtype, op);
      const c = computeIn(d, x.dtype);
      const program = elementwiseProgram(
        `u:${op}:${x.dtype}:${d}`,
        () => [cast(UNARY[op].ir(cast(input(0, x.dtype), c)), d)],
        [d],
        [x],
        x.shape,
      );
      return run(program, [x], sizeOf(x.shape), op);
    },
    unaryGrad: () => null,
    binary(op, a, bb, outShape, outDtype) {
      const d = gpuDtype(outDtype, op);
      const c = computeIn(d, a.dtype, bb.dtype);
      const program = elementwiseProgram(
        `b:${op}:${a.dtype}:${bb.dtype}:${d}`,
        () => [cast(BINARY[op].ir(cast(input(0, a.dtype), c), cast(input(1, bb.dtype), c)), d)],
        [d],
        [a, bb],
        outShape,
      );
      return run(program, [a, bb], sizeOf(outShape), op);
    },
    where(cond, a, bb, outShape, outDtype) {
      const d = gpuDtype(outDtype, 'where');
      const program = elementwiseProgram(
        `w:${cond.dtype}:${a.dtype}:${bb.dtype}:${d}`,
        () => [where(input(0, cond.dtype), cast(input(1, a.dtype), d), cast(input(2, bb.dtype), d))],
        [d],
        [cond, a, bb],
        outShape,
      );
      return run(program, [cond, a, bb], sizeOf(outShape), 'where');
    },
    reduce: (op, x, axes) => store.wrap(reduceGpu(runner, op, store.input(x, op), axes)),
    transpose: (x, perm) => store.wrap(transposeGpu(runner, store.input(x, 'transpose'), perm)),
    broadcastTo: (x, shape) => store.wrap(broadcastToGpu(runner, store.input(x, 'broadcastTo'), shape)),
    slice: (x, begin, size) => store.wrap(sliceGpu(runner, store.input(x, 'slice'), begin, size)),
    pad: (x, before, outShape) => store.wrap(padGpu(runner, store.input(x, 'pad'), before, outShape)),
    concat: (xs, axis, outShape) =>
      store.wrap(
        concatGpu(
          runner,
          xs.map((x) => store.input(x, 'concat')),
          axis,
          outShape,
        ),
      ),
    gather: (x, indices, axis, outShape) =>
      store.wrap(gatherGpu(runner, store.input(x, 'gather'), indices, axis, outShape)),
    scatterAdd: (g, indices, axis, outShape) =>
      store.wrap(scatterAddGpu(runner, store.input(g, 'scatterAdd'), indices, axis, outShape)),
    matmul: (a, bb, outShape, outDtype) =>
      store.wrap(
        matmulGpu(
          runner,
          store.input(a, 'matmul'),
          store.input(bb, 'matmul'),
          outShape,
          gpuDtype(outDtype, 'matmul') as 'float32' | 'int32',
        ),
      ),
    cast: (x, dtype) => store.wrap(castGpu(runner, store.input(x, 'cast'), gpuDtype(dtype, 'cast'))),
    compile: (spec) => compileFusedGpu(store, spec),
  };
  return b;
}

/** Releases the device (pending work is dropped; tensors of this backend can no longer be read). */
export async function destroyWebGPUBackend(b: Backend): Promise<void> {
  const w = b as WebGPUBackend;
  w.store.dispose();
  w.runner.destroy();
  w.gpu.destroy();
}
