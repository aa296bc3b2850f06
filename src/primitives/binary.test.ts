/** @file Binary primitives: values against closed forms with numpy broadcasting, dtype promotion, NaN/Inf, and gradients. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, zeros, gradcheck, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';
import type { BinaryName } from './binary-table.js';

type Bin = (a: Tensor, b: Tensor) => Tensor;
interface Case {
  name: string;
  ref: (a: number, b: number) => number;
  a: number[];
  b: number[];
  float?: boolean;
}
const floorMod = (a: number, b: number): number => a - b * Math.floor(a / b);
/**
 * One test row per op-table row (tsc names a row without one): closed forms and points for the arithmetic ops;
 * null for the comparisons, logical ops and the rule helpers, tested further down.
 */
const ROWS: { [K in BinaryName]: Omit<Case, 'name'> | null } = {
  add: { ref: (a, b) => a + b, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1] },
  sub: { ref: (a, b) => a - b, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1] },
  mul: { ref: (a, b) => a * b, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1] },
  div: { ref: (a, b) => a / b, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1], float: true },
  pow: { ref: Math.pow, a: [0.3, 1.4, 2.2], b: [0.7, -1.9, 2.1], float: true },
  atan2: { ref: Math.atan2, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1], float: true },
  maximum: { ref: Math.max, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1] },
  minimum: { ref: Math.min, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 1.1] },
  mod: { ref: floorMod, a: [-1.3, 0.4, 2.2], b: [0.7, -1.9, 0.9] },
  mulNoNan: null,
  divKeepZero: null,
  equal: null,
  notEqual: null,
  greater: null,
  greaterEqual: null,
  less: null,
  lessEqual: null,
  logicalAnd: null,
  logicalOr: null,
};
const cases: Case[] = Object.entries(ROWS).flatMap(([name, row]) => (row === null ? [] : [{ name, ...row }]));
const fnOf = (name: string): Bin => (g as any)[name] as Bin;

describe.each(cases)('$name', ({ name, ref, a, b, float }) => {
  const f = fnOf(name);
  it('matches the closed form, elementwise and as a method', () => {
    expectAllClose(
      f(tensor(a), tensor(b)),
      a.map((v, i) => ref(v, b[i])),
      { rtol: 1e-14, atol: 1e-15 },
    );
    expectAllClose(
      (tensor(a) as any)[name](b),
      a.map((v, i) => ref(v, b[i])),
      { rtol: 1e-14, atol: 1e-15 },
    );
  });
  it('broadcasts like numpy: [2,1,3] with [4,1] → [2,4,3], and scalars', () => {
    const A = g.reshape(g.linspace(0.5, 2.5, 6), [2, 1, 3]);
    const B = g.reshape(g.linspace(0.3, 1.9, 4), [4, 1]);
    const y = f(A, B);
    expect(y.shape).toEqual([2, 4, 3]);
    const Av = A.data(),
      Bv = B.data();
    const want: number[] = [];
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 4; j++) for (let k = 0; k < 3; k++) want.push(ref(Av[i * 3 + k], Bv[j]));
    expectAllClose(y.data(), want, { rtol: 1e-14, atol: 1e-15 });
    expectAllClose(
      f(tensor(a), scalar(2)),
      a.map((v) => ref(v, 2)),
      { rtol: 1e-14, atol: 1e-15 },
    );
    expectAllClose(
      f(scalar(2), tensor(b)),
      b.map((v) => ref(2, v)),
      { rtol: 1e-14, atol: 1e-15 },
    );
    expect(f(scalar(2), scalar(3)).shape).toEqual([]);
    expect(f(zeros([0, 3]), tensor(b)).shape).toEqual([0, 3]);
  });
  it('throws naming the op and both shapes when shapes do not broadcast', () => {
    expect(() => f(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(new RegExp(`${name}.*\\[3\\].*\\[2\\]`));
  });
  it('propagates NaN', () => {
    expect(Number.isNaN(f(tensor([NaN]), tensor([1.5])).item())).toBe(true);
    expect(Number.isNaN(f(tensor([1.5]), tensor([NaN])).item())).toBe(true);
  });
  it(
    'dtypes: float32 stays float32 (also with JS numbers); int32 ' + (float ? 'promotes to float64' : 'stays int32'),
    () => {
      const x32 = tensor(a, { dtype: 'float32' });
      expect(f(x32, tensor(b, { dtype: 'float32' })).dtype).toBe('float32');
      expect(f(x32, 2 as any).dtype).toBe('float32');
      expect(f(x32, tensor(b)).dtype).toBe('float64');
      const i = tensor([3, 5], { dtype: 'int32' }),
        j = tensor([2, 4], { dtype: 'int32' });
      const y = f(i, j);
      expect(y.dtype).toBe(float ? 'float64' : 'int32');
      expectAllClose(y, [ref(3, 2), ref(5, 4)], { rtol: 1e-14 });
      expect(f(i, 2 as any).dtype).toBe(float ? 'float64' : 'int32');
      expect(f(i, 0.5 as any).dtype).toBe('float64');
    },
  );
  it('has correct derivatives to third order in both modes (with broadcasting)', () => {
    const r = gradcheck(f, [tensor(a), tensor(b)], { modes: ['rev', 'fwd'], order: 3 });
    expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
    const r2 = gradcheck(f, [tensor([a, a.map((v) => v + 0.05)]), tensor([b[0] + 0.01]).reshape([1, 1])], {
      modes: ['rev', 'fwd'],
      order: 2,
    });
    expect(r2, JSON.stringify(r2.worst)).toMatchObject({ ok: true });
  });
});

describe('arithmetic edge cases', () => {
  it('division by zero gives ±Inf and NaN; int division is true division', () => {
    expectAllClose(g.div(tensor([1, -1, 0]), 0 as any), [Infinity, -Infinity, NaN]);
    expectAllClose(g.div(tensor([1, 3], { dtype: 'int32' }), tensor([2, 2], { dtype: 'int32' })), [0.5, 1.5]);
  });
  it('mod takes the sign of the divisor (numpy), also for ints', () => {
    expectAllClose(g.mod(tensor([-1, 5, -7]), tensor([3, -3, -3])), [2, -1, -1]);
    const r = g.mod(tensor([-1, 7], { dtype: 'int32' }), 3 as any);
    expect(r.dtype).toBe('int32');
    expectAllClose(r, [2, 1]);
  });
  it('pow: integer powers of negatives, 0^0 = 1, gradient w.r.t. exponent is 0 where the base is ≤ 0', () => {
    expectAllClose(g.pow(tensor([-2, 0, 2]), tensor([3, 0, 0.5])), [-8, 1, Math.SQRT2]);
    const [ga, gb] = g.grad((x: Tensor, y: Tensor) => g.sum(g.pow(x, y)), { argnums: [0, 1] })(
      tensor([-2, 0, 2]),
      tensor([3, 2, 2]),
    );
    expectAllClose(ga, [12, 0, 4]);
    expectAllClose(gb, [0, 0, 4 * Math.log(2)]);
  });
  it('pow: derivatives of integer powers at 0 are exact to any order (no 0·∞ = NaN)', () => {
    const p2 = (x: Tensor) => g.pow(x, 2);
    expectAllClose(g.grad(p2)(0), 0);
    expectAllClose(g.grad(g.grad(p2))(0), 2);
    expectAllClose(g.grad(g.grad(g.grad(p2)))(0), 0);
    expectAllClose(g.grad((x: Tensor) => g.pow(x, 0))(0), 0);
    expectAllClose(g.jvp((x: Tensor) => g.pow(x, 0), [scalar(0)], [scalar(1)])[1], 0);
    expectAllClose(g.grad(g.grad(g.grad((x: Tensor) => g.pow(x, 3))))(0), 6);
    expectAllClose(g.grad((x: Tensor) => g.pow(x, 0.5))(0), Infinity);
  });
  it('maximum/minimum propagate NaN from either side', () => {
    expectAllClose(g.maximum(tensor([NaN, 1]), tensor([1, NaN])), [NaN, NaN]);
    expectAllClose(g.minimum(tensor([NaN, 1]), tensor([1, NaN])), [NaN, NaN]);
  });
  it('maximum/minimum ties send the whole gradient to the first argument (both modes)', () => {
    const [ga, gb] = g.grad((x: Tensor, y: Tensor) => g.sum(g.maximum(x, y)), { argnums: [0, 1] })(
      tensor([1, 2, 3]),
      tensor([1, 5, 0]),
    );
    expectAllClose(ga, [1, 0, 1]);
    expectAllClose(gb, [0, 1, 0]);
    const [ha, hb] = g.grad((x: Tensor, y: Tensor) => g.sum(g.minimum(x, y)), { argnums: [0, 1] })(
      tensor([1, 2, 3]),
      tensor([1, 5, 0]),
    );
    expectAllClose(ha, [1, 1, 0]);
    expectAllClose(hb, [0, 0, 1]);
    const [, dy] = g.jvp(
      (x: Tensor, y: Tensor) => g.maximum(x, y),
      [tensor([1]), tensor([1])],
      [tensor([1]), tensor([0])],
    );
    expectAllClose(dy, [1]);
  });
  it('broadcast gradients are summed back to the operand shape', () => {
    const [ga, gb] = g.grad((x: Tensor, y: Tensor) => g.sum(g.mul(x, y)), { argnums: [0, 1] })(
      g.ones([2, 3]),
      tensor([1, 2, 3]),
    );
    expect(ga.shape).toEqual([2, 3]);
    expect(gb.shape).toEqual([3]);
    expectAllClose(ga, [
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expectAllClose(gb, [2, 2, 2]);
    const gs = g.grad((x: Tensor) => g.sum(g.add(g.ones([4, 2]), x)))(scalar(1));
    expect(gs.shape).toEqual([]);
    expectAllClose(gs, 8);
  });
  it('forward-mode tangents of a broadcast operand take the output shape (also when sizes agree: [] vs [1, 1])', () => {
    const [y, dy] = g.jvp((a: Tensor) => g.add(a, g.zeros([1, 1])), [scalar(2)], [scalar(1)]);
    expect(y.shape).toEqual([1, 1]);
    expect(dy.shape).toEqual([1, 1]);
    const [, dz] = g.jvp((a: Tensor) => g.mul(a, g.ones([2, 3])), [tensor([1, 2, 3])], [tensor([1, 1, 1])]);
    expect(dz.shape).toEqual([2, 3]);
    expectAllClose(
      g.jacfwd((a: Tensor) => g.sum(g.matmul(g.ones([1, 1, 1]), g.add(a, g.ones([1, 1, 1])))))(scalar(0)),
      1,
    );
  });
  it('Variables and nested arrays are accepted as operands', () => {
    const v = new g.Variable([1, 2]);
    expectAllClose(
      g.add(v, [
        [10, 20],
        [30, 40],
      ]),
      [
        [11, 22],
        [31, 42],
      ],
    );
    expectAllClose(g.mul(new Float32Array([1, 2]), 3 as any), [3, 6]);
  });
});

describe('comparisons', () => {
  const a = tensor([1, 2, 3, NaN]),
    b = tensor([2, 2, 2, NaN]);
  it.each([
    ['equal', [false, true, false, false]],
    ['notEqual', [true, false, true, true]],
    ['greater', [false, false, true, false]],
    ['greaterEqual', [false, true, true, false]],
    ['less', [true, false, false, false]],
    ['lessEqual', [true, true, false, false]],
  ] as const)('%s gives bool with numpy NaN semantics', (name, want) => {
    const y = fnOf(name)(a, b);
    expect(y.dtype).toBe('bool');
    expect(y.toArray()).toEqual(want);
  });
  it('broadcast and have no gradient (the tape yields zeros/null)', () => {
    expect(g.greater(tensor([[1], [3]]), tensor([2, 0])).toArray()).toEqual([
      [false, true],
      [true, true],
    ]);
    expectAllClose(g.grad((x: Tensor) => g.sum(g.cast(g.greater(x, 0), 'float64')))(tensor([1, -1])), [0, 0]);
  });
});

describe('where', () => {
  it('selects with broadcasting of all three arguments', () => {
    expectAllClose(g.where(tensor([[true], [false]]), tensor([1, 2]), 0), [
      [1, 2],
      [0, 0],
    ]);
    expect(g.where(tensor([true]), tensor([1], { dtype: 'float32' }), 0).dtype).toBe('float32');
  });
  it('routes the gradient to the chosen branch, summing broadcast dims', () => {
    const [ga, gb] = g.grad((x: Tensor, y: Tensor) => g.sum(g.where(tensor([true, false, true]), x, y)), {
      argnums: [0, 1],
    })(tensor([1, 2, 3]), scalar(5));
    expectAllClose(ga, [1, 0, 1]);
    expectAllClose(gb, 1);
    const r = gradcheck(
      (x: Tensor, y: Tensor) => g.where(tensor([true, false]), g.sin(x), g.mul(y, y)),
      [tensor([0.3, 0.5]), tensor([0.7, 0.2])],
      { modes: ['rev', 'fwd'], order: 3 },
    );
    expect(r.ok).toBe(true);
  });
  it('forward-mode tangent spans the output even when only a small branch has one', () => {
    const [y, dy] = g.jvp(
      (b: Tensor) => g.where(tensor([true, false]), g.zeros([3, 2]), b),
      [tensor([1, 2])],
      [tensor([1, 1])],
    );
    expect(y.shape).toEqual([3, 2]);
    expect(dy.shape).toEqual([3, 2]);
    expectAllClose(dy, [
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
  });
  it('names where and the shapes on mismatch', () => {
    expect(() => g.where(tensor([true, false, true]), tensor([1, 2]), 0)).toThrow(/where.*\[3\].*\[2\]/);
  });
});

describe('number operands (shared weak scalars)', () => {
  it('keeps -0 apart from 0 and weak promotion per value', () => {
    expect(g.div(1, 0).item()).toBe(Infinity);
    expect(g.div(1, -0).item()).toBe(-Infinity);
    const i = tensor([1, 2], { dtype: 'int32' });
    expect(g.add(i, 1).dtype).toBe('int32');
    expect(g.add(i, 0.5).dtype).toBe('float64');
    expect(g.add(i, 1).dtype).toBe('int32');
  });
  it('a literal used twice does not tie the two uses together in a gradient', () => {
    const x = tensor([1, 2]);
    const tape = new g.GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.add(g.mul(x, 3), g.mul(3, 3));
    });
    expectAllClose(tape.gradient(y, x), [3, 3]);
  });
});

describe('divKeepZero (the cotangent of division)', () => {
  const { divKeepZero } = g as any as { divKeepZero: Bin };
  it('is a / b, but 0 wherever a is 0, even over 0, NaN or Inf', () => {
    const y = divKeepZero(tensor([3, -1.5, 0, 0, 0, 2]), tensor([5, 0.5, 0, NaN, Infinity, 0]));
    expect(Array.from(y.data() as Float64Array)).toEqual([3 / 5, -3, 0, 0, 0, Infinity]);
    expectAllClose(divKeepZero(g.reshape(g.linspace(1, 6, 6), [2, 3]), tensor([2, 4, 8])), [
      [0.5, 0.5, 0.375],
      [2, 1.25, 0.75],
    ]);
  });
  it('has correct derivatives to third order in both modes (with broadcasting)', () => {
    const r = gradcheck(divKeepZero, [tensor([-1.3, 0.4, 2.2]), tensor([0.7, -1.9, 1.1])], {
      modes: ['rev', 'fwd'],
      order: 3,
    });
    expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
    const r2 = gradcheck(
      divKeepZero,
      [
        tensor([
          [0.3, 1.2],
          [2.5, -0.7],
        ]),
        tensor([1.7]),
      ],
      { modes: ['rev', 'fwd'], order: 2 },
    );
    expect(r2, JSON.stringify(r2.worst)).toMatchObject({ ok: true });
  });
  it("div's gradient is g / b in one op: exactly 3/5 (not 3 · (1/5)), and 0 for a zero cotangent over b = 0", () => {
    const x = tensor([1, 2]);
    const tape = new g.GradientTape({ persistent: true });
    const y = tape.record(() => {
      tape.watch(x);
      return g.div(x, 5);
    });
    expect(Array.from(tape.gradient(y, x, { outputGradients: tensor([3, 3]) })!.data())).toEqual([0.6, 0.6]);
    const z = tape.record(() => g.div(x, tensor([0, 2])));
    expect(Array.from(tape.gradient(z, x, { outputGradients: tensor([0, 1]) })!.data())).toEqual([0, 0.5]);
  });
});
