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
import { Tensor, toTensor, type TensorLike } from '../core/tensor.js';
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
      const fused = firstOrderOnly() && x.dtype === 'float64' && g.dtype === 'float64' && y.dtype === 'float64'
        ? backend().unaryGrad(name, x, y, isSharedSeed(g) ? null : g) : null;
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
export const UNARY_FNS = Object.fromEntries(UNARY_NAMES.map((name) => {
  const def = defs.get(name)!;
  const api = (UNARY[name] as UnaryRow).fn ?? name;
  const op = (x: TensorLike): Tensor => bind(def, [toTensor(x, api, 'x')], undefined);
  Object.defineProperty(op, 'name', { value: api });
  return [name, op];
})) as { readonly [K in UnaryName]: (x: TensorLike) => Tensor };

// The functions, one per row (documented in unary-table.ts). A row missing here fails `everyRowExported` below.
export const {
  neg, abs, sign, exp, expm1, log, log1p, sqrt, rsqrt, square, reciprocal, sin, cos, tan, asin, acos, atan,
  sinh, cosh, tanh, asinh, acosh, atanh, erf, floor, ceil, round, sigmoid, softplus, relu, step, logit,
  isnan: isNaN, logicalNot,
} = UNARY_FNS;

type Missing = Exclude<UnaryName, keyof typeof import('./unary.js') | 'isnan'>;
/** Does not compile, naming the row, while a row of the table has no export above. */
const everyRowExported: [Missing] extends [never] ? true : Missing = true;
void everyRowExported;
