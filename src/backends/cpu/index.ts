/** @file The reference CPU backend over typed arrays: the living spec every other backend is tested against. */
import { allocOverwritten, allocStorage } from '../../core/storage.js';
import { DTYPES, type TypedArray } from '../../core/dtype.js';
import type { Backend } from '../backend.js';
import { arr, handle } from './storage.js';
import { compileFused } from './fused.js';
import { binaryKernel, unaryKernel, whereKernel } from './elementwise.js';
import { unaryGrad } from './unary-grad.js';
import { sizeOf } from '../../core/shape.js';
import { reduceKernel } from './reduce.js';
import { matmulKernel } from './matmul.js';
import {
  broadcastToKernel,
  castKernel,
  concatKernel,
  gatherKernel,
  padKernel,
  scatterAddKernel,
  sliceKernel,
  transposeKernel,
} from './movement.js';

export const cpuBackend: Backend = {
  name: 'cpu',
  defaultFloat: 'float64',
  dtypes: DTYPES,
  syncRead: true,
  fromHost: (values) => handle(values),
  full(value, dtype, size) {
    // −0 is not zero storage: it is filled like any other value
    const out = Object.is(value, 0) ? allocStorage(dtype, size) : allocOverwritten(dtype, size).fill(value);
    return handle(out);
  },
  readSync: (h) => h as unknown as TypedArray,
  read: async (h) => (h as unknown as TypedArray).slice(),
  unary(op, x, outDtype) {
    const out = allocOverwritten(outDtype, arr(x).length);
    unaryKernel(op, x, out);
    return handle(out);
  },
  unaryGrad(op, x, y, g) {
    const out = unaryGrad(op, x, y, g);
    return out === null ? null : handle(out);
  },
  binary(op, a, b, outShape, outDtype) {
    const out = allocOverwritten(outDtype, sizeOf(outShape));
    binaryKernel(op, a, b, outShape, out);
    return handle(out);
  },
  where(cond, a, b, outShape, outDtype) {
    const out = allocOverwritten(outDtype, sizeOf(outShape));
    whereKernel(cond, a, b, outShape, out);
    return handle(out);
  },
  reduce: (op, x, axes) => handle(reduceKernel(op, x, axes)),
  transpose: (x, perm) => handle(transposeKernel(x, perm)),
  broadcastTo: (x, shape) => handle(broadcastToKernel(x, shape)),
  slice: (x, begin, size) => handle(sliceKernel(x, begin, size)),
  pad: (x, before, outShape) => handle(padKernel(x, before, outShape)),
  concat: (xs, axis, outShape) => handle(concatKernel(xs, axis, outShape)),
  gather: (x, indices, axis, outShape) => handle(gatherKernel(x, indices, axis, outShape)),
  scatterAdd: (g, indices, axis, outShape) => handle(scatterAddKernel(g, indices, axis, outShape)),
  matmul: (a, b, outShape, outDtype) => handle(matmulKernel(a, b, outShape, outDtype)),
  cast: (x, dtype) => handle(castKernel(x, dtype)),
  compile: compileFused,
};
