/**
 * @file The JavaScript lowering against the IR's reference semantics (`evaluate`): every ALU op, cast and
 * `where` at every dtype, every op-table row as the kernels build it, shared nodes, scalar inputs and sums —
 * bit for bit, as stored in the output's typed array.
 */
import { describe, it, expect } from 'vitest';
import { allocData, type DType, type TypedArray } from '../../core/dtype.js';
import { ALU_BINARY, ALU_UNARY, binary, cast, evaluate, input, konst, unary, where } from '../../ir/exp.js';
import type { KernelSpec } from '../../ir/kernel.js';
import { UNARY_NAMES, unaryExp, unaryOutDtype } from '../../primitives/unary-table.js';
import { BINARY, BINARY_NAMES, binaryExp } from '../../primitives/binary-table.js';
import { lowerToJs } from './lower-js.js';
import { lowerKernel } from './lower.js';

const DTYPES: DType[] = ['float64', 'float32', 'int32', 'bool'];
const VALUES = [
  0,
  -0,
  1,
  -1,
  0.5,
  -2.5,
  3.7,
  0.3,
  1e300,
  -1e-300,
  2147483647,
  -2147483648,
  16777217,
  Infinity,
  -Infinity,
  NaN,
];

/** `values` as stored in an array of `dtype`. */
function arrayOf(dtype: DType, values: readonly number[]): TypedArray {
  const a = allocData(dtype, values.length);
  values.forEach((v, i) => {
    a[i] = v;
  });
  return a;
}

/** Runs `spec` on `ins` (n elements) and compares every output with `evaluate`, stored the same way. */
function mismatches(spec: KernelSpec, ins: TypedArray[], n: number, label: string): string[] {
  const outs = spec.outputs.map((o) => allocData(o.exp.dtype, o.sum ? 1 : n));
  lowerToJs(spec)(n, ins, outs);
  const bad: string[] = [];
  spec.outputs.forEach((o, j) => {
    const at = (i: number): number[] => ins.map((a) => a[a.length === 1 ? 0 : i]);
    if (o.sum) {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += evaluate(o.exp, at(i));
      const want = arrayOf(o.exp.dtype, [acc])[0];
      if (!Object.is(outs[j][0], want)) bad.push(`${label} sum: ${outs[j][0]} vs ${want}`);
      return;
    }
    const want = arrayOf(
      o.exp.dtype,
      Array.from({ length: n }, (_, i) => evaluate(o.exp, at(i))),
    );
    for (let i = 0; i < n; i++) {
      if (!Object.is(outs[j][i], want[i])) bad.push(`${label} at (${at(i).join(', ')}): ${outs[j][i]} vs ${want[i]}`);
    }
  });
  return bad;
}

/** Every pair of VALUES, as two input columns of the given dtypes. */
function pairs(da: DType, db: DType): [TypedArray, TypedArray, number] {
  const as = VALUES.flatMap((v) => VALUES.map(() => v)),
    bs = VALUES.flatMap(() => VALUES);
  return [arrayOf(da, as), arrayOf(db, bs), as.length];
}

describe('the JavaScript lowering computes what evaluate says', () => {
  it('every unary ALU op at every dtype', () => {
    const bad: string[] = [];
    for (const op of ALU_UNARY)
      for (const d of DTYPES) {
        const spec = { inputs: [d], outputs: [{ exp: unary(op, input(0, d)) }] };
        bad.push(...mismatches(spec, [arrayOf(d, VALUES)], VALUES.length, `${op} ${d}`));
      }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('every binary ALU op at every dtype, and as a predicate of where', () => {
    const bad: string[] = [];
    for (const op of ALU_BINARY)
      for (const d of DTYPES) {
        const [a, b, n] = pairs(d, d);
        const x = input(0, d),
          y = input(1, d),
          e = binary(op, x, y);
        const spec = { inputs: [d, d], outputs: [{ exp: e }, { exp: where(e, x, y) }] };
        bad.push(...mismatches(spec, [a, b], n, `${op} ${d}`));
      }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('casts between every pair of dtypes, and constants of every dtype', () => {
    const bad: string[] = [];
    for (const from of DTYPES)
      for (const to of DTYPES) {
        const spec = {
          inputs: [from],
          outputs: [
            { exp: cast(input(0, from), to) },
            { exp: binary('add', cast(input(0, from), to), konst(0.3, to)) },
          ],
        };
        bad.push(...mismatches(spec, [arrayOf(from, VALUES)], VALUES.length, `${from}→${to}`));
      }
    expect(bad).toEqual([]);
  });

  it('every op-table row, as the kernels build it, at every input dtype (and every float output)', () => {
    const bad: string[] = [];
    for (const op of UNARY_NAMES)
      for (const d of DTYPES) {
        const exp = unaryExp(op, input(0, d), unaryOutDtype(op, d));
        bad.push(...mismatches({ inputs: [d], outputs: [{ exp }] }, [arrayOf(d, VALUES)], VALUES.length, `${op} ${d}`));
        const f32 = unaryExp(op, input(0, d), 'float32', 'float32');
        bad.push(
          ...mismatches(
            { inputs: [d], outputs: [{ exp: f32 }] },
            [arrayOf(d, VALUES)],
            VALUES.length,
            `${op} ${d} in float32`,
          ),
        );
      }
    for (const op of BINARY_NAMES)
      for (const da of DTYPES)
        for (const db of DTYPES) {
          const out: DType =
            BINARY[op].dtype === 'bool' ? 'bool' : da === 'float32' || db === 'float32' ? 'float32' : 'float64';
          const [a, b, n] = pairs(da, db);
          const exp = binaryExp(op, input(0, da), input(1, db), out);
          bad.push(...mismatches({ inputs: [da, db], outputs: [{ exp }] }, [a, b], n, `${op} ${da},${db}`));
        }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('shared nodes, repeated reads of one input, scalar inputs and sums', () => {
    const x = input(0, 'float32'),
      s = input(1),
      shared = unary('sin', binary('mul', x, x));
    const spec: KernelSpec = {
      inputs: ['float32', 'float64'],
      outputs: [
        { exp: binary('add', shared, binary('mul', shared, cast(s, 'float32'))) },
        { exp: cast(binary('sub', shared, input(0, 'float32')), 'float64'), sum: true },
        { exp: where(binary('lt', input(1), konst(0)), s, cast(x, 'float64')) },
      ],
    };
    const xs = arrayOf('float32', [0.1, -2, 3.5, 7, 1e3, -0.25, 0.75]);
    expect(mismatches(spec, [xs, arrayOf('float64', [1.5])], xs.length, 'scalar s')).toEqual([]);
    expect(mismatches(spec, [xs, arrayOf('float64', [-1.5])], xs.length, 'negative s')).toEqual([]);
    expect(mismatches(spec, [xs, arrayOf('float64', VALUES.slice(0, 7))], xs.length, 'array s')).toEqual([]);
    expect(mismatches(spec, [xs.subarray(0, 1), arrayOf('float64', [2])], 1, 'n = 1')).toEqual([]);
    expect(mismatches(spec, [xs.subarray(0, 0), arrayOf('float64', [])], 0, 'n = 0')).toEqual([]);
  });

  it('fast math: float32 within 2 float32 ulp of the exact semantics (sin, cos, exp, and a chain)', () => {
    const x = input(0, 'float32');
    const spec: KernelSpec = {
      inputs: ['float32'],
      fastMath: true,
      outputs: [
        { exp: unary('sin', x) },
        { exp: unary('cos', x) },
        { exp: unary('exp', x) },
        { exp: binary('mul', unary('sin', x), unary('exp', unary('neg', x))) },
      ],
    };
    const xs = arrayOf(
      'float32',
      Array.from({ length: 2001 }, (_, i) => -40 + i * 0.04),
    );
    const outs = spec.outputs.map(() => allocData('float32', xs.length));
    lowerKernel(spec)(xs.length, [xs], outs);
    spec.outputs.forEach((o, j) => {
      for (let i = 0; i < xs.length; i++) {
        const want = Math.fround(evaluate(o.exp, [xs[i]]));
        expect(Math.abs(outs[j][i] - want), `output ${j} at ${xs[i]}`).toBeLessThanOrEqual(
          2 * 2 ** -23 * Math.max(Math.abs(want), 2 ** -20),
        );
      }
    });
  });
});
