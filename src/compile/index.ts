/** @file The compiler's public surface: `jit`. */
export { jit, type Jitted, type JitOptions } from './jit.js';
