/// <reference types="@webgpu/types" />
/**
 * @file What a WebGPU handle is: one pooled GPU buffer. A tensor's buffer goes back to the runner's pool when
 * the last tensor holding the handle is collected (a FinalizationRegistry; tensors that share storage share the
 * handle object). The pool makes that safe: a released buffer is reused only after the batch that may still
 * read it has been submitted (runner.ts).
 *
 * Element storage: float32 → f32, int32 → i32, bool → u32 0/1 (WGSL has no byte type), so a bool tensor
 * crosses to and from the host through a Uint8Array ↔ Uint32Array copy.
 */
import type { DType, TypedArray } from '../../core/dtype.js';
import type { Handle } from '../../core/device.js';
import type { GpuInput, Runner } from './runner.js';

/** The handle's real shape (the buffer may be larger than the elements need: pooled sizes). */
interface GpuStorage {
  readonly buffer: GPUBuffer;
  /** Host memory V8 counts for the buffer (see `wrap`). */
  readonly pressure: ArrayBuffer;
}

/** GPU dtypes: float64 has no storage here (see `gpuDtype`). */
export type GpuDType = GpuInput['dtype'];

/**
 * `dtype` if the GPU stores it, else an error naming the op and what to do.
 * @example gpuDtype('float64', 'cast') // throws "cast: float64 is not supported on WebGPU …"
 */
export function gpuDtype(dtype: DType, fn: string): GpuDType {
  if (dtype === 'float64')
    throw new Error(
      `${fn}: float64 is not supported on WebGPU (GPUs compute in float32); use dtype 'float32', or setBackend('cpu') for float64`,
    );
  return dtype;
}

/** Owns the handles of one backend: makes them, reads them, and gives their buffers back when collected. */
export class GpuStore {
  readonly runner: Runner;
  readonly #registry: FinalizationRegistry<GPUBuffer>;

  /** The first error the device reported outside any error scope (an invalid program, an out-of-memory). */
  #failure: string | null = null;

  constructor(runner: Runner) {
    this.runner = runner;
    this.#registry = new FinalizationRegistry((b) => runner.release(b));
    // A failed GPU command does not throw: the device reports it here, and the buffers it should have written
    // hold garbage. Every later read rejects with it instead of returning wrong numbers.
    runner.device.addEventListener('uncapturederror', this.#onError);
  }

  readonly #onError = (e: Event): void => {
    this.#failure ??= (e as GPUUncapturedErrorEvent).error.message;
  };

  /** Stops listening to the device (before it is destroyed: a listener left on a dead device kept Dawn busy). */
  dispose(): void {
    this.runner.device.removeEventListener('uncapturederror', this.#onError);
  }

  /**
   * A handle owning `buffer`. Buffers come back only when their tensors are collected, and V8 schedules
   * collections by the memory it sees: a GPU buffer behind a 40-byte handle is invisible to it, and an eager loop
   * over 16 MB tensors reached 6 GB of GPU memory before the first collection. So each handle also holds an
   * ArrayBuffer of the buffer's size, never touched: V8 counts it as external memory and collects in time, while
   * the operating system backs untouched zeroed pages lazily, so it costs address space, not memory.
   */
  wrap(buffer: GPUBuffer): Handle {
    const h: GpuStorage = { buffer, pressure: new ArrayBuffer(buffer.size) };
    this.#registry.register(h, buffer);
    return h as unknown as Handle;
  }

  /** The buffer behind a handle this store made. */
  buffer(h: Handle): GPUBuffer {
    return (h as unknown as GpuStorage).buffer;
  }

  /** A kernel input: the handle's buffer with the tensor's shape and dtype. */
  input(x: { readonly _buf: Handle; readonly shape: readonly number[]; readonly dtype: DType }, fn: string): GpuInput {
    return { buffer: this.buffer(x._buf), shape: x.shape, dtype: gpuDtype(x.dtype, fn) };
  }

  /** Storage holding host `values` of `dtype`. */
  fromHost(values: TypedArray, dtype: DType, fn: string): Handle {
    const d = gpuDtype(dtype, fn);
    const data = d === 'bool' ? Uint32Array.from(values) : values;
    return this.wrap(this.runner.upload(data));
  }

  /** A fresh host copy of `size` elements, in the CPU's storage type for `dtype`. */
  async read(h: Handle, dtype: DType, size: number): Promise<TypedArray> {
    let bytes: ArrayBuffer;
    try {
      bytes = await this.runner.read(this.buffer(h), size * 4);
    } catch (e) {
      if ((e as Error).name === 'AbortError')
        throw new Error("webgpu: the backend was disposed (disposeBackend('webgpu')) before this read finished");
      throw e;
    }
    if (this.#failure !== null)
      throw new Error(
        `webgpu: a GPU command failed, so results computed since cannot be trusted: ${this.#failure.split('\n')[0]}`,
      );
    if (dtype === 'bool') return Uint8Array.from(new Uint32Array(bytes));
    return dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes);
  }
}
