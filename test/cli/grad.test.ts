/** @file `gradtape grad` end to end: values, gradients and Hessians against closed forms. */
import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from './helpers.js';

describe('gradtape grad', () => {
  it('x^2*y at x=1,y=2 with --hessian --json', async () => {
    const r = await runCli(['grad', 'x^2*y', '--at', 'x=1,y=2', '--hessian', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = parseJson(r);
    expect(j.variables).toEqual(['x', 'y']);
    expect(j.value).toBe(2);
    expect(j.gradient).toEqual({ x: 4, y: 1 });
    expect(j.hessian).toEqual([
      [4, 2],
      [2, 0],
    ]);
    expect(j.symbolic).toEqual({
      gradient: { x: '2*x*y', y: 'x^2' },
      hessian: [
        ['2*y', '2*x'],
        ['2*x', '0'],
      ],
    });
  });

  it('prints value, gradient and Hessian as text', async () => {
    const r = await runCli(['grad', '(sin(4*x) - cos(5*y))/5', '--at', 'y=-0.5,x=0.25', '--hessian']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('f(x, y) = (sin(4*x) - cos(5*y))/5');
    expect(lines[1]).toBe('at x = 0.25, y = -0.5');
    const value = Number(/^value\s+(\S+)$/m.exec(r.stdout)![1]);
    expect(value).toBeCloseTo((Math.sin(1) - Math.cos(-2.5)) / 5, 9);
    // the formula, then the tape's value
    expect(Number(/∂f\/∂x = 4\/5\*cos\(4\*x\) = (\S+)$/m.exec(r.stdout)![1])).toBeCloseTo(0.8 * Math.cos(1), 9);
    expect(Number(/∂f\/∂y = sin\(5\*y\) = (\S+)$/m.exec(r.stdout)![1])).toBeCloseTo(Math.sin(-2.5), 9);
    expect(r.stdout).toMatch(/^hessian$/m);
    expect(Number(/∂²f\/∂x² = -16\/5\*sin\(4\*x\) = (\S+)$/m.exec(r.stdout)![1])).toBeCloseTo(-3.2 * Math.sin(1), 9);
    expect(r.stdout).toMatch(/^ {2}∂²f\/∂x∂y = 0$/m);
    expect(Number(/∂²f\/∂y² = 5\*cos\(5\*y\) = (\S+)$/m.exec(r.stdout)![1])).toBeCloseTo(5 * Math.cos(-2.5), 9);
  });

  it('one variable, and a formula without variables', async () => {
    const one = parseJson(await runCli(['grad', '5*sin(2*x) + x^2', '--at', 'x=1', '--json']));
    expect(one.gradient.x).toBeCloseTo(10 * Math.cos(2) + 2, 12);
    const none = parseJson(await runCli(['grad', '2*pi', '--json']));
    expect(none.value).toBeCloseTo(2 * Math.PI, 14);
    expect(none.gradient).toEqual({});
  });

  it('leaves out a formula too long to read, and says so', async () => {
    // the product rule on 30 distinct factors gives 30 terms of 30 factors each
    const f = Array.from({ length: 30 }, (_, k) => `sin(x + ${k})`).join('*');
    const r = await runCli(['grad', f, '--at', 'x=0.5']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}∂f\/∂x = \S+ {3}\(formula too long to show\)$/m);
    const j = parseJson(await runCli(['grad', f, '--at', 'x=0.5', '--json']));
    expect(j.symbolic.gradient).toEqual({ x: null });
  });
});
