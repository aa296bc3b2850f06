/** @file matmul and dot: numpy semantics (1-D promotion, batch broadcasting), dtypes, errors, gradients. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, gradcheck, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

/** Naive reference matmul of 2-D arrays. */
const mm = (a: number[][], b: number[][]): number[][] =>
  a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));

describe('matmul', () => {
  const a = [
      [1, 2, 3],
      [4, 5, 6],
    ],
    b = [
      [1, -1],
      [0, 2],
      [3, 1],
    ];
  it('2-D product matches the naive triple loop, also for large blocked sizes', () => {
    expectAllClose(g.matmul(a, b), mm(a, b));
    const A = g.random.uniform([37, 300], { seed: 1 }),
      B = g.random.uniform([300, 290], { seed: 2 });
    expectAllClose(g.matmul(A, B), mm(A.toArray() as number[][], B.toArray() as number[][]), { rtol: 1e-12 });
  });
  it('1-D operands: vector·matrix, matrix·vector, vector·vector', () => {
    expectAllClose(g.matmul([1, 1], a), [5, 7, 9]);
    expectAllClose(g.matmul(a, [1, 0, 1]), [4, 10]);
    const vv = g.matmul([1, 2], [3, 4]);
    expect(vv.shape).toEqual([]);
    expect(vv.item()).toBe(11);
  });
  it('batches broadcast over leading dims', () => {
    const A = g.reshape(g.arange(12), [2, 2, 3]);
    const y = g.matmul(A, b);
    expect(y.shape).toEqual([2, 2, 2]);
    const arr = A.toArray() as number[][][];
    expectAllClose(y, [mm(arr[0], b), mm(arr[1], b)]);
    expect(g.matmul(g.ones([3, 1, 2, 4]), g.ones([5, 4, 6])).shape).toEqual([3, 5, 2, 6]);
  });
  it('dtypes: float32 stays float32; int32 stays int32', () => {
    expect(g.matmul(tensor(a, { dtype: 'float32' }), tensor(b, { dtype: 'float32' })).dtype).toBe('float32');
    const i = g.matmul(tensor(a, { dtype: 'int32' }), tensor(b, { dtype: 'int32' }));
    expect(i.dtype).toBe('int32');
    expectAllClose(i, mm(a, b));
  });
  it('bool · bool is the logical matrix product (numpy), stored as 0/1', () => {
    const a = tensor([
      [true, true],
      [false, true],
    ]);
    const r = g.matmul(a, a);
    expect(r.dtype).toBe('bool');
    expect(Array.from(r.data())).toEqual([1, 1, 0, 1]);
  });
  it('errors name matmul and both shapes', () => {
    expect(() => g.matmul(a, a)).toThrow(/matmul.*\[2, 3\].*\[2, 3\]/);
    expect(() => g.matmul(2, a)).toThrow(/matmul.*1-D/);
    expect(() => g.matmul(g.ones([2, 2, 3]), g.ones([3, 3, 2]))).toThrow(/matmul.*\[2\].*\[3\]/);
  });
  it('empty inner dimension gives zeros', () => {
    expectAllClose(g.matmul(g.zeros([2, 0]), g.zeros([0, 3])), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });
  it('gradients to second order in both modes, with batch broadcasting and vectors', () => {
    const A = tensor([
        [0.3, -1.2, 0.8],
        [1.1, 0.4, -0.6],
      ]),
      B = tensor([
        [0.5, 0.1],
        [-0.3, 0.9],
        [0.7, -0.2],
      ]);
    for (const [f, xs] of [
      [(x: Tensor, y: Tensor) => g.matmul(x, y), [A, B]],
      [(x: Tensor, y: Tensor) => g.matmul(x, y), [g.stack([A, g.mul(A, 0.5)]), B]],
      [(x: Tensor, y: Tensor) => g.matmul(x, y), [tensor([0.2, -0.4, 0.9]), B]],
      [(x: Tensor, y: Tensor) => g.matmul(x, y), [A, tensor([0.2, -0.4, 0.9])]],
      [(x: Tensor, y: Tensor) => g.dot(x, y), [tensor([0.2, -0.4]), tensor([1.5, 0.3])]],
    ] as [(...x: Tensor[]) => Tensor, Tensor[]][]) {
      const r = gradcheck(f, xs, { modes: ['rev', 'fwd'], order: 2 });
      expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
    }
  });
  it('is a Tensor method, and dot of vectors is the inner product', () => {
    expectAllClose(tensor(a).matmul(b), mm(a, b));
    expectAllClose(g.dot([1, 2], [3, 4]), 11);
    expect(() => g.dot([1, 2], [3])).toThrow(/dot.*\[2\].*\[1\]/);
  });
});
