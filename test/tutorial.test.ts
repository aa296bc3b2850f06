/**
 * @file The tutorial "Computing Derivatives and Gradients Automatically with TensorFlow", step by step,
 * checked against the closed-form derivatives.
 */
import { describe, it, expect } from 'vitest';
import * as g from '../src/index.js';
import { GradientTape, Variable, linspace, type Tensor } from '../src/index.js';
import { expectAllClose, mapValues } from './helpers/matchers.js';

describe('tutorial', () => {
  it('d/dx (x² + 1) over linspace(-5, 5, 100) is 2x', () => {
    const x = linspace(-5, 5, 100);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.add(g.pow(x, 2), 1);
    });
    const dydx = tape.gradient(y, x) as Tensor;
    expect(dydx.shape).toEqual([100]);
    expectAllClose(
      y,
      mapValues(x, (v) => v * v + 1),
      { rtol: 1e-14 },
    );
    expectAllClose(
      dydx,
      mapValues(x, (v) => 2 * v),
      { rtol: 1e-14, atol: 1e-14 },
    );
  });
  it('the same with a Variable, square(), and the method style', () => {
    const x = new Variable(linspace(-5, 5, 100), { name: 'x' });
    const tape = new GradientTape();
    const y = tape.record(() => x.value().square().add(1));
    expectAllClose(
      tape.gradient(y, x),
      mapValues(x.value(), (v) => 2 * v),
      { rtol: 1e-14, atol: 1e-14 },
    );
  });
  it('d/dx (5 sin(2x) + x²) is 10 cos(2x) + 2x', () => {
    const x = linspace(-5, 5, 100);
    const tape = new GradientTape();
    const y = tape.record(() => {
      tape.watch(x);
      return g.add(g.mul(5, g.sin(g.mul(2, x))), g.pow(x, 2));
    });
    expectAllClose(
      tape.gradient(y, x),
      mapValues(x, (v) => 10 * Math.cos(2 * v) + 2 * v),
      { rtol: 1e-12, atol: 1e-12 },
    );
  });
  it('partials of (sin(4x) − cos(5y))/5 for Variables through a persistent tape: together and one at a time', () => {
    const x = new Variable(linspace(-1, 1, 100), { name: 'x' });
    const y = new Variable(linspace(-1, 1, 100), { name: 'y' });
    const tape = new GradientTape({ persistent: true });
    const f = tape.record(() => g.div(g.sub(g.sin(g.mul(4, x)), g.cos(g.mul(5, y))), 5));
    const [dfdx, dfdy] = tape.gradient(f, [x, y]) as Tensor[];
    const xs = x.value(),
      ys = y.value();
    const wantX = mapValues(xs, (v) => (4 / 5) * Math.cos(4 * v));
    const wantY = mapValues(ys, (v) => Math.sin(5 * v));
    expectAllClose(dfdx, wantX, { rtol: 1e-12, atol: 1e-14 });
    expectAllClose(dfdy, wantY, { rtol: 1e-12, atol: 1e-14 });
    expectAllClose(tape.gradient(f, x), wantX, { rtol: 1e-12, atol: 1e-14 });
    expectAllClose(tape.gradient(f, y), wantY, { rtol: 1e-12, atol: 1e-14 });
  });
  it('the same partials over a meshgrid (the contour-plot cell), as an object of sources', () => {
    const [X, Y] = g.meshgrid(linspace(-1, 1, 20), linspace(-1, 1, 30));
    const x = new Variable(X),
      y = new Variable(Y);
    const tape = new GradientTape();
    const f = tape.record(() => g.div(g.sub(g.sin(g.mul(4, x)), g.cos(g.mul(5, y))), 5));
    expect(f.shape).toEqual([30, 20]);
    const d = tape.gradient(f, { x, y }, { unconnectedGradients: 'zero' });
    expectAllClose(
      d.x,
      mapValues(X, (v) => 0.8 * Math.cos(4 * v)).map((v) => v),
      { checkShape: false, rtol: 1e-12, atol: 1e-14 },
    );
    expect(d.y.shape).toEqual([30, 20]);
    expectAllClose(
      d.y.data(),
      mapValues(Y, (v) => Math.sin(5 * v)),
      { rtol: 1e-12, atol: 1e-14 },
    );
  });
  it('gradient descent on the tutorial surface from (0.5, 0.5) decreases f', () => {
    const x = new Variable(0.5),
      y = new Variable(0.5);
    const f = () => g.div(g.sub(g.sin(g.mul(4, x)), g.cos(g.mul(5, y))), 5);
    const start = f().item();
    for (let i = 0; i < 50; i++) {
      const tape = new GradientTape();
      const v = tape.record(f);
      const [dx, dy] = tape.gradient(v, [x, y]) as Tensor[];
      x.assignSub(g.mul(dx, 0.1));
      y.assignSub(g.mul(dy, 0.1));
    }
    const end = f().item();
    expect(end).toBeLessThan(start);
    // it settles in a minimum of the surface: sin(4x) = -1 and cos(5y) = 1, so f = (-1 - 1)/5
    expect(end).toBeCloseTo(-0.4, 3);
  });
});
