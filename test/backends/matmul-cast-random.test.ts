/**
 * @file matmul (plain, batched, broadcast batch dimensions, vector operands, 128²) with gradients, casts between
 * float32, int32 and bool, and seeded random tensors, on each backend under test against the CPU.
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { DType, Tensor } from '../../src/index.js';
import {
  TOL,
  bools,
  cycle,
  describeOnBackends,
  expectLikeCpu,
  floats,
  ints,
  onCpu,
  read,
  withGrad,
} from './harness.js';

/** Values in [-1, 1] that differ from element to element, exact in float32. */
const vals = (shape: number[], seed: number) => floats(shape, (i) => ((i * 131 + seed * 71) % 97) / 48 - 1);
/**
 * Each output of matmul is a sum of K products of values in [-1, 1]: a float32 accumulator is off by at most
 * K·2⁻²⁴·Σ|aᵢbᵢ| (3e-4 at K = 128) and by about √K·2⁻²⁴·‖ab‖ typically (5e-6); 1e-4 absolute is between the
 * two, and the gradients are matmuls of the same size. Outputs near 0 make a relative bound useless.
 */
const MATMUL_TOL = { rtol: 1e-4, atol: 1e-4 };

describeOnBackends('matmul, cast, random', () => {
  it.each([
    [
      [8, 16],
      [16, 12],
    ],
    [
      [3, 8, 16],
      [3, 16, 12],
    ],
    [
      [2, 1, 5, 7],
      [3, 7, 4],
    ],
    [[16], [16, 12]],
    [[8, 16], [16]],
    [[16], [16]],
    [
      [1, 1],
      [1, 5],
    ],
  ])('matmul %j × %j: value and both gradients', async (sa, sb) => {
    await expectLikeCpu(withGrad(g.matmul), [vals(sa, 1), vals(sb, 2)], MATMUL_TOL);
  });

  it('matmul 128 × 128, the largest in these tests, with gradients', async () => {
    await expectLikeCpu(withGrad(g.matmul), [vals([128, 128], 3), vals([128, 128], 4)], MATMUL_TOL);
  });

  it('matmul of int32 matrices stays int32 and exact; dot of vectors', async () => {
    await expectLikeCpu(g.matmul, [ints([5, 6], [3, -1, 4, 0, 2]), ints([6, 4], [1, -2, 5, 7])], TOL.exact);
    await expectLikeCpu(withGrad(g.dot), [vals([9], 5), vals([9], 6)], MATMUL_TOL);
  });

  it.each([
    ['float', 'int32'],
    ['float', 'bool'],
    ['int32', 'float32'],
    ['int32', 'bool'],
    ['bool', 'float32'],
    ['bool', 'int32'],
  ] as const)('cast %s → %s', async (from, to) => {
    // float → int32 truncates toward zero; → bool is "non-zero"; values well inside int32's range
    const inputs = {
      float: cycle([12], [-2.7, -1.5, -0.5, -0, 0, 0.25, 0.999, 1, 2.5, 3.7, -1000.9, 65536.5]),
      int32: ints([7], [-5, -1, 0, 1, 2, 100000, -2147483648]),
      bool: bools([4], [true, false, true, false]),
    }[from];
    await expectLikeCpu((x) => g.cast(x, to as DType), [inputs], TOL.exact);
  });

  it('cast to the default float passes the gradient; to int32 stops it', async () => {
    await expectLikeCpu(
      withGrad((x) => g.add(g.cast(g.cast(x, 'float32'), g.tensor(0).dtype), g.cast(g.cast(x, 'int32'), 'float32'))),
      [cycle([6], [-2.7, -0.5, 0.25, 1, 2.5, 3.7])],
      TOL.arith,
    );
  });

  it('seeded random tensors hold the CPU’s float64 draws rounded to float32', async () => {
    // random numbers are drawn on the host in float64 and uploaded: on a float32 device they are the CPU's,
    // each rounded once, bit for bit
    const draw = (): Tensor[] => [
      g.random.normal([257], { seed: 7 }),
      g.random.uniform([3, 5], { seed: 11, min: -2, max: 3 }),
      g.random.normal([4], { seed: 7, mean: 1, stddev: 0.5, dtype: 'float32' }),
    ];
    const want = await onCpu(() => Promise.all(draw().map(read)));
    const got = await Promise.all(draw().map(read));
    got.forEach((r, i) => {
      expect(r.dtype).toBe('float32');
      expect(r.values).toEqual(want[i].values.map(Math.fround));
    });
    // and the same seed gives the same numbers again on this backend
    const again = await Promise.all(draw().map(read));
    expect(again).toEqual(got);
  });
});
