/**
 * @file The WebGPU backend's non-elementwise kernels. Each takes the runner and its inputs (which it never
 * releases: the caller owns them), queues its dispatches and returns a new output buffer (a minimum-size one for
 * an empty output); temporary buffers it makes it gives back itself.
 */
export { castGpu } from './cast.js';
export { gatherGpu, scatterAddGpu } from './gather.js';
export { matmulGpu } from './matmul.js';
export { broadcastToGpu, concatGpu, padGpu, sliceGpu, transposeGpu } from './movement.js';
export { reduceGpu } from './reduce.js';
