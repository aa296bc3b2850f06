/**
 * @file The page's one door to the library: every gradtape name the playground uses is re-exported here, so the
 * page stays a thin shell (formula → expr → tape/optimizer → plot → DOM) and a reader sees at a glance which
 * library features it relies on. All math (derivatives, optimizer steps, contours, projection) happens in gradtape.
 */
export {
  GradientTape,
  linspace,
  meshgrid,
  broadcastTo,
  scalar,
  expr,
  derivativeLabel,
  isExprError,
  descend,
  describeStop,
  parseOptimizerSpec,
  type Tensor,
  type ExprError,
  type ExprFunction,
  type DerivativeLabel,
  type Trajectory,
  setBackend,
  getBackend,
} from 'gradtape';
export {
  Figure,
  loadTeX,
  measureText,
  renderText,
  tab10,
  type Axes,
  type Axes3D,
  type Line,
  type GridInput,
} from 'gradtape/plot';
