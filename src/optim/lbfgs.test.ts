/** @file L-BFGS: line searches on 1-D slices, convergence on a convex quadratic, the one-iteration `minimize`, validation. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Variable, add, mul, square, sub, sum, tensor } from '../index.js';
import { LBFGS } from './index.js';
import { backtracking, cubicMin, strongWolfe, type SlicePoint } from './line-search.js';

/** φ(a) for f(x) = (x − 3)⁴ + x² along d = 1 from x = 0. */
const phi = (a: number): SlicePoint => ({
  a,
  f: (a - 3) ** 4 + a * a,
  d: 4 * (a - 3) ** 3 + 2 * a,
  g: new Float64Array([4 * (a - 3) ** 3 + 2 * a]),
});
const settings = { c1: 1e-4, c2: 0.9, maxEvals: 25 };

describe('line searches', () => {
  it('cubicMin finds the minimiser of a cubic through two points and clamps to the bracket', () => {
    // c(a) = a³ − 3a: minimum at a = 1.
    const c = (a: number) => [a ** 3 - 3 * a, 3 * a * a - 3] as const;
    const [f0, d0] = c(0);
    const [f2, d2] = c(2);
    expect(cubicMin(0, f0, d0, 2, f2, d2, 0, 2)).toBeCloseTo(1, 12);
    expect(cubicMin(0, f0, d0, 2, f2, d2, 1.5, 2)).toBe(1.5);
  });
  it('strong Wolfe returns a step meeting both conditions', () => {
    const start = phi(0);
    for (const a1 of [0.01, 1, 10]) {
      const { point, ok } = strongWolfe(phi, start, a1, settings);
      expect(ok).toBe(true);
      expect(point.f).toBeLessThanOrEqual(start.f + 1e-4 * point.a * start.d);
      expect(Math.abs(point.d)).toBeLessThanOrEqual(0.9 * Math.abs(start.d));
    }
  });
  it('backtracking returns an Armijo step, halving from the first trial', () => {
    const start = phi(0);
    const { point, ok, evals } = backtracking(phi, start, 64, settings);
    expect(ok).toBe(true);
    expect(point.f).toBeLessThanOrEqual(start.f + 1e-4 * point.a * start.d);
    expect(point.a).toBe(64 / 2 ** (evals - 1));
  });
});

describe('LBFGS', () => {
  afterEach(() => vi.restoreAllMocks());
  it('solves a 6-D ill-conditioned quadratic to the gradient tolerance', () => {
    const scales = [1, 10, 100, 1000, 3, 0.5];
    const target = [1, -2, 3, 0.5, -1, 4];
    const w = new Variable(new Array(6).fill(0), { name: 'w' });
    const loss = () => sum(mul(tensor(scales), square(sub(w, tensor(target)))));
    const res = new LBFGS({ gradTol: 1e-9, fTol: 0 }).run(loss, [w]);
    expect(res.converged).toBe(true);
    expect(res.reason).toBe('gradient');
    // scipy's L-BFGS-B (maxcor 10) needs 55 iterations on this problem.
    expect(res.iterations).toBeLessThan(70);
    Array.from(w.value().data()).forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 8));
  });
  it('minimize does one iteration and returns the loss before it', () => {
    const x = new Variable(3);
    const opt = new LBFGS();
    const loss = () => square(sub(x, 1));
    expect(opt.minimize(loss, [x])).toBe(4);
    expect(opt.iterations).toBe(1);
    expect(opt.evaluations).toBeGreaterThanOrEqual(2);
    // The quadratic is solved by the first quasi-Newton step (a = 1 / ‖g‖ scaled: exact for a 1-D parabola after one more).
    for (let i = 0; i < 5 && !opt.converged; i++) opt.minimize(loss, [x]);
    expect(x.value().item()).toBeCloseTo(1, 10);
    // Once converged, further calls leave the point alone.
    const before = x.value().item();
    opt.minimize(loss, [x]);
    expect(x.value().item()).toBe(before);
  });
  it('restarts from a point moved by the user, and keeps float32 variables float32', () => {
    const x = new Variable([2, -1], { dtype: 'float32' });
    const opt = new LBFGS();
    const loss = () => sum(square(x));
    opt.minimize(loss, [x]);
    x.assign(new Float32Array([5, 5]));
    expect(opt.minimize(loss, [x])).toBe(50);
    expect(x.dtype).toBe('float32');
    expect(opt.run(loss, [x]).converged).toBe(true);
    Array.from(x.value().data()).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-6));
  });
  it('treats a null gradient as zero with one warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [x, idle] = [new Variable(2), new Variable(7, { name: 'idle' })];
    new LBFGS().run(() => square(x), [x, idle]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/LBFGS: gradient for variable 'idle' is null/);
    expect(idle.value().item()).toBe(7);
    expect(Math.abs(x.value().item())).toBeLessThan(1e-6);
  });
  it('reports max iterations when capped', () => {
    const [x, y] = [new Variable(-1.2), new Variable(1)];
    const res = new LBFGS().run(() => add(square(sub(1, x)), mul(100, square(sub(y, square(x))))), [x, y], {
      maxIter: 3,
    });
    expect(res).toMatchObject({ converged: false, reason: 'max iterations', iterations: 3 });
  });
  it.each([
    [() => new LBFGS({ historySize: 0 }), /LBFGS: historySize must be >= 1/],
    [() => new LBFGS({ historySize: 2.5 }), /LBFGS: historySize must be a positive integer/],
    [() => new LBFGS({ lineSearch: 'wolfe' as never }), /LBFGS: lineSearch must be 'strong-wolfe' or 'backtracking'/],
    [() => new LBFGS({ c1: 0.5, c2: 0.1 }), /LBFGS: c2 must be in \(0.5, 1\)/],
    [
      () => new LBFGS({ history_size: 5 } as never),
      /LBFGS: unknown option 'history_size' \(did you mean 'historySize'\?\)/,
    ],
    [() => new LBFGS().minimize(() => tensor(1), []), /LBFGS.minimize: varList must be a non-empty array/],
    [
      () => new LBFGS().minimize(() => tensor(1), [tensor(1) as never]),
      /LBFGS.minimize: varList\[0\] must be a Variable/,
    ],
    [() => new LBFGS().run(() => tensor([1, 2]), [new Variable(1)]), /LBFGS.minimize: loss\(\) must return a scalar/],
  ] as const)('%#', (fn, msg) => expect(fn).toThrow(msg));
});

describe('LBFGS state', () => {
  it('reset() forgets a converged state so a new loss on the same point is optimised', () => {
    const x = new Variable(0);
    const opt = new LBFGS();
    opt.run(() => square(x), [x]);
    expect(opt.converged).toBe(true);
    opt.reset();
    const res = opt.run(() => square(sub(x, 2)), [x]);
    expect(res.converged).toBe(true);
    expect(x.value().item()).toBeCloseTo(2, 8);
  });
});
