/** @file The trajectory recorder (`descend`, `race`) and optimizer spec strings. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Variable, add, cos, div, exp, mul, pow, sin, square, sub } from '../index.js';
import {
  Adam,
  LBFGS,
  RMSprop,
  SGD,
  descend,
  describeStop,
  isDiverged,
  DIVERGENCE_FACTOR,
  optimizerFromSpec,
  parseOptimizerSpec,
  race,
} from './index.js';

const f = (x: Variable, y: Variable) => div(sub(sin(mul(4, x)), cos(mul(5, y))), 5);

describe('descend', () => {
  afterEach(() => vi.restoreAllMocks());
  it('records the tutorial path: points, losses and gradient norms at every visited point', () => {
    const tr = descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=0.01', steps: 120 });
    expect(tr).toMatchObject({
      steps: 120,
      converged: false,
      stopReason: 'max steps',
      names: ['x', 'y'],
      label: 'sgd:lr=0.01',
    });
    expect(tr.points).toHaveLength(121);
    let [x, y] = [0.25, -0.5];
    for (let k = 0; k <= 120; k++) {
      const [gx, gy] = [0.8 * Math.cos(4 * x), Math.sin(5 * y)];
      expect(tr.points[k]![0]).toBeCloseTo(x, 12);
      expect(tr.points[k]![1]).toBeCloseTo(y, 12);
      expect(tr.losses[k]).toBeCloseTo((Math.sin(4 * x) - Math.cos(5 * y)) / 5, 12);
      expect(tr.gradNorms[k]).toBeCloseTo(Math.hypot(gx, gy), 12);
      [x, y] = [x - 0.01 * gx, y - 0.01 * gy];
    }
  });
  it('takes named coordinates and stops at the gradient tolerance', () => {
    const g = ({ a, b }: { a: Variable; b: Variable }) => add(square(sub(a, 1)), square(add(b, 2)));
    const tr = descend(g, { a: 0, b: 0 }, { optimizer: new Adam({ learningRate: 0.1 }), steps: 5000, tol: 1e-6 });
    expect(tr.names).toEqual(['a', 'b']);
    expect(tr.converged).toBe(true);
    expect(tr.stopReason).toBe('tolerance');
    expect(tr.gradNorms.at(-1)).toBeLessThanOrEqual(1e-6);
    expect(tr.steps).toBeLessThan(5000);
    expect(tr.points.at(-1)![0]).toBeCloseTo(1, 5);
    expect(tr.label).toBe('Adam');
  });
  it('stops when the path diverges', () => {
    const tr = descend((x: Variable) => pow(x, 4), [3], { optimizer: 'sgd:lr=1', steps: 50 });
    expect(tr.stopReason).toBe('diverged');
    expect(tr.converged).toBe(false);
    expect(tr.steps).toBeLessThan(50);
  });
  it('one divergence rule, whatever the step budget: SGD lr 10 on x² + y² diverges at step 5, not "max steps"', () => {
    const f = (x: Variable, y: Variable) => add(square(x), square(y));
    for (const steps of [120, 1000]) {
      const tr = descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=10', steps });
      expect(tr).toMatchObject({ stopReason: 'diverged', steps: 5, converged: false });
      expect(describeStop(tr)).toBe('diverged at step 5 (f went from 0.3125 to 1.916e+12)');
    }
    expect(describeStop(descend(f, [0.25, -0.5], { optimizer: 'sgd:lr=0.1', steps: 3 }))).toBe(
      '3 steps (the step budget)',
    );
  });
  it('isDiverged: non-finite values, or f moved by more than DIVERGENCE_FACTOR × max(1, |f₀|)', () => {
    expect(DIVERGENCE_FACTOR).toBe(1e12);
    expect(isDiverged(0.5, 1e12, [1, 2])).toBe(false);
    expect(isDiverged(0.5, 1e12 + 1, [1, 2])).toBe(true);
    expect(isDiverged(-3, -3 - 3.1e12, [1])).toBe(true); // towards -∞ counts too (f has no minimum there)
    expect(isDiverged(1, NaN, [1])).toBe(true);
    expect(isDiverged(1, 1, [Infinity])).toBe(true);
    expect(isDiverged(1, 0.5, [3])).toBe(false);
  });
  it('describeStop words every ending', () => {
    const base = { label: 'x', names: ['x'], gradNorms: [], converged: false };
    expect(describeStop({ ...base, points: [[1], [NaN]], losses: [1, NaN], steps: 1, stopReason: 'diverged' })).toBe(
      'stopped at step 1: f is undefined (NaN) there',
    );
    expect(
      describeStop({ ...base, points: [[1], [Infinity]], losses: [1, Infinity], steps: 1, stopReason: 'diverged' }),
    ).toBe('diverged at step 1 (the values overflowed)');
    expect(
      describeStop({ ...base, points: [[1]], losses: [1], steps: 7, stopReason: 'tolerance', converged: true }),
    ).toBe('converged in 7 steps');
    expect(describeStop({ ...base, points: [[1]], losses: [1], steps: 7, stopReason: 'optimizer stopped' })).toBe(
      'stopped after 7 steps',
    );
  });
  it('drives L-BFGS one iteration per step until it stops', () => {
    const rosen = (x: Variable, y: Variable) => add(square(sub(1, x)), mul(100, square(sub(y, square(x)))));
    const tr = descend(rosen, [-1.2, 1], { optimizer: 'lbfgs', steps: 200, tol: 1e-8 });
    expect(tr.converged).toBe(true);
    expect(tr.steps).toBeLessThan(100);
    expect(tr.points.at(-1)![0]).toBeCloseTo(1, 6);
  });
  it('float32 coordinates stay float32', () => {
    const tr = descend((x: Variable) => square(exp(x)), [0.5], { optimizer: 'sgd:lr=0.1', steps: 3, dtype: 'float32' });
    for (const [p] of tr.points) expect(Math.fround(p!)).toBe(p);
  });
  it('race runs each optimizer from the same start', () => {
    const runs = race(f, [0.25, -0.5], ['sgd:lr=0.01', 'rmsprop:lr=0.01', new Adam({ learningRate: 0.01 })], {
      steps: 10,
    });
    expect(runs.map((r) => r.label)).toEqual(['sgd:lr=0.01', 'rmsprop:lr=0.01', 'Adam']);
    for (const r of runs) expect(r.points[0]).toEqual([0.25, -0.5]);
    expect(runs[0]!.points[10]).not.toEqual(runs[1]!.points[10]);
  });
  it.each([
    [() => descend(3 as never, [0]), /descend: f must be a function/],
    [() => descend(f, []), /descend: start must be a non-empty array/],
    [() => descend(f, [0, NaN]), /descend: start must be a non-empty array of finite numbers/],
    [() => descend(f, [0, 0], { steps: 2.5 }), /descend: steps must be a non-negative integer/],
    [() => descend(f, [0, 0], { tol: -1 }), /descend: tol must be >= 0/],
    [() => descend(f, [0, 0], { optimizer: 'adamm' }), /unknown optimizer 'adamm' \(did you mean 'adam'\?\)/],
    [
      () => descend(f, [0, 0], { optimizer: {} as never }),
      /descend: optimizer must be an optimizer instance or a spec/,
    ],
    [() => descend(f, [0, 0], { stpes: 3 } as never), /descend: unknown option 'stpes' \(did you mean 'steps'\?\)/],
    [() => race(f, [0, 0], []), /race: optimizers must be a non-empty array/],
  ] as const)('%#', (fn, msg) => expect(fn).toThrow(msg));
});

describe('optimizer specs', () => {
  it('parses names case-insensitively and keys in camelCase, snake_case or lr', () => {
    expect(parseOptimizerSpec('sgd:lr=0.01,momentum=0.9')).toEqual({
      name: 'sgd',
      options: { learningRate: 0.01, momentum: 0.9 },
    });
    expect(parseOptimizerSpec(' RMSProp : learning_rate = 1e-3 , centered = true ')).toEqual({
      name: 'rmsprop',
      options: { learningRate: 0.001, centered: true },
    });
    expect(parseOptimizerSpec('L-BFGS')).toEqual({ name: 'lbfgs', options: {} });
  });
  it('builds the optimizer with those options', () => {
    const sgd = optimizerFromSpec('sgd:lr=0.05,momentum=0.9,nesterov=true') as SGD;
    expect(sgd).toBeInstanceOf(SGD);
    expect([sgd.learningRate, sgd.momentum, sgd.nesterov]).toEqual([0.05, 0.9, true]);
    expect((optimizerFromSpec('adam:beta_1=0.8') as Adam).beta1).toBe(0.8);
    expect(optimizerFromSpec('rmsprop')).toBeInstanceOf(RMSprop);
    expect(optimizerFromSpec('lbfgs:lineSearch=backtracking,historySize=5')).toBeInstanceOf(LBFGS);
  });
  it.each([
    ['', /optimizerFromSpec: spec must be a string like 'sgd:lr=0.01,momentum=0.9'/],
    ['sgdd', /optimizerFromSpec\('sgdd'\): unknown optimizer 'sgdd' \(did you mean 'sgd'\?\); known: sgd, rmsprop/],
    [
      'sgd:momentom=0.9',
      /optimizerFromSpec\('sgd:momentom=0.9'\): SGD: unknown option 'momentom' \(did you mean 'momentum'\?\)/,
    ],
    ['sgd:lr=abc', /SGD: learningRate must be a finite number >= 0 \(got 'abc'\)/],
    ['sgd:lr', /expected key=value, got 'lr'/],
    ['sgd:lr=0.1,lr=0.2', /option 'lr' is given twice/],
    ['sgd:momentum=2', /SGD: momentum must be in \[0, 1\] \(got 2\)/],
    // names of Object.prototype are neither optimizers nor options (own-property lookups only)
    ['constructor', /optimizerFromSpec\('constructor'\): unknown optimizer 'constructor'; known: sgd, rmsprop, adam/],
    ['hasOwnProperty', /unknown optimizer 'hasownproperty'/],
    ['__proto__', /unknown optimizer '__proto__'|unknown optimizer 'proto'/],
    [
      'sgd:toString=1',
      /optimizerFromSpec\('sgd:toString=1'\): SGD: unknown option 'toString'; known options: learningRate/,
    ],
    ['sgd:constructor=1', /SGD: unknown option 'constructor'/],
    ['adam:valueOf=1', /Adam: unknown option 'valueOf'/],
    [
      'lbfgs:maxLineSearch=1000000000',
      /LBFGS: maxLineSearch must be at most 1000 \(got 1000000000\): each line search evaluates the loss up to maxLineSearch times/,
    ],
  ])('%j', (spec, msg) => expect(() => optimizerFromSpec(spec)).toThrow(msg));
  it('parses a prototype-named key as a plain option', () => {
    expect(() => parseOptimizerSpec('sgdd')).toThrow(/^parseOptimizerSpec\('sgdd'\): unknown optimizer/);
    expect(() => parseOptimizerSpec(7 as never)).toThrow(/^parseOptimizerSpec: spec must be a string .* \(got 7\)/);
    const { options } = parseOptimizerSpec('sgd:toString=1,hasOwnProperty=2');
    expect(Object.keys(options)).toEqual(['toString', 'hasOwnProperty']);
    expect(options.toString).toBe(1);
    expect(Object.getPrototypeOf(options)).toBe(Object.prototype);
  });
});
