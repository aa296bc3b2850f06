/**
 * @file The WebGPU backend end to end, as a user drives it: the tutorial's first cells, a fused `jit` gradient,
 * float64 refused, synchronous reads refused, buffers given back, and the device released. The op-by-op vectors
 * against the CPU are in test/backends/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as g from '../../index.js';
import { gpuOrReason } from '../../../test/helpers/webgpu.js';

const probe = await gpuOrReason();
probe.gpu?.destroy();

describe.skipIf(probe.gpu === null)(`the WebGPU backend${probe.reason ? ` (skipped: ${probe.reason})` : ''}`, () => {
  beforeAll(async () => {
    await g.setBackend('webgpu');
  });
  afterAll(async () => {
    await g.disposeBackend('webgpu');
  });

  it('runs the tutorial: f(x) = x² + 1 and its derivative over linspace, in float32', async () => {
    expect(g.getBackend()).toBe('webgpu');
    const x = g.linspace(-2, 2, 101);
    expect(x.dtype).toBe('float32');
    const tape = new g.GradientTape();
    tape.watch(x);
    const y = tape.record(() => g.add(g.pow(x, 2), 1));
    const dy = tape.gradient(y, x) as g.Tensor;
    const xs = (await x.data()) as Float32Array;
    const got = (await dy.data()) as Float32Array;
    xs.forEach((v, i) => expect(got[i]).toBeCloseTo(2 * v, 5));
    expect(await y.array()).toHaveLength(101);
  });

  it('a jitted loss and its gradient fuse into one kernel with an in-kernel sum', async () => {
    const f = g.jit((x: g.Tensor) => g.sum(g.add(g.mul(5, g.sin(g.mul(2, x))), g.square(x))));
    const x = g.linspace(-3, 3, 100_003);
    const [value, grad] = g.valueAndGrad(f)(x) as [g.Tensor, g.Tensor];
    const xs = (await x.data()) as Float32Array;
    let want = 0;
    for (const v of xs) want += 5 * Math.sin(2 * v) + v * v;
    expect(((await value.data()) as Float32Array)[0]).toBeCloseTo(want, 0);
    const gs = (await grad.data()) as Float32Array;
    for (const i of [0, 777, 50_001, 100_002]) expect(gs[i]).toBeCloseTo(10 * Math.cos(2 * xs[i]) + 2 * xs[i], 4);
  });

  it('a jitted function of 12 arguments: its backward kernel binds more buffers than a device allows, so it is packed', async () => {
    const f = g.jit((...xs: g.Tensor[]) =>
      g.sum(xs.reduce((acc, x, i) => g.add(acc, g.mul(g.sin(x), i + 1)), g.zerosLike(xs[0]))),
    );
    const xs = Array.from({ length: 12 }, (_, i) => g.add(g.linspace(0, 1, 1000), i));
    const [, grads] = g.valueAndGrad(f, { argnums: xs.map((_, i) => i) })(...xs) as [g.Tensor, g.Tensor[]];
    for (const i of [0, 5, 11]) {
      const got = (await grads[i].data()) as Float32Array;
      const x = (await xs[i].data()) as Float32Array;
      for (const j of [0, 499, 999]) expect(got[j]).toBeCloseTo((i + 1) * Math.cos(x[j]), 4);
    }
  });

  it('refuses float64 naming the op, and synchronous reads naming the async form', () => {
    expect(() => g.zeros([2], { dtype: 'float64' })).toThrow(
      /^zeros: options.dtype float64 is not supported on the webgpu backend/,
    );
    expect(() => g.tensor(new Float64Array([1]))).toThrow(/float64 is not supported on WebGPU/);
    expect(() => g.tensor([1, 2]).toArray()).toThrow(/await t.data\(\) or await t.array\(\)/);
    expect(() => g.scalar(1).item()).toThrow(/await t.data\(\)/);
  });

  it('runs a long eager loop without running out of buffers (they return to the pool when collected)', async () => {
    let x = g.ones([1 << 16]);
    for (let i = 0; i < 300; i++) x = g.mul(g.add(x, 1), 0.5);
    const v = (await x.data()) as Float32Array;
    expect(v[0]).toBeCloseTo(1, 5);
  });
});
