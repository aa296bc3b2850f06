/** @file Every op, functional form. `ops/methods.ts` adds the same names as Tensor methods. */
export * from '../primitives/unary.js';
export * from '../primitives/binary.js';
export { where } from '../primitives/where.js';
export { sum, prod, max, min } from '../primitives/reduce.js';
export {
  reshape,
  broadcastTo,
  transpose,
  slice,
  pad,
  concat,
  gather,
  cast,
  stopGradient,
} from '../primitives/shape-ops.js';
export { matmul } from '../primitives/matmul.js';
export * from './math.js';
export * from './creation.js';
export { random } from './random.js';
export { stack } from './stack.js';
