/**
 * @file The page's one door to the library: every gradtape name the playground uses is re-exported here, so the
 * page stays a thin shell (formula → expr → tape/optimizer → plot → DOM) and a reader sees at a glance which
 * library features it relies on. All math (derivatives, optimizer steps, contours, projection) happens in gradtape.
 */
export { GradientTape, linspace, meshgrid, broadcastTo, scalar, type Tensor } from 'gradtape';
// The barrel did not export the formula language and the optimizers when the page was written; importing their
// own entry points keeps the page independent of that (they are the same modules the barrel re-exports).
export { expr, isExprError, type ExprError, type ExprFunction } from '../src/expr/index.js';
export { descend, parseOptimizerSpec, type Trajectory } from '../src/optim/index.js';
export { Figure, loadTeX, tab10, type Axes, type Axes3D, type Line } from 'gradtape/plot';
