/**
 * @file Every row of the unary op table on each backend under test, against the CPU in float64: the forward value
 * on float32 inputs inside the op's domain, on int32 and bool inputs where the row takes them, and the first
 * derivative through a GradientTape (every row with a derivative); the second derivative for a few.
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { UNARY, UNARY_NAMES, type UnaryName, type UnaryRow } from '../../src/primitives/unary-table.js';
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

const SHAPE = [4, 6];
/**
 * Per row: points inside its domain (away from poles and branch points, where float32 inputs would amplify
 * the rounding of one op into many ULP) and the tolerance its arithmetic deserves. tsc names a new row here.
 */
const DOMAIN: Record<UnaryName, { x: Input; tol: Tol }> = {
  sin: { x: grid(SHAPE, -3, 3), tol: TOL.transcendental },
  cos: { x: grid(SHAPE, -3, 3), tol: TOL.transcendental },
  tan: { x: grid(SHAPE, -1.2, 1.2), tol: TOL.transcendental },
  asin: { x: grid(SHAPE, -0.9, 0.9), tol: TOL.transcendental },
  acos: { x: grid(SHAPE, -0.9, 0.9), tol: TOL.transcendental },
  atan: { x: grid(SHAPE, -4, 4), tol: TOL.transcendental },
  sinh: { x: grid(SHAPE, -3, 3), tol: TOL.transcendental },
  cosh: { x: grid(SHAPE, -3, 3), tol: TOL.transcendental },
  tanh: { x: grid(SHAPE, -3, 3), tol: TOL.transcendental },
  asinh: { x: grid(SHAPE, -4, 4), tol: TOL.transcendental },
  acosh: { x: grid(SHAPE, 1.2, 5), tol: TOL.transcendental },
  atanh: { x: grid(SHAPE, -0.9, 0.9), tol: TOL.transcendental },
  exp: { x: grid(SHAPE, -4, 4), tol: TOL.transcendental },
  expm1: { x: grid(SHAPE, -2, 2), tol: TOL.transcendental },
  log: { x: grid(SHAPE, 0.1, 6), tol: TOL.transcendental },
  log1p: { x: grid(SHAPE, -0.7, 4), tol: TOL.transcendental },
  sqrt: { x: grid(SHAPE, 0.05, 9), tol: TOL.arith },
  rsqrt: { x: grid(SHAPE, 0.05, 9), tol: TOL.arith },
  abs: { x: grid(SHAPE, -3, 3), tol: TOL.exact },
  sign: { x: cycle(SHAPE, [-2.5, -0.25, 0, 0.75, 3]), tol: TOL.exact },
  square: { x: grid(SHAPE, -3, 3), tol: TOL.arith },
  reciprocal: { x: cycle(SHAPE, [-3, -1.7, -0.4, 0.3, 1.1, 2.9]), tol: TOL.arith },
  sigmoid: { x: grid(SHAPE, -6, 6), tol: TOL.transcendental },
  relu: { x: cycle(SHAPE, [-2.5, -0.25, 0, 0.75, 3]), tol: TOL.exact },
  softplus: { x: grid(SHAPE, -6, 6), tol: TOL.transcendental },
  erf: { x: grid(SHAPE, -2.5, 2.5), tol: TOL.transcendental },
  // .5 exactly included: round is half to even
  floor: { x: cycle(SHAPE, [-2.5, -1.7, -0.5, 0, 0.5, 1.5, 2.3, 2.5]), tol: TOL.exact },
  ceil: { x: cycle(SHAPE, [-2.5, -1.7, -0.5, 0, 0.5, 1.5, 2.3, 2.5]), tol: TOL.exact },
  round: { x: cycle(SHAPE, [-2.5, -1.7, -0.5, 0, 0.5, 1.5, 2.3, 2.5]), tol: TOL.exact },
  logit: { x: grid(SHAPE, 0.05, 0.95), tol: TOL.transcendental },
  neg: { x: grid(SHAPE, -3, 3), tol: TOL.exact },
  step: { x: cycle(SHAPE, [-2.5, -0.25, 0, 0.75, 3]), tol: TOL.exact },
  isnan: {
    x: cycle(SHAPE, [Number.NaN, -1, 0, Number.POSITIVE_INFINITY, 2.5, Number.NEGATIVE_INFINITY]),
    tol: TOL.exact,
  },
  logicalNot: { x: bools(SHAPE, [true, false, false]), tol: TOL.exact },
};

const fnOf = (name: UnaryName): ((x: Tensor) => Tensor) => (g as any)[(UNARY[name] as UnaryRow).fn ?? name];
const hasDerivative = (name: UnaryName): boolean => (UNARY[name] as UnaryRow).d !== null;
// the first derivative of abs and the piecewise-constant rows is exact; every other rule does arithmetic
const gradTol = (name: UnaryName): Tol => (DOMAIN[name].tol === TOL.exact ? TOL.arith : DOMAIN[name].tol);
/** Rows that read ints as floats (int32 in, float out) or keep them: all but the bool-only row. */
const INT_ROWS = UNARY_NAMES.filter((n) => n !== 'logicalNot' && n !== 'isnan');
// integer points inside every int-taking row's domain would exclude most rows: each row's own domain, truncated
const intPoints = (name: UnaryName): number[] => {
  const lo = Math.ceil(Math.min(...DOMAIN[name].x.values.filter(Number.isFinite)));
  const hi = Math.floor(Math.max(...DOMAIN[name].x.values.filter(Number.isFinite)));
  // 1/0 is outside reciprocal's domain (the only row whose truncated domain holds a pole)
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((v) => name !== 'reciprocal' || v !== 0);
};
const SECOND_ORDER: UnaryName[] = ['sin', 'exp', 'log', 'tanh', 'sigmoid', 'sqrt', 'softplus', 'erf'];

describeOnBackends('unary op table', () => {
  it('covers every row', () => {
    expect(Object.keys(DOMAIN).sort()).toEqual([...UNARY_NAMES].sort());
  });

  it.each(UNARY_NAMES)('%s: forward value on float32 inputs', async (name) => {
    const { x, tol } = DOMAIN[name];
    await expectLikeCpu(fnOf(name), [x], tol);
  });

  it.each(UNARY_NAMES.filter(hasDerivative))('%s: first derivative through a GradientTape', async (name) => {
    await expectLikeCpu(withGrad(fnOf(name)), [DOMAIN[name].x], gradTol(name));
  });

  it.each(INT_ROWS.filter((n) => intPoints(n).length > 0))('%s: int32 input', async (name) => {
    await expectLikeCpu(fnOf(name), [ints([intPoints(name).length], intPoints(name))], DOMAIN[name].tol);
  });

  it('bool inputs: keep-dtype rows give int32, float rows the default float, logicalNot bool', async () => {
    const b = bools([4], [true, false, true, true]);
    await expectLikeCpu((x) => [g.abs(x), g.neg(x), g.exp(x), g.logicalNot(x)], [b], TOL.transcendental);
  });

  it.each(SECOND_ORDER)('%s: second derivative through nested tapes', async (name) => {
    const f = fnOf(name);
    await expectLikeCpu(
      (x) => {
        const outer = new g.GradientTape();
        outer.watch(x);
        const dy = outer.record(() => {
          const inner = new g.GradientTape();
          inner.watch(x);
          const y = inner.record(() => f(x));
          return inner.gradient(y, x) as Tensor;
        });
        return [dy, outer.gradient(dy, x) as Tensor];
      },
      [DOMAIN[name].x],
      // the second derivative composes the first's rule once more: one more rounding per op
      { rtol: 5e-5, atol: 5e-6 },
    );
  });

  it('NaN and infinities propagate as on the CPU', async () => {
    const x = cycle([6], [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1, 1]);
    await expectLikeCpu(
      (t) => [g.exp(t), g.log(t), g.sqrt(t), g.relu(t), g.abs(t), g.tanh(t), g.sigmoid(t), g.isNaN(t)],
      [x],
      TOL.transcendental,
      { nonFinite: true },
    );
  });
});
