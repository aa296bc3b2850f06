/**
 * @file The binary elementwise ops (numpy broadcasting): one row per op, from which the `BinaryName` type,
 * every backend kernel (lowered from `ir`), the VJP and JVP, the Tensor method and the formula function are
 * derived. Rules are written over an algebra (algebra.ts), in library ops, so derivatives of any order work;
 * the primitive undoes broadcasting (`sumToShape`) around them. Local derivatives are applied with `mulNoNan`,
 * so a zero cotangent always gives a zero gradient. Engine-free, like unary-table.ts.
 *
 * Row fields: `ir` (the value from operands already in the dtype to compute in), `vjp` (the cotangent of each
 * operand that `needs` asks for), `jvp` (the output tangent from the operands' tangents, null = zero), `dtype`
 * ('arith': promoted, bool → int32; 'float': promoted to a float; 'bool'), `method`, `formula` (as in UNARY).
 */
import { binary, cast, konst, where, type Exp } from '../ir/exp.js';
import type { Alg } from './algebra.js';

export type BinaryVjp = <T>(g: T, a: T, b: T, out: T, needs: readonly boolean[], o: Alg<T>) => [T | null, T | null];
export type BinaryJvp = <T>(da: T | null, db: T | null, a: T, b: T, out: T, o: Alg<T>) => T | null;

export interface BinaryRow {
  readonly ir: (a: Exp, b: Exp) => Exp;
  readonly vjp: BinaryVjp | null;
  readonly jvp: BinaryJvp | null;
  readonly dtype: 'arith' | 'float' | 'bool';
  readonly method: boolean;
  readonly formula: boolean | readonly string[];
}

/** Sum and difference of tangents where either may be absent; a tangent times a local derivative. */
const plus = <T>(o: Alg<T>, x: T | null, y: T | null): T | null => (x && y ? o.add(x, y) : (x ?? y));
const minus = <T>(o: Alg<T>, x: T | null, y: T | null): T | null => (x && y ? o.sub(x, y) : (x ?? (y && o.neg(y))));
const times = <T>(o: Alg<T>, d: T | null, f: () => T): T | null => (d ? o.mulNoNan(f(), d) : null);

/**
 * The rules of a quotient a / b: d/da = 1/b (one `divKeepZero` with the cotangent), d/db = −out/b, where `q`
 * computes out / b the way the quotient itself divides (`div`, or `divKeepZero`).
 */
function quotient(q: 'div' | 'divKeepZero'): Pick<BinaryRow, 'vjp' | 'jvp'> {
  return {
    vjp: (g, _a, b, out, n, o) => [n[0] ? o.divKeepZero(g, b) : null, n[1] ? o.mulNoNan(o.neg(o[q](out, b)), g) : null],
    jvp: (da, db, _a, b, out, o) =>
      minus(
        o,
        da && o.divKeepZero(da, b),
        times(o, db, () => o[q](out, b)),
      ),
  };
}

// pow: b·a^(b−1), but exactly 0 where b = 0 (d/da a⁰ = 0 even at a = 0, where a^(−1) = ∞), so the third
// derivative of x² at 0 is 0, not NaN; d/db = out·log(a) where a > 0 and 0 elsewhere — a double `where`, so log
// only ever sees positive values and no NaN/Inf is produced even transiently
const powDa = <T>(o: Alg<T>, a: T, b: T): T => o.mulNoNan(o.pow(a, o.sub(b, 1)), b);
const powDb = <T>(o: Alg<T>, a: T, out: T): T => {
  const pos = o.greater(a, 0);
  return o.where(pos, o.mul(out, o.log(o.where(pos, a, 1))), 0);
};

/** The gradient goes to `a` where `mask` holds (ties included), to `b` elsewhere. */
const pick = (mask: 'greaterEqual' | 'lessEqual'): Pick<BinaryRow, 'vjp' | 'jvp'> => ({
  vjp: (g, a, b, _out, _n, o) => {
    const m = o[mask](a, b);
    return [o.where(m, g, 0), o.where(m, 0, g)];
  },
  jvp: (da, db, a, b, _out, o) => (da || db ? o.where(o[mask](a, b), da ?? 0, db ?? 0) : null),
});

const k = (v: number, like: Exp): Exp => konst(v, like.dtype);
const NO_RULES = { vjp: null, jvp: null } as const;
const M = { method: true, formula: false } as const;
const COMPARE = { ...NO_RULES, dtype: 'bool', ...M } as const;

export const BINARY = {
  add: {
    ir: (a, b) => binary('add', a, b),
    vjp: (g) => [g, g],
    jvp: (da, db, _a, _b, _out, o) => plus(o, da, db),
    dtype: 'arith',
    ...M,
  },
  sub: {
    ir: (a, b) => binary('sub', a, b),
    vjp: (g, _a, _b, _out, n, o) => [g, n[1] ? o.neg(g) : null],
    jvp: (da, db, _a, _b, _out, o) => minus(o, da, db),
    dtype: 'arith',
    ...M,
  },
  mul: {
    ir: (a, b) => binary('mul', a, b),
    vjp: (g, a, b, _out, n, o) => [n[0] ? o.mulNoNan(b, g) : null, n[1] ? o.mulNoNan(a, g) : null],
    jvp: (da, db, a, b, _out, o) =>
      plus(
        o,
        times(o, da, () => b),
        times(o, db, () => a),
      ),
    dtype: 'arith',
    ...M,
  },
  // true division: ints give floats
  div: { ir: (a, b) => binary('div', a, b), ...quotient('div'), dtype: 'float', ...M },
  pow: {
    ir: (a, b) => binary('pow', a, b),
    vjp: (g, a, b, out, n, o) => [
      n[0] ? o.mulNoNan(powDa(o, a, b), g) : null,
      n[1] ? o.mulNoNan(powDb(o, a, out), g) : null,
    ],
    jvp: (da, db, a, b, out, o) =>
      plus(
        o,
        times(o, da, () => powDa(o, a, b)),
        times(o, db, () => powDb(o, a, out)),
      ),
    dtype: 'float',
    method: true,
    formula: true,
  },
  // numpy semantics: NaN wins; on ties the value and the gradient go to `a`
  maximum: {
    ir: (a, b) => binary('max', a, b),
    ...pick('greaterEqual'),
    dtype: 'arith',
    method: true,
    formula: ['max'],
  },
  minimum: { ir: (a, b) => binary('min', a, b), ...pick('lessEqual'), dtype: 'arith', method: true, formula: ['min'] },
  // the angle of the point (b, a): d/da = b / r², d/db = −a / r²
  atan2: {
    ir: (a, b) => binary('atan2', a, b),
    vjp: (g, a, b, _out, n, o) => {
      const r2 = o.add(o.square(a), o.square(b));
      return [n[0] ? o.mulNoNan(o.div(b, r2), g) : null, n[1] ? o.mulNoNan(o.neg(o.div(a, r2)), g) : null];
    },
    jvp: (da, db, a, b, _out, o) => {
      const r2 = o.add(o.square(a), o.square(b));
      return minus(
        o,
        times(o, da, () => o.div(b, r2)),
        times(o, db, () => o.div(a, r2)),
      );
    },
    dtype: 'float',
    method: true,
    formula: true,
  },
  // floored modulo (the sign of the divisor, like numpy): d/db = −floor(a / b)
  mod: {
    ir: (a, b) => binary('mod', a, b),
    vjp: (g, a, b, _out, n, o) => [g, n[1] ? o.mulNoNan(o.neg(o.floor(o.div(a, b))), g) : null],
    jvp: (da, db, a, b, _out, o) =>
      minus(
        o,
        da,
        times(o, db, () => o.floor(o.div(a, b))),
      ),
    dtype: 'arith',
    method: true,
    formula: true,
  },
  // a · b, but 0 wherever b is 0 even if a is NaN or Inf (TF `multiply_no_nan`): how rules apply a derivative
  mulNoNan: {
    ir: (a, b) => where(binary('eq', b, k(0, b)), k(0, a), binary('mul', a, b)),
    vjp: (g, a, b, _out, n, o) => [n[0] ? o.mulNoNan(b, g) : null, n[1] ? o.mulNoNan(a, g) : null],
    jvp: (da, db, a, b, _out, o) =>
      plus(
        o,
        times(o, da, () => b),
        times(o, db, () => a),
      ),
    dtype: 'arith',
    method: false,
    formula: false,
  },
  // a / b, but exactly 0 wherever a is 0 (even where b is 0 or NaN): d(a/b)/da · g in one op
  divKeepZero: {
    ir: (a, b) => where(binary('eq', a, k(0, a)), k(0, a), binary('div', a, b)),
    ...quotient('divKeepZero'),
    dtype: 'float',
    method: false,
    formula: false,
  },
  equal: { ir: (a, b) => binary('eq', a, b), ...COMPARE },
  notEqual: { ir: (a, b) => binary('ne', a, b), ...COMPARE },
  greater: { ir: (a, b) => binary('lt', b, a), ...COMPARE },
  greaterEqual: { ir: (a, b) => binary('le', b, a), ...COMPARE },
  less: { ir: (a, b) => binary('lt', a, b), ...COMPARE },
  lessEqual: { ir: (a, b) => binary('le', a, b), ...COMPARE },
  logicalAnd: { ir: (a, b) => binary('and', a, b), ...NO_RULES, dtype: 'bool', method: false, formula: false },
  logicalOr: { ir: (a, b) => binary('or', a, b), ...NO_RULES, dtype: 'bool', method: false, formula: false },
} as const satisfies Record<string, BinaryRow>;

export type BinaryName = keyof typeof BINARY;
/** Every binary op name, in table order. */
export const BINARY_NAMES = Object.keys(BINARY) as BinaryName[];
/** The binary ops that are Tensor methods. */
export type BinaryMethodName = { [K in BinaryName]: (typeof BINARY)[K]['method'] extends true ? K : never }[BinaryName];

/** The IR of op `name` on `a`, `b`, giving `out`: both operands cast to `compute` (float64 by default), then the result to `out`. */
export function binaryExp(name: BinaryName, a: Exp, b: Exp, out: Exp['dtype'], compute: Exp['dtype'] = 'float64'): Exp {
  return cast((BINARY[name] as BinaryRow).ir(cast(a, compute), cast(b, compute)), out);
}
