/**
 * Automatic differentiation in TypeScript: tensors and their ops, Variables, GradientTape and forward mode,
 * JAX-style functional transforms, Keras-compatible optimizers and learning-rate schedules, `jit` and `expr`.
 *
 * @file gradtape: the public API (re-exports only).
 * @module gradtape
 */
import { installBackend, registerBackend } from './backends/registry.js';
import { cpuBackend } from './backends/cpu/index.js';
import './ops/methods.js';

installBackend(cpuBackend);
// loaded on the first setBackend('webgpu') only: CPU-only users never import it nor its native package
registerBackend('webgpu', {
  create: async () => (await import('./backends/webgpu/index.js')).createWebGPUBackend(),
  dispose: async (b) => (await import('./backends/webgpu/index.js')).destroyWebGPUBackend(b),
});

export { Tensor, type TensorLike, type TensorHolder, type NestedArray, type NestedValues } from './core/tensor.js';
export type { DType, TypedArray } from './core/dtype.js';
export { MAX_ELEMENTS } from './core/shape.js';
export { Variable, type VariableOptions } from './core/variable.js';
export { GradientTape, type TapeOptions, type GradientOptions, type JacobianOptions } from './autodiff/tape.js';
export { ForwardAccumulator } from './autodiff/forward.js';
export type { Sources, GradientsOf, GradientTree, ArgGradient, ArgsOf, ArgOf } from './core/gradient-types.js';
export { customGradient, type CustomGradientResult } from './autodiff/custom-gradient.js';
export { detectAnomaly, AnomalyError } from './core/engine.js';
export * from './ops/index.js';
export type { NormalOptions, UniformOptions } from './ops/random.js';
export * from './autodiff/functional.js';
export { jit, type Jitted, type JitOptions } from './compile/index.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult } from './testing/gradcheck.js';
export type { Backend, Buf, ReduceName, FusedKernel } from './backends/backend.js';
export type { KernelSpec } from './ir/kernel.js';
export type { Exp, AluUnary, AluBinary } from './ir/exp.js';
export type { Device, Handle } from './core/device.js';
export { setBackend, getBackend, disposeBackend, registerBackend, type BackendEntry } from './backends/registry.js';
export * from './optim/index.js';
export type { FloatDType } from './optim/bridge.js';
export type { StopReason } from './optim/lbfgs-core.js';
export type { Round } from './optim/clip.js';
export type { StepDecayOptions } from './optim/schedules.js';
export {
  expr,
  derivative,
  derivativeLabel,
  type DerivativeLabel,
  ExprError,
  isExprError,
  type ExprFunction,
  type ExprOptions,
  type ExprValue,
  type Span,
} from './expr/index.js';
