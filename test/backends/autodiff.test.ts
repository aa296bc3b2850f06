/**
 * @file Autodiff on each backend under test, against the CPU in float64: nested tapes, a persistent tape,
 * Variables watched automatically, the functional transforms (grad, valueAndGrad, jacobian, jacfwd, hessian, hvp,
 * jvp, vjp), forward mode, customGradient, and jit (values and gradients through it).
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { TOL, describeOnBackends, expectLikeCpu, grid, make, read } from './harness.js';

/** A function mixing elementwise ops, a reduction, broadcasting and a matmul: most rules in one gradient. */
const f = (x: Tensor): Tensor =>
  g.sum(g.mul(g.sin(x), g.exp(g.mul(x, 0.3))), -1).add(g.matmul(g.square(x), g.cos(g.transpose(x))).sum(0));
const X = grid([3, 3], -1.5, 1.8);
/** Derivatives compose a few transcendental rules: a few more roundings than the values. */
const D_TOL = { rtol: 5e-5, atol: 5e-6 };

describeOnBackends('autodiff', () => {
  it('grad of grad with nested tapes', async () => {
    await expectLikeCpu(
      (x) => {
        const outer = new g.GradientTape();
        outer.watch(x);
        const [y, dy] = outer.record(() => {
          const inner = new g.GradientTape();
          inner.watch(x);
          const y = inner.record(() => g.sum(f(x)));
          return [y, inner.gradient(y, x) as Tensor];
        });
        return [y, dy, outer.gradient(g.sum(g.square(dy)), x) as Tensor];
      },
      [X],
      D_TOL,
    );
  });

  it('a persistent tape answers several gradient and jacobian calls', async () => {
    await expectLikeCpu(
      (x) => {
        const tape = new g.GradientTape({ persistent: true });
        tape.watch(x);
        const [y, z] = tape.record(() => {
          const y = g.tanh(x);
          return [y, g.sum(g.mul(y, x))];
        });
        return [tape.gradient(z, x) as Tensor, tape.gradient(y, x) as Tensor, tape.jacobian(y, x) as Tensor];
      },
      [X],
      D_TOL,
    );
  });

  it('Variables read inside a tape are watched automatically; assignSub updates them on the backend', async () => {
    await expectLikeCpu(
      (x) => {
        const w = new g.Variable(x);
        const b = new g.Variable(g.tensor([0.25, -0.5, 1]));
        const tape = new g.GradientTape();
        const loss = tape.record(() => g.sum(g.square(g.add(g.matmul(w, w), b))));
        const [dw, db] = tape.gradient(loss, [w, b]) as Tensor[];
        w.assignSub(g.mul(dw, 0.01));
        return [loss, dw, db, w.value()];
      },
      [X],
      D_TOL,
    );
  });

  it('grad, valueAndGrad, jacobian (jacrev), jacfwd, hessian, hvp', async () => {
    await expectLikeCpu(
      (x) => {
        const s = (t: Tensor): Tensor => g.sum(f(t));
        const [v, dv] = g.valueAndGrad(s)(x) as [Tensor, Tensor];
        const flat = g.flatten(x);
        const h = (t: Tensor): Tensor => g.sum(g.mul(g.sin(t), g.square(t)));
        return [
          g.grad(s)(x) as Tensor,
          v,
          dv,
          g.jacobian(f)(x),
          g.jacfwd(f)(x),
          g.hessian(h)(flat),
          g.hvp(h, flat, g.linspace(-1, 1, 9)),
        ];
      },
      [X],
      D_TOL,
    );
  });

  it('forward mode: ForwardAccumulator, jvp and vjp', async () => {
    await expectLikeCpu(
      (x) => {
        const dx = g.cos(x);
        const acc = new g.ForwardAccumulator(x, dx);
        const y = acc.record(() => f(x));
        const [y2, dy2] = g.jvp(f, [x], [dx]) as [Tensor, Tensor];
        const [y3, back] = g.vjp(f, x) as [Tensor, (c: Tensor) => Tensor[]];
        return [y, acc.jvp(y) as Tensor, y2, dy2, y3, back(g.linspace(0.5, 1.5, 3))[0]];
      },
      [X],
      D_TOL,
    );
  });

  it('customGradient: the tape uses the given rule (a deliberately different one, to see it is used)', async () => {
    const clipped = g.customGradient((x: Tensor) => ({
      value: g.square(x),
      grad: (dy: Tensor) => g.mul(dy, g.clip(g.mul(x, 2), -1, 1)),
    }));
    await expectLikeCpu(
      (x) => {
        const tape = new g.GradientTape();
        tape.watch(x);
        const y = tape.record(() => g.sum(g.mul(clipped(x), g.sin(x))));
        return [y, tape.gradient(y, x) as Tensor];
      },
      [X],
      TOL.transcendental,
    );
  });

  it('jit: a jitted function equals eager, and gradients through it (tape, grad, grad of grad) too', async () => {
    const h = (x: Tensor): Tensor => g.sum(g.mul(g.sigmoid(g.mul(x, 1.7)), g.add(g.sin(x), g.square(x))));
    const hj = g.jit(h);
    // fused float32 loops may round once per loop instead of once per op (fastMath): transcendental tolerance
    await expectLikeCpu(
      (x) => {
        const tape = new g.GradientTape();
        tape.watch(x);
        const y = tape.record(() => hj(x));
        return [
          hj(x),
          g.jit(f)(x),
          tape.gradient(y, x) as Tensor,
          g.grad(hj)(x) as Tensor,
          g.grad(g.jit(g.grad(hj) as (t: Tensor) => Tensor))(x) as Tensor,
        ];
      },
      [X],
      D_TOL,
    );
    // and on the backend itself: jitted == eager within float32 rounding
    const x = make(X);
    const [eager, jitted] = await Promise.all([read(h(x)), read(hj(x))]);
    expect(jitted.dtype).toBe(eager.dtype);
    expect(Math.abs(jitted.values[0] - eager.values[0])).toBeLessThanOrEqual(2e-5 * Math.abs(eager.values[0]));
  });
});
