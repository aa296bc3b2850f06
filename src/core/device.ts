/**
 * @file Where a tensor's elements live. A tensor holds an opaque {@link Handle} and the {@link Device} that owns
 * it; only that device (a backend under `src/backends/`) knows what the handle is — a typed array on the CPU, a
 * GPU buffer on WebGPU. Everything else reads elements through the device (`readSync` where it can, `read`
 * always), so a second backend needs no change outside its own folder. `test/architecture/storage.test.ts`
 * fails on any code outside `src/backends/` that looks inside a handle.
 *
 * Core holds the active device (not the backend registry, which names kernels core cannot know of) because
 * core makes tensors too: `tensor([1, 2])`, a JS number turned into a scalar, the tape's seed of ones.
 */
import type { DType, TypedArray } from './dtype.js';

declare const HANDLE: unique symbol;
/** A backend-owned buffer: opaque outside `src/backends/`. */
export type Handle = { readonly [HANDLE]: 'gradtape.Handle' };

/** The storage half of a backend: how elements get in and out. The kernels are in `backends/backend.ts`. */
export interface Device {
  /** The backend's name, as `getBackend()` reports it: 'cpu', 'webgpu'. */
  readonly name: string;
  /** The float dtype that tensors made from JS numbers get here ('float64' on the CPU, 'float32' on a GPU). */
  readonly defaultFloat: 'float64' | 'float32';
  /** The dtypes it stores (a GPU has no float64): creating or casting to another is an error naming the op. */
  readonly dtypes: readonly DType[];
  /** Whether `readSync` works here (the CPU) or only the async `read` (a GPU). */
  readonly syncRead: boolean;
  /**
   * Storage holding `values` (of `dtype`). Takes ownership: the caller must not use `values` afterwards (the CPU
   * adopts the array itself, no copy).
   */
  fromHost(values: TypedArray, dtype: DType): Handle;
  /** Storage of `size` elements of `dtype`, all equal to `value`. */
  full(value: number, dtype: DType, size: number): Handle;
  /**
   * The elements, synchronously: a read-only view the caller must not write to nor keep past the tensor. Throws
   * where the device cannot read synchronously (a GPU), with an error that points to the async `read`.
   */
  readSync(h: Handle, dtype: DType, size: number, fn: string): TypedArray;
  /** A fresh copy of the elements, on any device. */
  read(h: Handle, dtype: DType, size: number): Promise<TypedArray>;
}

let active: Device | null = null;

/**
 * The float dtype of the current device: what JS numbers, nested number arrays and the creation functions
 * (`zeros`, `linspace`, `random.normal`…) make without a `dtype` option, and what ints promote to.
 * @example defaultFloat() // 'float64' on the CPU, 'float32' on WebGPU
 */
export const defaultFloat = (): 'float64' | 'float32' => currentDevice().defaultFloat;

/** The device new tensors are made on. @example currentDevice().name // 'cpu' */
export function currentDevice(): Device {
  if (active === null) throw new Error('gradtape: no backend registered (import "gradtape" to get the CPU backend)');
  return active;
}

/**
 * @internal Whether another device than the first was ever made active. Until then every tensor lives on the
 * current device, so the engine skips checking each op's inputs.
 */
export let devicesSwitched = false;

/** @internal Makes `d` the device new tensors are made on; `backends/backend.ts`'s `setBackend` calls it. */
export function useDevice(d: Device): void {
  if (active !== null && active !== d) devicesSwitched = true;
  active = d;
}
