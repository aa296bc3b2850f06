/**
 * @file L-BFGS numerics on a flat float64 vector: the two-loop recursion over the last m (s, y) pairs, a line
 * search along the resulting direction, the curvature-guarded history update and the stopping tests. Knows nothing
 * of tensors: `LBFGS` (lbfgs.ts) flattens Variables into x and supplies the objective.
 */
import { backtracking, strongWolfe, type SlicePoint } from './line-search.js';

/** f and ∇f at x. */
export type Objective = (x: Float64Array) => { f: number; g: Float64Array };

/** Numerical settings (validated by `LBFGS`). */
export interface LbfgsSettings {
  historySize: number;
  lineSearch: 'strong-wolfe' | 'backtracking';
  c1: number;
  c2: number;
  maxLineSearch: number;
  /** Scale of the first trial step of every line search (1 is the quasi-Newton step). */
  learningRate: number;
  gradTol: number;
  fTol: number;
  xTol: number;
}

/** Why an iteration ended the run (or `undefined` to keep going). */
export type StopReason = 'gradient' | 'loss change' | 'step size' | 'line search failed' | 'non-finite loss';

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

/**
 * The optimizer state between iterations.
 * @example
 * const s = new LbfgsState(x0, objective(x0));
 * while (s.iterate(objective, settings) === undefined);
 */
export class LbfgsState {
  private readonly s: Float64Array[] = [];
  private readonly y: Float64Array[] = [];
  private readonly rho: number[] = [];
  x: Float64Array;
  f: number;
  g: Float64Array;
  iterations = 0;
  evaluations = 1;

  constructor(x: Float64Array, first: { f: number; g: Float64Array }) {
    this.x = x;
    this.f = first.f;
    this.g = first.g;
  }

  /** Forgets the curvature history (after a failed search or when the point was moved from outside). */
  resetHistory(): void {
    this.s.length = this.y.length = this.rho.length = 0;
  }

  /** −H·g by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I from the newest pair. */
  direction(): Float64Array {
    const q = Float64Array.from(this.g, (v) => -v);
    const k = this.s.length;
    const alpha = new Array<number>(k);
    for (let i = k - 1; i >= 0; i--) {
      alpha[i] = this.rho[i]! * dot(this.s[i]!, q);
      const yi = this.y[i]!;
      for (let j = 0; j < q.length; j++) q[j]! -= alpha[i]! * yi[j]!;
    }
    if (k > 0) {
      const gamma = dot(this.s[k - 1]!, this.y[k - 1]!) / dot(this.y[k - 1]!, this.y[k - 1]!);
      for (let j = 0; j < q.length; j++) q[j]! *= gamma;
    }
    for (let i = 0; i < k; i++) {
      const beta = this.rho[i]! * dot(this.y[i]!, q);
      const si = this.s[i]!;
      for (let j = 0; j < q.length; j++) q[j]! += (alpha[i]! - beta) * si[j]!;
    }
    return q;
  }

  /** One iteration: direction, line search, history update. Returns a stop reason, or undefined to continue. */
  iterate(objective: Objective, o: LbfgsSettings): StopReason | undefined {
    if (!Number.isFinite(this.f)) return 'non-finite loss';
    if (maxAbs(this.g) <= o.gradTol) return 'gradient';
    let d = this.direction();
    let slope = dot(this.g, d);
    if (!(slope < 0)) {
      // Not a descent direction (bad curvature pairs): restart from steepest descent.
      this.resetHistory();
      d = Float64Array.from(this.g, (v) => -v);
      slope = dot(this.g, d);
    }
    const start: SlicePoint & { x: Float64Array } = { a: 0, f: this.f, d: slope, g: this.g, x: this.x };
    const xs = new Map<number, Float64Array>();
    const phi = (a: number): SlicePoint => {
      const xa = Float64Array.from(this.x, (v, i) => v + a * d[i]!);
      const { f, g } = objective(xa);
      this.evaluations++;
      xs.set(a, xa);
      return { a, f, d: dot(g, d), g };
    };
    // Without history the direction is −g, whose length is arbitrary: scale the first trial to a unit step.
    const a1 = o.learningRate * (this.s.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1);
    const search = o.lineSearch === 'strong-wolfe' ? strongWolfe : backtracking;
    const res = search(phi, start, a1, { c1: o.c1, c2: o.c2, maxEvals: o.maxLineSearch });
    if (res.point.a === 0 || !(res.point.f <= this.f)) {
      if (this.s.length > 0) {
        this.resetHistory();
        return this.iterate(objective, o);
      }
      return 'line search failed';
    }
    const xNew = xs.get(res.point.a)!;
    const s = Float64Array.from(xNew, (v, i) => v - this.x[i]!);
    const y = Float64Array.from(res.point.g, (v, i) => v - this.g[i]!);
    const sy = dot(s, y);
    // Keep the pair only with positive curvature, so H stays positive definite.
    if (sy > 1e-10 * Math.max(1, dot(y, y))) {
      this.s.push(s);
      this.y.push(y);
      this.rho.push(1 / sy);
      if (this.s.length > o.historySize) {
        this.s.shift();
        this.y.shift();
        this.rho.shift();
      }
    }
    const fOld = this.f;
    this.x = xNew;
    this.f = res.point.f;
    this.g = res.point.g;
    this.iterations++;
    if (maxAbs(this.g) <= o.gradTol) return 'gradient';
    if (Math.abs(fOld - this.f) <= o.fTol * Math.max(1, Math.abs(fOld), Math.abs(this.f))) return 'loss change';
    if (maxAbs(s) <= o.xTol) return 'step size';
    return undefined;
  }
}
