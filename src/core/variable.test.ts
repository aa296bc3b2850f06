/** @file Variable: holding, assigning, reading by ops, and its interaction with tapes. */
import { describe, it, expect } from 'vitest';
import * as g from '../index.js';
import { tensor, Variable, GradientTape } from '../index.js';
import { expectAllClose } from '../../test/helpers/matchers.js';

describe('Variable', () => {
  it('holds a value with name, trainable, shape, dtype', () => {
    const v = new Variable([[1, 2]], { name: 'w' });
    expect([v.name, v.trainable, v.shape, v.dtype]).toEqual(['w', true, [1, 2], 'float64']);
    expectAllClose(v.value(), [[1, 2]]);
    expect(new Variable(1, { trainable: false }).trainable).toBe(false);
    expect(new Variable(1, { dtype: 'float32' }).dtype).toBe('float32');
    expect(new Variable(1).name).toMatch(/Variable/);
  });
  it('assign, assignAdd, assignSub keep shape and dtype and return the Variable', () => {
    const v = new Variable([1, 2], { dtype: 'float32' });
    expect(v.assign([3, 4])).toBe(v);
    expectAllClose(v, [3, 4]);
    v.assignAdd([1, 1]);
    expectAllClose(v, [4, 5]);
    v.assignSub(tensor([0.5, 0.5], { dtype: 'float32' }));
    expectAllClose(v, [3.5, 4.5]);
    v.assignAdd(1);
    expectAllClose(v, [4.5, 5.5]);
    expect(v.dtype).toBe('float32');
  });
  it('assigning a different shape or dtype throws naming the Variable', () => {
    const v = new Variable([1, 2], { name: 'bias' });
    expect(() => v.assign([1, 2, 3])).toThrow(/assign.*bias.*\[2\].*\[3\]/);
    expect(() => v.assign(tensor([1, 2], { dtype: 'int32' }))).toThrow(/assign.*bias.*float64.*int32/);
    expect(() => v.assignAdd(g.ones([2, 2]))).toThrow(/assignAdd.*bias.*\[2\]/);
    expect(() => new Variable(1, { dtype: 'complex' as any })).toThrow(/Variable.*dtype/);
  });
  it('the old value tensor is not changed by assign (tensors are immutable)', () => {
    const v = new Variable([1, 2]);
    const old = v.value();
    v.assign([5, 6]);
    expectAllClose(old, [1, 2]);
  });
  it('is accepted by every op, and by the Tensor methods as an argument', () => {
    const v = new Variable([1, 4]);
    expectAllClose(g.sqrt(v), [1, 2]);
    expectAllClose(tensor([1, 1]).add(v), [2, 5]);
    expectAllClose(g.matmul(v, [[1], [1]]), [5]);
  });
  it('assign inside a recording does not record, and the gradient uses the value read', () => {
    const v = new Variable(3);
    const tape = new GradientTape();
    const y = tape.record(() => {
      const y = g.square(v);
      v.assignSub(1);
      return y;
    });
    expectAllClose(tape.gradient(y, v), 6);
    expectAllClose(v, 2);
  });
  it('an SGD loop on Variables converges (x² + 1 minimised at 0)', () => {
    const x = new Variable(4);
    for (let i = 0; i < 100; i++) {
      const tape = new GradientTape();
      const y = tape.record(() => g.add(g.square(x), 1));
      x.assignSub(g.mul(tape.gradient(y, x)!, 0.1));
    }
    expect(Math.abs(x.value().item())).toBeLessThan(1e-8);
  });
});
