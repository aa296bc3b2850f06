/**
 * @file One derivative rule per formula op, in a table keyed by `OpName`, so the type checker names
 * any op without a rule. A row either rewrites the op into the algebra (`sqrt(u)` is u^(1/2), `a/b` is
 * a·b⁻¹), whose derivative then follows from the sum, product and power rules, or gives the partial
 * derivatives ∂f/∂argᵢ, which the chain rule multiplies by each argument's derivative.
 *
 * The rules follow the tape's conventions (src/primitives): abs′ = sign (0 at 0), relu′ = step with
 * relu′(0) = 0, max/min send a tie to their first argument, elu′ = e^min(x, 0) (1 at 0), floor, ceil,
 * round and sign have derivative 0, mod′ = 1 in its first argument.
 */
import type { OpName } from './functions.js';
import { rat } from './rational.js';
import type { Algebra, Sym } from './sym.js';

/** A rewrite into the algebra; `name` is the function name as written. */
export interface Rewrite {
  readonly as: (A: Algebra, args: readonly Sym[], name: string) => Sym;
}
/** The partial derivatives of f(args) by each argument. */
export interface Partials {
  readonly d: (A: Algebra, args: readonly Sym[]) => readonly Sym[];
}
export type Rule = Rewrite | Partials;

const half = (A: Algebra): Sym => A.num(rat(1, 2));
const sq = (A: Algebra, u: Sym): Sym => A.pow(u, A.int(2));
const inv = (A: Algebra, u: Sym): Sym => A.pow(u, A.int(-1));
const call = (A: Algebra, name: OpName, ...args: Sym[]): Sym => A.call(name, name, args);
/** 1 at x > 0, h0 at x = 0, 0 at x < 0. */
const step = (A: Algebra, x: Sym, h0: number): Sym => A.call('heaviside', 'heaviside', [x, A.int(h0)]);

/** Every op a formula can reach. */
export const RULES: { readonly [K in OpName]: Rule } = {
  // arithmetic: rewritten, so the algebra collects and cancels across them
  add: { as: (A, [a, b]) => A.add(a!, b!) },
  sub: { as: (A, [a, b]) => A.sub(a!, b!) },
  mul: { as: (A, [a, b]) => A.mul(a!, b!) },
  div: { as: (A, [a, b]) => A.mul(a!, inv(A, b!)) },
  neg: { as: (A, [a]) => A.neg(a!) },
  pow: { as: (A, [a, b]) => A.pow(a!, b!) },
  square: { as: (A, [u]) => sq(A, u!) },
  sqrt: { as: (A, [u]) => A.pow(u!, half(A)) },
  rsqrt: { as: (A, [u]) => A.pow(u!, A.num(rat(-1, 2))) },
  reciprocal: { as: (A, [u]) => inv(A, u!) },

  // d/du of f(u)
  sin: { d: (A, [u]) => [call(A, 'cos', u!)] },
  cos: { d: (A, [u]) => [A.neg(call(A, 'sin', u!))] },
  tan: { d: (A, [u]) => [A.pow(call(A, 'cos', u!), A.int(-2))] },
  asin: { d: (A, [u]) => [A.pow(A.sub(A.one, sq(A, u!)), A.num(rat(-1, 2)))] },
  acos: { d: (A, [u]) => [A.neg(A.pow(A.sub(A.one, sq(A, u!)), A.num(rat(-1, 2))))] },
  atan: { d: (A, [u]) => [inv(A, A.add(A.one, sq(A, u!)))] },
  sinh: { d: (A, [u]) => [call(A, 'cosh', u!)] },
  cosh: { d: (A, [u]) => [call(A, 'sinh', u!)] },
  tanh: { d: (A, [u]) => [A.sub(A.one, sq(A, call(A, 'tanh', u!)))] },
  asinh: { d: (A, [u]) => [A.pow(A.add(sq(A, u!), A.one), A.num(rat(-1, 2)))] },
  acosh: { d: (A, [u]) => [A.pow(A.sub(sq(A, u!), A.one), A.num(rat(-1, 2)))] },
  atanh: { d: (A, [u]) => [inv(A, A.sub(A.one, sq(A, u!)))] },
  exp: { d: (A, [u]) => [call(A, 'exp', u!)] },
  expm1: { d: (A, [u]) => [call(A, 'exp', u!)] },
  log: { d: (A, [u]) => [inv(A, u!)] },
  log1p: { d: (A, [u]) => [inv(A, A.add(A.one, u!))] },
  // logit(u) = log(u/(1 − u)): 1/(u(1 − u))
  logit: { d: (A, [u]) => [inv(A, A.mul(u!, A.sub(A.one, u!)))] },
  // (2/√π)·e^(−u²)
  erf: {
    d: (A, [u]) => [A.mul(A.int(2), A.pow(A.constant('pi'), A.num(rat(-1, 2))), call(A, 'exp', A.neg(sq(A, u!))))],
  },
  sigmoid: { d: (A, [u]) => [A.mul(call(A, 'sigmoid', u!), A.sub(A.one, call(A, 'sigmoid', u!)))] },
  softplus: { d: (A, [u]) => [call(A, 'sigmoid', u!)] },
  // the tape: where(u > 0, 1, e^min(u, 0)), which is e^min(u, 0) everywhere (1 at u = 0)
  elu: { d: (A, [u]) => [call(A, 'exp', A.call('min', 'minimum', [u!, A.zero]))] },
  relu: { d: (A, [u]) => [step(A, u!, 0)] },
  abs: { d: (A, [u]) => [call(A, 'sign', u!)] },
  sign: { d: (A) => [A.zero] },
  floor: { d: (A) => [A.zero] },
  ceil: { d: (A) => [A.zero] },
  round: { d: (A) => [A.zero] },
  // atan2(a, b) = angle of (b, a): (b, −a)/(a² + b²)
  atan2: {
    d: (A, [a, b]) => {
      const r2 = inv(A, A.add(sq(A, b!), sq(A, a!))); // x² + y² for atan2(y, x)
      return [A.mul(b!, r2), A.neg(A.mul(a!, r2))];
    },
  },
  // ties (a = b) go to the first argument, as the tape's greaterEqual/lessEqual masks
  maximum: { d: (A, [a, b]) => [step(A, A.sub(a!, b!), 1), step(A, A.sub(b!, a!), 0)] },
  minimum: { d: (A, [a, b]) => [step(A, A.sub(b!, a!), 1), step(A, A.sub(a!, b!), 0)] },
  mod: { d: (A, [a, b]) => [A.one, A.neg(call(A, 'floor', A.mul(a!, inv(A, b!))))] },
  // d/dh0 is 1 exactly where x = 0: 1 − |sign(x)|
  heaviside: { d: (A, [x]) => [A.zero, A.sub(A.one, call(A, 'abs', call(A, 'sign', x!)))] },
};
