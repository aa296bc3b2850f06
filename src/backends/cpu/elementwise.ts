/**
 * @file Elementwise CPU kernels. Each op is one JS expression; a specialised loop is generated per op with
 * `new Function`, so V8 compiles each loop separately and inlines the math (a shared loop calling a
 * function per element would go megamorphic and run several times slower).
 */
import type { TypedArray } from '../../core/dtype.js';
import { BINARY_OPS, UNARY_OPS, type BinaryName, type Buf, type UnaryName } from '../backend.js';
import { broadcastStrides, sameShape } from '../../core/shape.js';
import { erf, roundHalfEven } from './special.js';

/** Each unary op as one JS expression of `a` (shared with the compiler's fused loops, so both compute alike). */
export const UNARY_EXPR: Record<UnaryName, string> = {
  neg: '-a', abs: 'Math.abs(a)', sign: 'a > 0 ? 1 : a < 0 ? -1 : a',
  exp: 'Math.exp(a)', expm1: 'Math.expm1(a)', log: 'Math.log(a)', log1p: 'Math.log1p(a)',
  sqrt: 'Math.sqrt(a)', rsqrt: '1 / Math.sqrt(a)', square: 'a * a', reciprocal: '1 / a',
  sin: 'Math.sin(a)', cos: 'Math.cos(a)', tan: 'Math.tan(a)', asin: 'Math.asin(a)', acos: 'Math.acos(a)',
  atan: 'Math.atan(a)', sinh: 'Math.sinh(a)', cosh: 'Math.cosh(a)', tanh: 'Math.tanh(a)',
  asinh: 'Math.asinh(a)', acosh: 'Math.acosh(a)', atanh: 'Math.atanh(a)',
  erf: 'erf(a)', floor: 'Math.floor(a)', ceil: 'Math.ceil(a)', round: 'roundHalfEven(a)',
  sigmoid: 'a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a))',
  softplus: 'a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a))',
  relu: 'a > 0 ? a : a === a ? 0 : a', step: 'a > 0 ? 1 : 0', isnan: 'a !== a ? 1 : 0',
  logicalNot: 'a === 0 ? 1 : 0',
};

/** Each binary op as one JS expression of `a` and `b` (shared with the compiler). */
export const BINARY_EXPR: Record<BinaryName, string> = {
  add: 'a + b', sub: 'a - b', mul: 'a * b', div: 'a / b', pow: 'Math.pow(a, b)',
  // numpy semantics: NaN wins; ties keep the first argument
  maximum: 'a >= b || a !== a ? a : b', minimum: 'a <= b || a !== a ? a : b',
  atan2: 'Math.atan2(a, b)', mod: 'floorMod(a, b)', mulNoNan: 'b === 0 ? 0 : a * b',
  equal: 'a === b ? 1 : 0', notEqual: 'a !== b ? 1 : 0', greater: 'a > b ? 1 : 0',
  greaterEqual: 'a >= b ? 1 : 0', less: 'a < b ? 1 : 0', lessEqual: 'a <= b ? 1 : 0',
  logicalAnd: 'a !== 0 && b !== 0 ? 1 : 0', logicalOr: 'a !== 0 || b !== 0 ? 1 : 0',
  divKeepZero: 'a === 0 ? 0 : a / b',
};

/** Floored modulo: the result takes the sign of the divisor (numpy `mod`, TF `floormod`). */
function floorMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

/** Functions the expressions call, passed into every generated loop's scope. */
export const HELPERS = { erf, roundHalfEven, floorMod };
const compile = (body: string): any =>
  new Function(...Object.keys(HELPERS), `"use strict"; return ${body}`)(...Object.values(HELPERS));

/**
 * Source of a loop over `i` in [0, n) that runs `body(index)` (one element, in its own block) four elements per
 * iteration, then one at a time: V8 does not unroll, and for the short arrays of the tutorial (100 points) the
 * loop's own compare-and-branch is a third of the time. Each element runs the same code as a plain loop, so the
 * results are the same.
 */
export function unrolledLoop(n: string, body: (i: string) => string): string {
  return `let i = 0;
      for (; i + 3 < ${n}; i += 4) { { ${body('i')} } { ${body('i + 1')} } { ${body('i + 2')} } { ${body('i + 3')} } }
      for (; i < ${n}; i++) { ${body('i')} }`;
}

type UnaryLoop = (x: TypedArray, out: TypedArray) => void;
type BinaryLoop = (a: TypedArray, b: TypedArray, out: TypedArray, shape: number[], sa: number[], sb: number[]) => void;

const unaryLoops = new Map<string, UnaryLoop>();
const binaryLoops = new Map<string, BinaryLoop>();

/**
 * Loops are generated per op *and* per input/output dtype: the source is the same, but each copy gets its
 * own type feedback, so V8 compiles element access for one typed-array kind instead of a polymorphic one.
 */
function unaryLoop(op: UnaryName, key: string): UnaryLoop {
  let f = unaryLoops.get(key);
  if (!f) {
    f = compile(`function ${op}Loop(x, out) { const n = x.length; ${unrolledLoop('n', (i) => `const a = x[${i}]; out[${i}] = ${UNARY_EXPR[op]};`)} }`) as UnaryLoop;
    unaryLoops.set(key, f);
  }
  return f;
}

/** Generated loop with fast paths for equal shapes and scalar operands, then a strided walk for broadcasting. */
function binaryLoop(op: BinaryName, key: string): BinaryLoop {
  let f = binaryLoops.get(key);
  if (!f) {
    const e = BINARY_EXPR[op];
    f = compile(`function ${op}Loop(A, B, out, shape, sa, sb) {
      const n = out.length;
      if (A.length === n && B.length === n) { ${unrolledLoop('n', (i) => `const a = A[${i}], b = B[${i}]; out[${i}] = ${e};`)} return; }
      if (A.length === 1 && B.length === n) { const a = A[0]; ${unrolledLoop('n', (i) => `const b = B[${i}]; out[${i}] = ${e};`)} return; }
      if (B.length === 1 && A.length === n) { const b = B[0]; ${unrolledLoop('n', (i) => `const a = A[${i}]; out[${i}] = ${e};`)} return; }
      if (n === 0) return;
      const r = shape.length, inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1];
      const idx = new Int32Array(r);
      let oa = 0, ob = 0;
      for (let o = 0; o < n;) {
        for (let j = 0; j < inner; j++) { const a = A[oa + j * ia], b = B[ob + j * ib]; out[o++] = ${e}; }
        for (let d = r - 2; d >= 0; d--) {
          idx[d]++; oa += sa[d]; ob += sb[d];
          if (idx[d] < shape[d]) break;
          oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]; idx[d] = 0;
        }
      }
    }`) as BinaryLoop;
    binaryLoops.set(key, f);
  }
  return f;
}

/** 0–3 for the four storage kinds (instanceof is cheaper than building a string key per call). */
const kindOf = (a: TypedArray): number => (a instanceof Float64Array ? 0 : a instanceof Float32Array ? 1 : a instanceof Int32Array ? 2 : 3);
const UNARY_INDEX = new Map(UNARY_OPS.map((op, i) => [op, i]));
const BINARY_INDEX = new Map(BINARY_OPS.map((op, i) => [op, i]));
const unaryTable: (UnaryLoop | undefined)[] = [];
const binaryTable: (BinaryLoop | undefined)[] = [];
const NO_STRIDES: number[] = [];

/**
 * One element of every op, as a switch over the op's index: a single function whatever the op, so the scalar
 * ops of an optimizer step run inline instead of through a call to one of dozens of loops (a call site that
 * sees many loops stops being inlined). Same expressions, same stores, so the same results as the loops.
 */
const unaryScalar = compile(`function unaryScalar(k, a) { switch (k) { ${UNARY_OPS.map((op, i) => `case ${i}: return ${UNARY_EXPR[op]};`).join(' ')} } }`) as (k: number, a: number) => number;
const binaryScalar = compile(`function binaryScalar(k, a, b) { switch (k) { ${BINARY_OPS.map((op, i) => `case ${i}: return ${BINARY_EXPR[op]};`).join(' ')} } }`) as (k: number, a: number, b: number) => number;

export function unaryKernel(op: UnaryName, x: Buf, out: TypedArray): void {
  const i = UNARY_INDEX.get(op)!;
  if (out.length === 1) { out[0] = unaryScalar(i, x._data[0]); return; }
  const k = i * 16 + kindOf(x._data) * 4 + kindOf(out);
  const loop = unaryTable[k] ?? (unaryTable[k] = unaryLoop(op, String(k)));
  loop(x._data, out);
}

export function binaryKernel(op: BinaryName, a: Buf, b: Buf, outShape: number[], out: TypedArray): void {
  const n = out.length;
  const i = BINARY_INDEX.get(op)!;
  if (n === 1) { out[0] = binaryScalar(i, a._data[0], b._data[0]); return; }
  const simple = (a._data.length === n || a._data.length === 1) && (b._data.length === n || b._data.length === 1) &&
    (a._data.length === 1 || sameShape(a.shape, outShape)) && (b._data.length === 1 || sameShape(b.shape, outShape));
  const k = i * 64 + kindOf(a._data) * 16 + kindOf(b._data) * 4 + kindOf(out);
  const loop = binaryTable[k] ?? (binaryTable[k] = binaryLoop(op, String(k)));
  if (simple) loop(a._data, b._data, out, outShape, NO_STRIDES, NO_STRIDES);
  else loop(a._data, b._data, out, outShape, broadcastStrides(a.shape, outShape), broadcastStrides(b.shape, outShape));
}

/** `out[i] = cond[i] ? a[i] : b[i]` with broadcasting of all three. */
export function whereKernel(cond: Buf, a: Buf, b: Buf, outShape: number[], out: TypedArray): void {
  const n = out.length;
  if (n === 0) return;
  const sc = broadcastStrides(cond.shape, outShape), sa = broadcastStrides(a.shape, outShape), sb = broadcastStrides(b.shape, outShape);
  const C = cond._data, A = a._data, B = b._data;
  const r = outShape.length;
  if (r === 0) { out[0] = C[0] !== 0 ? A[0] : B[0]; return; }
  const inner = outShape[r - 1], ic = sc[r - 1], ia = sa[r - 1], ib = sb[r - 1];
  const idx = new Int32Array(r);
  let oc = 0, oa = 0, ob = 0;
  for (let o = 0; o < n;) {
    for (let j = 0; j < inner; j++) out[o++] = C[oc + j * ic] !== 0 ? A[oa + j * ia] : B[ob + j * ib];
    for (let d = r - 2; d >= 0; d--) {
      idx[d]++; oc += sc[d]; oa += sa[d]; ob += sb[d];
      if (idx[d] < outShape[d]) break;
      oc -= sc[d] * outShape[d]; oa -= sa[d] * outShape[d]; ob -= sb[d] * outShape[d]; idx[d] = 0;
    }
  }
}
