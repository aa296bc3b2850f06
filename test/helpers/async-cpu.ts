/**
 * @file A backend for tests of the asynchronous read path without a GPU: the CPU's kernels behind a device that,
 * like WebGPU, cannot read synchronously (`syncRead: false`), whose default float is float32 and which has no
 * float64. Registered as
 * 'async-cpu'; `await setBackend('async-cpu')` makes it active.
 */
import { registerBackend, type Backend } from '../../src/index.js';
import { cpuBackend } from '../../src/backends/cpu/index.js';

export const asyncCpuBackend: Backend = {
  ...cpuBackend,
  name: 'async-cpu',
  defaultFloat: 'float32',
  dtypes: ['float32', 'int32', 'bool'],
  syncRead: false,
  readSync() {
    throw new Error('async-cpu: readSync called (core must check syncRead first)');
  },
  read: async (h, dtype, size) => {
    // a macrotask later, as a GPU read would be
    await new Promise((r) => setImmediate(r));
    return cpuBackend.readSync(h, dtype, size, 'read').slice();
  },
};

registerBackend('async-cpu', { create: async () => asyncCpuBackend });
