/** @file Learning-rate schedules against their closed forms (Keras semantics), including edges and validation. */
import { describe, expect, it } from 'vitest';
import {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  LearningRateSchedule,
  PiecewiseConstantDecay,
  PolynomialDecay,
} from './schedules.js';

const steps = [0, 1, 7, 50, 99, 100, 101, 250, 999, 1000, 1001, 5000];
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(b)));

describe('schedules against closed forms', () => {
  it('ExponentialDecay, continuous and staircase', () => {
    const c = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96 });
    const s = new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true });
    for (const k of steps) {
      close(c.call(k), 0.1 * 0.96 ** (k / 100));
      close(s.call(k), 0.1 * 0.96 ** Math.floor(k / 100));
    }
    expect(s.call(99)).toBe(0.1);
  });
  it('PiecewiseConstantDecay uses inclusive upper boundaries', () => {
    const p = new PiecewiseConstantDecay({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
    expect([0, 100, 101, 110, 111, 1e6].map((k) => p.call(k))).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
  });
  it('PolynomialDecay, clamped and cycling', () => {
    const p = new PolynomialDecay({ initialLearningRate: 0.1, decaySteps: 1000, endLearningRate: 0.01, power: 0.5 });
    const q = new PolynomialDecay({
      initialLearningRate: 0.1,
      decaySteps: 1000,
      endLearningRate: 0.01,
      power: 0.5,
      cycle: true,
    });
    for (const k of steps) {
      close(p.call(k), 0.09 * Math.sqrt(1 - Math.min(k, 1000) / 1000) + 0.01);
      const horizon = 1000 * Math.max(1, Math.ceil(k / 1000));
      close(q.call(k), 0.09 * Math.sqrt(1 - k / horizon) + 0.01);
    }
    expect(q.call(1000)).toBeCloseTo(0.01, 15);
    close(q.call(1500), 0.09 * Math.sqrt(0.25) + 0.01);
    expect(new PolynomialDecay({ initialLearningRate: 1, decaySteps: 10 }).endLearningRate).toBe(0.0001);
  });
  it('InverseTimeDecay, continuous and staircase', () => {
    const c = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    const s = new InverseTimeDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true });
    for (const k of steps) {
      close(c.call(k), 0.1 / (1 + (0.5 * k) / 10));
      close(s.call(k), 0.1 / (1 + 0.5 * Math.floor(k / 10)));
    }
  });
  it('CosineDecay with alpha, and with linear warmup', () => {
    const c = new CosineDecay({ initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1 });
    for (const k of steps) {
      const f = Math.min(k, 1000) / 1000;
      close(c.call(k), 0.1 * (0.9 * 0.5 * (1 + Math.cos(Math.PI * f)) + 0.1));
    }
    close(c.call(1000), 0.01);
    const w = new CosineDecay({ initialLearningRate: 0, decaySteps: 1000, warmupTarget: 0.1, warmupSteps: 100 });
    for (const k of steps) {
      const want = k < 100 ? (0.1 * k) / 100 : 0.1 * 0.5 * (1 + Math.cos((Math.PI * (Math.min(k, 1100) - 100)) / 1000));
      close(w.call(k), want);
    }
    close(w.call(50), 0.05);
    close(w.call(100), 0.1);
    close(w.call(600), 0.05);
  });
  it('CosineDecayRestarts: geometric periods and shrinking restarts', () => {
    const r = new CosineDecayRestarts({ initialLearningRate: 1, firstDecaySteps: 10, tMul: 2, mMul: 0.5 });
    // Periods: [0, 10) at 1, [10, 30) at 0.5, [30, 70) at 0.25.
    const form = (k: number) => {
      const [start, len, peak] = k < 10 ? [0, 10, 1] : k < 30 ? [10, 20, 0.5] : [30, 40, 0.25];
      return peak * 0.5 * (1 + Math.cos((Math.PI * (k - start)) / len));
    };
    for (const k of [0, 1, 5, 9, 10, 11, 20, 29, 30, 50, 69]) close(r.call(k), form(k));
    const flat = new CosineDecayRestarts({ initialLearningRate: 2, firstDecaySteps: 10, tMul: 1, alpha: 0.5 });
    for (const k of [0, 5, 10, 15, 25])
      close(flat.call(k), 2 * (0.5 * 0.5 * (1 + Math.cos((Math.PI * (k % 10)) / 10)) + 0.5));
  });
});

describe('schedule validation', () => {
  it.each([
    [
      () => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9 }),
      /ExponentialDecay: decaySteps must be > 0/,
    ],
    [
      () => new ExponentialDecay({ initialLearningRate: 0.1, decay_steps: 10, decayRate: 0.9 } as never),
      /unknown option 'decay_steps' \(did you mean 'decaySteps'\?\)/,
    ],
    [() => new PiecewiseConstantDecay({ boundaries: [1, 2], values: [1, 2] }), /one more element than boundaries/],
    [() => new PiecewiseConstantDecay({ boundaries: [2, 1], values: [1, 2, 3] }), /strictly increasing/],
    [() => new CosineDecay({ initialLearningRate: 1, decaySteps: -5 }), /CosineDecay: decaySteps must be > 0/],
    [
      () => new ExponentialDecay({ initialLearningRate: 0.1, decayRate: 0.9 } as never),
      /ExponentialDecay: decaySteps is required \(a finite number > 0\)/,
    ],
    [
      () => new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }).call(-1),
      /ExponentialDecay.call: step must be a number >= 0/,
    ],
  ] as const)('%#', (fn, msg) => expect(fn).toThrow(msg));
  it('custom schedules subclass LearningRateSchedule and convert to functions', () => {
    class Halving extends LearningRateSchedule {
      call(step: number) {
        return 1 / 2 ** step;
      }
    }
    expect(new Halving().asFunction()(3)).toBe(0.125);
  });
});

describe('schedules in optimizers', () => {
  it('accepts a schedule-like object with call(step) (e.g. from another copy of the library)', async () => {
    const { SGD } = await import('./index.js');
    const opt = new SGD({ learningRate: { call: (s: number) => 0.5 / (s + 1) } as never });
    expect(opt.learningRate).toBe(0.5);
  });
});
