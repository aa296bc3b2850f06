/** @file The reference CPU backend over typed arrays: the living spec every other backend is tested against. */
import { allocStorage } from '../../core/storage.js';
import type { Backend } from '../backend.js';
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
  unary(op, x, outDtype) {
    const out = allocStorage(outDtype, x._data.length);
    unaryKernel(op, x, out);
    return out;
  },
  unaryGrad,
  binary(op, a, b, outShape, outDtype) {
    const out = allocStorage(outDtype, sizeOf(outShape));
    binaryKernel(op, a, b, outShape, out);
    return out;
  },
  where(cond, a, b, outShape, outDtype) {
    const out = allocStorage(outDtype, sizeOf(outShape));
    whereKernel(cond, a, b, outShape, out);
    return out;
  },
  reduce: reduceKernel,
  transpose: transposeKernel,
  broadcastTo: broadcastToKernel,
  slice: sliceKernel,
  pad: padKernel,
  concat: concatKernel,
  gather: gatherKernel,
  scatterAdd: scatterAddKernel,
  matmul: matmulKernel,
  cast: castKernel,
};
