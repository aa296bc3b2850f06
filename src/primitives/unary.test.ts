/** @file Unary primitives: values against Math.* (broadcast shapes, 0-d, empty, NaN/Inf), dtypes, and gradients to third order. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, zeros, gradcheck, type Tensor } from '../index.js';
import { expectAllClose, mapValues } from '../../test/helpers/matchers.js';
import { erf as erfRef } from '../ir/special.js';
import type { UnaryName } from './unary-table.js';

type Un = (x: Tensor) => Tensor;
interface Case {
  name: string;
  ref: (v: number) => number;
  pts: number[];
  keepInt?: boolean;
}
type Row = Omit<Case, 'name'>;

const sigmoidRef = (v: number): number => 1 / (1 + Math.exp(-v));
/**
 * One test row per op-table row (tsc names a row without one): reference values and points inside the domain
 * for the table's differentiable ops; null for the piecewise-constant and bool ops, tested further down.
 */
const ROWS: { [K in UnaryName]: Row | null } = {
  neg: { ref: (v) => -v, pts: [-1.3, 0.4, 2.2], keepInt: true },
  abs: { ref: Math.abs, pts: [-1.3, 0.4, 2.2], keepInt: true },
  square: { ref: (v) => v * v, pts: [-1.3, 0.4, 2.2], keepInt: true },
  sqrt: { ref: Math.sqrt, pts: [0.3, 1.1, 2.5] },
  rsqrt: { ref: (v) => 1 / Math.sqrt(v), pts: [0.5, 1.1, 2.5] },
  exp: { ref: Math.exp, pts: [-1.3, 0.4, 1.2] },
  expm1: { ref: Math.expm1, pts: [-1.3, 0.4, 1.2] },
  log: { ref: Math.log, pts: [0.3, 1.1, 2.5] },
  log1p: { ref: Math.log1p, pts: [-0.5, 0.4, 2.5] },
  reciprocal: { ref: (v) => 1 / v, pts: [-1.3, 0.6, 2.2] },
  sin: { ref: Math.sin, pts: [-1.3, 0.4, 2.2] },
  cos: { ref: Math.cos, pts: [-1.3, 0.4, 2.2] },
  tan: { ref: Math.tan, pts: [-1.1, 0.4, 1.2] },
  asin: { ref: Math.asin, pts: [-0.7, 0.1, 0.6] },
  acos: { ref: Math.acos, pts: [-0.7, 0.1, 0.6] },
  atan: { ref: Math.atan, pts: [-1.3, 0.4, 2.2] },
  sinh: { ref: Math.sinh, pts: [-1.3, 0.4, 2.2] },
  cosh: { ref: Math.cosh, pts: [-1.3, 0.4, 2.2] },
  tanh: { ref: Math.tanh, pts: [-1.3, 0.4, 2.2] },
  asinh: { ref: Math.asinh, pts: [-1.3, 0.4, 2.2] },
  acosh: { ref: Math.acosh, pts: [1.3, 1.9, 3.2] },
  atanh: { ref: Math.atanh, pts: [-0.7, 0.1, 0.6] },
  erf: { ref: erfRef, pts: [-1.3, 0.4, 2.2] },
  sigmoid: { ref: sigmoidRef, pts: [-1.3, 0.4, 2.2] },
  softplus: { ref: (v) => Math.log1p(Math.exp(v)), pts: [-1.3, 0.4, 2.2] },
  relu: { ref: (v) => Math.max(v, 0), pts: [-1.3, 0.4, 2.2], keepInt: true },
  logit: { ref: (v) => Math.log(v / (1 - v)), pts: [0.15, 0.4, 0.7] },
  sign: null,
  floor: null,
  ceil: null,
  round: null,
  step: null,
  isnan: null,
  logicalNot: null,
};
const cases: Case[] = [
  ...Object.entries(ROWS).flatMap(([name, row]) => (row === null ? [] : [{ name, ...row }])),
  // composites of the rows (ops/math.ts)
  { name: 'elu', ref: (v) => (v > 0 ? v : Math.expm1(v)), pts: [-1.3, 0.4, 2.2] },
  { name: 'logSigmoid', ref: (v) => Math.log(sigmoidRef(v)), pts: [-1.3, 0.4, 2.2] },
];
const fnOf = (name: string): Un => (g as any)[name] as Un;

describe.each(cases)('$name', ({ name, ref, pts, keepInt }) => {
  const f = fnOf(name);
  it('matches Math on a 2-D tensor, a 0-d tensor and an empty one', () => {
    const x = tensor([pts, pts.map((v) => v * 0.9)]);
    const y = f(x);
    expect(y.shape).toEqual([2, 3]);
    expect(y.dtype).toBe('float64');
    expectAllClose(y, [pts.map(ref), pts.map((v) => ref(v * 0.9))], { rtol: 1e-14, atol: 1e-15 });
    const s = f(scalar(pts[1]));
    expect(s.shape).toEqual([]);
    expectAllClose(s, ref(pts[1]), { rtol: 1e-14 });
    const e = f(zeros([0, 3]));
    expect(e.shape).toEqual([0, 3]);
    expect(e.size).toBe(0);
  });
  it('is also a Tensor method and accepts numbers and arrays', () => {
    const x = tensor(pts);
    expectAllClose((x as any)[name](), mapValues(x, ref), { rtol: 1e-14, atol: 1e-15 });
    expectAllClose(f(pts as any), pts.map(ref), { rtol: 1e-14, atol: 1e-15 });
    expectAllClose(f(pts[0] as any), ref(pts[0]), { rtol: 1e-14 });
  });
  it('propagates NaN and follows Math at ±Inf', () => {
    const y = f(tensor([NaN, Infinity, -Infinity]));
    const want = [NaN, ref(Infinity), ref(-Infinity)];
    expectAllClose(y, want, { rtol: 1e-15 });
  });
  it('keeps float32 as float32', () => {
    const y = f(tensor(pts, { dtype: 'float32' }));
    expect(y.dtype).toBe('float32');
    expectAllClose(
      y,
      pts.map((v) => ref(Math.fround(v))),
      { rtol: 1e-6, atol: 1e-7 },
    );
  });
  it(keepInt ? 'keeps int32 as int32' : 'promotes int32 to float64', () => {
    const y = f(tensor([1, 2, 3], { dtype: 'int32' }));
    expect(y.dtype).toBe(keepInt ? 'int32' : 'float64');
    expectAllClose(y, [1, 2, 3].map(ref), { rtol: 1e-14 });
  });
  it('has correct derivatives to third order in both modes', () => {
    const r = gradcheck(f, [tensor(pts)], { modes: ['rev', 'fwd'], order: 3 });
    expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
  });
});

describe('rounding and sign (zero gradient)', () => {
  it('floor, ceil, round (half to even), sign values', () => {
    const x = tensor([-2.5, -1.5, -0.5, 0, 0.5, 1.5, 2.5, 2.7, NaN]);
    expectAllClose(g.floor(x), [-3, -2, -1, 0, 0, 1, 2, 2, NaN]);
    expectAllClose(g.ceil(x), [-2, -1, -0, 0, 1, 2, 3, 3, NaN]);
    expectAllClose(g.round(x), [-2, -2, -0, 0, 0, 2, 2, 3, NaN]);
    expectAllClose(g.sign(x), [-1, -1, -1, 0, 1, 1, 1, 1, NaN]);
    expect(g.round(tensor([1, 2], { dtype: 'int32' })).dtype).toBe('int32');
  });
  it.each(['floor', 'ceil', 'round', 'sign'])('%s has zero gradient in both modes', (name) => {
    const f = fnOf(name);
    const x = tensor([0.3, 1.7, -2.2]);
    expectAllClose(g.grad((t: Tensor) => g.sum(f(t)))(x), [0, 0, 0]);
    const [, dy] = g.jvp(f, [x], [tensor([1, 1, 1])]);
    expectAllClose(dy, [0, 0, 0]);
  });
});

describe('documented conventions at kinks', () => {
  it('abs and relu have gradient 0 at 0; relu keeps NaN', () => {
    expectAllClose(g.grad((x: Tensor) => g.sum(g.abs(x)))(tensor([0, -2, 3])), [0, -1, 1]);
    expectAllClose(g.grad((x: Tensor) => g.sum(g.relu(x)))(tensor([0, -2, 3])), [0, 0, 1]);
    expectAllClose(g.relu(tensor([NaN, -0.5])), [NaN, 0]);
  });
  it('sqrt has an infinite derivative at 0 (as TensorFlow), but a zero cotangent still gives 0', () => {
    expect(
      g
        .grad((x: Tensor) => g.sqrt(x))(tensor(0))
        .item(),
    ).toBe(Infinity);
    const tape = new g.GradientTape();
    const x = tensor([0, 4]);
    const y = tape.record(() => {
      tape.watch(x);
      return g.sqrt(x);
    });
    expectAllClose(tape.gradient(y, x, { outputGradients: tensor([0, 1]) }), [0, 0.25]);
  });
  it('where(x > 0, sqrt(x), 0) has gradient 0 at x = -1 (no NaN leak)', () => {
    const f = (x: Tensor) => g.where(g.greater(x, 0), g.sqrt(x), 0);
    expectAllClose(g.grad(f)(tensor(-1)), 0);
    expectAllClose(g.grad(f)(tensor(4)), 0.25);
    expectAllClose(g.grad((x: Tensor) => g.sum(f(x)))(tensor([-1, 0, 4])), [0, 0, 0.25]);
    const [, dy] = g.jvp(f, [tensor(-1)], [tensor(1)]);
    expectAllClose(dy, 0);
  });
  it('log at 0 is -Inf with gradient +Inf; log of negatives is NaN', () => {
    expectAllClose(g.log(tensor([0, -1])), [-Infinity, NaN]);
    expect(
      g
        .grad((x: Tensor) => g.log(x))(tensor(0))
        .item(),
    ).toBe(Infinity);
  });
  it('sigmoid and softplus are stable at large |x|', () => {
    expectAllClose(g.sigmoid(tensor([-800, 800])), [0, 1]);
    expectAllClose(g.softplus(tensor([-800, 800])), [0, 800]);
    expectAllClose(g.logSigmoid(tensor([-800])), [-800]);
    expectAllClose(g.grad((x: Tensor) => g.sum(g.softplus(x)))(tensor([-800, 800])), [0, 1]);
  });
  it('logit is the inverse of sigmoid, ±Inf at 1 and 0, with derivative 1/(x(1 − x))', () => {
    const x = tensor([-4, -0.5, 0, 1.5, 6]);
    expectAllClose(g.logit(g.sigmoid(x)), x, { rtol: 1e-12, atol: 1e-14 });
    expectAllClose(g.logit(tensor([0, 1, 0.5, 1.5])), [-Infinity, Infinity, 0, NaN]);
    expectAllClose(g.grad((t: Tensor) => g.sum(g.logit(t)))(tensor([0.2, 0.5])), [1 / 0.16, 4], { rtol: 1e-14 });
    expectAllClose(tensor([0.25]).logit(), [Math.log(1 / 3)], { rtol: 1e-15 });
  });
  it('expm1 and log1p are accurate near 0', () => {
    expectAllClose(g.expm1(tensor([1e-12])), [1e-12], { rtol: 1e-12 });
    expectAllClose(g.log1p(tensor([1e-12])), [1e-12], { rtol: 1e-12 });
  });
  it('elu uses alpha', () => {
    expectAllClose(g.elu(tensor([-1, 2]), 2), [2 * Math.expm1(-1), 2]);
    expectAllClose(g.grad((x: Tensor) => g.sum(g.elu(x, 2)))(tensor([-1, 2])), [2 * Math.exp(-1), 1]);
  });
});

describe('bool inputs', () => {
  it('unary math on bool promotes (exp → float64, neg/abs → int32)', () => {
    const b = tensor([true, false]);
    expect(b.dtype).toBe('bool');
    expect(g.exp(b).dtype).toBe('float64');
    expectAllClose(g.exp(b), [Math.E, 1]);
    expect(g.neg(b).dtype).toBe('int32');
    expectAllClose(g.neg(b), [-1, 0]);
  });
});
