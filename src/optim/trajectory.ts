/**
 * @file `descend`: runs an optimizer on a function from a start point and records the path — points, losses and
 * gradient norms at every visited point. It is the data behind the descent animation, the CLI's `descend` race and
 * the web page. `race` runs several optimizers from the same start. `isDiverged` and `describeStop` are the one
 * divergence rule and the one wording of how a path ended, so the CLI and the playground always agree.
 */
import { Variable, requireSyncRead, valueAndGrads } from './bridge.js';
import { Optimizer } from './optimizer.js';
import { LBFGS } from './lbfgs.js';
import { optimizerFromSpec, type AnyOptimizer } from './spec.js';
import { checkKeys, describe, num } from './options.js';
import { withDisplay } from './trajectory-display.js';

/** A start point: coordinates in order (f gets one scalar Variable per coordinate) or named ones (f gets an object). */
export type StartPoint = readonly number[] | Readonly<Record<string, number>>;

export interface DescendOptions {
  /** An optimizer instance (use a fresh one) or a spec such as `'sgd:lr=0.01'` (default `'sgd'`, lr 0.01). */
  optimizer?: AnyOptimizer | string;
  /** Most optimizer steps (default 100). */
  steps?: number;
  /** Stop once the gradient's L2 norm is ≤ tol (default 0: only at an exact stationary point). */
  tol?: number;
  /** dtype of the coordinate Variables (default float64). */
  dtype?: 'float64' | 'float32';
}

/** The recorded path. All arrays have one entry per visited point (start included). */
export interface Trajectory {
  /** Optimizer label (its name, or the spec string it was built from). */
  label: string;
  /** Coordinate names: the start object's keys, else x, y, z (or x0, x1, … beyond three). */
  names: string[];
  points: number[][];
  losses: number[];
  gradNorms: number[];
  /** True when the gradient-norm tolerance (or LBFGS's own test) was met. */
  converged: boolean;
  /** Optimizer steps taken (points.length − 1). */
  steps: number;
  stopReason: 'tolerance' | 'max steps' | 'diverged' | 'optimizer stopped';
}

/** @inline Any function of the start point's coordinates that returns a scalar loss. */
type Fn = (...args: any[]) => unknown;

/**
 * Runs `optimizer` on `f` from `start` and records the path.
 * @example
 * const f = (x, y) => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);
 * const tr = descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=0.01', steps: 120 });
 * tr.points.at(-1); // final (x, y)
 */
export function descend(f: Fn, start: StartPoint, options: DescendOptions = {}): Trajectory {
  const o = checkKeys('descend', options, ['optimizer', 'steps', 'tol', 'dtype']);
  requireSyncRead('descend');
  if (typeof f !== 'function')
    throw new Error(`descend: f must be a function of Variables returning a scalar Tensor (got ${describe(f)})`);
  const { names, coords, named } = parseStart(start);
  const steps = num('descend', o, 'steps', 100, { min: 0 });
  if (!Number.isInteger(steps)) throw new Error(`descend: steps must be a non-negative integer (got ${steps})`);
  const tol = num('descend', o, 'tol', 0, { min: 0 });
  const dtype = o.dtype ?? 'float64';
  if (dtype !== 'float64' && dtype !== 'float32')
    throw new Error(`descend: dtype must be 'float64' or 'float32' (got ${describe(dtype)})`);
  const spec = o.optimizer ?? 'sgd';
  const opt = typeof spec === 'string' ? optimizerFromSpec(spec) : spec;
  if (!(opt instanceof Optimizer) && !(opt instanceof LBFGS)) {
    throw new Error(
      `descend: optimizer must be an optimizer instance or a spec string like 'adam:lr=0.1' (got ${describe(opt)})`,
    );
  }
  const vars = coords.map((c, i) => new Variable(c, { name: names[i], dtype }));
  const loss = named ? () => f(Object.fromEntries(names.map((n, i) => [n, vars[i]]))) : () => f(...vars);
  const tr: Trajectory = {
    label: typeof spec === 'string' ? spec : opt.name,
    names,
    points: [],
    losses: [],
    gradNorms: [],
    converged: false,
    steps: 0,
    stopReason: 'max steps',
  };
  for (;;) {
    const { value, grads } = valueAndGrads(loss, vars, 'descend', '');
    const point = vars.map((v) => v.value().item());
    const gradNorm = Math.sqrt(grads.reduce((s, g) => s + (g === null ? 0 : sumSquares(g.data())), 0));
    tr.points.push(point);
    tr.losses.push(value);
    tr.gradNorms.push(gradNorm);
    if (isDiverged(tr.losses[0]!, value, point)) {
      tr.stopReason = 'diverged';
      break;
    }
    if (gradNorm <= tol) {
      [tr.converged, tr.stopReason] = [true, 'tolerance'];
      break;
    }
    if (tr.steps === steps) break;
    if (opt instanceof LBFGS) {
      // One L-BFGS iteration per step; when its own stopping test fires without moving, the path ends here.
      const before = opt.iterations;
      if (opt.stopReason === undefined) opt.minimize(loss, vars);
      if (opt.iterations === before) {
        [tr.converged, tr.stopReason] = [opt.converged, 'optimizer stopped'];
        break;
      }
    } else {
      opt.applyGradients(grads.map((g, i) => [g, vars[i]!] as const));
    }
    tr.steps++;
  }
  return withDisplay(tr);
}

/**
 * How far the loss may move from its starting value, in units of max(1, |f(start)|), before a path counts as
 * diverged. A minimiser that sends f from 0.3 to 1e12 (or towards −∞ that fast) is not converging, and waiting
 * for float overflow would make the verdict depend on the step budget (SGD with lr 10 on x² + y² reaches 1e306
 * in 120 steps and overflows only at 121).
 */
export const DIVERGENCE_FACTOR = 1e12;

/**
 * The one divergence rule of `descend`, shared by the CLI and the web playground: the loss or a coordinate is not
 * finite, or the loss has moved more than {@link DIVERGENCE_FACTOR} × max(1, |startLoss|) from its start.
 * @example isDiverged(0.3125, 2.5e13, [1e6, -2e6]) // → true
 */
export function isDiverged(startLoss: number, loss: number, point: readonly number[]): boolean {
  if (typeof startLoss !== 'number' || typeof loss !== 'number')
    throw new TypeError(
      `isDiverged: startLoss and loss must be numbers (got ${describe(startLoss)}, ${describe(loss)})`,
    );
  if (!Array.isArray(point) || point.some((v) => typeof v !== 'number'))
    throw new TypeError(`isDiverged: point must be an array of numbers (got ${describe(point)})`);
  if (!Number.isFinite(loss) || !point.every(Number.isFinite)) return true;
  return Math.abs(loss - startLoss) > DIVERGENCE_FACTOR * Math.max(1, Math.abs(startLoss));
}

/**
 * How a path ended, in the words the CLI and the playground both print.
 * @example describeStop(descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=10' })) // → 'diverged at step 5 (f went from 0.3125 to 1.916e+12)'
 */
export function describeStop(tr: Trajectory): string {
  if (
    typeof tr !== 'object' ||
    tr === null ||
    !Array.isArray(tr.losses) ||
    tr.losses.length === 0 ||
    !Array.isArray(tr.points) ||
    tr.points.length !== tr.losses.length
  )
    throw new TypeError(`describeStop: tr must be a Trajectory made by descend (got ${describe(tr)})`);
  const last = tr.losses[tr.losses.length - 1]!;
  switch (tr.stopReason) {
    case 'diverged':
      if (Number.isNaN(last)) return `stopped at step ${tr.steps}: f is undefined (NaN) there`;
      return Number.isFinite(last) && tr.points[tr.points.length - 1]!.every(Number.isFinite)
        ? `diverged at step ${tr.steps} (f went from ${short(tr.losses[0]!)} to ${short(last)})`
        : `diverged at step ${tr.steps} (the values overflowed)`;
    case 'tolerance':
      return `converged in ${tr.steps} steps`;
    case 'optimizer stopped':
      return tr.converged ? `converged in ${tr.steps} steps` : `stopped after ${tr.steps} steps`;
    default:
      return `${tr.steps} steps (the step budget)`;
  }
}

/** Four significant digits, exponent form for large or tiny magnitudes: 0.3125, 112.8, 1.916e+12. */
const short = (v: number): string => {
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-4)
    ? v.toExponential(3).replace(/\.?0+e/, 'e')
    : String(Number(v.toPrecision(4)));
};

/**
 * Runs several optimizers from the same start (each spec builds a fresh optimizer) — the CLI/web "race".
 * @example race(f, [0.25, -0.5], ['sgd:lr=0.01', 'rmsprop:lr=0.01', 'adam:lr=0.05'], { steps: 200 })
 */
export function race(
  f: Fn,
  start: StartPoint,
  optimizers: readonly (AnyOptimizer | string)[],
  options: Omit<DescendOptions, 'optimizer'> = {},
): Trajectory[] {
  if (!Array.isArray(optimizers) || optimizers.length === 0) {
    throw new Error(
      `race: optimizers must be a non-empty array of optimizers or spec strings (got ${describe(optimizers)})`,
    );
  }
  checkKeys('race', options, ['steps', 'tol', 'dtype']);
  requireSyncRead('race');
  return optimizers.map((optimizer) => descend(f, start, { ...options, optimizer }));
}

function sumSquares(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return s;
}

function parseStart(start: StartPoint): { names: string[]; coords: number[]; named: boolean } {
  const bad = () =>
    new Error(
      `descend: start must be a non-empty array of finite numbers or an object of them, e.g. [0.25, -0.5] or { x: 0.25, y: -0.5 } (got ${describe(start)})`,
    );
  if (Array.isArray(start)) {
    if (start.length === 0 || !start.every((c) => typeof c === 'number' && Number.isFinite(c))) throw bad();
    const names = start.length <= 3 ? ['x', 'y', 'z'].slice(0, start.length) : start.map((_c, i) => `x${i}`);
    return { names, coords: [...start], named: false };
  }
  if (start === null || typeof start !== 'object') throw bad();
  const entries = Object.entries(start);
  if (entries.length === 0 || !entries.every(([, c]) => typeof c === 'number' && Number.isFinite(c))) throw bad();
  return { names: entries.map(([k]) => k), coords: entries.map(([, c]) => c), named: true };
}
