/** @file The algebra of derivative rules over tensors: each operation is the library op, so rules stay differentiable. */
import type { Tensor } from '../core/tensor.js';
import type { Alg } from './algebra.js';
import * as u from './unary.js';
import * as b from './binary.js';
import { where } from './where.js';

/** Rules built over this algebra are ordinary library ops, recorded on tapes like any other. */
export const tensorAlg: Alg<Tensor> = {
  add: (x, y) => b.add(x, y),
  sub: (x, y) => b.sub(x, y),
  mul: (x, y) => b.mul(x, y),
  div: (x, y) => b.div(x, y),
  pow: (x, y) => b.pow(x, y),
  mulNoNan: (x, y) => b.mulNoNan(x, y),
  divKeepZero: (x, y) => b.divKeepZero(x, y),
  greater: (x, y) => b.greater(x, y),
  greaterEqual: (x, y) => b.greaterEqual(x, y),
  lessEqual: (x, y) => b.lessEqual(x, y),
  where: (c, x, y) => where(c, x, y),
  neg: (x) => u.neg(x),
  sign: (x) => u.sign(x),
  exp: (x) => u.exp(x),
  log: (x) => u.log(x),
  sqrt: (x) => u.sqrt(x),
  rsqrt: (x) => u.rsqrt(x),
  square: (x) => u.square(x),
  reciprocal: (x) => u.reciprocal(x),
  sin: (x) => u.sin(x),
  cos: (x) => u.cos(x),
  sinh: (x) => u.sinh(x),
  cosh: (x) => u.cosh(x),
  sigmoid: (x) => u.sigmoid(x),
  step: (x) => u.step(x),
  floor: (x) => u.floor(x),
};
