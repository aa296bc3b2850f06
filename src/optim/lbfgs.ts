/**
 * @file `LBFGS`: limited-memory BFGS over a list of Variables, with a strong-Wolfe (default) or backtracking
 * Armijo line search and a history of m = 10 pairs. `minimize(loss, varList)` performs ONE iteration (several
 * evaluations of `loss` inside the line search) so it drops into the same loop as the gradient optimizers;
 * `run(loss, varList)` iterates to convergence. The maths is float64 whatever the variables' dtype (float32
 * variables receive rounded values), because a quasi-Newton method needs the precision for its curvature pairs.
 */
import { LbfgsState, type LbfgsSettings, type StopReason } from './lbfgs-core.js';
import { checkKeys, describe, num } from './options.js';
import {
  type Variable,
  floatDTypeOf,
  readValues,
  writeValues,
  gradValues,
  valueAndGrads,
  requireSyncRead,
} from './bridge.js';
import { resolveVarList } from './arguments.js';
import type { LossFn, VarList } from './optimizer.js';

export interface LBFGSOptions {
  /** Scale of the first trial step of each line search (default 1, the quasi-Newton step). */
  learningRate?: number;
  /** Number of (s, y) pairs kept (default 10). */
  historySize?: number;
  /** 'strong-wolfe' (default) or 'backtracking' (Armijo only). */
  lineSearch?: 'strong-wolfe' | 'backtracking';
  /** Sufficient-decrease constant (default 1e-4). */
  c1?: number;
  /** Curvature constant of the strong-Wolfe search (default 0.9). */
  c2?: number;
  /** Most loss evaluations per line search (default 25, at most {@link MAX_LINE_SEARCH}). */
  maxLineSearch?: number;
  /** Stop when max |∂f/∂xᵢ| ≤ gradTol (default 1e-7). */
  gradTol?: number;
  /** Stop when |Δf| ≤ fTol·max(1, |f|) (default 1e-12). */
  fTol?: number;
  /** Stop when max |Δxᵢ| ≤ xTol (default 1e-12). */
  xTol?: number;
  /** Iteration cap of `run` (default 100). */
  maxIter?: number;
  /** A name for messages (default 'LBFGS'). */
  name?: string;
}

/**
 * Most loss evaluations one line search may take. Each `minimize` step runs one search, so this bounds the work of
 * a step however the option is set (a spec from a link or a command line cannot keep a worker busy forever);
 * scipy's default is 20 and ours 25, so 1000 leaves room for hard problems.
 */
export const MAX_LINE_SEARCH = 1000;

const KEYS = [
  'learningRate',
  'historySize',
  'lineSearch',
  'c1',
  'c2',
  'maxLineSearch',
  'gradTol',
  'fTol',
  'xTol',
  'maxIter',
  'name',
];

/** What `run` reports. */
export interface LBFGSResult {
  converged: boolean;
  /** Why it stopped ('max iterations' when the cap was hit). */
  reason: StopReason | 'max iterations';
  iterations: number;
  /** Loss (and gradient) evaluations, line searches included. */
  evaluations: number;
  loss: number;
  /** Max-norm of the final gradient. */
  gradNorm: number;
}

/**
 * L-BFGS with a line search.
 * @example
 * const x = new Variable(-1.2), y = new Variable(1);
 * const rosen = () => add(square(sub(1, x)), mul(100, square(sub(y, square(x)))));
 * const res = new LBFGS().run(rosen, [x, y]); // res.converged, x ≈ 1, y ≈ 1 in ~40 iterations
 */
export class LBFGS {
  readonly name: string;
  readonly maxIter: number;
  private readonly settings: LbfgsSettings;
  private state: LbfgsState | undefined;
  private vars: Variable[] = [];
  private readonly warned = new WeakSet<Variable>();
  /** Set when an iteration met a stopping test; further `minimize` calls then do nothing. */
  stopReason: StopReason | undefined;

  constructor(options: LBFGSOptions = {}) {
    const o = checkKeys('LBFGS', options, KEYS);
    this.name = o.name === undefined ? 'LBFGS' : String(o.name);
    const n = this.name;
    const pos = { min: 0, minOpen: true };
    const ls = o.lineSearch ?? 'strong-wolfe';
    if (ls !== 'strong-wolfe' && ls !== 'backtracking') {
      throw new Error(`${n}: lineSearch must be 'strong-wolfe' or 'backtracking' (got ${describe(ls)})`);
    }
    const c1 = num(n, o, 'c1', 1e-4, { min: 0, minOpen: true, max: 1, maxOpen: true });
    const c2 = num(n, o, 'c2', 0.9, { min: c1, minOpen: true, max: 1, maxOpen: true });
    const int = (key: string, fallback: number) => {
      const v = num(n, o, key, fallback, { min: 1 });
      if (!Number.isInteger(v)) throw new Error(`${n}: ${key} must be a positive integer (got ${v})`);
      return v;
    };
    const maxLineSearch = int('maxLineSearch', 25);
    if (maxLineSearch > MAX_LINE_SEARCH) {
      throw new Error(
        `${n}: maxLineSearch must be at most ${MAX_LINE_SEARCH} (got ${maxLineSearch}): each line search evaluates the loss up to maxLineSearch times`,
      );
    }
    this.settings = {
      learningRate: num(n, o, 'learningRate', 1, pos),
      historySize: int('historySize', 10),
      lineSearch: ls,
      c1,
      c2,
      maxLineSearch,
      gradTol: num(n, o, 'gradTol', 1e-7, { min: 0 }),
      fTol: num(n, o, 'fTol', 1e-12, { min: 0 }),
      xTol: num(n, o, 'xTol', 1e-12, { min: 0 }),
    };
    this.maxIter = int('maxIter', 100);
  }

  /** Iterations taken since the variable list last changed. */
  get iterations(): number {
    return this.state?.iterations ?? 0;
  }

  /** Loss evaluations so far (line searches included). */
  get evaluations(): number {
    return this.state?.evaluations ?? 0;
  }

  /** True once a stopping test (gradient, loss change, step size) has been met. */
  get converged(): boolean {
    return this.stopReason === 'gradient' || this.stopReason === 'loss change' || this.stopReason === 'step size';
  }

  /**
   * Forgets the state (point, curvature history, stop reason). Needed only when switching to a different loss on
   * the same variables at the same point: otherwise a change of variables or of their values restarts by itself.
   * @example opt.reset();
   */
  reset(): this {
    this.state = undefined;
    this.stopReason = undefined;
    this.vars = [];
    return this;
  }

  /**
   * One L-BFGS iteration on `varList`; returns the loss before the step (as the gradient optimizers do).
   * @example for (let i = 0; i < 50 && !opt.converged; i++) opt.minimize(loss, [x, y]);
   */
  minimize(loss: LossFn, varList: VarList): number {
    const vars = this.prepare(loss, varList, 'minimize');
    const state = this.state!;
    const before = state.f;
    if (this.stopReason === undefined) this.stopReason = state.iterate(this.objective(loss, vars), this.settings);
    writeFlat(vars, state.x);
    return before;
  }

  /**
   * Iterates until a stopping test holds or `maxIter` iterations (default: the constructor's) have run.
   * @example const { converged, iterations, loss } = new LBFGS().run(loss, [x, y]);
   */
  run(loss: LossFn, varList: VarList, opts: { maxIter?: number } = {}): LBFGSResult {
    const o = checkKeys(`${this.name}.run`, opts, ['maxIter']);
    const maxIter = num(`${this.name}.run`, o, 'maxIter', this.maxIter, { min: 0 });
    this.prepare(loss, varList, 'run');
    const start = this.state!.iterations;
    while (this.stopReason === undefined && this.state!.iterations - start < maxIter) this.minimize(loss, varList);
    const s = this.state!;
    return {
      converged: this.converged,
      reason: this.stopReason ?? 'max iterations',
      iterations: s.iterations,
      evaluations: s.evaluations,
      loss: s.f,
      gradNorm: s.g.reduce((m, v) => Math.max(m, Math.abs(v)), 0),
    };
  }

  /** Validates the call, and (re)starts the state when the variables changed or were moved from outside. */
  private prepare(loss: LossFn, varList: VarList, fn: string): Variable[] {
    const list = resolveVarList(this.name, loss, varList, fn);
    requireSyncRead(`${this.name}.${fn}`, list);
    const x = readFlat(list);
    const sameVars = list.length === this.vars.length && list.every((v, i) => v === this.vars[i]);
    const s = this.state;
    if (!sameVars || s === undefined || x.some((v, i) => v !== s.x[i])) {
      // New problem or a point moved by the user: evaluate there; keep the curvature history only for the same variables.
      const fresh = new LbfgsState(x, this.objective(loss, list)(x));
      this.state = fresh;
      this.stopReason = undefined;
      this.vars = list;
    }
    return list;
  }

  private objective(loss: LossFn, vars: Variable[]) {
    return (x: Float64Array) => {
      writeFlat(vars, x);
      const { value, grads } = valueAndGrads(loss, vars, this.name);
      const g = new Float64Array(x.length);
      let off = 0;
      vars.forEach((v, i) => {
        const gi = grads[i];
        if (gi === null || gi === undefined) this.warnNoGradient(v);
        else g.set(gradValues(gi, v, this.name, 'minimize', 0), off);
        off += sizeOfVar(v);
      });
      return { f: value, g };
    };
  }

  private warnNoGradient(v: Variable): void {
    if (this.warned.has(v)) return;
    this.warned.add(v);
    console.warn(
      `${this.name}: gradient for variable '${v.name}' is null (the loss does not depend on it); treating it as zero.`,
    );
  }
}

const sizeOfVar = (v: Variable): number => v.shape.reduce((a, b) => a * b, 1);

function readFlat(vars: Variable[]): Float64Array {
  const x = new Float64Array(vars.reduce((n, v) => n + sizeOfVar(v), 0));
  let off = 0;
  for (const v of vars) {
    x.set(readValues(v, floatDTypeOf(v, 'LBFGS')), off);
    off += sizeOfVar(v);
  }
  return x;
}

function writeFlat(vars: Variable[], x: Float64Array): void {
  let off = 0;
  for (const v of vars) {
    const n = sizeOfVar(v);
    const part = x.subarray(off, off + n);
    writeValues(v, floatDTypeOf(v, 'LBFGS') === 'float32' ? Float32Array.from(part) : Float64Array.from(part));
    off += n;
  }
}
