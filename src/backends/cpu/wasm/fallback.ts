/**
 * @file The scalar functions a WebAssembly kernel imports for what it does not vectorise: ops without a SIMD
 * lowering (tan, asin, pow, mod, erf, casts to int32, int32 mul/div…) call one of these per lane, and sin/cos
 * call `Math.sin`/`Math.cos` per lane for arguments beyond their vector range reduction. Each returns exactly
 * what the reference `evaluate` gives for that node, already rounded to the node's dtype, so converting it back
 * to the lane type in WebAssembly is exact.
 */
import type { DType } from '../../../core/dtype.js';
import { BINARY_FN, evaluate, input, roundTo, UNARY_FN, type Exp } from '../../../ir/exp.js';

// a float op's reference function, rounded once to the node's dtype, is exactly what `evaluate` gives for it
const UNARY: Readonly<Record<string, (x: number) => number>> = UNARY_FN;
const BINARY: Readonly<Record<string, (a: number, b: number) => number>> = BINARY_FN;

/** The import name for a node computed per lane. */
export const fallbackName = (op: string, dtype: DType, args: DType[]): string => `${op}.${dtype}.${args.join('.')}`;

/** The scalar function behind `fallbackName(op, dtype, args)`: float operands, float result. */
export function fallbackFunction(op: string, dtype: DType, args: DType[]): (a: number, b?: number) => number {
  const isFloat = (d: DType): boolean => d === 'float64' || d === 'float32';
  if (args.length === 1 && Object.hasOwn(UNARY, op) && isFloat(args[0]) && isFloat(dtype)) {
    const fn = UNARY[op]!;
    return dtype === 'float32' ? (a) => Math.fround(fn(a)) : fn;
  }
  if (args.length === 2 && Object.hasOwn(BINARY, op) && isFloat(args[0]) && isFloat(dtype)) {
    const fn = BINARY[op]!;
    return dtype === 'float32' ? (a, b) => Math.fround(fn(a, b!)) : (a, b) => fn(a, b!);
  }
  // everything else through the reference itself (a one-node expression over the operands)
  const ins = args.map((d, i) => input(i, d));
  const node = (
    op === 'cast'
      ? { op, a: ins[0], dtype }
      : args.length === 1
        ? { op, a: ins[0], dtype }
        : { op, a: ins[0], b: ins[1], dtype }
  ) as Exp;
  const vals = [0, 0];
  return (a, b = 0) => {
    vals[0] = a;
    vals[1] = b;
    return roundTo(evaluate(node, vals), dtype);
  };
}
