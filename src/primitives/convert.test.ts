/** @file Arrays of tensors given where one tensor is expected are stacked, and gradients reach each part. */
import { describe, expect, it } from 'vitest';
import { GradientTape, Variable, add, mul, scalar, sum, tensor } from '../index.js';

describe('arrays of tensors as op arguments', () => {
  it('stacks [x, y] differentiably, in every op and in tensor()', () => {
    const x = new Variable(1.5);
    const y = new Variable(-2);
    const tape = new GradientTape({ persistent: true });
    const [a, b] = tape.record(() => [sum(mul([x, y], [2, 3])), sum(mul(tensor([[x], [y]]), [[5], [7]]))]);
    expect(tape.gradient(a, [x, y]).map((g) => g?.item())).toEqual([2, 3]);
    expect(tape.gradient(b, [x, y]).map((g) => g?.item())).toEqual([5, 7]);
    expect(add([scalar(1), scalar(2)], 1).toArray()).toEqual([2, 3]);
  });

  it('names the function and argument when the parts differ in shape', () => {
    expect(() => add([scalar(1), tensor([1, 2])], 1)).toThrow("add: argument 'a' mixes tensors of shapes [] and [2]");
  });
});
