/**
 * @file The unary elementwise ops: one row per op, from which everything per-op is derived — the `UnaryName`
 * type, every backend kernel (lowered from `ir`), the VJP and JVP (from `d`), the fused first-order gradient
 * loop (the IR of `g · d`, lowered like any kernel), the Tensor method, the formula function and the test list.
 * Adding an op is one row here plus one row in unary.test.ts; tsc names anything else still missing (the
 * export line in unary.ts). Engine-free: backends, the formula parser and the compiler import it.
 *
 * Row fields:
 * - `ir`: the forward value as IR of the operand, which arrives in the dtype to compute in (float64 for the
 *   eager kernels, so float32 results are rounded once, when stored);
 * - `d`: the local derivative dy/dx of x and y = op(x), written over an algebra (see algebra.ts) so it works
 *   for tensors (gradients to any order) and for IR (the fused loop); 'zero' for piecewise-constant ops,
 *   'neg' for d = −1 exactly, null for bool-valued ops (no gradient);
 * - `dtype`: 'float' (ints and bools promote to float64), 'keep' (float stays, bool → int32), 'bool';
 * - `method`: also a Tensor method; `formula`: callable from `expr` formulas (true: under its own name, or
 *   the list of names); `fn`: the exported function's name where it differs from the row's.
 */
import { binary, cast, konst, unary, where, type Exp } from '../ir/exp.js';
import type { Alg } from './algebra.js';

/** A local derivative, generic over the algebra it builds in. */
export type UnaryDeriv = <T>(x: T, y: T, o: Alg<T>) => T;

export interface UnaryRow {
  readonly ir: (x: Exp) => Exp;
  readonly d: UnaryDeriv | 'zero' | 'neg' | null;
  readonly dtype: 'float' | 'keep' | 'bool';
  readonly method: boolean;
  readonly formula: boolean | readonly string[];
  readonly fn?: string;
}

const k = (v: number, like: Exp): Exp => konst(v, like.dtype);
const U = { method: true, formula: true } as const;

export const UNARY = {
  sin: { ir: (x) => unary('sin', x), d: (x, _y, o) => o.cos(x), dtype: 'float', ...U },
  cos: { ir: (x) => unary('cos', x), d: (x, _y, o) => o.neg(o.sin(x)), dtype: 'float', ...U },
  tan: { ir: (x) => unary('tan', x), d: (_x, y, o) => o.add(1, o.square(y)), dtype: 'float', ...U },
  asin: { ir: (x) => unary('asin', x), d: (x, _y, o) => o.rsqrt(o.sub(1, o.square(x))), dtype: 'float', ...U },
  acos: { ir: (x) => unary('acos', x), d: (x, _y, o) => o.neg(o.rsqrt(o.sub(1, o.square(x)))), dtype: 'float', ...U },
  atan: { ir: (x) => unary('atan', x), d: (x, _y, o) => o.reciprocal(o.add(1, o.square(x))), dtype: 'float', ...U },
  sinh: { ir: (x) => unary('sinh', x), d: (x, _y, o) => o.cosh(x), dtype: 'float', ...U },
  cosh: { ir: (x) => unary('cosh', x), d: (x, _y, o) => o.sinh(x), dtype: 'float', ...U },
  tanh: { ir: (x) => unary('tanh', x), d: (_x, y, o) => o.sub(1, o.square(y)), dtype: 'float', ...U },
  asinh: { ir: (x) => unary('asinh', x), d: (x, _y, o) => o.rsqrt(o.add(o.square(x), 1)), dtype: 'float', ...U },
  acosh: { ir: (x) => unary('acosh', x), d: (x, _y, o) => o.rsqrt(o.sub(o.square(x), 1)), dtype: 'float', ...U },
  atanh: { ir: (x) => unary('atanh', x), d: (x, _y, o) => o.reciprocal(o.sub(1, o.square(x))), dtype: 'float', ...U },
  exp: { ir: (x) => unary('exp', x), d: (_x, y) => y, dtype: 'float', ...U },
  expm1: { ir: (x) => unary('expm1', x), d: (x, _y, o) => o.exp(x), dtype: 'float', ...U },
  log: {
    ir: (x) => unary('log', x),
    d: (x, _y, o) => o.reciprocal(x),
    dtype: 'float',
    method: true,
    formula: ['log', 'ln'],
  },
  log1p: { ir: (x) => unary('log1p', x), d: (x, _y, o) => o.reciprocal(o.add(x, 1)), dtype: 'float', ...U },
  sqrt: { ir: (x) => unary('sqrt', x), d: (_x, y, o) => o.div(0.5, y), dtype: 'float', ...U },
  rsqrt: {
    ir: (x) => binary('div', k(1, x), unary('sqrt', x)),
    d: (_x, y, o) => o.mul(-0.5, o.mul(y, o.square(y))),
    dtype: 'float',
    ...U,
  },
  abs: { ir: (x) => unary('abs', x), d: (x, _y, o) => o.sign(x), dtype: 'keep', ...U },
  sign: { ir: (x) => unary('sign', x), d: 'zero', dtype: 'keep', ...U },
  square: { ir: (x) => binary('mul', x, x), d: (x, _y, o) => o.mul(2, x), dtype: 'keep', ...U },
  reciprocal: { ir: (x) => binary('div', k(1, x), x), d: (_x, y, o) => o.neg(o.square(y)), dtype: 'float', ...U },
  // stable on both sides: e^(−x) never overflows where it is used; the two exps of the x < 0 branch are
  // separate nodes on purpose, so the lowering keeps them inside the branch (one exp per element either way)
  sigmoid: {
    ir: (x) =>
      where(
        binary('le', k(0, x), x),
        binary('div', k(1, x), binary('add', k(1, x), unary('exp', unary('neg', x)))),
        binary('div', unary('exp', x), binary('add', k(1, x), unary('exp', x))),
      ),
    d: (_x, y, o) => o.mul(y, o.sub(1, y)),
    dtype: 'float',
    ...U,
  },
  // max(x, 0), keeping NaN; its gradient at 0 is 0 (as TensorFlow)
  relu: {
    ir: (x) => where(binary('lt', k(0, x), x), x, where(unary('isnan', x), x, k(0, x))),
    d: (x, _y, o) => o.step(x),
    dtype: 'keep',
    ...U,
  },
  // log(1 + eˣ) = x + log(1 + e⁻ˣ) for x > 0: stable at both ends
  softplus: {
    ir: (x) =>
      where(
        binary('lt', k(0, x), x),
        binary('add', x, unary('log1p', unary('exp', unary('neg', x)))),
        unary('log1p', unary('exp', x)),
      ),
    d: (x, _y, o) => o.sigmoid(x),
    dtype: 'float',
    ...U,
  },
  // d/dx erf = 2/√π · e^(−x²)
  erf: {
    ir: (x) => unary('erf', x),
    d: (x, _y, o) => o.mul(1.1283791670955126, o.exp(o.neg(o.square(x)))),
    dtype: 'float',
    ...U,
  },
  floor: { ir: (x) => unary('floor', x), d: 'zero', dtype: 'keep', ...U },
  ceil: { ir: (x) => unary('ceil', x), d: 'zero', dtype: 'keep', ...U },
  // half to even, as numpy and TensorFlow
  round: { ir: (x) => unary('roundEven', x), d: 'zero', dtype: 'keep', ...U },
  // log(x / (1 − x)), the inverse of sigmoid; d/dx = 1 / (x (1 − x))
  logit: {
    ir: (x) => unary('log', binary('div', x, binary('sub', k(1, x), x))),
    d: (x, _y, o) => o.reciprocal(o.mul(x, o.sub(1, x))),
    dtype: 'float',
    ...U,
  },
  neg: { ir: (x) => unary('neg', x), d: 'neg', dtype: 'keep', method: true, formula: false },
  // Heaviside step (x > 0 → 1): relu's derivative
  step: {
    ir: (x) => where(binary('lt', k(0, x), x), k(1, x), k(0, x)),
    d: 'zero',
    dtype: 'float',
    method: false,
    formula: false,
  },
  isnan: { ir: (x) => unary('isnan', x), d: null, dtype: 'bool', method: false, formula: false, fn: 'isNaN' },
  logicalNot: { ir: (x) => unary('not', x), d: null, dtype: 'bool', method: false, formula: false },
} as const satisfies Record<string, UnaryRow>;

export type UnaryName = keyof typeof UNARY;
/** Every unary op name, in table order. */
export const UNARY_NAMES = Object.keys(UNARY) as UnaryName[];
/** The unary ops that are Tensor methods. */
export type UnaryMethodName = { [K in UnaryName]: (typeof UNARY)[K]['method'] extends true ? K : never }[UnaryName];

/** The dtype op `name` gives for an operand of `dtype`. */
export function unaryOutDtype(name: UnaryName, dtype: Exp['dtype']): Exp['dtype'] {
  switch ((UNARY[name] as UnaryRow).dtype) {
    case 'bool':
      return 'bool';
    case 'keep':
      return dtype === 'bool' ? 'int32' : dtype;
    case 'float':
      return dtype === 'float32' ? 'float32' : 'float64';
  }
}

/**
 * The IR of op `name` applied to `x`, giving `out`: computed in `compute` (float64 by default: one rounding
 * per op, at the end, as a typed-array store does), then cast. Bool-valued ops read `x` as it is.
 */
export function unaryExp(name: UnaryName, x: Exp, out: Exp['dtype'], compute: Exp['dtype'] = 'float64'): Exp {
  const row: UnaryRow = UNARY[name];
  return cast(row.ir(row.dtype === 'bool' ? x : cast(x, compute)), out);
}
