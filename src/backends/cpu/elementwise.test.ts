/** @file The elementwise loops (unrolled by four) and their one-element fast path compute the same values. */
import { describe, it, expect } from 'vitest';
import '../../index.js';
import { type Tensor, fromHost } from '../../core/tensor.js';
import { allocData, type DType } from '../../core/dtype.js';
import { BINARY_OPS, UNARY_OPS } from '../backend.js';
import { binaryKernel, unaryKernel } from './elementwise.js';

const VALUES = [0, -0, 1, -1, 0.5, -2.5, 3.7, 1e300, -1e-300, 2147483647, -2147483648, Infinity, -Infinity, NaN];
const DTYPES: DType[] = ['float64', 'float32', 'int32', 'bool'];

function filled(dtype: DType, values: number[]): Tensor {
  const d = allocData(dtype, values.length);
  values.forEach((v, i) => {
    d[i] = v;
  });
  return fromHost(d, [values.length], dtype);
}
const scalar = (dtype: DType, v: number): Tensor => {
  const t = filled(dtype, [v]);
  return t.reshape([]);
};
const same = (a: number, b: number): boolean => Object.is(a, b);

describe('one-element elementwise kernels', () => {
  it('every unary op, every input and output dtype: the scalar path equals the loop, bit for bit', () => {
    const bad: string[] = [];
    for (const op of UNARY_OPS)
      for (const din of DTYPES)
        for (const dout of DTYPES) {
          const x = filled(din, VALUES);
          const loopOut = allocData(dout, VALUES.length);
          unaryKernel(op, x, loopOut);
          VALUES.forEach((v, i) => {
            const one = allocData(dout, 1);
            unaryKernel(op, scalar(din, v), one);
            if (!same(one[0], loopOut[i])) bad.push(`${op} ${din}→${dout} at ${v}: ${one[0]} vs ${loopOut[i]}`);
          });
        }
    expect(bad).toEqual([]);
  });
  it('every binary op, every pair of dtypes: the scalar path equals the loop, bit for bit', () => {
    const bad: string[] = [];
    const n = VALUES.length;
    const as = VALUES.flatMap((v) => VALUES.map(() => v)),
      bs = VALUES.flatMap(() => VALUES);
    for (const op of BINARY_OPS)
      for (const da of DTYPES)
        for (const db of DTYPES) {
          const dout: DType =
            da === 'bool' && db === 'bool' ? 'bool' : da === 'float32' || db === 'float32' ? 'float32' : 'float64';
          const loopOut = allocData(dout, n * n);
          binaryKernel(op, filled(da, as), filled(db, bs), [n * n], loopOut);
          for (let i = 0; i < n * n; i++) {
            const one = allocData(dout, 1);
            binaryKernel(op, scalar(da, as[i]), scalar(db, bs[i]), [], one);
            if (!same(one[0], loopOut[i]))
              bad.push(`${op} ${da},${db}→${dout} at (${as[i]}, ${bs[i]}): ${one[0]} vs ${loopOut[i]}`);
          }
        }
    expect(bad.slice(0, 10)).toEqual([]);
  });
  it('lengths 0–9, and a one-element operand broadcast against the other: every element as the one-element path gives it', () => {
    const bad: string[] = [];
    for (let n = 0; n <= 9; n++) {
      const xs = VALUES.slice(0, n),
        k = 3.7;
      const x = filled('float64', xs);
      for (const op of UNARY_OPS) {
        const out = allocData('float64', n);
        unaryKernel(op, x, out);
        xs.forEach((v, i) => {
          const one = allocData('float64', 1);
          unaryKernel(op, scalar('float64', v), one);
          if (!same(one[0], out[i])) bad.push(`${op} n=${n} at ${i}`);
        });
      }
      for (const op of BINARY_OPS) {
        const left = allocData('float64', n),
          right = allocData('float64', n);
        binaryKernel(op, scalar('float64', k), x, [n], left);
        binaryKernel(op, x, scalar('float64', k), [n], right);
        xs.forEach((v, i) => {
          const one = allocData('float64', 1),
            two = allocData('float64', 1);
          binaryKernel(op, scalar('float64', k), scalar('float64', v), [], one);
          binaryKernel(op, scalar('float64', v), scalar('float64', k), [], two);
          if (!same(one[0], left[i]) || !same(two[0], right[i])) bad.push(`${op} n=${n} at ${i}`);
        });
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });
});
