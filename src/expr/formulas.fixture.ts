/**
 * @file Test fixture: formulas with their JS `Math` reference, shared by the parser tests (with a
 * scalar Math op table) and the engine tests (with tensors). Not part of the public API.
 */
import type { OpTable } from './compile.js';

/** Reference erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7, enough for a tolerance of 1e-6). */
export function erfRef(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return Math.sign(x) * y;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
const elu = (x: number): number => (x > 0 ? x : Math.expm1(x));
// Python/numpy/TF floormod: the result takes the sign of the divisor.
const mod = (a: number, b: number): number => a - Math.floor(a / b) * b;
// numpy rounds half to even, as TensorFlow does.
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** A scalar op table over JS numbers: the reference evaluator for parser/compile tests. */
export const mathOps: OpTable<number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  abs: Math.abs,
  sign: Math.sign,
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sigmoid,
  logit: (x) => Math.log(x / (1 - x)),
  relu: (x) => Math.max(x, 0),
  softplus,
  elu,
  erf: erfRef,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  neg: (x) => -x,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  atan2: Math.atan2,
  minimum: Math.min,
  maximum: Math.max,
  mod,
  heaviside: (x, h0) => (Number.isNaN(x) ? NaN : x > 0 ? 1 : x < 0 ? 0 : h0),
};

/** A formula and its reference, written independently in JS. */
export interface FormulaCase {
  readonly formula: string;
  readonly ref: (x: number, y: number) => number;
}

/** Sample points: inside every domain used below (|x| < 1 for asin/atanh, x > 1 for acosh via 1+x^2). */
export const SAMPLES: ReadonlyArray<readonly [number, number]> = [
  [0.3, -0.7],
  [-0.45, 0.2],
  [0.9, 0.55],
  [0.05, -0.95],
];

export const GOOD_FORMULAS: readonly FormulaCase[] = [
  { formula: '5*sin(2*x) + x^2', ref: (x) => 5 * Math.sin(2 * x) + x ** 2 },
  { formula: 'x**2 + 1', ref: (x) => x ** 2 + 1 },
  { formula: '(sin(4*x) - cos(5*y))/5', ref: (x, y) => (Math.sin(4 * x) - Math.cos(5 * y)) / 5 },
  { formula: '-x^2', ref: (x) => -(x ** 2) },
  { formula: '-x**2 + -y', ref: (x, y) => -(x ** 2) + -y },
  { formula: '2^3^2', ref: () => 2 ** 9 },
  { formula: '(2^3)^2', ref: () => 64 },
  { formula: '2^-1', ref: () => 0.5 },
  { formula: 'x^-2', ref: (x) => x ** -2 },
  { formula: '1 - 2 - 3', ref: () => -4 },
  { formula: '24/4/2', ref: () => 3 },
  { formula: '1 + 2*3', ref: () => 7 },
  { formula: '(1 + 2)*3', ref: () => 9 },
  { formula: '--x', ref: (x) => x },
  { formula: '+x - -y', ref: (x, y) => x + y },
  { formula: '-2^2', ref: () => -4 },
  { formula: '1e-3*x + .5', ref: (x) => 1e-3 * x + 0.5 },
  { formula: '2.5E+2 - 1.', ref: () => 249 },
  { formula: 'pi*x', ref: (x) => Math.PI * x },
  { formula: 'e^x', ref: (x) => Math.E ** x },
  { formula: 'π/2 - acos(x)', ref: (x) => Math.PI / 2 - Math.acos(x) },
  { formula: 'tan(x) + asin(x) + atan(y)', ref: (x, y) => Math.tan(x) + Math.asin(x) + Math.atan(y) },
  { formula: 'sinh(x)*cosh(y) - tanh(x*y)', ref: (x, y) => Math.sinh(x) * Math.cosh(y) - Math.tanh(x * y) },
  {
    formula: 'asinh(x) + acosh(1 + y^2) + atanh(x/2)',
    ref: (x, y) => Math.asinh(x) + Math.acosh(1 + y ** 2) + Math.atanh(x / 2),
  },
  { formula: 'exp(x) - expm1(y)', ref: (x, y) => Math.exp(x) - Math.expm1(y) },
  {
    formula: 'log(1 + x^2) + ln(2) + log1p(y^2)',
    ref: (x, y) => Math.log(1 + x ** 2) + Math.log(2) + Math.log1p(y ** 2),
  },
  { formula: 'sqrt(x^2 + y^2)', ref: (x, y) => Math.hypot(x, y) },
  { formula: 'rsqrt(1 + x*x)', ref: (x) => 1 / Math.sqrt(1 + x * x) },
  { formula: 'abs(x) * sign(y)', ref: (x, y) => Math.abs(x) * Math.sign(y) },
  { formula: 'square(x - y) + reciprocal(2 + y)', ref: (x, y) => (x - y) ** 2 + 1 / (2 + y) },
  { formula: 'sigmoid(3*x)', ref: (x) => 1 / (1 + Math.exp(-3 * x)) },
  { formula: 'relu(x) + relu(y)', ref: (x, y) => Math.max(x, 0) + Math.max(y, 0) },
  { formula: 'softplus(x)', ref: (x) => Math.log(1 + Math.exp(x)) },
  { formula: 'logit(x/2 + 0.5)', ref: (x) => Math.log((x / 2 + 0.5) / (0.5 - x / 2)) },
  { formula: 'elu(y)', ref: (_x, y) => (y > 0 ? y : Math.exp(y) - 1) },
  { formula: 'erf(x)', ref: (x) => erfRef(x) },
  {
    formula: 'floor(10*x) + ceil(10*y) + round(4.4*x)',
    ref: (x, y) => Math.floor(10 * x) + Math.ceil(10 * y) + roundHalfEven(4.4 * x),
  },
  { formula: 'atan2(y, x)', ref: (x, y) => Math.atan2(y, x) },
  { formula: 'min(x, y) + 2*max(x, y)', ref: (x, y) => Math.min(x, y) + 2 * Math.max(x, y) },
  { formula: 'pow(x^2, 1.5)', ref: (x) => (x ** 2) ** 1.5 },
  { formula: 'mod(7*x, 0.5)', ref: (x) => 7 * x - Math.floor((7 * x) / 0.5) * 0.5 },
  { formula: 'exp(-(x^2 + y^2))', ref: (x, y) => Math.exp(-(x * x + y * y)) },
  { formula: 'x*y/(1 + x^2*y^2)', ref: (x, y) => (x * y) / (1 + x * x * y * y) },
  { formula: '  x\t*\n y ', ref: (x, y) => x * y },
  { formula: 'sin(cos(tan(x)))', ref: (x) => Math.sin(Math.cos(Math.tan(x))) },
  { formula: '(((x)))', ref: (x) => x },
  { formula: '3*(x - 1)^2*exp(-y)', ref: (x, y) => 3 * (x - 1) ** 2 * Math.exp(-y) },
  { formula: '100*(y - x^2)^2 + (1 - x)^2', ref: (x, y) => 100 * (y - x * x) ** 2 + (1 - x) ** 2 },
];
