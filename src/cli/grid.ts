/**
 * @file Sampling f(x, y) on a grid for surfaces and contours: numpy's
 * `X, Y = meshgrid(linspace(...), linspace(...)); Z = f(X, Y)` with gradtape ops.
 */
import { broadcastTo, linspace, meshgrid, type Tensor } from '../index.js';
import type { ExprFunction } from '../expr/index.js';

export interface Grid {
  readonly X: Tensor;
  readonly Y: Tensor;
  readonly Z: Tensor;
}

/**
 * Evaluate `f` (a formula of x and y) on an n × n grid over the given ranges. Z has shape
 * [n, n] (rows follow y, as meshgrid's 'xy' indexing), also for formulas that ignore x or y.
 *
 * @example
 * const { X, Y, Z } = sampleGrid(expr('x*y', { variables: ['x', 'y'] }), [-1, 1], [-1, 1], 50);
 */
export function sampleGrid(f: ExprFunction, xRange: readonly [number, number], yRange: readonly [number, number], n: number): Grid {
  const [X, Y] = meshgrid(linspace(xRange[0], xRange[1], n), linspace(yRange[0], yRange[1], n));
  const Z = broadcastTo(f({ x: X, y: Y }), X.shape);
  return { X, Y, Z };
}

/**
 * A [rows, cols] tensor as nested number arrays, for JSON output.
 *
 * @example
 * rows(tensor([[1, 2], [3, 4]])); // [[1, 2], [3, 4]]
 */
export function rows(t: Tensor): number[][] {
  return t.toArray() as number[][];
}
