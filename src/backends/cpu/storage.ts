/**
 * @file What a CPU handle is: the typed array itself, row-major. Only this backend looks inside its handles;
 * the casts below are the one place a handle becomes an array again (they cost nothing at run time).
 */
import type { TypedArray } from '../../core/dtype.js';
import type { Handle } from '../../core/device.js';

/** The elements of a CPU-owned kernel input. @example arr(x)[0] */
export const arr = (x: { readonly _buf: Handle }): TypedArray => x._buf as unknown as TypedArray;

/** A typed array as the handle a CPU tensor holds. @example new Tensor(handle(out), shape, dtype) */
export const handle = (a: TypedArray): Handle => a as unknown as Handle;
