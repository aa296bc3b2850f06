/**
 * @file The backend-neutral elementwise IR: a small expression tree over scalars (constants, inputs, ALU ops,
 * `where`, casts), in the spirit of jax-js's `AluExp` and tinygrad's UOps. Elementwise ops are written in it
 * once (the op table); `jit` builds it when it fuses a chain; each backend *lowers* it to its own code (the CPU
 * backend to JavaScript and to WebAssembly SIMD, a GPU backend to WGSL). Nothing here knows any backend.
 *
 * Semantics, which every lowering must match (the reference is `evaluate` below):
 * - Every node has a dtype. Float ops compute in float64 and round to float32 (`Math.fround`) after each
 *   float32 node; int32 results wrap (`| 0`); bool results are 0 or 1.
 * - Comparisons and logical ops give bool (0/1). Logical ops treat any nonzero as true.
 * - `max`/`min` propagate NaN from either side and return `a` on ties (numpy `maximum`/`minimum`).
 * - `mod` is the floored modulo (the result takes the sign of the divisor), as numpy `mod`.
 * - `roundEven` rounds half to even; `sign(0) = 0`, `sign(NaN) = NaN`; `isnan` gives bool.
 * - `cast` to int32 truncates toward zero (NaN → 0); to bool is `x !== 0`.
 */
import type { DType } from '../core/dtype.js';
import { erf, roundHalfEven } from './special.js';

/** One-operand ALU ops every lowering implements. */
export const ALU_UNARY = [
  'neg',
  'abs',
  'sign',
  'floor',
  'ceil',
  'roundEven',
  'sqrt',
  'exp',
  'expm1',
  'log',
  'log1p',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'tanh',
  'asinh',
  'acosh',
  'atanh',
  'erf',
  'isnan',
  'not',
] as const;
export type AluUnary = (typeof ALU_UNARY)[number];

/** Two-operand ALU ops every lowering implements. */
export const ALU_BINARY = [
  'add',
  'sub',
  'mul',
  'div',
  'pow',
  'atan2',
  'mod',
  'max',
  'min',
  'lt',
  'le',
  'eq',
  'ne',
  'and',
  'or',
] as const;
export type AluBinary = (typeof ALU_BINARY)[number];

/** An IR node. Trees may share subtrees (a DAG); lowerings should evaluate a shared node once. */
export type Exp =
  | { readonly op: 'const'; readonly value: number; readonly dtype: DType }
  | { readonly op: 'input'; readonly index: number; readonly dtype: DType }
  | { readonly op: AluUnary; readonly a: Exp; readonly dtype: DType }
  | { readonly op: AluBinary; readonly a: Exp; readonly b: Exp; readonly dtype: DType }
  | { readonly op: 'where'; readonly cond: Exp; readonly a: Exp; readonly b: Exp; readonly dtype: DType }
  | { readonly op: 'cast'; readonly a: Exp; readonly dtype: DType };

const UNARY_SET: ReadonlySet<string> = new Set(ALU_UNARY);
const BINARY_SET: ReadonlySet<string> = new Set(ALU_BINARY);
const COMPARE: ReadonlySet<string> = new Set(['lt', 'le', 'eq', 'ne', 'and', 'or']);

export const isUnary = (e: Exp): e is Extract<Exp, { op: AluUnary }> => UNARY_SET.has(e.op);
export const isBinary = (e: Exp): e is Extract<Exp, { op: AluBinary }> => BINARY_SET.has(e.op);

// ---- builders ------------------------------------------------------------------------------------------------

export const konst = (value: number, dtype: DType = 'float64'): Exp => ({ op: 'const', value, dtype });
export const input = (index: number, dtype: DType = 'float64'): Exp => ({ op: 'input', index, dtype });
/** A unary node; its dtype is the operand's (bool for `isnan` and `not`). */
export const unary = (op: AluUnary, a: Exp): Exp => ({
  op,
  a,
  dtype: op === 'isnan' || op === 'not' ? 'bool' : a.dtype,
});
/** A binary node; comparisons and logical ops give bool, the rest the dtype of `a` (operands must agree). */
export const binary = (op: AluBinary, a: Exp, b: Exp): Exp => ({ op, a, b, dtype: COMPARE.has(op) ? 'bool' : a.dtype });
export const where = (cond: Exp, a: Exp, b: Exp): Exp => ({ op: 'where', cond, a, b, dtype: a.dtype });
export const cast = (a: Exp, dtype: DType): Exp => (a.dtype === dtype ? a : { op: 'cast', a, dtype });

/** The operands of a node, in order. */
export function children(e: Exp): Exp[] {
  switch (e.op) {
    case 'const':
    case 'input':
      return [];
    case 'where':
      return [e.cond, e.a, e.b];
    case 'cast':
      return [e.a];
    default:
      return isBinary(e) ? [e.a, e.b] : [(e as { a: Exp }).a];
  }
}

/** Every distinct node reachable from `roots`, operands before users (the order a lowering emits them in). */
export function topoSort(roots: readonly Exp[]): Exp[] {
  const seen = new Set<Exp>(),
    out: Exp[] = [];
  const visit = (e: Exp): void => {
    if (seen.has(e)) return;
    seen.add(e);
    for (const c of children(e)) visit(c);
    out.push(e);
  };
  for (const r of roots) visit(r);
  return out;
}

// ---- the reference semantics -----------------------------------------------------------------------------------

/** Rounds a float64 result to what a node of `dtype` holds. */
export function roundTo(x: number, dtype: DType): number {
  switch (dtype) {
    case 'float64':
      return x;
    case 'float32':
      return Math.fround(x);
    case 'int32':
      return x | 0;
    case 'bool':
      return x !== 0 ? 1 : 0;
  }
}

/** Each unary ALU op on one float64 value, before rounding to the node's dtype (what `evaluate` applies). */
export const UNARY_FN: Readonly<Record<AluUnary, (a: number) => number>> = {
  neg: (a) => -a,
  abs: Math.abs,
  sign: (a) => (a > 0 ? 1 : a < 0 ? -1 : a),
  floor: Math.floor,
  ceil: Math.ceil,
  roundEven: roundHalfEven,
  sqrt: Math.sqrt,
  exp: Math.exp,
  expm1: Math.expm1,
  log: Math.log,
  log1p: Math.log1p,
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
  erf,
  isnan: (a) => (a !== a ? 1 : 0),
  not: (a) => (a === 0 ? 1 : 0),
};

/** Each binary ALU op on two float64 values, before rounding to the node's dtype (what `evaluate` applies). */
export const BINARY_FN: Readonly<Record<AluBinary, (a: number, b: number) => number>> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  atan2: Math.atan2,
  mod: (a, b) => {
    const r = a % b;
    return r !== 0 && r < 0 !== b < 0 ? r + b : r;
  },
  max: (a, b) => (a >= b || a !== a ? a : b),
  min: (a, b) => (a <= b || a !== a ? a : b),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  and: (a, b) => (a !== 0 && b !== 0 ? 1 : 0),
  or: (a, b) => (a !== 0 || b !== 0 ? 1 : 0),
};

function castTo(x: number, dtype: DType): number {
  if (dtype === 'int32') return Number.isNaN(x) ? 0 : Math.trunc(x) | 0;
  return roundTo(x, dtype);
}

/**
 * The value of `e` for one element, given each input's value: the reference every lowering is tested against.
 * Slow (a tree walk per element) and exact to the semantics above.
 */
export function evaluate(e: Exp, inputs: readonly number[]): number {
  const memo = new Map<Exp, number>();
  const go = (n: Exp): number => {
    const hit = memo.get(n);
    if (hit !== undefined) return hit;
    let v: number;
    switch (n.op) {
      case 'const':
        v = roundTo(n.value, n.dtype);
        break;
      case 'input':
        v = inputs[n.index];
        break;
      case 'where':
        v = go(n.cond) !== 0 ? go(n.a) : go(n.b);
        break;
      case 'cast':
        v = castTo(go(n.a), n.dtype);
        break;
      default:
        v = isBinary(n)
          ? BINARY_FN[n.op](go(n.a), go(n.b))
          : UNARY_FN[(n as { op: AluUnary }).op](go((n as { a: Exp }).a));
        v = roundTo(v, n.dtype);
    }
    memo.set(n, v);
    return v;
  };
  return go(e);
}
