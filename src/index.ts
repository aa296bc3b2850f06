/** @file gradtape: the public API (re-exports only). */
import { setBackend } from './backends/backend.js';
import { cpuBackend } from './backends/cpu/index.js';
import './core/methods.js';

setBackend(cpuBackend);

export { Tensor, type TensorLike } from './core/tensor.js';
export type { DType } from './core/dtype.js';
export { Variable, type VariableOptions } from './core/variable.js';
export { GradientTape, type TapeOptions, type GradientOptions } from './core/tape.js';
export { ForwardAccumulator } from './core/forward.js';
export { customGradient } from './core/custom-gradient.js';
export { detectAnomaly, AnomalyError } from './core/engine.js';
export * from './ops/index.js';
export * from './autodiff/functional.js';
export { jit, type Jitted, type JitOptions } from './compile/index.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult } from './testing/gradcheck.js';
export { setBackend, type Backend } from './backends/backend.js';
export * from './optim/index.js';
export { expr, ExprError, isExprError, type ExprFunction } from './expr/index.js';
