/** @file Forward mode: ForwardAccumulator, and nesting forward with reverse for Hessian-vector products. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, scalar, ForwardAccumulator, GradientTape, Variable, type Tensor } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';
import { bind } from '../core/engine.js';
import type { PrimitiveDef } from '../core/primitive.js';

describe('ForwardAccumulator', () => {
  it('pushes a tangent through a computation (jvp of square)', () => {
    const x = tensor([1, 2]);
    const acc = new ForwardAccumulator(x, tensor([1, 0]));
    const y = acc.record(() => g.square(x));
    expectAllClose(acc.jvp(y), [2, 0]);
  });
  it('several primals, arrays of targets; unconnected gives null or zeros', () => {
    const a = scalar(2),
      b = scalar(3),
      c = scalar(5);
    const acc = new ForwardAccumulator([a, b], [1, 10]);
    const [y, z] = acc.record(() => [g.mul(a, b), g.sin(c)]);
    expectAllClose(acc.jvp(y), 3 + 20);
    expect(acc.jvp(z)).toBeNull();
    expectAllClose(acc.jvp([y, z], { unconnectedGradients: 'zero' })[1], 0);
  });
  it('works with Variables as primals', () => {
    const v = new Variable(0.5);
    const acc = new ForwardAccumulator(v, scalar(1));
    const y = acc.record(() => g.exp(v));
    expectAllClose(acc.jvp(y), Math.exp(0.5));
  });
  it('validates primals and tangents', () => {
    expect(() => new ForwardAccumulator(tensor([1, 2]), tensor([1]))).toThrow(/ForwardAccumulator.*\[1\].*\[2\]/);
    expect(() => new ForwardAccumulator([scalar(1), scalar(2)], [scalar(1)])).toThrow(/2 primal.*1 tangent/);
    expect(() => new ForwardAccumulator(tensor([1], { dtype: 'int32' }), tensor([1]))).toThrow(/int32/);
  });
  it('float32 primals give float32 tangents', () => {
    const x = tensor([1, 2], { dtype: 'float32' });
    const acc = new ForwardAccumulator(x, [1, 1]);
    const y = acc.record(() => g.mul(x, x));
    expect(acc.jvp(y)!.dtype).toBe('float32');
  });
  it('nested accumulators give second derivatives (forward over forward)', () => {
    const x = scalar(0.3);
    const outer = new ForwardAccumulator(x, scalar(1));
    const d1 = outer.record(() => {
      const inner = new ForwardAccumulator(x, scalar(1));
      const y = inner.record(() => g.sin(x));
      return inner.jvp(y);
    });
    expectAllClose(d1, Math.cos(0.3), { rtol: 1e-14 });
    expectAllClose(outer.jvp(d1!), -Math.sin(0.3), { rtol: 1e-14 });
  });
  it('forward over reverse: a Hessian-vector product', () => {
    // f(x) = sum(x0² x1 + x1³): H = [[2 x1, 2 x0], [2 x0, 6 x1]]
    const x = tensor([1, 2]),
      v = tensor([1, -1]);
    const f = (t: Tensor) =>
      g.sum(g.add(g.mul(g.square(g.slice(t, [0], [1])), g.slice(t, [1], [1])), g.pow(g.slice(t, [1], [1]), 3)));
    const acc = new ForwardAccumulator(x, v);
    const grad = acc.record(() => {
      const tape = new GradientTape();
      const y = tape.record(() => {
        tape.watch(x);
        return f(x);
      });
      return tape.gradient(y, x);
    });
    expectAllClose(grad, [4, 1 + 12]);
    expectAllClose(acc.jvp(grad!), [4 - 2, 2 - 12]);
  });
  it('reverse over forward: the gradient of a jvp', () => {
    const x = scalar(0.7);
    const tape = new GradientTape();
    const d = tape.record(() => {
      tape.watch(x);
      const acc = new ForwardAccumulator(x, scalar(1));
      const y = acc.record(() => g.mul(g.sin(x), x));
      return acc.jvp(y); // cos(x) x + sin(x)
    });
    expectAllClose(d, Math.cos(0.7) * 0.7 + Math.sin(0.7), { rtol: 1e-14 });
    expectAllClose(tape.gradient(d!, x), -Math.sin(0.7) * 0.7 + 2 * Math.cos(0.7), { rtol: 1e-14 });
  });
  it('customGradient functions still carry tangents through their body', () => {
    const f = g.customGradient((x: Tensor) => ({ value: g.square(x), grad: (dy: Tensor) => g.mul(dy, 0) }));
    const x = scalar(3);
    const acc = new ForwardAccumulator(x, scalar(1));
    const y = acc.record(() => f(x));
    expectAllClose(acc.jvp(y), 6);
  });
  it('a tangent rule returning the wrong shape is reported naming the primitive', () => {
    const badDef: PrimitiveDef = {
      name: 'badTangent',
      impl: ([x]) => g.mul(x, 2),
      vjp: (gr) => [gr],
      jvp: ([dx]) => (dx ? g.sum(dx) : null),
    };
    const x = tensor([1, 2]);
    const acc = new ForwardAccumulator(x, tensor([1, 1]));
    expect(() => acc.record(() => bind(badDef, [x], undefined))).toThrow(
      /tangent rule of 'badTangent' returned shape \[\] for an output of shape \[2\]/,
    );
  });
  it('detectAnomaly names the op whose tangent became NaN/Inf, and ignores Inf intermediates of rules', () => {
    const f = (t: Tensor) => g.where(g.greater(t, 0), g.sqrt(t), 0);
    expect(() => g.detectAnomaly(() => g.jvp(f, [scalar(0)], [scalar(1)]))).toThrow(/forward-mode tangent of 'sqrt'/);
    expectAllClose(
      g.detectAnomaly(() => g.jvp(f, [scalar(0)], [scalar(0)])[1]),
      0,
    );
    expectAllClose(
      g.detectAnomaly(() => g.jvp(f, [scalar(4)], [scalar(1)])[1]),
      0.25,
    );
  });
});
