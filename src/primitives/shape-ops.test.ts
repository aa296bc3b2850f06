/** @file Movement ops: reshape, expandDims, squeeze, flatten, transpose, slice, concat, stack, gather, tile, broadcastTo, pad, cast. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, zeros, gradcheck, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

const A = g.reshape(g.arange(6), [2, 3]);
const ok = (r: { ok: boolean; worst: unknown }): void => expect(r, JSON.stringify(r.worst)).toMatchObject({ ok: true });
const check2 = (f: (...x: Tensor[]) => Tensor, xs: Tensor[]): void =>
  ok(gradcheck(f, xs, { modes: ['rev', 'fwd'], order: 2 }));
const X = tensor([
  [0.3, -1.2, 0.8],
  [1.1, 0.4, -0.6],
]);

describe('reshape / expandDims / squeeze / flatten', () => {
  it('values and shapes, with one -1', () => {
    expectAllClose(g.reshape(A, [3, 2]), [
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(g.reshape(A, [-1]).shape).toEqual([6]);
    expect(g.reshape(A, [3, -1]).shape).toEqual([3, 2]);
    expect(g.reshape(zeros([0, 3]), [3, 0]).shape).toEqual([3, 0]);
    expect(g.reshape(tensor([5]), []).shape).toEqual([]);
    expect(g.expandDims(A, 1).shape).toEqual([2, 1, 3]);
    expect(g.expandDims(A, -1).shape).toEqual([2, 3, 1]);
    expect(g.squeeze(zeros([1, 2, 1])).shape).toEqual([2]);
    expect(g.squeeze(zeros([1, 2, 1]), 0).shape).toEqual([2, 1]);
    expectAllClose(g.flatten(A), [0, 1, 2, 3, 4, 5]);
    expectAllClose(A.reshape([6]), A.flatten());
  });
  it('errors name the op and the shapes', () => {
    expect(() => g.reshape(A, [4, 2])).toThrow(/reshape.*\[2, 3\].*\[4, 2\]/);
    expect(() => g.reshape(A, [-1, -1])).toThrow(/reshape.*-1/);
    expect(() => g.reshape(A, [4, -1])).toThrow(/reshape.*\[2, 3\]/);
    expect(() => g.reshape(A, [NaN, 6])).toThrow(/reshape/);
    expect(() => g.squeeze(A, 0)).toThrow(/squeeze.*\[2, 3\]/);
    expect(() => g.expandDims(A, 4)).toThrow(/expandDims.*4/);
  });
  it('gradients', () => {
    check2((x) => g.reshape(x, [3, 2]), [X]);
    check2((x) => g.squeeze(g.expandDims(x, 1)), [X]);
  });
});

describe('transpose', () => {
  it('default reverses dims; perm permutes', () => {
    expectAllClose(g.transpose(A), [
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    const B = g.reshape(g.arange(24), [2, 3, 4]);
    const T = g.transpose(B, [1, 2, 0]);
    expect(T.shape).toEqual([3, 4, 2]);
    const b = B.toArray() as number[][][],
      t = T.toArray() as number[][][];
    expect(t[2][3][1]).toBe(b[1][2][3]);
    expect(() => g.transpose(B, [0, 0, 1])).toThrow(/transpose.*perm/);
    expect(() => g.transpose(B, [0, 1])).toThrow(/transpose/);
  });
  it('gradients', () => check2((x) => g.transpose(g.reshape(x, [1, 2, 3]), [2, 0, 1]), [X]));
});

describe('slice', () => {
  it('tf.slice semantics with -1 sizes', () => {
    expectAllClose(g.slice(A, [0, 1], [2, 2]), [
      [1, 2],
      [4, 5],
    ]);
    expectAllClose(g.slice(A, [1, 0], [-1, -1]), [[3, 4, 5]]);
    expectAllClose(g.slice(tensor([1, 2, 3, 4]), [1], [2]), [2, 3]);
    expect(g.slice(A, [0, 1], [2, 0]).shape).toEqual([2, 0]);
  });
  it('out-of-range windows throw naming slice and the shape', () => {
    expect(() => g.slice(A, [1, 2], [2, 1])).toThrow(/slice.*\[2, 3\]/);
    expect(() => g.slice(A, [0], [1])).toThrow(/slice/);
    expect(() => g.slice(A, 5 as any)).toThrow(/slice: begin and size must be arrays.*\[2, 3\]/);
    expect(() => g.broadcastTo(A, 3 as any)).toThrow(/broadcastTo: shape must be an array/);
  });
  it('gradient pads back with zeros', () => {
    expectAllClose(g.grad((x: Tensor) => g.sum(g.slice(x, [0, 1], [2, 1])))(X), [
      [0, 1, 0],
      [0, 1, 0],
    ]);
    check2((x) => g.slice(x, [1, 1], [1, 2]), [X]);
  });
});

describe('concat / stack', () => {
  it('values, axes, dtype promotion', () => {
    expectAllClose(g.concat([[1], [2, 3]]), [1, 2, 3]);
    expectAllClose(g.concat([A, A], 1), [
      [0, 1, 2, 0, 1, 2],
      [3, 4, 5, 3, 4, 5],
    ]);
    expectAllClose(g.concat([A, A], -2).shape, [4, 3]);
    expectAllClose(
      g.stack(
        [
          [1, 2],
          [3, 4],
        ],
        1,
      ),
      [
        [1, 3],
        [2, 4],
      ],
    );
    expect(g.stack([A, A]).shape).toEqual([2, 2, 3]);
    expect(g.stack([A, A], -1).shape).toEqual([2, 3, 2]);
    expect(g.concat([tensor([1], { dtype: 'int32' }), tensor([1.5])]).dtype).toBe('float64');
    expect(g.concat([tensor([1], { dtype: 'float32' }), tensor([1], { dtype: 'float32' })]).dtype).toBe('float32');
    const bi = g.concat([tensor([true]), tensor([5], { dtype: 'int32' })]);
    expect(bi.dtype).toBe('int32');
    expect(bi.toArray()).toEqual([1, 5]);
    expect(g.stack([tensor([true]), tensor([5], { dtype: 'int32' })]).toArray()).toEqual([[1], [5]]);
  });
  it('mismatched shapes throw naming the op and the shapes', () => {
    expect(() => g.concat([A, zeros([2, 2])], 0)).toThrow(/concat.*\[2, 2\].*\[2, 3\]/);
    expect(() => g.stack([A, zeros([3, 2])])).toThrow(/stack.*\[2, 3\].*\[3, 2\]/);
    expect(() => g.concat([])).toThrow(/concat/);
  });
  it('gradients split the cotangent', () => {
    const [ga, gb] = g.grad((a: Tensor, b: Tensor) => g.sum(g.mul(g.concat([a, b]), tensor([1, 2, 3]))), {
      argnums: [0, 1],
    })(tensor([1]), tensor([1, 1]));
    expectAllClose(ga, [1]);
    expectAllClose(gb, [2, 3]);
    check2((a, b) => g.stack([g.sin(a), b], 1), [tensor([0.3, 0.5]), tensor([0.1, -0.7])]);
    check2((a, b) => g.concat([a, b], 1), [X, tensor([[0.1], [0.2]])]);
  });
});

describe('gather', () => {
  it('picks along an axis with index tensors of any shape', () => {
    expectAllClose(g.gather(tensor([10, 20, 30]), [2, 0]), [30, 10]);
    expectAllClose(g.gather(A, [1, 0], 0), [
      [3, 4, 5],
      [0, 1, 2],
    ]);
    expectAllClose(g.gather(A, [[2], [0]], 1), [
      [[2], [0]],
      [[5], [3]],
    ]);
    expectAllClose(A.gather([2], 1), [[2], [5]]);
  });
  it('rejects out-of-range indices naming gather', () => {
    expect(() => g.gather(A, [3], 1)).toThrow(/gather.*\[0, 3\)/);
    expect(() => g.gather(A, [-1])).toThrow(/gather/);
  });
  it('gradient scatter-adds (repeated indices accumulate)', () => {
    expectAllClose(g.grad((x: Tensor) => g.sum(g.gather(x, [0, 0, 2])))(tensor([1, 2, 3])), [2, 0, 1]);
    check2((x) => g.gather(x, [2, 0, 2], 1), [X]);
  });
});

describe('tile / broadcastTo / pad', () => {
  it('values', () => {
    expectAllClose(g.tile(tensor([1, 2]), [2]), [1, 2, 1, 2]);
    expectAllClose(g.tile(tensor([[1, 2]]), [2, 2]), [
      [1, 2, 1, 2],
      [1, 2, 1, 2],
    ]);
    expectAllClose(g.broadcastTo(tensor([1, 2]), [2, 2]), [
      [1, 2],
      [1, 2],
    ]);
    expectAllClose(g.broadcastTo(tensor(3), [2]), [3, 3]);
    expectAllClose(g.pad(tensor([1, 2]), [[1, 2]]), [0, 1, 2, 0, 0]);
    expect(() => g.broadcastTo(tensor([1, 2]), [3])).toThrow(/broadcastTo.*\[2\].*\[3\]/);
    expect(() => g.tile(tensor([1, 2]), [2, 2])).toThrow(/tile/);
  });
  it('gradients', () => {
    expectAllClose(g.grad((x: Tensor) => g.sum(g.tile(x, [3])))(tensor([1, 2])), [3, 3]);
    check2((x) => g.tile(x, [2, 1]), [X]);
    check2((x) => g.broadcastTo(x, [2, 2, 3]), [X]);
    check2(
      (x) =>
        g.pad(x, [
          [1, 0],
          [0, 2],
        ]),
      [X],
    );
  });
});

describe('cast', () => {
  it('converts between dtypes (float → int truncates, → bool is != 0)', () => {
    const x = tensor([1.7, -1.7, 0]);
    expect(g.cast(x, 'int32').toArray()).toEqual([1, -1, 0]);
    expect(g.cast(x, 'bool').toArray()).toEqual([true, true, false]);
    expect(g.cast(x, 'float32').dtype).toBe('float32');
    expect(x.cast('int32').dtype).toBe('int32');
    expect(() => g.cast(x, 'int64' as any)).toThrow(/cast.*dtype/);
  });
  it('float casts pass gradients; casts through int stop them', () => {
    const gr = g.grad((x: Tensor) => g.sum(g.cast(g.mul(x, x), 'float32')))(tensor([3]));
    expect(gr.dtype).toBe('float64');
    expectAllClose(gr, [6]);
    expectAllClose(g.grad((x: Tensor) => g.sum(g.cast(g.cast(x, 'int32'), 'float64')))(tensor([3.5])), [0]);
  });
});

describe('meshgrid', () => {
  it("'xy' (default) gives [ny, nx]; 'ij' gives [nx, ny]", () => {
    const [X1, Y1] = g.meshgrid(tensor([1, 2, 3]), tensor([10, 20]));
    expectAllClose(X1, [
      [1, 2, 3],
      [1, 2, 3],
    ]);
    expectAllClose(Y1, [
      [10, 10, 10],
      [20, 20, 20],
    ]);
    const [X2, Y2] = g.meshgrid(tensor([1, 2, 3]), tensor([10, 20]), { indexing: 'ij' });
    expectAllClose(X2, [
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expectAllClose(Y2, [
      [10, 20],
      [10, 20],
      [10, 20],
    ]);
    expect(() => g.meshgrid(A, tensor([1]))).toThrow(/meshgrid.*1-D/);
  });
});
