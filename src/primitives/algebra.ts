/**
 * @file The algebra derivative rules are written over. A rule in the op tables is a function generic in the
 * value type `T`, calling only the operations below, so one rule serves two purposes:
 * - over tensors (`tensorAlg` in tensor-algebra.ts) it builds differentiable library ops: the VJP and JVP of
 *   the primitive, to any order;
 * - over IR nodes (`irAlg` here) it builds the expression of the derivative, which the backend lowers into the
 *   fused first-order gradient loop (unary-grad). Each IR operation is the very row the tensor op's kernel is
 *   lowered from, so the fused and the composed gradient perform the same float64 operations: same bits.
 * A rule needing an operation not listed here: add it to `Alg`, and tsc names both algebras still missing it.
 */
import { konst, where, type Exp } from '../ir/exp.js';
import { UNARY } from './unary-table.js';
import { BINARY } from './binary-table.js';

/** A value of the algebra, or a plain number (a weak scalar, taking the other operand's dtype). */
export type Val<T> = T | number;

/** The operations derivative rules may use; each means what the library op of that name does. */
export interface Alg<T> {
  add(a: Val<T>, b: Val<T>): T;
  sub(a: Val<T>, b: Val<T>): T;
  mul(a: Val<T>, b: Val<T>): T;
  div(a: Val<T>, b: Val<T>): T;
  pow(a: Val<T>, b: Val<T>): T;
  mulNoNan(a: Val<T>, b: Val<T>): T;
  divKeepZero(a: Val<T>, b: Val<T>): T;
  greater(a: Val<T>, b: Val<T>): T;
  greaterEqual(a: Val<T>, b: Val<T>): T;
  lessEqual(a: Val<T>, b: Val<T>): T;
  where(cond: T, a: Val<T>, b: Val<T>): T;
  neg(x: T): T;
  sign(x: T): T;
  exp(x: T): T;
  log(x: T): T;
  sqrt(x: T): T;
  rsqrt(x: T): T;
  square(x: T): T;
  reciprocal(x: T): T;
  sin(x: T): T;
  cos(x: T): T;
  sinh(x: T): T;
  cosh(x: T): T;
  sigmoid(x: T): T;
  step(x: T): T;
  floor(x: T): T;
}

/** A number as a constant of the other operand's dtype. */
const lift = (v: Val<Exp>, like: Val<Exp>): Exp =>
  typeof v === 'number' ? konst(v, typeof like === 'number' ? 'float64' : like.dtype) : v;
const bin =
  (name: keyof typeof BINARY) =>
  (a: Val<Exp>, b: Val<Exp>): Exp =>
    BINARY[name].ir(lift(a, b), lift(b, a));
const un =
  (name: keyof typeof UNARY) =>
  (x: Exp): Exp =>
    UNARY[name].ir(x);

/**
 * The algebra over IR nodes (operands already in the dtype to compute in): each operation is its op's table
 * row, so a rule built here lowers to the same arithmetic the op's own kernel performs.
 */
export const irAlg: Alg<Exp> = {
  add: bin('add'),
  sub: bin('sub'),
  mul: bin('mul'),
  div: bin('div'),
  pow: bin('pow'),
  mulNoNan: bin('mulNoNan'),
  divKeepZero: bin('divKeepZero'),
  greater: bin('greater'),
  greaterEqual: bin('greaterEqual'),
  lessEqual: bin('lessEqual'),
  where: (c, a, b) => where(c, lift(a, b), lift(b, a)),
  neg: un('neg'),
  sign: un('sign'),
  exp: un('exp'),
  log: un('log'),
  sqrt: un('sqrt'),
  rsqrt: un('rsqrt'),
  square: un('square'),
  reciprocal: un('reciprocal'),
  sin: un('sin'),
  cos: un('cos'),
  sinh: un('sinh'),
  cosh: un('cosh'),
  sigmoid: un('sigmoid'),
  step: un('step'),
  floor: un('floor'),
};
