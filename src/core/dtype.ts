/** @file Data types, their typed-array storage, and promotion rules (numpy/JAX-like, with weak JS numbers). */

import { checkElements, MAX_ELEMENTS } from './shape.js';

import { currentDevice, defaultFloat } from './device.js';

/** The element type of a tensor; float64 is the default float dtype (float32 on WebGPU). */
export type DType = 'float64' | 'float32' | 'int32' | 'bool';
/** The typed-array storage of each dtype (bool is stored as bytes of 0 or 1). */
export type TypedArray = Float64Array | Float32Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float64', 'float32', 'int32', 'bool'];

/** Allocates zeroed storage for `n` elements of `dtype` (the last guard of the MAX_ELEMENTS cap of core/shape.ts). */
export function allocData(dtype: DType, n: number): TypedArray {
  // the message is built only past the cap: building it on every call cost a tenth of a scalar op
  if (n > MAX_ELEMENTS) checkElements(n, 'gradtape', `a ${dtype} result`);
  switch (dtype) {
    case 'float64':
      return new Float64Array(n);
    case 'float32':
      return new Float32Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

/** The dtype a typed array naturally holds. */
export function dtypeOfArray(a: ArrayLike<number>): DType {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int32Array || a instanceof Int16Array || a instanceof Int8Array || a instanceof Uint16Array)
    return 'int32';
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return 'int32';
  return 'float64';
}

export const isFloat = (d: DType): boolean => d === 'float64' || d === 'float32';

/**
 * `d` as a DType the current device stores, or an error naming `fn` and `arg`: an unknown name, or one the device
 * lacks (float64 on WebGPU).
 * @example checkDType('float32', 'zeros', 'options.dtype') // 'float32'
 */
export function checkDType(d: unknown, fn: string, arg = 'dtype'): DType {
  if (typeof d !== 'string' || !(DTYPES as readonly string[]).includes(d))
    throw new TypeError(`${fn}: ${arg} must be one of ${DTYPES.join(', ')}; got ${JSON.stringify(d)}`);
  const dev = currentDevice();
  if (!dev.dtypes.includes(d as DType))
    throw new TypeError(
      `${fn}: ${arg} ${d} is not supported on the ${dev.name} backend (it has ${dev.dtypes.join(', ')}); use ${dev.defaultFloat}, or setBackend('cpu') for ${d}`,
    );
  return d as DType;
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * Result dtype of combining two tensors. A *weak* operand (one that came from a plain JS number) does not
 * widen the other: `float32 + 1` stays float32, `int32 + 1` stays int32, `int32 + 0.5` becomes float64.
 */
export function promote(a: DType, b: DType, aWeak = false, bWeak = false, aInt = true, bInt = true): DType {
  if (aWeak && !bWeak) return weakWith(b, aInt);
  if (bWeak && !aWeak) return weakWith(a, bInt);
  if (a === b) return a;
  return RANK[a] > RANK[b] ? a : b;
}

function weakWith(strong: DType, weakIsInt: boolean): DType {
  if (isFloat(strong)) return strong;
  if (weakIsInt) return strong === 'bool' ? 'int32' : strong;
  return defaultFloat();
}

/** The float dtype an op on `d` computes in (ints and bools become the device's default float: float64 on the CPU). */
export const floatOf = (d: DType): DType => (isFloat(d) ? d : defaultFloat());

/**
 * Copies `src` (holding `from` values) into `out` (of dtype `to`) with the cast rules every op uses: bool is
 * "non-zero", float → int32 truncates toward zero, everything else converts numerically.
 */
export function convertInto(src: TypedArray, from: DType, out: TypedArray, to: DType): void {
  if (to === 'bool') for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  else if (to === 'int32' && isFloat(from)) for (let i = 0; i < src.length; i++) out[i] = Math.trunc(src[i]);
  else out.set(src as any);
}
