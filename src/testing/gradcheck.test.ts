/** @file gradcheck itself: it must pass correct rules and catch wrong ones, in each mode and at each order. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, gradcheck, type Tensor } from '../index.js';
import { expectAllClose, isClose } from '../../test/helpers/matchers.js';
import { bind } from '../core/engine.js';
import type { PrimitiveDef } from '../core/primitive.js';

/** sin as a primitive whose forward-mode rule is off by 1% (its reverse rule is right). */
const badJvpDef: PrimitiveDef = {
  name: 'badJvpSin',
  impl: ([x]) => g.sin(x),
  vjp: (gr, [x]) => [g.mul(gr, g.cos(x))],
  jvp: ([dx], [x]) => (dx ? g.mul(dx, g.mul(g.cos(x), 1.01)) : null),
};
const badJvp = (x: Tensor): Tensor => bind(badJvpDef, [x], undefined);

/** sin whose reverse rule is off by 1%: the forward body is still sin. */
const badRev = g.customGradient((x: Tensor) => ({
  value: g.sin(x),
  grad: (dy: Tensor) => g.mul(dy, g.mul(g.cos(x), 1.01)),
}));
/** sin whose gradient is right to first order but not differentiable correctly (second order is wrong). */
const badSecond = g.customGradient((x: Tensor) => ({
  value: g.sin(x),
  grad: (dy: Tensor) => g.mul(dy, g.stopGradient(g.cos(x))),
}));

describe('gradcheck', () => {
  it('passes a correct function and reports tiny errors', () => {
    const r = gradcheck((x: Tensor, y: Tensor) => g.mul(g.sin(x), y), [tensor([0.1, 0.2]), tensor([0.5, -1])], {
      modes: ['rev', 'fwd'],
      order: 3,
    });
    expect(r.ok).toBe(true);
    expect(r.maxAbsError).toBeLessThan(1e-6);
  });
  it('catches a wrong reverse rule and reports where', () => {
    const r = gradcheck(badRev, [tensor([0.3, 0.5])]);
    expect(r.ok).toBe(false);
    expect(r.worst).toMatchObject({ order: 1, mode: 'rev', input: 0 });
    expect(isClose(r.worst!.analytic / r.worst!.numeric, 1.01, 1e-4, 0)).toBe(true);
  });
  it('catches a wrong forward-mode rule only when fwd is checked', () => {
    expect(gradcheck(badJvp, [tensor([0.3, 0.5])], { modes: ['rev'] }).ok).toBe(true);
    const r = gradcheck(badJvp, [tensor([0.3, 0.5])], { modes: ['rev', 'fwd'] });
    expect(r.ok).toBe(false);
    expect(r.worst!.mode).toBe('fwd');
  });
  it('catches a rule that is wrong only at second order', () => {
    expect(gradcheck(badSecond, [tensor([0.3, 0.5])], { order: 1 }).ok).toBe(true);
    const r = gradcheck(badSecond, [tensor([0.3, 0.5])], { order: 2 });
    expect(r.ok).toBe(false);
    expect(r.worst!.order).toBe(2);
  });
  it('accepts a single tensor, a number list or a list of inputs; validates options', () => {
    expect(gradcheck(g.sin, tensor([0.1])).ok).toBe(true);
    expect(gradcheck(g.sin, [0.1, 0.2] as any).ok).toBe(true);
    expect(() => gradcheck(g.sin, [tensor([1])], { order: 0 })).toThrow(/gradcheck: order/);
    expect(() => gradcheck(g.sin, [tensor([1])], { eps: 0 })).toThrow(/gradcheck: eps/);
    expect(() => gradcheck(5 as any, [tensor([1])])).toThrow(/gradcheck: f/);
  });
  it('tolerances are honoured', () => {
    expect(gradcheck(badRev, [tensor([0.3])], { rtol: 0.05, atol: 0 }).ok).toBe(true);
  });
});

describe('expectAllClose', () => {
  it('passes within tolerance, NaN equals NaN, infinities must match', () => {
    expectAllClose(tensor([1, NaN, Infinity]), [1 + 1e-12, NaN, Infinity]);
    expect(() => expectAllClose([Infinity], [-Infinity])).toThrow(/1 of 1/);
    expect(() => expectAllClose([NaN], [1])).toThrow(/differ/);
  });
  it('reports shape mismatches and the first differing indices', () => {
    expect(() => expectAllClose(tensor([[1, 2]]), [1, 2])).toThrow(/shapes differ.*\[1, 2\].*\[2\]/);
    expect(() =>
      expectAllClose(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [
          [1, 2],
          [3, 5],
        ],
      ),
    ).toThrow(/at \[1, 1\]: actual 4, expected 5/);
  });
});
