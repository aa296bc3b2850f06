/** @file Tensor creation, read-out, input validation, dtypes, random seeds and numpy-like printing. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

describe('creation', () => {
  it('tensor() from numbers, nested arrays, typed arrays, booleans, Variables', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(t).toBeInstanceOf(Tensor);
    expect([t.shape, t.dtype, t.size, t.rank]).toEqual([[2, 2], 'float64', 4, 2]);
    expect(tensor(3).shape).toEqual([]);
    expect(tensor(new Float32Array([1, 2])).dtype).toBe('float32');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor([1, 2], { dtype: 'int32' }).dtype).toBe('int32');
    expect(tensor([1.7, -1.7], { dtype: 'int32' }).toArray()).toEqual([1, -1]);
    expectAllClose(tensor(new g.Variable([5, 6])), [5, 6]);
    expect(tensor([]).shape).toEqual([0]);
    expectAllClose(tensor([tensor([1, 2]), tensor([3, 4])]), [
      [1, 2],
      [3, 4],
    ]);
    expectAllClose(tensor([new g.Variable([1, 2]), new g.Variable([3, 4])]), [
      [1, 2],
      [3, 4],
    ]);
    expect(() => tensor([tensor([1, 2]), tensor([3])])).toThrow(/tensor.*mixes tensors of shapes \[2\] and \[1\]/);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });
  it('bool tensors made from numbers store 1 for any non-zero value (numpy bool()), so comparisons with true hold', () => {
    for (const b of [
      tensor([2, 0, 256, NaN], { dtype: 'bool' }),
      tensor(new Float64Array([2, 0, 256, NaN]), { dtype: 'bool' }),
    ]) {
      expect(b.toArray()).toEqual([true, false, true, true]);
      expect(g.equal(b, true).toArray()).toEqual([true, false, true, true]);
      expect(Array.from(b.data())).toEqual([1, 0, 1, 1]);
    }
    expect(g.equal(g.fill([2], 256, { dtype: 'bool' }), true).toArray()).toEqual([true, true]);
    expect(g.equal(tensor(3, { dtype: 'bool' }), true).item()).toBe(1);
  });
  it('scalar, zeros, ones, fill, eye, zerosLike/onesLike', () => {
    expect(scalar(2.5).item()).toBe(2.5);
    expect(scalar(2, { dtype: 'float32' }).dtype).toBe('float32');
    expectAllClose(g.zeros([2, 3]), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expectAllClose(g.ones([2]), [1, 1]);
    expectAllClose(g.fill([2], 7), [7, 7]);
    // a misspelt option is an error, not a silently ignored key (a float64 result where float32 was asked for)
    expect(() => g.tensor([1], { dtyp: 'float32' } as never)).toThrow(
      /^tensor: unknown option 'dtyp' \(did you mean 'dtype'\?\); known options: dtype/,
    );
    expect(() => g.zerosLike([1], 'float32' as never)).toThrow(/^zerosLike: options must be an object/);
    expect(() => g.random.normal([2], { sd: 2 } as never)).toThrow(/^random\.normal: unknown option 'sd'/);
    expect(() => g.norm([3, 4], { order: 1 } as never)).toThrow(/^norm: unknown option 'order'/);
    expect(g.ones([1], null as never).dtype).toBe('float64'); // null is no options, as for the optimizers
    // −0 is a value of its own (numpy and TF keep it), not the zeros of `zeros`: small, pooled and large sizes
    for (const n of [1, 2, 100, 20000]) expect(Object.is(g.fill([n], -0).data()[n - 1], -0)).toBe(true);
    expect(g.zeros([2], { dtype: 'int32' }).dtype).toBe('int32');
    expectAllClose(g.eye(3), [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expectAllClose(g.eye(2, 3), [
      [1, 0, 0],
      [0, 1, 0],
    ]);
    expect(g.zerosLike(tensor([1], { dtype: 'float32' })).dtype).toBe('float32');
    expectAllClose(g.onesLike(tensor([[1, 2]])), [[1, 1]]);
  });
  it('linspace is inclusive and exact at the ends; arange excludes stop', () => {
    const l = g.linspace(-5, 5, 100);
    expect(l.shape).toEqual([100]);
    expect(l.data()[0]).toBe(-5);
    expect(l.data()[99]).toBe(5);
    expectAllClose(
      l,
      Array.from({ length: 100 }, (_, i) => -5 + (10 * i) / 99),
      { rtol: 1e-14, atol: 1e-14 },
    );
    expectAllClose(g.linspace(0, 1, 1), [0]);
    expect(g.linspace(0, 1, 0).shape).toEqual([0]);
    expectAllClose(g.arange(5), [0, 1, 2, 3, 4]);
    expectAllClose(g.arange(0, 1, 0.25), [0, 0.25, 0.5, 0.75]);
    expectAllClose(g.arange(3, 0, -1), [3, 2, 1]);
    expect(g.arange(3, 0).shape).toEqual([0]);
    expect(() => g.arange(0, 1, 0)).toThrow(/arange: step/);
    expect(() => g.linspace(0, 1, -1)).toThrow(/linspace: num/);
    expect(() => g.linspace(NaN, 1, 3)).toThrow(/linspace: start/);
  });
  it('shape validation names the function: NaN, negative and fractional sizes', () => {
    expect(() => g.zeros([NaN])).toThrow(/zeros.*shape/);
    expect(() => g.ones([-1])).toThrow(/ones.*shape/);
    expect(() => g.fill([1.5], 0)).toThrow(/fill.*shape/);
    expect(() => g.eye(-2)).toThrow(/eye: n/);
    expect(() => tensor([1], { dtype: 'float16' as any })).toThrow(/tensor.*dtype.*float16/);
  });
  it('ragged arrays and foreign objects throw naming the op', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/tensor.*ragged.*expected length 2.*got 1/);
    expect(() => tensor([1, 'a'] as any)).toThrow(/tensor.*non-number/);
    expect(() => g.add({ x: 1 } as any, 1)).toThrow(/add: argument 'a'.*Object/);
    expect(() => g.sin(new Map() as any)).toThrow(/sin: argument 'x'.*Map/);
    expect(() => g.mul(1, null as any)).toThrow(/mul: argument 'b'.*null/);
    expect(() => g.add([[1, 2], [3]], 1)).toThrow(/add.*ragged/);
  });
});

describe('the element cap (MAX_ELEMENTS) is checked before anything is allocated', () => {
  const limit = /more than the 134,217,728 \(2\^27, 1 GiB of float64\) one tensor may hold \(MAX_ELEMENTS\)$/;
  it('is 2^27, exported', () => expect(g.MAX_ELEMENTS).toBe(2 ** 27));
  it.each([
    [
      'linspace(0, 1, 1e9)',
      () => g.linspace(0, 1, 1e9),
      /^linspace: num = 1000000000 asks for 1,000,000,000 elements, /,
    ],
    [
      'arange(0, 1e20)',
      () => g.arange(0, 1e20),
      /^arange: 0 to 100000000000000000000 by 1 asks for 100,000,000,000,000,000,000 elements, /,
    ],
    [
      'zeros([1e6, 1e6])',
      () => g.zeros([1e6, 1e6]),
      /^zeros: shape \[1000000, 1000000\] asks for 1,000,000,000,000 elements, /,
    ],
    ['ones([2 ** 27 + 1])', () => g.ones([2 ** 27 + 1]), /^ones: shape \[134217729\] asks for 134,217,729 elements, /],
    ['fill', () => g.fill([1e5, 1e5], 1), /^fill: shape \[100000, 100000\]/],
    ['random.uniform', () => g.random.uniform([1e9]), /^random\.uniform: shape \[1000000000\]/],
    ['broadcastTo', () => g.broadcastTo(tensor([1]), [1e5, 1e5]), /^broadcastTo: shape \[100000, 100000\]/],
    [
      'add broadcasting',
      () => g.add(g.zeros([1e5, 1]), g.zeros([1, 1e5])),
      /^add: broadcasting \[100000, 1\] with \[1, 100000\] to \[100000, 100000\] asks for 10,000,000,000 elements, /,
    ],
    [
      'matmul outer product',
      () => g.matmul(g.ones([20000, 1]), g.ones([1, 20000])),
      /^matmul: the product of \[20000, 1\] and \[1, 20000\], of shape \[20000, 20000\], asks for 400,000,000 elements, /,
    ],
    ['pad', () => g.pad(g.ones([1]), [[0, 2e9]]), /^pad: padding \[1\] to \[2000000001\] asks for/],
  ])('%s', (_name, fn, msg) => {
    let err: unknown;
    try {
      fn();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RangeError);
    expect((err as Error).message).toMatch(msg);
    expect((err as Error).message).toMatch(limit);
  });
  it('sizes at the cap still work', () => {
    expect(g.linspace(0, 1, 3).shape).toEqual([3]);
    expect(g.zeros([2 ** 13, 2 ** 14], { dtype: 'bool' }).size).toBe(2 ** 27);
  });
});

describe('read-out', () => {
  const t = tensor([
    [1, 2],
    [3, 4],
  ]);
  it('toArray, data (a fresh copy), item', () => {
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const d = t.data();
    expect(d).toBeInstanceOf(Float64Array);
    d[0] = 99;
    expect((t.toArray() as number[][])[0]![0]).toBe(1);
    expect(tensor([7]).item()).toBe(7);
    expect(scalar(3).toArray()).toBe(3);
    expect(tensor([true]).item()).toBe(1);
    expect(() => t.item()).toThrow(/item.*\[2, 2\].*4 elements/);
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
  });
  it('data() owns exactly its elements (safe to hand its .buffer to other libraries), also for kernel outputs', () => {
    for (const t of [
      g.add(g.linspace(0, 1, 100), 1),
      g.mul(tensor([1, 2, 3], { dtype: 'float32' }), 2),
      g.sin(g.ones([7, 9])),
    ]) {
      const d = t.data();
      expect(d.byteOffset).toBe(0);
      expect(d.buffer.byteLength).toBe(t.size * d.BYTES_PER_ELEMENT);
    }
  });
  it('float32 data is a Float32Array holding rounded values', () => {
    const f = tensor([0.1], { dtype: 'float32' });
    expect(f.data()).toBeInstanceOf(Float32Array);
    expect(f.item()).toBe(Math.fround(0.1));
  });
  it('tensors are immutable: ops never change their inputs', () => {
    const x = tensor([1, 2]);
    g.add(x, 1);
    g.reshape(x, [2, 1]);
    g.neg(x);
    expect(x.toArray()).toEqual([1, 2]);
  });
});

describe('weak JS numbers do not widen dtypes', () => {
  it('float32 op number stays float32; int32 op integer stays int32; int32 op 0.5 is float64', () => {
    const f = tensor([1], { dtype: 'float32' }),
      i = tensor([1], { dtype: 'int32' });
    expect(g.add(f, 1).dtype).toBe('float32');
    expect(g.mul(2.5, f).dtype).toBe('float32');
    expect(g.add(i, 1).dtype).toBe('int32');
    expect(g.add(i, 0.5).dtype).toBe('float64');
    expect(g.add(tensor([true]), 1).dtype).toBe('int32');
    expect(g.add(f, i).dtype).toBe('float32');
    expect(g.add(f, tensor([1])).dtype).toBe('float64');
    expect(g.add(1, 2).dtype).toBe('float64');
  });
});

describe('random', () => {
  it('seeded runs are reproducible; different seeds differ', () => {
    const a = g.random.normal([1000], { seed: 42 }),
      b = g.random.normal([1000], { seed: 42 });
    expect(a.toArray()).toEqual(b.toArray());
    expect(g.random.normal([5], { seed: 43 }).toArray()).not.toEqual(g.random.normal([5], { seed: 42 }).toArray());
    expect(g.random.uniform([3, 3], { seed: 7 }).toArray()).toEqual(g.random.uniform([3, 3], { seed: 7 }).toArray());
  });
  it('has the requested moments and ranges', () => {
    const n = g.random.normal([20000], { seed: 1, mean: 3, stddev: 2 });
    expect(g.mean(n).item()).toBeCloseTo(3, 1);
    expect(Math.sqrt(g.mean(g.square(g.sub(n, 3))).item())).toBeCloseTo(2, 1);
    const u = g.random.uniform([20000], { seed: 2, min: -1, max: 3 });
    expect(g.min(u).item()).toBeGreaterThanOrEqual(-1);
    expect(g.max(u).item()).toBeLessThan(3);
    expect(g.mean(u).item()).toBeCloseTo(1, 1);
    expect(g.random.normal([2], { seed: 1, dtype: 'float32' }).dtype).toBe('float32');
  });
  it('setSeed makes unseeded calls reproducible; bad options throw', () => {
    g.random.setSeed(5);
    const a = g.random.uniform([4]).toArray();
    g.random.setSeed(5);
    expect(g.random.uniform([4]).toArray()).toEqual(a);
    expect(() => g.random.normal([2], { seed: 1.5 })).toThrow(/random.normal: seed/);
    expect(() => g.random.uniform([2], { min: 2, max: 1 })).toThrow(/random.uniform/);
    expect(() => g.random.normal([2], { stddev: -1 })).toThrow(/stddev/);
  });
});

describe('toString (numpy-like)', () => {
  it('prints values, shape and dtype', () => {
    expect(tensor([1, 2, 3]).toString()).toBe('Tensor([1., 2., 3.], shape=[3], dtype=float64)');
    expect(scalar(3.5).toString()).toBe('Tensor(3.5, shape=[], dtype=float64)');
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('Tensor([1, 2], shape=[2], dtype=int32)');
    expect(tensor([true, false]).toString()).toBe('Tensor([ true, false], shape=[2], dtype=bool)');
    expect(tensor([]).toString()).toBe('Tensor([], shape=[0], dtype=float64)');
    expect(tensor([NaN, Infinity, -Infinity]).toString()).toBe('Tensor([ nan,  inf, -inf], shape=[3], dtype=float64)');
  });
  it('aligns columns on the decimal point and indents rows under the first bracket', () => {
    expect(
      tensor([
        [1, 2.5],
        [-3, 4],
      ]).toString(),
    ).toBe('Tensor([[ 1. ,  2.5],\n        [-3. ,  4. ]], shape=[2, 2], dtype=float64)');
    expect(g.zeros([2, 1, 2]).toString()).toBe(
      'Tensor([[[0., 0.]],\n\n        [[0., 0.]]], shape=[2, 1, 2], dtype=float64)',
    );
  });
  it('switches to scientific notation for tiny or huge magnitudes, like numpy', () => {
    expect(tensor([1e-5, 1]).toString()).toBe('Tensor([1.e-05, 1.e+00], shape=[2], dtype=float64)');
    expect(tensor([1.5e20]).toString()).toBe('Tensor([1.5e+20], shape=[1], dtype=float64)');
    expect(tensor([0.1, 0.25]).toString()).toBe('Tensor([0.1 , 0.25], shape=[2], dtype=float64)');
  });
  it('summarises more than 1000 elements with ... and wraps lines at 75 columns', () => {
    expect(g.arange(2000).toString()).toBe(
      'Tensor([0.000e+00, 1.000e+00, 2.000e+00, ..., 1.997e+03, 1.998e+03,\n        1.999e+03], shape=[2000], dtype=float64)',
    );
    const lines = g.linspace(-5, 5, 100).toString().split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('Tensor([-5.        , -4.8989899 , -4.7979798 , -4.6969697 , -4.5959596 ,');
    expect(lines[19]).toBe(
      '         4.5959596 ,  4.6969697 ,  4.7979798 ,  4.8989899 ,  5.        ], shape=[100], dtype=float64)',
    );
  });
  it('float32 prints its shortest float32 digits; 0-d prints bare; fractions keep 8 digits', () => {
    expect(tensor([0.1], { dtype: 'float32' }).toString()).toBe('Tensor([0.1], shape=[1], dtype=float32)');
    expect(scalar(1e-7).toString()).toBe('Tensor(1.e-07, shape=[], dtype=float64)');
    expect(tensor([1 / 3, 2]).toString()).toBe('Tensor([0.33333333, 2.        ], shape=[2], dtype=float64)');
    expect(tensor([NaN, 1.5, -Infinity]).toString()).toBe('Tensor([ nan,  1.5, -inf], shape=[3], dtype=float64)');
  });
  it('Variables print their name and value', () => {
    expect(new g.Variable([1], { name: 'w' }).toString()).toBe("Variable 'w' Tensor([1.], shape=[1], dtype=float64)");
  });
});
