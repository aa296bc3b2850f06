/**
 * @file Sampling f(x, y) on a grid for surfaces and contours: numpy's
 * `X, Y = meshgrid(linspace(...), linspace(...)); Z = f(X, Y)` with gradtape ops.
 */
import { broadcastTo, linspace, meshgrid, type Tensor } from '../index.js';
import type { ExprFunction } from '../expr/index.js';
import { UsageError } from './errors.js';
import { fmt } from './io.js';

/** A sampled grid as host values (rows follow y), read back from whichever backend computed it. */
export interface Grid {
  readonly X: number[][];
  readonly Y: number[][];
  readonly Z: number[][];
}

/**
 * Evaluate `f` (a formula of x and y) on an n × n grid over the given ranges. Z has shape
 * [n, n] (rows follow y, as meshgrid's 'xy' indexing), also for formulas that ignore x or y.
 *
 * @example
 * const { X, Y, Z } = await sampleGrid(expr('x*y', { variables: ['x', 'y'] }), [-1, 1], [-1, 1], 50);
 */
export async function sampleGrid(
  f: ExprFunction,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  n: number,
): Promise<Grid> {
  const [X, Y] = meshgrid(linspace(xRange[0], xRange[1], n), linspace(yRange[0], yRange[1], n));
  const Z = broadcastTo(f({ x: X, y: Y }), X.shape);
  const host = async (t: Tensor) => (await t.array()) as number[][];
  return { X: await host(X), Y: await host(Y), Z: await host(Z) };
}

/** What the finite values of a grid span, and how many samples are NaN or ±Infinity. */
export interface DefinedRange {
  readonly min: number;
  readonly max: number;
  readonly undefinedPoints: number;
}

/**
 * The range of Z's finite values. A formula with no finite value on the whole grid (sqrt(-1 - x^2))
 * would draw a blank figure, so it is the user's error (exit 2), naming the ranges to change.
 *
 * @throws UsageError when no value of Z is finite.
 * @example
 * definedRange(Z, f, [-1, 1], [-1, 1], 'surface'); // { min: -0.39, max: 0.39, undefinedPoints: 0 }
 */
export function definedRange(
  Z: readonly number[][],
  f: ExprFunction,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
  command: string,
): DefinedRange {
  let min = Infinity,
    max = -Infinity,
    undefinedPoints = 0;
  for (const v of Z.flat()) {
    if (!Number.isFinite(v)) undefinedPoints++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (min > max) {
    throw new UsageError(
      `f(x, y) = ${f.toString()} is undefined or infinite everywhere on the grid x in [${fmt(xRange[0])}, ${fmt(xRange[1])}], ` +
        `y in [${fmt(yRange[0])}, ${fmt(yRange[1])}]; pick --x and --y ranges where it is defined`,
      command,
    );
  }
  return { min, max, undefinedPoints };
}

/**
 * The note printed when part of the grid is undefined, or '' when all of it is defined.
 *
 * @example
 * undefinedNote({ min: 0, max: 1, undefinedPoints: 25 }, 100); // 'note: f(x, y) is undefined or infinite at 25 of 100 grid points; …'
 */
export function undefinedNote(r: DefinedRange, total: number): string {
  return r.undefinedPoints > 0
    ? `note: f(x, y) is undefined or infinite at ${r.undefinedPoints} of ${total} grid points; those parts are left out.`
    : '';
}
