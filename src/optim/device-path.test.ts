/**
 * @file The optimizers' tensor path (devices without synchronous reads, as WebGPU) against their host path. Each
 * configuration runs N steps twice on float32 variables: on the CPU backend, where the update rules run as loops
 * over typed arrays (`updateStep`), and on 'async-cpu' (the CPU's kernels behind a device that cannot read
 * synchronously), where they run as library ops (`updateStepTensors`) and values come back only through
 * `await t.data()`. The two forms are independent implementations of each Keras rule, so their agreement (bit for
 * bit, or a few ulps where a sum is rounded once instead of per addition) checks both. The same runs on the real
 * WebGPU backend, when there is an adapter, are held to 1e-4.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as g from '../index.js';
import { asyncCpuBackend } from '../../test/helpers/async-cpu.js';
import { gpuOrReason } from '../../test/helpers/webgpu.js';
import {
  SGD,
  RMSprop,
  Adam,
  AdamW,
  Adagrad,
  Adadelta,
  Adamax,
  Nadam,
  Ftrl,
  Lion,
  Lamb,
  Adafactor,
  ExponentialDecay,
  LBFGS,
  descend,
  race,
  Optimizer,
  type OptimizerOptions,
  type SlotSpec,
  type StepContext,
} from './index.js';
import type { FloatArray } from './clip.js';

afterEach(async () => {
  await g.setBackend('cpu');
});

// 'async-cpu' with float64 as well (a GPU has none): on float64 both paths sum in the same order, so they must agree
// bit for bit, which checks the rules with reductions exactly.
g.registerBackend('async-cpu-f64', {
  create: async () => ({ ...asyncCpuBackend, name: 'async-cpu-f64', dtypes: ['float64', 'float32', 'int32', 'bool'] }),
});
type Backend = 'cpu' | 'async-cpu' | 'async-cpu-f64' | 'webgpu';

const F32 = { dtype: 'float32' } as const;
const STEPS = 6;
/** A vector (full second moments), a matrix and a rank-3 tensor (Adafactor factors both). */
const STARTS = {
  w: [0.5, -1.25, 2],
  kernel: [
    [0.3, -0.7, 1.1],
    [-0.2, 0.9, -1.6],
  ],
  cube: [
    [
      [0.4, -0.1],
      [1.3, 0.6],
    ],
    [
      [-0.9, 0.25],
      [0.05, -1.1],
    ],
  ],
};

type DType = 'float32' | 'float64';
type Vars = { w: g.Variable; kernel: g.Variable; cube: g.Variable };
const makeVars = (dtype: DType): Vars => ({
  w: new g.Variable(STARTS.w, { name: 'w', dtype }),
  kernel: new g.Variable(STARTS.kernel, { name: 'kernel', dtype }),
  cube: new g.Variable(STARTS.cube, { name: 'cube', dtype }),
});
const list = (v: Vars) => [v.w, v.kernel, v.cube];

/** A loss whose gradients differ per element: Σ a·w² + Σ sin w + Σ b·K² + Σ cos K + Σ 0.3·C³, in `w`'s dtype. */
function lossOf({ w, kernel, cube }: Vars) {
  const dt = { dtype: w.dtype };
  return () => {
    const a = g.tensor([1, 3, 0.5], dt);
    const b = g.tensor(
      [
        [0.2, 1, 2],
        [1.5, 0.1, 0.7],
      ],
      dt,
    );
    const partW = g.add(g.sum(g.mul(a, g.square(w))), g.sum(g.sin(w)));
    const partK = g.add(g.sum(g.mul(b, g.square(kernel))), g.sum(g.cos(kernel)));
    const partC = g.sum(g.mul(g.tensor(0.3, dt), g.mul(cube, g.square(cube))));
    return g.add(g.add(partW, partK), partC);
  };
}

type Make = (v: Vars) => Optimizer;
/** Every optimizer with the options that change its rule, and the common options on a few of them. */
const CONFIGS: [string, Make][] = [
  ['SGD', () => new SGD({ learningRate: 0.1 })],
  ['SGD momentum', () => new SGD({ learningRate: 0.1, momentum: 0.9 })],
  ['SGD nesterov', () => new SGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })],
  ['RMSprop', () => new RMSprop({ learningRate: 0.05 })],
  ['RMSprop centered', () => new RMSprop({ learningRate: 0.05, centered: true })],
  ['RMSprop momentum', () => new RMSprop({ learningRate: 0.05, momentum: 0.5 })],
  ['RMSprop centered momentum', () => new RMSprop({ learningRate: 0.05, centered: true, momentum: 0.5 })],
  ['Adam', () => new Adam({ learningRate: 0.1 })],
  ['Adam amsgrad', () => new Adam({ learningRate: 0.1, amsgrad: true, beta2: 0.9 })],
  ['AdamW', () => new AdamW({ learningRate: 0.1, weightDecay: 0.05 })],
  ['AdamW excluding', () => new AdamW({ learningRate: 0.1 }).excludeFromWeightDecay({ varNames: ['kern'] })],
  ['AdamW excluding a var', (v) => new AdamW({ learningRate: 0.1 }).excludeFromWeightDecay({ varList: [v.w] })],
  ['Adagrad', () => new Adagrad({ learningRate: 0.1 })],
  ['Adadelta', () => new Adadelta({ learningRate: 1 })],
  ['Adamax', () => new Adamax({ learningRate: 0.1 })],
  ['Nadam', () => new Nadam({ learningRate: 0.1 })],
  ['Ftrl', () => new Ftrl({ learningRate: 0.1 })],
  [
    'Ftrl regularised',
    () =>
      new Ftrl({
        learningRate: 0.1,
        learningRatePower: -0.7,
        l1RegularizationStrength: 0.01,
        l2RegularizationStrength: 0.02,
        l2ShrinkageRegularizationStrength: 0.03,
        beta: 0.5,
      }),
  ],
  ['Lion', () => new Lion({ learningRate: 0.05 })],
  ['Lamb', () => new Lamb({ learningRate: 0.1 })],
  ['Lamb weight decay', () => new Lamb({ learningRate: 0.1, weightDecay: 0.1 })],
  ['Adafactor', () => new Adafactor({ learningRate: 0.1 })],
  ['Adafactor absolute step', () => new Adafactor({ learningRate: 0.05, relativeStep: false, clipThreshold: 0.5 })],
  ['SGD clipnorm', () => new SGD({ learningRate: 0.1, clipnorm: 0.5 })],
  ['Adam clipvalue', () => new Adam({ learningRate: 0.1, clipvalue: 0.3 })],
  ['RMSprop globalClipnorm', () => new RMSprop({ learningRate: 0.05, globalClipnorm: 0.5 })],
  ['SGD weightDecay', () => new SGD({ learningRate: 0.1, weightDecay: 0.1 })],
  ['Adagrad weightDecay clipnorm', () => new Adagrad({ learningRate: 0.1, weightDecay: 0.2, clipnorm: 1 })],
  [
    'Adam schedule',
    () =>
      new Adam({
        learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 2, decayRate: 0.5 }),
      }),
  ],
  ['Nadam lr function', () => new Nadam({ learningRate: (step: number) => 0.1 / (1 + step) })],
  ['Adafactor schedule', () => new Adafactor({ learningRate: (step: number) => 0.2 / (1 + step) })],
  ['SGD gradient accumulation', () => new SGD({ learningRate: 0.1, momentum: 0.5, gradientAccumulationSteps: 2 })],
  ['Adam gradient accumulation', () => new Adam({ learningRate: 0.1, gradientAccumulationSteps: 3 })],
];

interface Result {
  values: Record<string, number[]>;
  slots: Record<string, number[]>;
  iterations: number;
  losses: number[];
}

const slotNames = (opt: Optimizer) => (opt as unknown as { slotSpecs(): SlotSpec[] }).slotSpecs().map((s) => s.name);

/** Runs `make` for STEPS minimize calls (or applyGradients with a tape's gradients) on `backend`; reads asynchronously. */
async function run(backend: Backend, make: Make, mode: 'minimize' | 'apply', dtype: DType = 'float32') {
  await g.setBackend(backend);
  const vars = makeVars(dtype);
  const opt = make(vars);
  const loss = lossOf(vars);
  const losses: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    if (mode === 'minimize') {
      opt.minimize(loss, list(vars));
    } else {
      const tape = new g.GradientTape();
      const l = tape.record(loss);
      const grads = tape.gradient(l, list(vars)) as g.Tensor[];
      opt.applyGradients(list(vars).map((v, j) => [grads[j]!, v] as const));
      expect(opt.lastLoss).toBeUndefined();
      losses.push((await l.data())[0]!);
      continue;
    }
    losses.push((await opt.lastLoss!.data())[0]!);
  }
  const values: Record<string, number[]> = {};
  const slots: Record<string, number[]> = {};
  for (const v of list(vars)) {
    values[v.name] = Array.from(await v.value().data());
    for (const name of slotNames(opt)) {
      const s = opt.getSlot(v, name);
      expect(s, `${name} of ${v.name}`).toBeInstanceOf(g.Tensor);
      slots[`${v.name}.${name}`] = Array.from(await s!.data());
    }
  }
  const result: Result = { values, slots, iterations: opt.iterations, losses };
  return result;
}

/** Spacing of float32 numbers at |x|. */
const ulp32 = (x: number): number =>
  x === 0 ? 2 ** -149 : 2 ** Math.max(-149, Math.floor(Math.log2(Math.abs(x))) - 23);

function expectUlps(got: readonly number[], want: readonly number[], ulps: number, what: string): void {
  expect(got.length, what).toBe(want.length);
  got.forEach((a, i) => {
    const b = want[i]!;
    if (a === b || Number.isNaN(a) || Number.isNaN(b)) return expect(a, `${what}[${i}]`).toBe(b);
    const err = Math.abs(a - b) / ulp32(Math.max(Math.abs(a), Math.abs(b)));
    expect(err, `${what}[${i}]: ${a} (device) vs ${b} (host), ${err} ulps`).toBeLessThanOrEqual(ulps);
  });
}

/**
 * Elementwise rules do the loop's operations in the loop's dtype, so they agree bit for bit. On float32 a reduction
 * (a norm, an rms: clipnorm, globalClipnorm, LAMB, Adafactor) sums in float64 and rounds once where the loop rounds
 * after every addition: the first step still agrees exactly, then the paths drift apart by a few ulps (Adafactor's
 * factored velocity, a quotient of such sums, the most: 10 ulps after six steps). On float64 both sum in the same
 * order, so every configuration must agree bit for bit there: that checks the reduction rules exactly.
 */
const ulpsFor = (name: string): number => (/Lamb|Adafactor|clipnorm|Clipnorm/.test(name) ? 16 : 0);

function expectSame(device: Result, host: Result, ulps: number): void {
  expect(device.iterations).toBe(host.iterations);
  expectUlps(device.losses, host.losses, ulps, 'loss');
  for (const k of Object.keys(host.values)) expectUlps(device.values[k]!, host.values[k]!, ulps, k);
  expect(Object.keys(device.slots)).toEqual(Object.keys(host.slots));
  for (const k of Object.keys(host.slots)) expectUlps(device.slots[k]!, host.slots[k]!, ulps, k);
}

describe('the tensor path (no synchronous reads) matches the host loops on float32 variables', () => {
  it.each(CONFIGS)('%s, minimize', async (name, make) => {
    const host = await run('cpu', make, 'minimize');
    const device = await run('async-cpu', make, 'minimize');
    expectSame(device, host, ulpsFor(name));
  });

  it.each(CONFIGS)('%s, minimize, float64: bit for bit', async (_name, make) => {
    const host = await run('cpu', make, 'minimize', 'float64');
    const device = await run('async-cpu-f64', make, 'minimize', 'float64');
    expect(device).toEqual(host);
  });

  it.each(CONFIGS.filter(([n]) => /^(SGD momentum|Adam|Lamb|Adafactor|RMSprop globalClipnorm)$/.test(n)))(
    '%s, applyGradients',
    async (name, make) => {
      expectSame(await run('async-cpu', make, 'apply'), await run('cpu', make, 'apply'), ulpsFor(name));
    },
  );

  it('casts a float64 or nested-array gradient to a float32 variable as the host path does', async () => {
    const step = async (backend: Backend) => {
      await g.setBackend(backend);
      const v = new g.Variable([0.5, -2], { name: 'v', dtype: 'float32' });
      const opt = new Adam({ learningRate: 0.1 });
      opt.applyGradients([[g.tensor([0.1 + 1e-12, -0.3], { dtype: 'float64' }), v]]);
      opt.applyGradients([[[0.7, 0.2], v]]);
      return Array.from(await v.value().data());
    };
    expectUlps(await step('async-cpu-f64'), await step('cpu'), 0, 'v');
  });
});

describe("the tutorial's loop", () => {
  it.each([false, true])('runs unchanged on a device without synchronous reads (jit: %s)', async (compiled) => {
    const path = async (backend: 'cpu' | 'async-cpu') => {
      await g.setBackend(backend);
      const x = new g.Variable(0.25, { dtype: 'float32' });
      const y = new g.Variable(-0.5, { dtype: 'float32' });
      const f = () => g.div(g.sub(g.sin(g.mul(4, x)), g.cos(g.mul(5, y))), 5);
      const opt = new SGD({ learningRate: 0.01 });
      const loss = compiled ? g.jit(f) : f;
      for (let i = 0; i < 50; i++) opt.minimize(loss, [x, y]);
      return [(await x.value().data())[0]!, (await y.value().data())[0]!, (await opt.lastLoss!.data())[0]!];
    };
    const [host, device] = [await path('cpu'), await path('async-cpu')];
    expect(device).toEqual(host);
  });
});

describe('minimize and lastLoss', () => {
  it('returns NaN on a device without synchronous reads; lastLoss holds the loss before the step', async () => {
    await g.setBackend('async-cpu');
    const x = new g.Variable(3, { name: 'x' });
    const opt = new SGD({ learningRate: 0.1 });
    expect(opt.lastLoss).toBeUndefined();
    expect(opt.minimize(() => g.square(x), [x])).toBeNaN();
    expect(opt.lastLoss).toBeInstanceOf(g.Tensor);
    expect(Array.from(await opt.lastLoss!.data())).toEqual([9]);
    expect(Array.from(await x.value().data())).toEqual([Math.fround(3 - 0.6)]);
    expect(opt.iterations).toBe(1);
  });

  it('returns the loss on the CPU and keeps the same value as lastLoss', () => {
    const x = new g.Variable(3, { name: 'x' });
    const opt = new SGD({ learningRate: 0.1 });
    expect(opt.minimize(() => g.square(x), [x])).toBe(9);
    expect(opt.lastLoss!.item()).toBe(9);
  });

  it('a CPU variable updated while another backend is active stays on the CPU', async () => {
    const v = new g.Variable([1, 2], { name: 'v' });
    const grad = g.tensor([0.5, 0.5]);
    await g.setBackend('async-cpu');
    new SGD({ learningRate: 0.1 }).applyGradients([[grad, v]]);
    await g.setBackend('cpu');
    expect(v.value().toArray()).toEqual([0.95, 1.95]);
  });

  it('does not record the update on a tape that is recording', async () => {
    await g.setBackend('async-cpu');
    const x = new g.Variable([1, 2], { name: 'x' });
    const opt = new Adam({ learningRate: 0.1 });
    const tape = new g.GradientTape();
    const y = tape.record(() => {
      const loss = g.sum(g.square(x));
      opt.applyGradients([[g.tensor([1, 1]), x]]);
      return loss;
    });
    expect(Array.from(await (tape.gradient(y, x) as g.Tensor).data())).toEqual([2, 4]);
  });
});

describe('slots and state across devices', () => {
  it('getSlot returns the slot tensor on the device, undefined before the first update', async () => {
    await g.setBackend('async-cpu');
    const x = new g.Variable([1, -1], { name: 'x' });
    const opt = new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.5 });
    expect(opt.getSlot(x, 'accumulator')).toBeUndefined();
    opt.applyGradients([[g.tensor([2, 1]), x]]);
    const acc = opt.getSlot(x, 'accumulator')!;
    expect(acc.shape).toEqual([2]);
    expect(Array.from(await acc.data())).toEqual([4.5, 1.5]);
  });

  it('a variable that moves to the device keeps its slots (copied from the host)', async () => {
    const twoSteps = async (moveTo: 'cpu' | 'async-cpu') => {
      const x = new g.Variable([1, -1], { name: 'x', dtype: 'float32' });
      const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
      opt.applyGradients([[g.tensor([1, 2], F32), x]]);
      await g.setBackend(moveTo);
      x.assign(g.tensor([1, -1], F32));
      opt.applyGradients([[g.tensor([1, 2], F32), x]]);
      const out = [await x.value().data(), await opt.getSlot(x, 'momentum')!.data()].map((a) => Array.from(a));
      await g.setBackend('cpu');
      return out;
    };
    const [want, got] = [await twoSteps('cpu'), await twoSteps('async-cpu')];
    expect(got).toEqual(want);
    expect(want[1]![0]).toBe(Math.fround(Math.fround(-Math.fround(0.1) * Math.fround(0.9)) - Math.fround(0.1)));
  });

  it('an optimizer without a tensor rule names itself and the way out', async () => {
    class SignSGD extends Optimizer {
      constructor(options: OptimizerOptions = {}) {
        super('SignSGD', options, [], 0.01);
      }
      protected slotSpecs(): SlotSpec[] {
        return [];
      }
      protected updateStep(w: FloatArray, grad: FloatArray, _s: FloatArray[], c: StepContext): void {
        for (let i = 0; i < w.length; i++) w[i] = c.r(w[i]! - c.r(c.lr) * Math.sign(grad[i]!));
      }
    }
    const cpu = new g.Variable(1);
    new SignSGD().applyGradients([[g.tensor(2), cpu]]);
    expect(cpu.value().item()).toBe(0.99);
    await g.setBackend('async-cpu');
    const x = new g.Variable(1);
    expect(() => new SignSGD().applyGradients([[g.tensor(2), x]])).toThrow(
      /SignSGD: this optimizer has no tensor rule \(updateStepTensors\).*setBackend\('cpu'\)/,
    );
  });
});

describe('host-number algorithms refuse a device without synchronous reads', () => {
  const f = (x: g.Variable, y: g.Variable) => g.add(g.square(x), g.square(y));

  it('descend and race', async () => {
    await g.setBackend('async-cpu');
    expect(() => descend(f, [1, 2], { steps: 3 })).toThrow(
      /^descend: needs the loss and the point as host numbers.*'async-cpu'.*await setBackend\('cpu'\)/,
    );
    expect(() => race(f, [1, 2], ['sgd', 'adam'])).toThrow(/^race: needs the loss and the point as host numbers/);
  });

  it('L-BFGS minimize and run', async () => {
    await g.setBackend('async-cpu');
    const x = new g.Variable(1, { name: 'x' });
    const y = new g.Variable(2, { name: 'y' });
    const opt = new LBFGS();
    const loss = () => f(x, y);
    expect(() => opt.minimize(loss, [x, y])).toThrow(/^LBFGS\.minimize: needs the loss and the point as host numbers/);
    expect(() => opt.run(loss, [x, y])).toThrow(/^LBFGS\.run: needs .*await setBackend\('cpu'\)/);
  });

  it('the gradient optimizers warn once per variable without a gradient, as on the CPU', async () => {
    await g.setBackend('async-cpu');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const [x, unused] = [new g.Variable(1, { name: 'x' }), new g.Variable(1, { name: 'unused' })];
    const opt = new SGD();
    opt.minimize(() => g.square(x), [x, unused]);
    opt.minimize(() => g.square(x), [x, unused]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(() => opt.minimize(() => g.square(x), [unused])).toThrow(/SGD.minimize: no gradients provided/);
    warn.mockRestore();
  });
});

const probe = await gpuOrReason();
probe.gpu?.destroy();

describe.skipIf(probe.gpu === null)(`on WebGPU${probe.reason ? ` (skipped: ${probe.reason})` : ''}`, () => {
  afterAll(async () => {
    await g.disposeBackend('webgpu');
  });

  // WGSL's sin, cos, sqrt and pow are not correctly rounded (pow is exp2(y·log2 x): FTRL's n^−p differences lose the
  // most, about 200 ulps), so the GPU is held to 1e-4 relative: far below what a wrong rule would change.
  it.each(CONFIGS)('%s matches the host loops to 1e-4', async (_name, make) => {
    const host = await run('cpu', make, 'minimize');
    const device = await run('webgpu', make, 'minimize');
    expect(device.iterations).toBe(host.iterations);
    expect(Object.keys(device.slots)).toEqual(Object.keys(host.slots));
    const all = (r: Result) => [...r.losses, ...Object.values(r.values).flat(), ...Object.values(r.slots).flat()];
    const [got, want] = [all(device), all(host)];
    got.forEach((a, i) => expect(Math.abs(a - want[i]!)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(want[i]!))));
  });
});
