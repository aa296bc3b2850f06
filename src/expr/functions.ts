/**
 * @file The names the formula language knows: functions with their arity and the gradtape op
 * each one calls, and the constants. Kept free of engine imports so the parser (and a web page
 * that only wants syntax checking) does not load the tensor engine.
 */

/** A gradtape op name (as exported from `gradtape`) that a formula function calls. */
export type OpName =
  | 'sin' | 'cos' | 'tan' | 'asin' | 'acos' | 'atan' | 'sinh' | 'cosh' | 'tanh' | 'asinh' | 'acosh' | 'atanh'
  | 'exp' | 'expm1' | 'log' | 'log1p' | 'sqrt' | 'rsqrt' | 'abs' | 'sign' | 'square' | 'reciprocal'
  | 'sigmoid' | 'relu' | 'softplus' | 'elu' | 'erf' | 'floor' | 'ceil' | 'round' | 'neg'
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'atan2' | 'minimum' | 'maximum' | 'mod' | 'heaviside';

/** A function callable from a formula. */
export interface FunctionSpec {
  /** The gradtape op it calls. */
  readonly op: OpName;
  /** Number of arguments it takes. */
  readonly arity: 1 | 2;
}

const unary = (op: OpName): FunctionSpec => ({ op, arity: 1 });
const binary = (op: OpName): FunctionSpec => ({ op, arity: 2 });

/** Every function name a formula may call (`ln` is an alias of `log`). */
export const FUNCTIONS: Readonly<Record<string, FunctionSpec>> = Object.freeze({
  sin: unary('sin'), cos: unary('cos'), tan: unary('tan'),
  asin: unary('asin'), acos: unary('acos'), atan: unary('atan'),
  sinh: unary('sinh'), cosh: unary('cosh'), tanh: unary('tanh'),
  asinh: unary('asinh'), acosh: unary('acosh'), atanh: unary('atanh'),
  exp: unary('exp'), expm1: unary('expm1'), log: unary('log'), ln: unary('log'), log1p: unary('log1p'),
  sqrt: unary('sqrt'), rsqrt: unary('rsqrt'), abs: unary('abs'), sign: unary('sign'),
  square: unary('square'), reciprocal: unary('reciprocal'),
  sigmoid: unary('sigmoid'), relu: unary('relu'), softplus: unary('softplus'), elu: unary('elu'), erf: unary('erf'),
  floor: unary('floor'), ceil: unary('ceil'), round: unary('round'),
  atan2: binary('atan2'), min: binary('minimum'), max: binary('maximum'), pow: binary('pow'), mod: binary('mod'),
  heaviside: binary('heaviside'),
});

/** Named constants. `e` is Euler's number, so it cannot be a variable name. */
export const CONSTANTS: Readonly<Record<string, number>> = Object.freeze({ pi: Math.PI, 'π': Math.PI, e: Math.E });

/**
 * True when `name` is a function a formula may call.
 *
 * @example
 * isFunctionName('atan2'); // true
 */
export function isFunctionName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

/**
 * True when `name` is a constant (`pi`, `π`, `e`).
 *
 * @example
 * isConstantName('e'); // true
 */
export function isConstantName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(CONSTANTS, name);
}
