/** @file Reductions sum/prod/max/min (and mean/norm/logsumexp composites): values, axes, keepdims, dtypes, ties, gradients. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, zeros, gradcheck, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

const X = tensor([
  [
    [1.5, -2, 3],
    [0.5, 4, -1],
  ],
  [
    [2, 1, -3],
    [-0.5, 2.5, 1],
  ],
]); // [2, 2, 3]
const vals = X.toArray() as number[][][];

/** Reference reduction over the given axes of the [2,2,3] array. */
function ref(op: (xs: number[]) => number, axes: number[]): number[] {
  const shape = [2, 2, 3];
  const out = new Map<string, number[]>();
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++)
      for (let k = 0; k < 3; k++) {
        const key = [i, j, k].filter((_, d) => !axes.includes(d)).join(',');
        if (!out.has(key)) out.set(key, []);
        out.get(key)!.push(vals[i][j][k]);
      }
  void shape;
  return [...out.values()].map(op);
}

const ops: [string, (xs: number[]) => number][] = [
  ['sum', (xs) => xs.reduce((a, b) => a + b, 0)],
  ['prod', (xs) => xs.reduce((a, b) => a * b, 1)],
  ['max', (xs) => Math.max(...xs)],
  ['min', (xs) => Math.min(...xs)],
  ['mean', (xs) => xs.reduce((a, b) => a + b, 0) / xs.length],
  ['logsumexp', (xs) => Math.log(xs.reduce((a, b) => a + Math.exp(b), 0))],
];

describe.each(ops)('%s', (name, r) => {
  const f = (g as any)[name] as (x: unknown, axis?: unknown, keepdims?: boolean) => Tensor;
  it.each([[undefined], [0], [1], [2], [-1], [[0, 2]], [[1, 2]], [[0, 1, 2]]])(
    'axis %j, with and without keepdims',
    (axis) => {
      const axes = axis === undefined ? [0, 1, 2] : (Array.isArray(axis) ? axis : [axis]).map((a) => (a + 3) % 3);
      const y = f(X, axis);
      expect(y.shape).toEqual([2, 2, 3].filter((_, d) => !axes.includes(d)));
      expectAllClose(y.data(), ref(r, axes), { rtol: 1e-14 });
      const k = f(X, axis, true);
      expect(k.shape).toEqual([2, 2, 3].map((d, i) => (axes.includes(i) ? 1 : d)));
      expectAllClose(k.data(), ref(r, axes), { rtol: 1e-14 });
      expectAllClose((X as any)[name](axis), y);
    },
  );
  it('rejects an out-of-range axis naming the op, axis and rank', () => {
    expect(() => f(X, 3)).toThrow(new RegExp(`${name}.*axis 3.*rank 3`));
    expect(() => f(X, 1.5)).toThrow(/axis/);
  });
  it('propagates NaN; 0-d input is returned as is', () => {
    expect(Number.isNaN(f(tensor([1, NaN, 3])).item())).toBe(true);
    expectAllClose(f(tensor(2.5)), 2.5, { rtol: 1e-15 });
  });
  it('float32 stays float32', () => {
    expect(f(tensor([1, 2], { dtype: 'float32' })).dtype).toBe('float32');
  });
  it('gradients to second order in both modes', () => {
    const x = tensor([
      [0.3, -1.2, 0.8],
      [1.1, 0.4, -0.6],
    ]);
    for (const axis of [undefined, 0, 1]) {
      const res = gradcheck((t: Tensor) => f(t, axis), [x], { modes: ['rev', 'fwd'], order: 2 });
      expect(res, `${name} axis ${axis}: ${JSON.stringify(res.worst)}`).toMatchObject({ ok: true });
    }
  });
});

describe('empty tensors and dtypes', () => {
  it('sum/prod of empty gives identities; max/min of empty throw', () => {
    expect(g.sum(zeros([0])).item()).toBe(0);
    expect(g.prod(zeros([0])).item()).toBe(1);
    expectAllClose(g.sum(zeros([2, 0]), 1), [0, 0]);
    expect(g.sum(zeros([2, 0]), 0).shape).toEqual([0]);
    expect(() => g.max(zeros([0]))).toThrow(/max.*empty/);
    expect(() => g.min(zeros([3, 0]), 1)).toThrow(/min.*\[3, 0\]/);
    expect(Number.isNaN(g.mean(zeros([0])).item())).toBe(true);
  });
  it('int32 sum stays int32; bool sum counts as int32; mean of ints is float64', () => {
    const i = tensor([1, 2, 3], { dtype: 'int32' });
    expect(g.sum(i).dtype).toBe('int32');
    expect(g.sum(i).item()).toBe(6);
    expect(g.sum(tensor([true, true, false])).dtype).toBe('int32');
    expect(g.sum(tensor([true, true, false])).item()).toBe(2);
    expect(g.mean(i).dtype).toBe('float64');
    expect(g.mean(i).item()).toBe(2);
    expect(g.max(i).dtype).toBe('int32');
  });
  it('max/min of bool is bool-valued and readable', () => {
    const m = g.max(tensor([false, true]));
    expect(m.item()).toBe(1);
    expect(m.dtype).toBe('bool');
    expect(m.toArray()).toBe(true);
    expect(
      g
        .min(
          tensor([
            [false, true],
            [true, true],
          ]),
          1,
        )
        .toArray(),
    ).toEqual([false, true]);
  });
});

describe('gradient conventions', () => {
  it('max/min reductions share the gradient equally among ties (as TensorFlow)', () => {
    expectAllClose(g.grad((x: Tensor) => g.max(x))(tensor([1, 3, 3, 2])), [0, 0.5, 0.5, 0]);
    expectAllClose(g.grad((x: Tensor) => g.min(x))(tensor([1, 1, 1, 2])), [1 / 3, 1 / 3, 1 / 3, 0]);
    expectAllClose(
      g.grad((x: Tensor) => g.sum(g.max(x, 1)))(
        tensor([
          [1, 1],
          [0, 2],
        ]),
      ),
      [
        [0.5, 0.5],
        [0, 1],
      ],
    );
    const [, dy] = g.jvp((x: Tensor) => g.max(x), [tensor([1, 3, 3])], [tensor([0, 1, 3])]);
    expectAllClose(dy, 2);
  });
  it('prod gradient is exact with one and with two zeros', () => {
    expectAllClose(g.grad((x: Tensor) => g.prod(x))(tensor([2, 0, 3])), [0, 6, 0]);
    expectAllClose(g.grad((x: Tensor) => g.prod(x))(tensor([0, 0, 3])), [0, 0, 0]);
    expectAllClose(g.grad((x: Tensor) => g.prod(x))(tensor([2, 4, 3])), [12, 6, 8]);
    const r = gradcheck(
      (x: Tensor) => g.prod(x, 1),
      [
        tensor([
          [0, 1.5, 2],
          [0.5, 0.7, 1.3],
        ]),
      ],
      { modes: ['rev', 'fwd'], order: 2 },
    );
    expect(r.ok).toBe(true);
  });
  it('sum gradient broadcasts the cotangent back', () => {
    const tape = new g.GradientTape();
    const x = g.ones([2, 3]);
    const y = tape.record(() => {
      tape.watch(x);
      return g.sum(x, 1);
    });
    expectAllClose(tape.gradient(y, x, { outputGradients: tensor([2, 5]) }), [
      [2, 2, 2],
      [5, 5, 5],
    ]);
  });
});

describe('norm', () => {
  const v = tensor([
    [3, -4],
    [1, 2],
  ]);
  it('ord 2 (default), 1, Inf, -Inf, p = 3, over axes', () => {
    expectAllClose(g.norm(tensor([3, 4])), 5);
    expectAllClose(g.norm(v), Math.sqrt(30), { rtol: 1e-14 });
    expectAllClose(g.norm(v, { axis: 1 }), [5, Math.sqrt(5)], { rtol: 1e-14 });
    expectAllClose(g.norm(v, { ord: 1, axis: 0 }), [4, 6]);
    expectAllClose(g.norm(v, { ord: Infinity }), 4);
    expectAllClose(g.norm(v, { ord: -Infinity }), 1);
    expectAllClose(g.norm(tensor([1, 2]), { ord: 3 }), Math.cbrt(9), { rtol: 1e-14 });
    expect(g.norm(v, { axis: 1, keepdims: true }).shape).toEqual([2, 1]);
    expectAllClose(v.norm(), Math.sqrt(30), { rtol: 1e-14 });
  });
  it('norm(0) = 0 with gradient 0, not NaN (documented)', () => {
    expectAllClose(g.norm(zeros([3])), 0);
    expectAllClose(g.grad((x: Tensor) => g.norm(x))(zeros([3])), [0, 0, 0]);
    expectAllClose(g.grad((x: Tensor) => g.norm(x))(tensor([3, 4])), [0.6, 0.8]);
    const r = gradcheck(
      (x: Tensor) => g.norm(x, { axis: 1 }),
      [
        tensor([
          [0.3, -1.2],
          [1.1, 0.4],
        ]),
      ],
      { modes: ['rev', 'fwd'], order: 2 },
    );
    expect(r.ok).toBe(true);
  });
  it('every ord has correct derivatives to second order in both modes', () => {
    const x = tensor([
      [0.3, -1.2, 0.8],
      [1.1, 0.4, -0.6],
    ]);
    for (const ord of [1, 2, 3, 1.5, Infinity, -Infinity] as const) {
      const r = gradcheck((t: Tensor) => g.norm(t, { ord, axis: 1 }), [x], { modes: ['rev', 'fwd'], order: 2 });
      expect(r, `ord ${ord}: ${JSON.stringify(r.worst)}`).toMatchObject({ ok: true });
    }
  });
  it('rejects a bad ord naming norm', () => {
    expect(() => g.norm(v, { ord: -1 })).toThrow(/norm: ord/);
  });
});

describe('matrix norms (axis of two entries), as tf.norm / numpy.linalg.norm', () => {
  const m = tensor([
    [1, 2],
    [-3, 1],
    [1, 1],
  ]);
  it('1: max column sum, -1: min column sum, Inf: max row sum, -Inf: min row sum, fro/euclidean (numpy values)', () => {
    expectAllClose(g.norm(m, { ord: 1, axis: [0, 1] }), 5);
    expectAllClose(g.norm(m, { ord: -1, axis: [0, 1] }), 4);
    expectAllClose(g.norm(m, { ord: Infinity, axis: [0, 1] }), 4);
    expectAllClose(g.norm(m, { ord: -Infinity, axis: [0, 1] }), 2);
    expectAllClose(g.norm(m, { ord: 'fro', axis: [0, 1] }), 4.123105625617661, { rtol: 1e-15 });
    expectAllClose(g.norm(m, { axis: [0, 1] }), 4.123105625617661, { rtol: 1e-15 });
    // [col, row] swaps the roles, as numpy: ord 1 of axis [1, 0] is the max row sum
    expectAllClose(g.norm(m, { ord: 1, axis: [1, 0] }), 4);
    expectAllClose(g.norm(m, { ord: Infinity, axis: [-1, -2] }), 5);
  });
  it('batches over the other axes; keepdims keeps both reduced axes as 1', () => {
    const b = g.stack([m, g.mul(m, 2)]); // [2, 3, 2]
    expectAllClose(g.norm(b, { ord: 1, axis: [1, 2] }), [5, 10]);
    expectAllClose(g.norm(b, { ord: Infinity, axis: [1, 2] }), [4, 8]);
    expect(g.norm(b, { ord: 1, axis: [1, 2], keepdims: true }).shape).toEqual([2, 1, 1]);
    expectAllClose(g.norm(b, { ord: -1, axis: [1, 2], keepdims: true }), [[[4]], [[8]]]);
    expect(g.norm(m, { ord: 'fro', axis: [0, 1], keepdims: true }).shape).toEqual([1, 1]);
  });
  it('every matrix ord has correct derivatives to second order in both modes', () => {
    const x = tensor([
      [
        [0.3, -1.2, 0.8],
        [1.1, 0.4, -0.65],
      ],
      [
        [0.2, 0.9, -1.4],
        [-0.7, 0.35, 0.5],
      ],
    ]);
    for (const ord of [1, -1, Infinity, -Infinity, 'fro', 'euclidean'] as const) {
      for (const axis of [
        [1, 2],
        [2, 1],
      ]) {
        const r = gradcheck((t: Tensor) => g.norm(t, { ord, axis }), [x], { modes: ['rev', 'fwd'], order: 2 });
        expect(r, `ord ${ord} axis ${axis}: ${JSON.stringify(r.worst)}`).toMatchObject({ ok: true });
      }
    }
  });
  it('refuses ord 2, nuc and p-norms over two axes instead of computing a vector norm', () => {
    expect(() => g.norm(m, { ord: 2, axis: [0, 1] })).toThrow(
      /^norm: a matrix norm .*got 2 \(the spectral and nuclear norms need singular values/,
    );
    expect(() => g.norm(m, { ord: 'nuc' as any, axis: [0, 1] })).toThrow(/^norm: a matrix norm .*got nuc/);
    expect(() => g.norm(m, { ord: 3, axis: [0, 1] })).toThrow(/^norm: a matrix norm/);
    expect(() => g.norm(m, { ord: 1, axis: [0, 0] })).toThrow(/^norm: axis \[0, 0\] repeats dimension 0/);
  });
});

describe('axis validation, shared by every op taking axes', () => {
  const x = tensor([
    [1, 2],
    [3, 4],
  ]);
  it.each(['sum', 'prod', 'max', 'min', 'mean', 'logsumexp', 'squeeze'])(
    '%s rejects a repeated axis as numpy does',
    (name) => {
      const f = (g as any)[name] as (x: unknown, axis?: unknown) => Tensor;
      expect(() => f(x, [0, 0])).toThrow(new RegExp(`^${name}: axis \\[0, 0\\] repeats dimension 0`));
      expect(() => f(x, [1, -1])).toThrow(new RegExp(`^${name}: axis \\[1, -1\\] repeats dimension 1`));
      expect(() => f(tensor([[1, 2]]), [0, -2])).toThrow(/repeats dimension 0/);
    },
  );
  it('a non-integer axis is a type error that says so, not "out of range"', () => {
    expect(() => g.sum(tensor([1, 2]), '0' as any)).toThrow(
      /^sum: axis must be an integer or an array of integers; got "0"$/,
    );
    expect(() => g.sum(tensor([1, 2]), ['0'] as any)).toThrow(/^sum: axis must be an integer; got "0"$/);
    expect(() => g.mean(x, 0.5)).toThrow(/^mean: axis must be an integer; got 0.5$/);
    expect(() => g.max(x, { a: 1 } as any)).toThrow(
      /^max: axis must be an integer or an array of integers; got an object$/,
    );
    expect(() => g.softmax(x, NaN)).toThrow(/^softmax: axis must be an integer; got NaN$/);
    expect(() => g.sum(x, 2)).toThrow(/^sum: axis 2 is out of range for a tensor of rank 2/);
  });
});

describe('softmax and logSoftmax', () => {
  it('match the closed form along the last axis, and are stable for large inputs', () => {
    const x = tensor([
      [1, 2, 3],
      [1000, 1000, 1000],
    ]);
    const e = [1, 2, 3].map(Math.exp),
      s = e.reduce((a, b) => a + b);
    expectAllClose(g.softmax(x), [e.map((v) => v / s), [1 / 3, 1 / 3, 1 / 3]], { rtol: 1e-14 });
    expectAllClose(g.logSoftmax(x), [e.map((v) => Math.log(v / s)), [-Math.log(3), -Math.log(3), -Math.log(3)]], {
      rtol: 1e-14,
    });
    expectAllClose(
      g.softmax(
        tensor([
          [0, 0],
          [0, Math.log(3)],
        ]),
        0,
      ),
      [
        [0.5, 0.25],
        [0.5, 0.75],
      ],
      { rtol: 1e-14 },
    );
    expectAllClose(g.logsumexp(tensor([1000, 1000])), 1000 + Math.log(2), { rtol: 1e-15 });
    expectAllClose(g.logsumexp(tensor([-Infinity, -Infinity])), -Infinity);
  });
  it('gradients to second order in both modes', () => {
    for (const f of [g.softmax, g.logSoftmax]) {
      const r = gradcheck(
        (t: Tensor) => f(t),
        [
          tensor([
            [0.3, -1.2, 0.8],
            [1.1, 0.4, -0.6],
          ]),
        ],
        { modes: ['rev', 'fwd'], order: 2 },
      );
      expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
    }
  });
});
