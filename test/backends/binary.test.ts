/**
 * @file Every row of the binary op table on each backend under test, against the CPU in float64: forward values
 * with the second operand broadcast along rows, both operands' gradients (the second one summed over the
 * broadcast axis by the rule), int32 operands, broadcasting shapes, `where`, and comparisons with ties.
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { BINARY, BINARY_NAMES, type BinaryName, type BinaryRow } from '../../src/primitives/binary-table.js';
import {
  TOL,
  bools,
  cycle,
  describeOnBackends,
  expectLikeCpu,
  grid,
  ints,
  withGrad,
  type Input,
  type Tol,
} from './harness.js';

const A = [4, 6];
const B = [6]; // broadcast along A's rows: b's gradient is a sum over them
// multiples of 0.5 in both operands, so that ties (a = b) occur: comparisons and max/min's tie rule see them
const TIES_A = cycle(A, [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]);
const TIES_B = cycle(B, [-1, 0, 0.5, 1.5, -0.5, 1]);
/** Divisors away from 0 (division's error grows as 1/b²) of either sign. */
const DIVISORS = cycle(B, [-2.1, -1.3, -0.6, 0.7, 1.2, 1.9]);

/**
 * Per row: operands inside its domain and the tolerance its arithmetic deserves. tsc names a new row here.
 * mod: a/b keeps away from integers, where floor (and so the value and b's gradient) jumps.
 */
const DOMAIN: Record<BinaryName, { a: Input; b: Input; tol: Tol }> = {
  add: { a: grid(A, -3, 3), b: grid(B, -2, 2), tol: TOL.arith },
  sub: { a: grid(A, -3, 3), b: grid(B, -2, 2), tol: TOL.arith },
  mul: { a: grid(A, -3, 3), b: grid(B, -2, 2), tol: TOL.arith },
  div: { a: grid(A, -3, 3), b: DIVISORS, tol: TOL.arith },
  pow: { a: grid(A, 0.3, 3), b: grid(B, -1.5, 2.5), tol: TOL.transcendental },
  maximum: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  minimum: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  atan2: { a: grid(A, -2, 2), b: DIVISORS, tol: TOL.transcendental },
  mod: { a: cycle(A, [-2.9, -1.3, -0.4, 0.6, 1.6, 2.8, 0.1]), b: DIVISORS, tol: TOL.arith },
  mulNoNan: { a: grid(A, -3, 3), b: cycle(B, [0, -1.5, 0.5, 0, 2, 1]), tol: TOL.arith },
  divKeepZero: { a: cycle(A, [0, -2.5, 1.5, 0, 0.5, -0.75, 3]), b: DIVISORS, tol: TOL.arith },
  equal: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  notEqual: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  greater: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  greaterEqual: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  less: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  lessEqual: { a: TIES_A, b: TIES_B, tol: TOL.exact },
  logicalAnd: { a: bools(A, [true, false, true]), b: bools(B, [true, true, false, false]), tol: TOL.exact },
  logicalOr: { a: bools(A, [true, false, true]), b: bools(B, [true, true, false, false]), tol: TOL.exact },
};

type Bin = (a: Tensor, b: Tensor) => Tensor;
const fnOf = (name: BinaryName): Bin => (g as any)[name];
const hasVjp = (name: BinaryName): boolean => (BINARY[name] as BinaryRow).vjp !== null;
// gradients do one or two more ops than the value (max/min's select the cotangent: exact, but b's is a sum)
const gradTol = (name: BinaryName): Tol => (DOMAIN[name].tol === TOL.exact ? TOL.arith : DOMAIN[name].tol);
const NUMERIC = BINARY_NAMES.filter((n) => (BINARY[n] as BinaryRow).dtype !== 'bool');

describeOnBackends('binary op table', () => {
  it('covers every row', () => {
    expect(Object.keys(DOMAIN).sort()).toEqual([...BINARY_NAMES].sort());
  });

  it.each(BINARY_NAMES)('%s: forward value, b broadcast along rows', async (name) => {
    const { a, b, tol } = DOMAIN[name];
    await expectLikeCpu(fnOf(name), [a, b], tol);
  });

  it.each(BINARY_NAMES.filter(hasVjp))('%s: gradients of both operands through a GradientTape', async (name) => {
    const { a, b } = DOMAIN[name];
    await expectLikeCpu(withGrad(fnOf(name)), [a, b], gradTol(name));
  });

  it.each(NUMERIC)('%s: int32 operands', async (name) => {
    // pow on a negative base is tested on its own below; mod and div need nonzero divisors
    const a = ints([12], name === 'pow' ? [1, 2, 3, 4, 5] : [-5, -3, -1, 0, 2, 4, 7]);
    const b = ints([12], [3, -2, 1, 4, -1, 2, 5]);
    await expectLikeCpu(fnOf(name), [a, b], DOMAIN[name].tol === TOL.exact ? TOL.exact : TOL.transcendental);
  });

  it('pow of a negative base: integer exponents give a value, others NaN (WGSL pow is undefined for x < 0)', async () => {
    const x = cycle([6], [-2, -1.5, -0.5, 0, 0.5, 2]);
    await expectLikeCpu(
      (t) => [g.pow(t, 2), g.pow(t, 3), g.pow(t, -1), g.pow(t, 0.5), g.pow(t, 0)],
      [x],
      TOL.transcendental,
      {
        nonFinite: true,
      },
    );
  });

  it.each([
    [[2, 3], [3]],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [3, 1, 4],
      [2, 1],
    ],
    [[], [2, 3]],
    [[5], []],
  ])('broadcasting %j with %j: value and gradients', async (sa, sb) => {
    await expectLikeCpu(
      withGrad((a, b) => g.add(g.mul(a, b), g.maximum(a, b))),
      [grid(sa, -2, 2.5), grid(sb, -1.5, 1)],
      TOL.arith,
    );
  });

  it('a number operand is a weak scalar of the backend default float', async () => {
    await expectLikeCpu((x) => [g.mul(x, 2.5), g.sub(1, x), g.pow(x, 2)], [grid([5], -2, 2)], TOL.transcendental);
  });

  it('where: value and gradients of both branches, broadcast condition', async () => {
    await expectLikeCpu(
      withGrad((a, b) => g.where(g.greater(a, 0), g.mul(a, b), g.sin(b))),
      [grid(A, -3, 3), grid(B, -1, 2)],
      TOL.transcendental,
    );
    const c = bools([2, 1], [true, false]);
    await expectLikeCpu((cond, a) => g.where(cond, a, -1), [c, grid([2, 3], -1, 1)], TOL.exact);
  });

  it('comparisons and logical ops give bool tensors usable as masks', async () => {
    await expectLikeCpu(
      (a, b) => {
        const m = g.logicalAnd(g.greaterEqual(a, b), g.notEqual(a, 0));
        return [m, g.where(m, a, b), g.cast(m, 'int32'), g.sum(g.cast(m, 'float32'))];
      },
      [TIES_A, TIES_B],
      TOL.exact,
    );
  });
});
