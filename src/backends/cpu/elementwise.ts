/**
 * @file Elementwise CPU kernels, one per row of the op tables: the row's IR (computed in float64; the
 * typed-array store rounds the result to the output's dtype, as the IR's final cast would) lowered to JavaScript
 * (lower-js.ts), and wrapped in a loop generated per op and per dtype (see `unaryLoop`).
 */
import type { TypedArray } from '../../core/dtype.js';
import { BINARY_OPS, UNARY_OPS, type BinaryName, type Buf, type UnaryName } from '../backend.js';
import { arr } from './storage.js';
import { broadcastStrides, sameShape } from '../../core/shape.js';
import { input } from '../../ir/exp.js';
import { UNARY, type UnaryRow } from '../../primitives/unary-table.js';
import { BINARY, type BinaryRow } from '../../primitives/binary-table.js';
import { compileJs, jsElement } from './lower-js.js';

const X = input(0),
  Y = input(1);
const irOf = (op: UnaryName | BinaryName, binary: boolean) =>
  binary ? (BINARY[op as BinaryName] as BinaryRow).ir(X, Y) : (UNARY[op as UnaryName] as UnaryRow).ir(X);

/** One element's code: `load(k)` reads operand k; `store(v)` is the statement keeping the value `v`. */
function element(
  op: UnaryName | BinaryName,
  binary: boolean,
  load: (k: number) => string,
  store: (v: string) => string,
): string {
  const el = jsElement([irOf(op, binary)], load);
  return `${el.stmts} ${store(el.values[0])}`;
}

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

/**
 * Loops are generated per op *and* per input/output dtype (`key`, part of the function's name, so no two
 * share a compiled function): the code is the same, but each copy gets its own type feedback, so V8 compiles
 * element access for one typed-array kind instead of a polymorphic one.
 */
function unaryLoop(op: UnaryName, key: number): UnaryLoop {
  const body = (i: string): string =>
    element(
      op,
      false,
      () => `X[${i}]`,
      (v) => `out[${i}] = ${v};`,
    );
  return compileJs<UnaryLoop>(`function ${op}Loop${key}(X, out) { const n = X.length; ${unrolledLoop('n', body)} }`);
}

/** Generated loop with fast paths for equal shapes and scalar operands, then a strided walk for broadcasting. */
function binaryLoop(op: BinaryName, key: number): BinaryLoop {
  const loop = (load: (i: string) => (k: number) => string): string =>
    unrolledLoop('n', (i) => element(op, true, load(i), (v) => `out[${i}] = ${v};`));
  return compileJs<BinaryLoop>(`function ${op}Loop${key}(A, B, out, shape, sa, sb) {
      const n = out.length;
      if (A.length === n && B.length === n) { ${loop((i) => (k) => (k === 0 ? `A[${i}]` : `B[${i}]`))} return; }
      if (A.length === 1 && B.length === n) { const a = A[0]; ${loop((i) => (k) => (k === 0 ? 'a' : `B[${i}]`))} return; }
      if (B.length === 1 && A.length === n) { const b = B[0]; ${loop((i) => (k) => (k === 0 ? `A[${i}]` : 'b'))} return; }
      if (n === 0) return;
      const r = shape.length, inner = shape[r - 1], ia = sa[r - 1], ib = sb[r - 1];
      const idx = new Int32Array(r);
      let oa = 0, ob = 0;
      for (let o = 0; o < n;) {
        for (let j = 0; j < inner; j++) { ${element(
          op,
          true,
          (k) => (k === 0 ? 'A[oa + j * ia]' : 'B[ob + j * ib]'),
          (v) => `out[o++] = ${v};`,
        )} }
        for (let d = r - 2; d >= 0; d--) {
          idx[d]++; oa += sa[d]; ob += sb[d];
          if (idx[d] < shape[d]) break;
          oa -= sa[d] * shape[d]; ob -= sb[d] * shape[d]; idx[d] = 0;
        }
      }
    }`);
}

/** 0–3 for the four storage kinds (instanceof is cheaper than building a string key per call). */
const kindOf = (a: TypedArray): number =>
  a instanceof Float64Array ? 0 : a instanceof Float32Array ? 1 : a instanceof Int32Array ? 2 : 3;
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
const unaryScalar = compileJs<(k: number, a: number) => number>(
  `function unaryScalar(k, a) { switch (k) { ${UNARY_OPS.map(
    (op, i) =>
      `case ${i}: { ${element(
        op,
        false,
        () => 'a',
        (v) => `return ${v};`,
      )} }`,
  ).join(' ')} } }`,
);
const binaryScalar = compileJs<(k: number, a: number, b: number) => number>(
  `function binaryScalar(k, a, b) { switch (k) { ${BINARY_OPS.map(
    (op, i) =>
      `case ${i}: { ${element(
        op,
        true,
        (j) => (j === 0 ? 'a' : 'b'),
        (v) => `return ${v};`,
      )} }`,
  ).join(' ')} } }`,
);

export function unaryKernel(op: UnaryName, x: Buf, out: TypedArray): void {
  const i = UNARY_INDEX.get(op)!;
  if (out.length === 1) {
    out[0] = unaryScalar(i, arr(x)[0]);
    return;
  }
  const k = i * 16 + kindOf(arr(x)) * 4 + kindOf(out);
  const loop = unaryTable[k] ?? (unaryTable[k] = unaryLoop(op, k));
  loop(arr(x), out);
}

export function binaryKernel(op: BinaryName, a: Buf, b: Buf, outShape: number[], out: TypedArray): void {
  const n = out.length;
  const i = BINARY_INDEX.get(op)!;
  if (n === 1) {
    out[0] = binaryScalar(i, arr(a)[0], arr(b)[0]);
    return;
  }
  const simple =
    (arr(a).length === n || arr(a).length === 1) &&
    (arr(b).length === n || arr(b).length === 1) &&
    (arr(a).length === 1 || sameShape(a.shape, outShape)) &&
    (arr(b).length === 1 || sameShape(b.shape, outShape));
  const k = i * 64 + kindOf(arr(a)) * 16 + kindOf(arr(b)) * 4 + kindOf(out);
  const loop = binaryTable[k] ?? (binaryTable[k] = binaryLoop(op, k));
  if (simple) loop(arr(a), arr(b), out, outShape, NO_STRIDES, NO_STRIDES);
  else loop(arr(a), arr(b), out, outShape, broadcastStrides(a.shape, outShape), broadcastStrides(b.shape, outShape));
}

/** `out[i] = cond[i] ? a[i] : b[i]` with broadcasting of all three. */
export function whereKernel(cond: Buf, a: Buf, b: Buf, outShape: number[], out: TypedArray): void {
  const n = out.length;
  if (n === 0) return;
  const sc = broadcastStrides(cond.shape, outShape),
    sa = broadcastStrides(a.shape, outShape),
    sb = broadcastStrides(b.shape, outShape);
  const C = arr(cond),
    A = arr(a),
    B = arr(b);
  const r = outShape.length;
  if (r === 0) {
    out[0] = C[0] !== 0 ? A[0] : B[0];
    return;
  }
  const inner = outShape[r - 1],
    ic = sc[r - 1],
    ia = sa[r - 1],
    ib = sb[r - 1];
  const idx = new Int32Array(r);
  let oc = 0,
    oa = 0,
    ob = 0;
  for (let o = 0; o < n; ) {
    for (let j = 0; j < inner; j++) out[o++] = C[oc + j * ic] !== 0 ? A[oa + j * ia] : B[ob + j * ib];
    for (let d = r - 2; d >= 0; d--) {
      idx[d]++;
      oc += sc[d];
      oa += sa[d];
      ob += sb[d];
      if (idx[d] < outShape[d]) break;
      oc -= sc[d] * outShape[d];
      oa -= sa[d] * outShape[d];
      ob -= sb[d] * outShape[d];
      idx[d] = 0;
    }
  }
}
