/**
 * @file The base class's shared behaviour: clipping (at and around the boundary), decoupled weight decay,
 * schedules and callables as learning rates, iterations, null gradients (one warning), slots, and the input
 * validation every optimizer shares.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Variable, add, mul, square, sum, tensor } from '../index.js';
import { SGD, RMSprop, Adam, AdamW, Ftrl, Lion, PiecewiseConstantDecay, optimizers } from './index.js';

/** One SGD(lr = 1) step on the linear loss Σ aᵢwᵢ, whose gradient is exactly a: returns the applied update. */
function stepLinear(opts: Record<string, unknown>, a: number[]): number[] {
  const w = new Variable(new Array(a.length).fill(0));
  new SGD({ learningRate: 1, ...opts }).minimize(() => sum(mul(tensor(a), w)), [w]);
  return Array.from(w.value().data(), (v) => 0 - v);
}

describe('clipping', () => {
  it('clipnorm scales to the norm above the boundary and leaves it alone at or below', () => {
    const above = stepLinear({ clipnorm: 1 }, [3, 4]);
    expect(above[0]).toBeCloseTo(0.6, 15);
    expect(above[1]).toBeCloseTo(0.8, 15);
    expect(stepLinear({ clipnorm: 5 }, [3, 4])).toEqual([3, 4]);
    expect(stepLinear({ clipnorm: 6 }, [3, 4])).toEqual([3, 4]);
    expect(stepLinear({ clipnorm: 1 }, [0, 0])).toEqual([0, 0]);
  });
  it('clipvalue clips each element, the boundary value included', () => {
    expect(stepLinear({ clipvalue: 1 }, [3, -4, 0.5])).toEqual([1, -1, 0.5]);
    expect(stepLinear({ clipvalue: 3 }, [3, -3])).toEqual([3, -3]);
  });
  it('globalClipnorm scales all gradients together (unlike per-variable clipnorm)', () => {
    const run = (opts: Record<string, unknown>) => {
      const [p, q] = [new Variable(0), new Variable(0)];
      new SGD({ learningRate: 1, ...opts }).minimize(() => add(mul(3, p), mul(4, q)), [p, q]);
      return [-p.value().item(), -q.value().item()];
    };
    const g = run({ globalClipnorm: 1 });
    expect(g[0]).toBeCloseTo(0.6, 15);
    expect(g[1]).toBeCloseTo(0.8, 15);
    expect(run({ globalClipnorm: 5 })).toEqual([3, 4]);
    expect(run({ clipnorm: 1 })).toEqual([1, 1]);
  });
  it('setting two clipping options is an error naming both', () => {
    expect(() => new Adam({ clipnorm: 1, clipvalue: 1 })).toThrow(/Adam: only one of .*clipnorm and clipvalue/);
    expect(() => new SGD({ clipnorm: 1, globalClipnorm: 2 })).toThrow(/clipnorm and globalClipnorm/);
    expect(() => new SGD({ clipnorm: -1 })).toThrow(/SGD: clipnorm must be > 0/);
  });
});

describe('weight decay', () => {
  it('decays w by w·wd·lr before the update (zero gradient isolates it)', () => {
    const w = new Variable([2, -4]);
    const opt = new SGD({ learningRate: 0.1, weightDecay: 0.5 });
    opt.minimize(() => sum(mul(0, w)), [w]);
    expect(Array.from(w.value().data())).toEqual([2 - 2 * 0.5 * 0.1, -4 + 4 * 0.5 * 0.1]);
  });
  it('uses the scheduled learning rate of the step, and AdamW defaults to 0.004', () => {
    const w = new Variable(1);
    const opt = new SGD({ learningRate: (s) => (s === 0 ? 0.1 : 0.01), weightDecay: 1 });
    opt.minimize(() => mul(0, w), [w]);
    opt.minimize(() => mul(0, w), [w]);
    expect(w.value().item()).toBeCloseTo(0.9 * 0.99, 15);
    expect(new AdamW().weightDecay).toBe(0.004);
    expect(new Adam().weightDecay).toBeUndefined();
  });
  it('excludeFromWeightDecay skips variables by object or by name', () => {
    const [a, b, c] = [
      new Variable(1, { name: 'kernel' }),
      new Variable(1, { name: 'dense/bias' }),
      new Variable(1, { name: 'other' }),
    ];
    const opt = new SGD({ learningRate: 0.5, weightDecay: 0.2 }).excludeFromWeightDecay({
      varList: [c],
      varNames: ['bias'],
    });
    opt.minimize(() => add(add(mul(0, a), mul(0, b)), mul(0, c)), [a, b, c]);
    expect([a, b, c].map((v) => v.value().item())).toEqual([0.9, 1, 1]);
  });
});

describe('learning rate, iterations, slots', () => {
  it('a schedule is evaluated at iterations (0-based), step by step', () => {
    const w = new Variable(0);
    const opt = new SGD({ learningRate: new PiecewiseConstantDecay({ boundaries: [1], values: [1, 0.5] }) });
    const deltas: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = w.value().item();
      opt.minimize(() => mul(-1, w), [w]);
      deltas.push(w.value().item() - before);
    }
    expect(deltas).toEqual([1, 1, 0.5]);
    expect(opt.iterations).toBe(3);
    expect(opt.learningRate).toBe(0.5);
  });
  it('learningRate can be replaced, and a bad schedule value is an error naming the step', () => {
    const opt = new SGD();
    opt.learningRate = 0.5;
    expect(opt.learningRate).toBe(0.5);
    opt.learningRate = () => NaN;
    const w = new Variable(1);
    expect(() => opt.minimize(() => square(w), [w])).toThrow(/SGD: the learning-rate schedule returned NaN at step 0/);
  });
  it('minimize returns the loss before the step; applyGradients returns iterations', () => {
    const w = new Variable(3);
    const opt = new SGD({ learningRate: 0.1 });
    expect(opt.minimize(() => square(w), [w])).toBe(9);
    expect(w.value().item()).toBeCloseTo(2.4, 15);
    expect(opt.applyGradients([[tensor(1), w]])).toBe(2);
  });
  it('slots are created lazily with the variable shape and initial value', () => {
    const w = new Variable([[1, 2]]);
    const opt = new Ftrl();
    expect(opt.getSlot(w, 'accumulator')).toBeUndefined();
    opt.applyGradients([[tensor([[0, 0]]), w]]);
    expect(opt.getSlot(w, 'accumulator')!.toArray()).toEqual([[0.1, 0.1]]);
    expect(() => opt.getSlot(w, 'momentum')).toThrow(/Ftrl.getSlot: unknown slot 'momentum'.*accumulator, linear/);
  });
  it('Ftrl with L1 sets small weights exactly to zero', () => {
    const w = new Variable([0.001, 5]);
    new Ftrl({ learningRate: 0.1, l1RegularizationStrength: 1 }).minimize(() => sum(square(w)), [w]);
    expect(w.value().data()[0]).toBe(0);
  });
});

describe('null gradients', () => {
  afterEach(() => vi.restoreAllMocks());
  it('skips a variable the loss does not use, warning once by name', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [x, unused] = [new Variable(1, { name: 'x' }), new Variable(5, { name: 'lonely' })];
    const opt = new Adam({ learningRate: 0.1 });
    for (let i = 0; i < 3; i++) opt.minimize(() => square(x), [x, unused]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/Adam: gradient for variable 'lonely' is null/);
    expect(unused.value().item()).toBe(5);
    expect(x.value().item()).toBeLessThan(1);
  });
  it('all-null is an error, as in Keras', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const x = new Variable(1, { name: 'x' });
    expect(() => new SGD().minimize(() => tensor(2), [x])).toThrow(
      /SGD.minimize: no gradients provided for any variable \('x'\)/,
    );
  });
});

describe('validation names the optimizer and the argument', () => {
  const w = new Variable(1);
  it.each([
    [() => new SGD({ learningRate: -0.1 }), /SGD: learningRate must be >= 0 \(got -0.1\)/],
    [() => new Adam({ learningRate: NaN }), /Adam: learningRate must be a finite number/],
    [() => new SGD({ momentum: 1.5 }), /SGD: momentum must be in \[0, 1\] \(got 1.5\)/],
    [() => new SGD({ momentum: -0.1 }), /SGD: momentum must be in \[0, 1\]/],
    [() => new RMSprop({ rho: 1 }), /RMSprop: rho must be in \[0, 1\) \(got 1\)/],
    [() => new RMSprop({ momentum: 2 }), /RMSprop: momentum must be in \[0, 1\]/],
    [() => new Adam({ beta1: 1 }), /Adam: beta1 must be in \[0, 1\)/],
    [() => new Lion({ beta1: 0 }), /Lion: beta1 must be in \(0, 1\]/],
    [() => new Ftrl({ learningRatePower: 0.5 }), /Ftrl: learningRatePower must be <= 0/],
    [
      () => new SGD({ learning_rate: 0.1 } as never),
      /SGD: unknown option 'learning_rate' \(did you mean 'learningRate'\?\)/,
    ],
    [() => new Adam({ beta_1: 0.8 } as never), /Adam: unknown option 'beta_1' \(did you mean 'beta1'\?\)/],
    [() => new RMSprop({ lr: 0.1 } as never), /did you mean 'learningRate'/],
    [() => new SGD({ nesterov: 'yes' } as never), /SGD: nesterov must be true or false/],
    [() => new AdamW({ weightDecay: undefined }), /AdamW: weightDecay must be a number/],
    [() => new SGD().minimize(() => square(w), []), /SGD.minimize: varList must be a non-empty array/],
    [
      () => new SGD().minimize(() => square(w), [w, 3 as never]),
      /SGD.minimize: varList\[1\] must be a Variable \(got 3\)/,
    ],
    [
      () => new Adam().minimize(() => mul(w, tensor([1, 2])), [w]),
      /Adam.minimize: loss\(\) must return a scalar .*shape \[2\]/,
    ],
    [() => new Adam().minimize(() => 3, [w]), /Adam.minimize: loss\(\) must return a scalar Tensor \(got number 3\)/],
    [() => new SGD().minimize(3 as never, [w]), /SGD.minimize: loss must be a function/],
    [
      () => new SGD().applyGradients([[tensor([1, 2]), w]]),
      /SGD.applyGradients: pairs\[0\]\[0\] has shape \[2\] but variable '.*' has shape \[\]/,
    ],
    [
      () =>
        new SGD().applyGradients([
          [tensor(1), w],
          [tensor(1), w],
        ]),
      /appears twice/,
    ],
    [() => new SGD().applyGradients([]), /SGD.applyGradients: pairs must be a non-empty array/],
    [() => new SGD().minimize(() => square(iv), [iv]), /^SGD\.minimize: variable 'ints' has dtype int32/],
    [() => new SGD().applyGradients([[tensor([1]), iv]]), /^SGD\.applyGradients: variable 'ints' has dtype int32/],
  ] as const)('%#', (fn, msg) => {
    expect(fn).toThrow(msg);
  });
  const iv = new Variable([1], { dtype: 'int32', name: 'ints' });
  it('every optimizer is exported by name in optimizers', () => {
    expect(Object.keys(optimizers).sort()).toEqual(
      [
        'Adadelta',
        'Adafactor',
        'Adagrad',
        'Adam',
        'AdamW',
        'Adamax',
        'Ftrl',
        'LBFGS',
        'Lamb',
        'Lion',
        'Nadam',
        'Optimizer',
        'RMSprop',
        'SGD',
      ].sort(),
    );
  });
});

describe('loss forms', () => {
  it('a loss that returns a Variable itself is differentiated (gradient 1)', () => {
    const w = new Variable(2);
    new SGD({ learningRate: 0.5 }).minimize(() => w, [w]);
    expect(w.value().item()).toBe(1.5);
  });
  it('a non-trainable variable listed in varList is still optimised (Keras 2 watches var_list)', () => {
    const w = new Variable(1, { trainable: false });
    new SGD({ learningRate: 0.25 }).minimize(() => square(w), [w]);
    expect(w.value().item()).toBe(0.5);
  });
  it('a float32 gradient for a float64 variable is cast to float64', () => {
    const w = new Variable(1);
    new SGD({ learningRate: 0.5 }).applyGradients([[tensor(0.1, { dtype: 'float32' }), w]]);
    expect(w.dtype).toBe('float64');
    expect(w.value().item()).toBe(1 - 0.5 * Math.fround(0.1));
  });
  it('varList may be a function returning the list (Keras 2)', () => {
    const w = new Variable(1);
    new SGD({ learningRate: 0.25 }).minimize(
      () => square(w),
      () => [w],
    );
    expect(w.value().item()).toBe(0.5);
  });
});

describe('gradient accumulation', () => {
  it('averages k calls and updates on every k-th; iterations counts updates', () => {
    const w = new Variable(0);
    const opt = new SGD({ learningRate: 1, gradientAccumulationSteps: 3 });
    const seen: number[] = [];
    for (const g of [3, 6, 0, 1, 1, 1]) {
      opt.applyGradients([[tensor(g), w]]);
      seen.push(w.value().item());
    }
    expect(seen).toEqual([0, 0, -3, -3, -3, -4]);
    expect(opt.iterations).toBe(2);
    expect(() => new SGD({ gradientAccumulationSteps: 1 })).toThrow(/SGD: gradientAccumulationSteps must be >= 2/);
    expect(() => new SGD({ gradientAccumulationSteps: 2.5 })).toThrow(
      /SGD: gradientAccumulationSteps must be an integer >= 2/,
    );
  });
});
