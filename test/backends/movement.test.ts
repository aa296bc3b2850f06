/**
 * @file Movement ops on each backend under test, against the CPU in float64: every op's values (bit-exact: no
 * arithmetic) and its gradient (a sum of cotangents where the op repeats elements: tile, broadcastTo, gather
 * with repeated indices), on float32, int32 and bool tensors.
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { TOL, bools, describeOnBackends, expectLikeCpu, grid, ints, withGrad } from './harness.js';

type Move = (...xs: Tensor[]) => Tensor;
/** One case per movement op (several for those with options), over a [2, 3, 4] tensor unless it says otherwise. */
const MOVES: Record<string, Move> = {
  transpose: (x) => g.transpose(x, [2, 0, 1]),
  'transpose (reversed axes)': (x) => g.transpose(x),
  reshape: (x) => g.reshape(x, [4, -1]),
  flatten: (x) => g.flatten(x),
  slice: (x) => g.slice(x, [1, 0, 1], [1, -1, 2]),
  pad: (x) =>
    g.pad(x, [
      [1, 0],
      [0, 2],
      [1, 1],
    ]),
  concat: (x) => g.concat([x, g.mul(x, 2), g.slice(x, [0, 0, 0], [2, 3, 1])], 2),
  'concat (axis 0)': (x) => g.concat([x, x], 0),
  stack: (x) => g.stack([x, g.neg(x)], 1),
  gather: (x) => g.gather(x, [2, 0, 2, 1], 1),
  'gather (axis 0, nested indices)': (x) =>
    g.gather(x, [
      [1, 0],
      [1, 1],
    ]),
  broadcastTo: (x) => g.broadcastTo(g.slice(x, [0, 0, 0], [1, 3, 1]), [2, 2, 3, 4]),
  expandDims: (x) => g.expandDims(x, 2),
  squeeze: (x) => g.squeeze(g.expandDims(x, 1), 1),
  tile: (x) => g.tile(x, [2, 1, 3]),
};
const X = grid([2, 3, 4], -2, 2.5);

describeOnBackends('movement ops', () => {
  it.each(Object.keys(MOVES))('%s: values on float32, int32 and bool tensors', async (name) => {
    const f = MOVES[name];
    await expectLikeCpu(f, [X], TOL.exact);
    // the int32 and bool variants skip ops that compute (neg, mul in stack and concat): values only move
    if (name === 'stack' || name.startsWith('concat')) return;
    await expectLikeCpu(f, [ints([2, 3, 4], [5, -3, 0, 7, 2])], TOL.exact);
    await expectLikeCpu(f, [bools([2, 3, 4], [true, false, false, true, true])], TOL.exact);
  });

  it.each(Object.keys(MOVES))('%s: gradient', async (name) => {
    // sums of at most a few cotangents in [0.5, 1.5]: exact in float32 in any order but for one rounding
    await expectLikeCpu(withGrad(MOVES[name]), [X], TOL.arith);
  });

  it('the sum of a chain of moves and arithmetic, with its gradient', async () => {
    const f = (x: Tensor): Tensor =>
      g.sum(
        g.mul(
          g.transpose(
            g.pad(g.sin(x), [
              [0, 1],
              [2, 0],
              [0, 0],
            ]),
            [1, 2, 0],
          ),
          g.tile(g.transpose(g.slice(x, [0, 0, 0], [1, 1, 4]), [0, 2, 1]), [1, 1, 3]),
        ),
      );
    await expectLikeCpu(withGrad(f), [X], TOL.transcendental);
  });

  it('gather checks its indices on the host: a tensor of them here is an error naming it and the array form', async () => {
    const x = g.tensor([10, 20, 30, 40]);
    expect(() => g.gather(x, g.tensor([3, 0], { dtype: 'int32' }))).toThrow(
      /gather: indices is a tensor on the .* backend; .* pass them as an array \(await indices\.array\(\)\)/,
    );
    expect(Array.from(await g.gather(x, [3, 0]).data())).toEqual([40, 10]);
  });
});
