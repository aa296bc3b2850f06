/**
 * @file Elementwise unary primitives. Each entry holds the forward kernel's name and the local derivative
 * dy/dx written in library ops, from which both the VJP (g·dy/dx) and the JVP (dy/dx·dx) follow.
 * Convention: derivatives are multiplied with `mulNoNan`, so a zero cotangent or tangent gives zero even
 * where dy/dx is Inf or NaN (e.g. `where(x > 0, sqrt(x), 0)` has gradient 0 at x = -1, not NaN).
 */
import { bind, state } from '../core/engine.js';
import { floatOf, type DType } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, toTensor, type TensorLike } from '../core/tensor.js';
import { backend, type UnaryName } from '../backends/backend.js';
import { add, sub, mul, div, mulNoNan } from './binary.js';
import { zerosLike } from './creation-internal.js';
import { isSharedSeed } from '../core/seed.js';

type Deriv = (x: Tensor, y: Tensor) => Tensor;
/** `d`: local derivative; 'zero': piecewise constant; 'linear-neg': d = -1 exactly. */
type Rule = Deriv | 'zero' | 'neg';

const defs = new Map<UnaryName, PrimitiveDef>();

function unaryDef(name: UnaryName, rule: Rule, keepInt: boolean): PrimitiveDef {
  return {
    name,
    impl([x]) {
      const dtype: DType = keepInt ? (x.dtype === 'bool' ? 'int32' : x.dtype) : floatOf(x.dtype);
      return new Tensor(backend().unary(name, x, dtype), x.shape, dtype);
    },
    vjp(g, [x], y) {
      if (rule === 'zero') return [zerosLike(x)];
      if (rule === 'neg') return [neg(g)];
      const fused = firstOrderOnly() && x.dtype === 'float64' && g.dtype === 'float64' && y.dtype === 'float64'
        ? backend().unaryGrad(name, x, y, isSharedSeed(g) ? null : g) : null;
      if (fused !== null) return [new Tensor(fused, x.shape, 'float64')];
      return [mulNoNan(rule(x, y), g)];
    },
    jvp([dx], [x], y) {
      if (!dx) return null;
      if (rule === 'zero') return zerosLike(y);
      if (rule === 'neg') return neg(dx);
      return mulNoNan(rule(x, y), dx);
    },
  };
}

/**
 * True when nothing can observe the ops of a gradient rule (no tape or accumulator active, no jit trace, no
 * anomaly check): then the rule may run as one fused kernel instead of differentiable ops, since no
 * higher derivative will be taken of it.
 */
const firstOrderOnly = (): boolean =>
  state.recorders.length === 0 && state.accumulators.length === 0 && state.tracer === null && state.anomaly === 0;

function define(name: UnaryName, rule: Rule, keepInt = false): (x: TensorLike) => Tensor {
  const def = unaryDef(name, rule, keepInt);
  defs.set(name, def);
  const op = (x: TensorLike): Tensor => bind(def, [toTensor(x, name, 'x')], undefined);
  Object.defineProperty(op, 'name', { value: name });
  return op;
}

/** @internal The definition of a unary primitive, by name (for the compiler and tests). */
export const unaryDefOf = (name: UnaryName): PrimitiveDef | undefined => defs.get(name);

const one = 1;

/** Elementwise −x. @example neg([1, -2]) // → [-1, 2] */
export const neg = define('neg', 'neg', true);
/** Elementwise |x|; its gradient at 0 is 0. @example abs([-1, 2]) // → [1, 2] */
export const abs = define('abs', (x) => sign(x), true);
/** Elementwise sign (−1, 0, 1; NaN stays NaN); zero gradient. @example sign([-3, 0, 2]) // → [-1, 0, 1] */
export const sign = define('sign', 'zero', true);
/** Elementwise eˣ. @example exp([0, 1]) // → [1, 2.718…] */
export const exp = define('exp', (_x, y) => y);
/** Elementwise eˣ − 1, accurate near 0. @example expm1([1e-10]) // → [1e-10] */
export const expm1 = define('expm1', (x) => exp(x));
/** Natural logarithm. @example log([1, Math.E]) // → [0, 1] */
export const log = define('log', (x) => reciprocal(x));
/** log(1 + x), accurate near 0. @example log1p([1e-10]) // → [1e-10] */
export const log1p = define('log1p', (x) => reciprocal(add(x, one)));
/** Square root; d/dx at 0 is +Inf (use `norm` for a 0 gradient at the origin). @example sqrt([4]) // → [2] */
export const sqrt = define('sqrt', (_x, y) => div(0.5, y));
/** 1/√x. @example rsqrt([4]) // → [0.5] */
export const rsqrt = define('rsqrt', (_x, y) => mul(-0.5, mul(y, square(y))));
/** x². @example square([3]) // → [9] */
export const square = define('square', (x) => mul(2, x), true);
/** 1/x. @example reciprocal([4]) // → [0.25] */
export const reciprocal = define('reciprocal', (_x, y) => neg(square(y)));
/** Sine. @example sin([Math.PI / 2]) // → [1] */
export const sin = define('sin', (x) => cos(x));
/** Cosine. @example cos([0]) // → [1] */
export const cos = define('cos', (x) => neg(sin(x)));
/** Tangent. @example tan([0]) // → [0] */
export const tan = define('tan', (_x, y) => add(1, square(y)));
/** Arcsine. @example asin([1]) // → [π/2] */
export const asin = define('asin', (x) => rsqrt(sub(1, square(x))));
/** Arccosine. @example acos([1]) // → [0] */
export const acos = define('acos', (x) => neg(rsqrt(sub(1, square(x)))));
/** Arctangent. @example atan([1]) // → [π/4] */
export const atan = define('atan', (x) => reciprocal(add(1, square(x))));
/** Hyperbolic sine. @example sinh([0]) // → [0] */
export const sinh = define('sinh', (x) => cosh(x));
/** Hyperbolic cosine. @example cosh([0]) // → [1] */
export const cosh = define('cosh', (x) => sinh(x));
/** Hyperbolic tangent. @example tanh([0]) // → [0] */
export const tanh = define('tanh', (_x, y) => sub(1, square(y)));
/** Inverse hyperbolic sine. @example asinh([0]) // → [0] */
export const asinh = define('asinh', (x) => rsqrt(add(square(x), 1)));
/** Inverse hyperbolic cosine. @example acosh([1]) // → [0] */
export const acosh = define('acosh', (x) => rsqrt(sub(square(x), 1)));
/** Inverse hyperbolic tangent. @example atanh([0]) // → [0] */
export const atanh = define('atanh', (x) => reciprocal(sub(1, square(x))));
/** Gauss error function. @example erf([0]) // → [0] */
export const erf = define('erf', (x) => mul(1.1283791670955126, exp(neg(square(x)))));
/** Round down; zero gradient. @example floor([1.7]) // → [1] */
export const floor = define('floor', 'zero', true);
/** Round up; zero gradient. @example ceil([1.2]) // → [2] */
export const ceil = define('ceil', 'zero', true);
/** Round half to even (numpy/TF); zero gradient. @example round([0.5, 1.5]) // → [0, 2] */
export const round = define('round', 'zero', true);
/** Logistic sigmoid 1/(1+e⁻ˣ), computed stably. @example sigmoid([0]) // → [0.5] */
export const sigmoid = define('sigmoid', (_x, y) => mul(y, sub(1, y)));
/** log(1 + eˣ), computed stably. @example softplus([0]) // → [0.693…] */
export const softplus = define('softplus', (x) => sigmoid(x));
/** max(x, 0); its gradient at 0 is 0 (as TensorFlow). @example relu([-1, 2]) // → [0, 2] */
export const relu = define('relu', (x) => step(x), true);
/** @internal Heaviside step (x > 0 → 1); zero gradient. */
export const step = define('step', 'zero', false);
/** True where x is NaN. @example isNaN([NaN, 1]) // → [true, false] */
export const isNaN = (x: TensorLike): Tensor => bind(boolDef('isnan'), [toTensor(x, 'isNaN', 'x')], undefined);
/** Logical not of a bool tensor. @example logicalNot([true]) // → [false] */
export const logicalNot = (x: TensorLike): Tensor => bind(boolDef('logicalNot'), [toTensor(x, 'logicalNot', 'x')], undefined);

function boolDef(name: UnaryName): PrimitiveDef {
  let def = defs.get(name);
  if (!def) {
    def = {
      name,
      impl: ([x]) => new Tensor(backend().unary(name, x, 'bool'), x.shape, 'bool'),
      vjp: () => [null],
      jvp: () => null,
    };
    defs.set(name, def);
  }
  return def;
}
