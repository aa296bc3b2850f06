/**
 * @file The symbolic derivative always agrees with the tape: random formulas (all functions, x and
 * y), random points plus the conventions' corner points (0 for abs and relu, ties for max and min),
 * first derivatives against GradientTape and second derivatives against nested tapes. Points where
 * either side is not finite are skipped (there the two may legitimately differ: the simplifier cancels
 * x/x to 1, the tape's zero-cotangent rule gives 0 for 0·∞), and the test checks that most are not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expr, grad, sum, tensor, type ExprFunction, type Tensor } from '../index.js';
import { formulaArbitrary } from '../../test/fixtures/formula-arbitrary.js';
import { compile, type OpTable } from './compile.js';
import { mathOps } from '../../test/fixtures/formulas.js';
import type { OpName } from './functions.js';

/**
 * Where a step of the chain rule is singular: a value is not finite, or an op sits where its own
 * derivative is infinite (√0, log 0, 1/0, asin ±1, 0 to a power below 1). There the tape and the
 * simplified formula may legitimately differ: (1/x)·x is 1 with derivative 0 to the simplifier, and
 * √x² has the tape's derivative 0·∞ = 0 (its zero-cotangent rule) at 0. Such points are skipped.
 */
interface Box {
  readonly v: number;
}

/**
 * The formulas drawn are the same on every run unless GRADTAPE_FC_SEED names another seed (or 'random'): CI
 * must not turn red on a draw nobody chose. Explore with GRADTAPE_FC_SEED=random; fix what it finds at its
 * cause and pin the counterexample in derivative.test.ts.
 */
const SEED_ENV = process.env.GRADTAPE_FC_SEED;
const SEED = SEED_ENV === 'random' ? Date.now() | 0 : SEED_ENV ? Number(SEED_ENV) : 20261207;

function singularTable(flag: { singular: boolean }): OpTable<Box> {
  // near a jump, the tape's argument and the simplified formula's may round to different sides
  const nearInt = (u: number): boolean => Math.abs(u - Math.round(u)) < 1e-9 * Math.max(1, Math.abs(u));
  const tiny = (u: number): boolean => u !== 0 && Math.abs(u) < 1e-9;
  const edge: Partial<Record<OpName, (a: number, b: number) => boolean>> = {
    sqrt: (a) => a === 0,
    rsqrt: (a) => a === 0,
    log: (a) => a === 0,
    log1p: (a) => a === -1,
    reciprocal: (a) => a === 0,
    div: (_a, b) => b === 0,
    asin: (a) => Math.abs(a) === 1,
    acos: (a) => Math.abs(a) === 1,
    acosh: (a) => a === 1,
    atanh: (a) => Math.abs(a) === 1,
    pow: (a, b) => a === 0 && b < 1 && b !== 0,
    tan: (a) => Math.abs(Math.cos(a)) < 1e-12 || Math.abs(a) > 1e6,
    // past 1e6 one rounding of the argument moves sin/cos by more than the comparison's tolerance
    sin: (a) => Math.abs(a) > 1e6,
    cos: (a) => Math.abs(a) > 1e6,
    // the branch cut, where −0 (the tape's 0·x at x < 0) and +0 (the simplifier's 0) give −π and π
    atan2: (a, b) => a === 0 && b <= 0,
    floor: nearInt,
    ceil: nearInt,
    round: (a) => nearInt(a + 0.5),
    mod: (a, b) => b === 0 || nearInt(a / b),
    abs: tiny,
    sign: tiny,
    relu: tiny,
    elu: tiny,
    heaviside: tiny,
    maximum: (a, b) => tiny(a - b),
    minimum: (a, b) => tiny(a - b),
  };
  const table = {} as Record<OpName, (...a: Array<Box | number>) => Box>;
  for (const name of Object.keys(mathOps) as OpName[]) {
    table[name] = (...boxed: Array<Box | number>) => {
      // boxed values, so that compile does not fold x/0 as plain numbers past the check
      const args = boxed.map((b) => (typeof b === 'number' ? b : b.v));
      const out = (mathOps[name] as (...a: number[]) => number)(...args);
      // an infinite operand is a singular constant step (compile folds constant arithmetic as plain numbers,
      // so (-0)^(-1) = -∞ reaches here as a number; the simplifier's exact rationals have no −0)
      if (!Number.isFinite(out) || args.some((a) => !Number.isFinite(a)) || edge[name]?.(args[0]!, args[1]!))
        flag.singular = true;
      // past 1e30 the tape's higher derivatives square such values and cancel them (asinh(sinh(u))'' at u = -250
      // comes out 100 times too large): the comparison measures the tape's rounding, not the formula
      if (Math.abs(out) > 1e30) flag.singular = true;
      // a^b with a ≤ 0 and an exponent that varies: the tape takes d/db = 0 there by convention, the formula's
      // ln(a) is undefined, and a simplified higher derivative can lose the ln (log((x^x)^2)'' = 2/x at x = -1)
      if (name === 'pow' && args[0]! <= 0 && typeof boxed[1] !== 'number') flag.singular = true;
      return { v: out };
    };
  }
  return table as OpTable<Box>;
}

function singularPoints(f: ExprFunction, ps: ReadonlyArray<readonly [number, number]>): boolean[] {
  const flag = { singular: false };
  const run = compile<Box>(f.ast, singularTable(flag));
  return ps.map(([x, y]) => {
    flag.singular = false;
    const out = run({
      variables: new Map([
        ['x', { v: x }],
        ['y', { v: y }],
      ]),
      slots: [],
    });
    return flag.singular || !Number.isFinite(typeof out === 'number' ? out : out.v);
  });
}

const CORNERS: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [0, 1],
  [1, 1],
  [-1, -1],
  [0.5, 0.5],
  [-2, 0],
  [2, 0],
];

/**
 * Random points in [-3, 3]² on a 1/1000 grid, after the corner points: not subnormal numbers, where x/x
 * is already 1/x − x/x² = ∞ − ∞ on the tape.
 */
const coordinate = fc.integer({ min: -3000, max: 3000 }).map((n) => n / 1000);
const points = fc
  .array(fc.tuple(coordinate, coordinate), { minLength: 4, maxLength: 8 })
  .map((ps) => [...CORNERS, ...ps]);

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-7 * (1 + Math.abs(a) + Math.abs(b));

interface Tally {
  compared: number;
  skipped: number;
}

/** Compare values where both are finite; report the first mismatch with its point. */
function agree(
  what: string,
  f: ExprFunction,
  symbolic: Float64Array,
  tape: Float64Array,
  ps: ReadonlyArray<readonly [number, number]>,
  skip: boolean[],
  tally: Tally,
): void {
  for (let i = 0; i < ps.length; i++) {
    const [s, t] = [symbolic[i]!, tape[i]!];
    if (skip[i] || !Number.isFinite(s) || !Number.isFinite(t)) {
      tally.skipped++;
      continue;
    }
    tally.compared++;
    if (!close(s, t)) {
      throw new Error(`${what} of ${f.source} at (x, y) = (${ps[i]!.join(', ')}): symbolic ${s}, tape ${t}`);
    }
  }
}

const data = (t: Tensor): Float64Array => t.data() as Float64Array;

function check(source: string, ps: ReadonlyArray<readonly [number, number]>, second: boolean, tally: Tally): void {
  const f = expr(source, { variables: ['x', 'y'] });
  const X = tensor(ps.map((p) => p[0]));
  const Y = tensor(ps.map((p) => p[1]));
  const skip = singularPoints(f, ps);
  // elementwise formulas: the gradient of the sum is the derivative at every point
  const tapeGrad = (a: Tensor, b: Tensor): Tensor[] =>
    grad((p: Tensor, q: Tensor) => sum(f(p, q)), { argnums: [0, 1] })(a, b) as Tensor[];
  const gradient = f.gradient();
  const tapeG = tapeGrad(X, Y);
  gradient.forEach((df, i) => agree(`d/d${f.variables[i]}`, f, data(df(X, Y)), data(tapeG[i]!), ps, skip, tally));
  if (!second) return;
  const hessian = f.hessian();
  for (const i of [0, 1]) {
    const row = grad((p: Tensor, q: Tensor) => sum(tapeGrad(p, q)[i]!), { argnums: [0, 1] })(X, Y) as Tensor[];
    hessian[i]!.forEach((d2f, j) =>
      agree(`d²/d${f.variables[i]}d${f.variables[j]}`, f, data(d2f(X, Y)), data(row[j]!), ps, skip, tally),
    );
  }
}

describe('derivative: agrees with the tape', () => {
  it('first derivatives of random formulas', () => {
    const tally: Tally = { compared: 0, skipped: 0 };
    fc.assert(
      fc.property(formulaArbitrary(4), points, (s, ps) => {
        check(s, ps, false, tally);
      }),
      { numRuns: 1500, seed: SEED },
    );
    console.log(`compared ${tally.compared} values, skipped ${tally.skipped} (not finite or singular)`);
    expect(tally.compared).toBeGreaterThan(2 * tally.skipped);
  });

  it('second derivatives of random formulas (nested tapes)', () => {
    const tally: Tally = { compared: 0, skipped: 0 };
    fc.assert(
      fc.property(formulaArbitrary(3), points, (s, ps) => {
        check(s, ps, true, tally);
      }),
      { numRuns: 500, seed: SEED },
    );
    console.log(`compared ${tally.compared} values, skipped ${tally.skipped} (not finite or singular)`);
    expect(tally.compared).toBeGreaterThan(2 * tally.skipped);
  });
});
