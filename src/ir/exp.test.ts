import { describe, expect, it } from 'vitest';
import { binary, cast, evaluate, input, konst, topoSort, unary, where } from './exp.js';

describe('elementwise IR reference semantics', () => {
  const x = input(0),
    y = input(1);
  it('evaluates a shared DAG once per node and in operand order', () => {
    const s = unary('sin', x);
    const e = binary('add', binary('mul', konst(5), s), s);
    expect(evaluate(e, [0.3])).toBe(5 * Math.sin(0.3) + Math.sin(0.3));
    expect(topoSort([e]).filter((n) => n === s)).toHaveLength(1);
  });
  it('rounds float32 nodes, wraps int32, gives bool from comparisons', () => {
    const f = binary('div', input(0, 'float32'), konst(3, 'float32'));
    expect(evaluate(f, [1])).toBe(Math.fround(1 / 3));
    expect(evaluate(cast(konst(-2.7), 'int32'), [])).toBe(-2);
    expect(evaluate(cast(konst(NaN), 'int32'), [])).toBe(0);
    expect(binary('lt', x, y).dtype).toBe('bool');
    expect(evaluate(where(binary('lt', x, y), x, y), [1, 2])).toBe(1);
  });
  it('max/min propagate NaN and keep the first argument on ties; mod is floored', () => {
    expect(evaluate(binary('max', x, y), [NaN, 1])).toBeNaN();
    expect(evaluate(binary('max', x, y), [1, NaN])).toBeNaN();
    expect(Object.is(evaluate(binary('max', x, y), [0, -0]), 0)).toBe(true);
    expect(evaluate(binary('mod', x, y), [-1, 3])).toBe(2);
    expect(evaluate(unary('roundEven', x), [2.5])).toBe(2);
    expect(evaluate(unary('sign', x), [-0.5])).toBe(-1);
  });
});
