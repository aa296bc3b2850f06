/**
 * @file Reductions on each backend under test, against the CPU in float64: sum, prod, max, min and mean over
 * every kind of axis argument, with and without keepdims, their gradients, int32 inputs, and long sums.
 */
import { it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { TOL, describeOnBackends, expectLikeCpu, floats, grid, ints, withGrad, type Tol } from './harness.js';

type Axis = number | number[] | null;
type Reduce = (x: Tensor, axis?: Axis, keepdims?: boolean) => Tensor;
const REDUCTIONS: Record<string, Reduce> = { sum: g.sum, prod: g.prod, max: g.max, min: g.min, mean: g.mean };
const AXES: Axis[] = [null, 0, 1, 2, -1, [0, 2], [0, 1, 2]];
const SHAPE = [3, 4, 5];
// distinct values (no ties for max/min's gradient to split), in [0.8, 1.25] so that prod of 60 stays near 1
const X = floats(SHAPE, (i) => 0.8 + 0.45 * (((i * 37) % 60) / 59));
/**
 * sum/mean/prod round once per term in float32: at most 60 terms here, ≤ 60·2⁻²⁴ ≈ 4e-6 relative in the worst
 * case; max/min pick an element (exact), their gradient puts the cotangent there (exact too).
 */
const tolOf = (op: string): Tol => (op === 'max' || op === 'min' ? TOL.exact : { rtol: 1e-5, atol: 1e-6 });

describeOnBackends('reductions', () => {
  const cases = Object.keys(REDUCTIONS).flatMap((op) => AXES.map((axis) => [op, axis] as const));
  it.each(cases)('%s over axis %j: values (keepdims or not) and gradient', async (op, axis) => {
    const f = REDUCTIONS[op];
    await expectLikeCpu((x) => [f(x, axis, false), f(x, axis, true)], [X], tolOf(op));
    await expectLikeCpu(
      withGrad((x) => f(x, axis, true)),
      [X],
      op === 'prod' ? TOL.transcendental : TOL.arith,
    );
  });

  it('int32 inputs: sum, prod, max, min stay int32 (exact); mean gives the default float', async () => {
    const x = ints([4, 5], [3, -7, 12, 0, 5, -2, 9]);
    await expectLikeCpu(
      (t) => [g.sum(t), g.sum(t, 1), g.prod(g.slice(t, [0, 0], [1, 5])), g.max(t, 0), g.min(t, [0, 1]), g.mean(t, 1)],
      [x],
      TOL.arith,
    );
  });

  it('a sum of 10⁵ elements, and over a long axis', async () => {
    // a float32 accumulator over n terms of one sign is within n·2⁻²⁴ relative in the worst case and √n·2⁻²⁴
    // typically (2e-5 at 10⁵); pairwise or tree sums do better: 1e-4 accepts any sound accumulation order
    const x = floats([100_000], (i) => 0.5 + ((i * 7919) % 1000) / 1000);
    await expectLikeCpu((t) => [g.sum(t), g.mean(t), g.max(t)], [x], { rtol: 1e-4, atol: 0 });
    const y = grid([20, 5000], -1, 3);
    await expectLikeCpu((t) => [g.sum(t, 1), g.sum(t, 0), g.mean(t, -1)], [y], { rtol: 1e-4, atol: 1e-4 });
  });

  it('composites over reductions: logsumexp, softmax, logSoftmax, norm, with gradients', async () => {
    const x = grid([3, 7], -4, 5);
    await expectLikeCpu(
      withGrad((t) => g.add(g.logsumexp(t, 1, true), g.mul(g.softmax(t), g.logSoftmax(t)))),
      [x],
      TOL.transcendental,
    );
    await expectLikeCpu(
      withGrad((t) => g.norm(t)),
      [x],
      TOL.transcendental,
    );
  });
});
