/**
 * @file Fused first-order VJPs of unary ops: `out = g == 0 ? 0 : g · d(x, y)` in one pass over float64 data.
 * The expression is the op's own derivative rule (unary-table.ts) built over IR instead of tensors, times the
 * cotangent through `mulNoNan`'s row: the same floating-point operations, in the same order, as the composed
 * rule followed by `mulNoNan`, so the fused and composed gradients agree bit for bit; fusing only saves the
 * intermediate arrays.
 */
import type { TypedArray } from '../../core/dtype.js';
import { allocOverwritten } from '../../core/storage.js';
import { input } from '../../ir/exp.js';
import { UNARY, type UnaryRow } from '../../primitives/unary-table.js';
import { irAlg } from '../../primitives/algebra.js';
import type { Buf, UnaryName } from '../backend.js';
import { arr } from './storage.js';
import { unrolledLoop } from './elementwise.js';
import { compileJs, jsElement } from './lower-js.js';

type GradLoop = (X: TypedArray, Y: TypedArray, G: TypedArray | null, out: TypedArray) => void;
const loops = new Map<UnaryName, GradLoop | null>();
const ARRAYS = ['X', 'Y', 'G'];

function loopFor(op: UnaryName): GradLoop | null {
  let f = loops.get(op);
  if (f === undefined) {
    const d = (UNARY[op] as UnaryRow).d;
    if (typeof d !== 'function') f = null;
    else {
      const x = input(0),
        y = input(1),
        g = input(2);
      const dy = d(x, y, irAlg),
        gdy = irAlg.mulNoNan(dy, g);
      // only the arrays an expression reads are loaded; a cotangent of ones (G null) leaves dy/dx itself, the
      // same bits as (dy/dx) · 1
      const body =
        (e: typeof dy) =>
        (i: string): string => {
          const el = jsElement([e], (k) => `${ARRAYS[k]}[${i}]`);
          return `${el.stmts} out[${i}] = ${el.values[0]};`;
        };
      f = compileJs<GradLoop>(`function ${op}Grad(X, Y, G, out) {
        const n = out.length;
        if (G === null) { ${unrolledLoop('n', body(dy))} return; }
        ${unrolledLoop('n', body(gdy))}
      }`);
    }
    loops.set(op, f);
  }
  return f;
}

/** See `Backend.unaryGrad`. */
export function unaryGrad(op: UnaryName, x: Buf, y: Buf, g: Buf | null): TypedArray | null {
  const loop = loopFor(op);
  if (loop === null) return null;
  const out = allocOverwritten('float64', arr(x).length);
  loop(arr(x), arr(y), g === null ? null : arr(g), out);
  return out;
}
