/**
 * @file Fused first-order VJPs of unary ops: `out = g == 0 ? 0 : g · d(a, y)` in one pass over float64 data.
 * Each expression performs the same floating-point operations, in the same order, as the op's composed rule in
 * `primitives/unary.ts` followed by `mulNoNan`, so the fused and composed gradients agree bit for bit; fusing
 * only saves the intermediate array (a = x, y = the op's output).
 */
import type { TypedArray } from '../../core/dtype.js';
import { allocStorage } from '../../core/storage.js';
import type { Buf, UnaryName } from '../backend.js';
import { unrolledLoop } from './elementwise.js';

const SIGMOID = 'a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a))';

const GRAD_EXPR: Partial<Record<UnaryName, string>> = {
  abs: 'a > 0 ? 1 : a < 0 ? -1 : a', exp: 'y', expm1: 'Math.exp(a)', log: '1 / a', log1p: '1 / (a + 1)',
  sqrt: '0.5 / y', rsqrt: '-0.5 * (y * (y * y))', square: '2 * a', reciprocal: '-(y * y)',
  sin: 'Math.cos(a)', cos: '-Math.sin(a)', tan: '1 + y * y',
  asin: '1 / Math.sqrt(1 - a * a)', acos: '-(1 / Math.sqrt(1 - a * a))', atan: '1 / (1 + a * a)',
  sinh: 'Math.cosh(a)', cosh: 'Math.sinh(a)', tanh: '1 - y * y',
  asinh: '1 / Math.sqrt(a * a + 1)', acosh: '1 / Math.sqrt(a * a - 1)', atanh: '1 / (1 - a * a)',
  erf: '1.1283791670955126 * Math.exp(-(a * a))', sigmoid: 'y * (1 - y)', softplus: SIGMOID,
  relu: 'a > 0 ? 1 : 0',
};

type GradLoop = (x: TypedArray, y: TypedArray, g: TypedArray | null, out: TypedArray) => void;
const loops = new Map<UnaryName, GradLoop | null>();

function loopFor(op: UnaryName): GradLoop | null {
  let f = loops.get(op);
  if (f === undefined) {
    const e = GRAD_EXPR[op];
    // only the operands the expression uses are loaded (a load V8 cannot prove dead still costs a bounds check);
    // a cotangent of ones (G null) leaves dy/dx itself, the same bits as (dy/dx) · 1
    const load = (sym: string, arr: string, i: string): string => (new RegExp(`\\b${sym}\\b`).test(e ?? '') ? `const ${sym} = ${arr}[${i}];` : '');
    f = e === undefined ? null : new Function(`"use strict"; return function ${op}Grad(X, Y, G, out) {
      const n = out.length;
      if (G === null) {
        ${unrolledLoop('n', (i) => `${load('a', 'X', i)} ${load('y', 'Y', i)} out[${i}] = ${e};`)}
        return;
      }
      ${unrolledLoop('n', (i) => `const gi = G[${i}]; if (gi === 0) out[${i}] = 0; else { ${load('a', 'X', i)} ${load('y', 'Y', i)} out[${i}] = (${e}) * gi; }`)}
    }`)() as GradLoop;
    loops.set(op, f);
  }
  return f;
}

/** See `Backend.unaryGrad`. */
export function unaryGrad(op: UnaryName, x: Buf, y: Buf, g: Buf | null): TypedArray | null {
  const loop = loopFor(op);
  if (loop === null) return null;
  const out = allocStorage('float64', x._data.length);
  loop(x._data, y._data, g === null ? null : g._data, out);
  return out;
}
