/**
 * @file The tutorial's descent and the convergence targets: 120 SGD(0.01) steps of f(x, y) = (sin 4x − cos 5y)/5
 * from (0.25, −0.5) checked step by step against a plain loop with the analytic gradient; Adam and L-BFGS reach the
 * Rosenbrock minimum from (−1.2, 1).
 */
import { describe, expect, it } from 'vitest';
import { Variable, add, cos, div, jit, mul, sin, square, sub } from '../index.js';
import { Adam, LBFGS, SGD } from './index.js';

const f = (x: Variable, y: Variable) => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);
const rosenbrock = (x: Variable, y: Variable) => () => add(square(sub(1, x)), mul(100, square(sub(y, square(x)))));

describe('the tutorial: SGD(0.01) on f(x, y) = (sin 4x − cos 5y)/5', () => {
  it('matches the plain update loop with the analytic gradient at every one of 120 steps', () => {
    const x = new Variable(0.25, { name: 'x' });
    const y = new Variable(-0.5, { name: 'y' });
    const opt = new SGD({ learningRate: 0.01 });
    let [px, py] = [0.25, -0.5];
    for (let step = 1; step <= 120; step++) {
      const loss = opt.minimize(() => f(x, y), [x, y]);
      expect(loss).toBeCloseTo((Math.sin(4 * px) - Math.cos(5 * py)) / 5, 14);
      // ∂f/∂x = 0.8 cos 4x, ∂f/∂y = sin 5y
      [px, py] = [px - 0.01 * 0.8 * Math.cos(4 * px), py - 0.01 * Math.sin(5 * py)];
      const [gx, gy] = [x.value().item(), y.value().item()];
      expect(Math.abs(gx - px), `x at step ${step}`).toBeLessThanOrEqual(1e-12 * Math.abs(px));
      expect(Math.abs(gy - py), `y at step ${step}`).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(py), 1e-300));
    }
    expect(opt.iterations).toBe(120);
    // It went downhill towards the minimum at (−π/8, 0).
    expect(x.value().item()).toBeLessThan(0.25);
    expect(Math.abs(y.value().item())).toBeLessThan(0.5);
  });
});

describe('a jitted loss', () => {
  it('minimize(jit(loss)) follows the same 120 steps (the fast path the benchmark reports)', () => {
    const x = new Variable(0.25);
    const y = new Variable(-0.5);
    const opt = new SGD({ learningRate: 0.01 });
    const loss = jit(() => f(x, y));
    let [px, py] = [0.25, -0.5];
    for (let step = 1; step <= 120; step++) {
      opt.minimize(loss, [x, y]);
      [px, py] = [px - 0.01 * 0.8 * Math.cos(4 * px), py - 0.01 * Math.sin(5 * py)];
    }
    expect(Math.abs(x.value().item() - px)).toBeLessThanOrEqual(1e-12 * Math.abs(px));
    expect(Math.abs(y.value().item() - py)).toBeLessThanOrEqual(1e-12 * Math.abs(py));
  });
});

describe('Rosenbrock from (−1.2, 1)', () => {
  it('Adam(0.05) reaches (1, 1) to within 1e-4', () => {
    const [x, y] = [new Variable(-1.2), new Variable(1)];
    const opt = new Adam({ learningRate: 0.05 });
    for (let i = 0; i < 2500; i++) opt.minimize(rosenbrock(x, y), [x, y]);
    expect(Math.abs(x.value().item() - 1)).toBeLessThan(1e-4);
    expect(Math.abs(y.value().item() - 1)).toBeLessThan(1e-4);
  });
  it.each(['strong-wolfe', 'backtracking'] as const)(
    'L-BFGS (%s) reaches (1, 1) to within 1e-4 in under 100 iterations',
    (lineSearch) => {
      const [x, y] = [new Variable(-1.2), new Variable(1)];
      const res = new LBFGS({ lineSearch }).run(rosenbrock(x, y), [x, y]);
      expect(res.converged).toBe(true);
      expect(res.iterations).toBeLessThan(100);
      expect(Math.abs(x.value().item() - 1)).toBeLessThan(1e-4);
      expect(Math.abs(y.value().item() - 1)).toBeLessThan(1e-4);
      expect(res.loss).toBeLessThan(1e-12);
    },
  );
});
