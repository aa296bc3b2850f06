/**
 * @file The unary primitives, one per row of unary-table.ts: the forward kernel is the backend's lowering of
 * the row's IR; the VJP (g·dy/dx) and the JVP (dy/dx·dx) both come from the row's local derivative, built in
 * library ops (so derivatives of any order work). Convention: derivatives are multiplied with `mulNoNan`, so a
 * zero cotangent or tangent gives zero even where dy/dx is Inf or NaN (e.g. `where(x > 0, sqrt(x), 0)` has
 * gradient 0 at x = -1, not NaN).
 */
import { bind, state } from '../core/engine.js';
import { floatOf, type DType } from '../core/dtype.js';
import type { PrimitiveDef } from '../core/primitive.js';
import { Tensor, type TensorLike } from '../core/tensor.js';
import { toTensor } from './convert.js';
import { backend } from '../backends/backend.js';
import { UNARY, UNARY_NAMES, type UnaryName, type UnaryRow } from './unary-table.js';
import { mulNoNan } from './binary.js';
import { zerosLike } from './creation-internal.js';
import { isSharedSeed } from '../core/seed.js';
import { tensorAlg } from './tensor-algebra.js';

/**
 * True when nothing can observe the ops of a gradient rule (no tape or accumulator active, no jit trace, no
 * anomaly check): then the rule may run as one fused kernel instead of differentiable ops, since no
 * higher derivative will be taken of it.
 */
const firstOrderOnly = (): boolean =>
  state.recorders.length === 0 && state.accumulators.length === 0 && state.tracer === null && state.anomaly === 0;

function outDtype(row: UnaryRow, x: DType): DType {
  return row.dtype === 'bool' ? 'bool' : row.dtype === 'keep' ? (x === 'bool' ? 'int32' : x) : floatOf(x);
}

function unaryDef(name: UnaryName): PrimitiveDef {
  const row: UnaryRow = UNARY[name];
  const d = row.d;
  return {
    name,
    impl([x]) {
      const dtype = outDtype(row, x.dtype);
      return new Tensor(backend().unary(name, x, dtype), x.shape, dtype);
    },
    vjp(g, [x], y) {
      if (d === null) return [null];
      if (d === 'zero') return [zerosLike(x)];
      if (d === 'neg') return [neg(g)];
      // the fused loop is the backend's lowering of the IR of g·d: the same arithmetic as the rule below
      const fused =
        firstOrderOnly() && x.dtype === 'float64' && g.dtype === 'float64' && y.dtype === 'float64'
          ? backend().unaryGrad(name, x, y, isSharedSeed(g) ? null : g)
          : null;
      if (fused !== null) return [new Tensor(fused, x.shape, 'float64')];
      return [mulNoNan(d(x, y, tensorAlg), g)];
    },
    jvp([dx], [x], y) {
      if (!dx || d === null) return null;
      if (d === 'zero') return zerosLike(y);
      if (d === 'neg') return neg(dx);
      return mulNoNan(d(x, y, tensorAlg), dx);
    },
  };
}

const defs = new Map<UnaryName, PrimitiveDef>(UNARY_NAMES.map((name) => [name, unaryDef(name)]));

/** @internal The definition of a unary primitive, by name (for the compiler and tests). */
export const unaryDefOf = (name: UnaryName): PrimitiveDef | undefined => defs.get(name);

/** Every unary op as a function of a tensor-like value. */
const UNARY_FNS = Object.fromEntries(
  UNARY_NAMES.map((name) => {
    const def = defs.get(name)!;
    const api = (UNARY[name] as UnaryRow).fn ?? name;
    const op = (x: TensorLike): Tensor => bind(def, [toTensor(x, api, 'x')], undefined);
    Object.defineProperty(op, 'name', { value: api });
    return [name, op];
  }),
) as { readonly [K in UnaryName]: (x: TensorLike) => Tensor };

// One documented export per row (the row itself is in unary-table.ts); a row missing here fails `everyRowExported`.
/** Elementwise −x. @example neg([1, -2]) // → [-1, 2] */
export const neg = UNARY_FNS.neg;
/** Elementwise |x|; its gradient at 0 is 0. @example abs([-1, 2]) // → [1, 2] */
export const abs = UNARY_FNS.abs;
/** Elementwise sign (−1, 0, 1; NaN stays NaN); zero gradient. @example sign([-3, 0, 2]) // → [-1, 0, 1] */
export const sign = UNARY_FNS.sign;
/** Elementwise eˣ. @example exp([0, 1]) // → [1, 2.718…] */
export const exp = UNARY_FNS.exp;
/** Elementwise eˣ − 1, accurate near 0. @example expm1([1e-10]) // → [1e-10] */
export const expm1 = UNARY_FNS.expm1;
/** Natural logarithm. @example log([1, Math.E]) // → [0, 1] */
export const log = UNARY_FNS.log;
/** log(1 + x), accurate near 0. @example log1p([1e-10]) // → [1e-10] */
export const log1p = UNARY_FNS.log1p;
/** Square root; d/dx at 0 is +Inf (use `norm` for a 0 gradient at the origin). @example sqrt([4]) // → [2] */
export const sqrt = UNARY_FNS.sqrt;
/** 1/√x. @example rsqrt([4]) // → [0.5] */
export const rsqrt = UNARY_FNS.rsqrt;
/** x². @example square([3]) // → [9] */
export const square = UNARY_FNS.square;
/** 1/x. @example reciprocal([4]) // → [0.25] */
export const reciprocal = UNARY_FNS.reciprocal;
/** Sine. @example sin([Math.PI / 2]) // → [1] */
export const sin = UNARY_FNS.sin;
/** Cosine. @example cos([0]) // → [1] */
export const cos = UNARY_FNS.cos;
/** Tangent. @example tan([0]) // → [0] */
export const tan = UNARY_FNS.tan;
/** Arcsine. @example asin([1]) // → [π/2] */
export const asin = UNARY_FNS.asin;
/** Arccosine. @example acos([1]) // → [0] */
export const acos = UNARY_FNS.acos;
/** Arctangent. @example atan([1]) // → [π/4] */
export const atan = UNARY_FNS.atan;
/** Hyperbolic sine. @example sinh([0]) // → [0] */
export const sinh = UNARY_FNS.sinh;
/** Hyperbolic cosine. @example cosh([0]) // → [1] */
export const cosh = UNARY_FNS.cosh;
/** Hyperbolic tangent. @example tanh([0]) // → [0] */
export const tanh = UNARY_FNS.tanh;
/** Inverse hyperbolic sine. @example asinh([0]) // → [0] */
export const asinh = UNARY_FNS.asinh;
/** Inverse hyperbolic cosine. @example acosh([1]) // → [0] */
export const acosh = UNARY_FNS.acosh;
/** Inverse hyperbolic tangent. @example atanh([0]) // → [0] */
export const atanh = UNARY_FNS.atanh;
/** Gauss error function. @example erf([0]) // → [0] */
export const erf = UNARY_FNS.erf;
/** Round down; zero gradient. @example floor([1.7]) // → [1] */
export const floor = UNARY_FNS.floor;
/** Round up; zero gradient. @example ceil([1.2]) // → [2] */
export const ceil = UNARY_FNS.ceil;
/** Round half to even (numpy/TF); zero gradient. @example round([0.5, 1.5]) // → [0, 2] */
export const round = UNARY_FNS.round;
/** Logistic sigmoid 1/(1+e⁻ˣ), computed stably. @example sigmoid([0]) // → [0.5] */
export const sigmoid = UNARY_FNS.sigmoid;
/** log(1 + eˣ), computed stably. @example softplus([0]) // → [0.693…] */
export const softplus = UNARY_FNS.softplus;
/** max(x, 0); its gradient at 0 is 0 (as TensorFlow). @example relu([-1, 2]) // → [0, 2] */
export const relu = UNARY_FNS.relu;
/** @internal Heaviside step (x > 0 → 1); zero gradient. */
export const step = UNARY_FNS.step;
/** log(x / (1 − x)), the inverse of sigmoid; ±Inf at 1 and 0. @example logit([0.5, 0.75]) // → [0, 1.0986…] */
export const logit = UNARY_FNS.logit;
/** True where x is NaN. @example isNaN([NaN, 1]) // → [true, false] */
export const isNaN = UNARY_FNS.isnan;
/** Logical not of a bool tensor. @example logicalNot([true]) // → [false] */
export const logicalNot = UNARY_FNS.logicalNot;

type Missing = Exclude<UnaryName, keyof typeof import('./unary.js') | 'isnan'>;
/** Does not compile, naming the row, while a row of the table has no export above. */
const everyRowExported: [Missing] extends [never] ? true : Missing = true;
void everyRowExported;
