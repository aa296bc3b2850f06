/**
 * @file What a user sees on a backend without synchronous reads: the active backend's name, the awaited reads,
 * synchronous reads that point to them, tensors of another backend refused by name, float64 refused on WebGPU,
 * and optimizers over float32 Variables.
 */
import { expect, it } from 'vitest';
import * as g from '../../src/index.js';
import type { Tensor } from '../../src/index.js';
import { describeOnBackends, onCpu, read } from './harness.js';

describeOnBackends('API on the backend', (backend) => {
  it('getBackend() names the active backend; numbers and arrays get its default float', () => {
    expect(g.getBackend()).toBe(backend);
    expect(g.tensor([1, 2]).dtype).toBe('float32');
    expect(g.linspace(0, 1, 4).dtype).toBe('float32');
    expect(g.add(g.tensor([1, 2], { dtype: 'int32' }), 0.5).dtype).toBe('float32');
  });

  it('await t.data() and await t.array() read any dtype and shape; 0-d and empty tensors too', async () => {
    const t = g.reshape(g.linspace(1, 6, 6), [2, 3]);
    expect(await t.array()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(await g.sum(t).array()).toBe(21);
    expect(Array.from(await g.tensor([3, -4], { dtype: 'int32' }).data())).toEqual([3, -4]);
    expect(await g.greater(t, 3.5).array()).toEqual([
      [false, false, false],
      [true, true, true],
    ]);
    expect(await g.zeros([0, 3]).array()).toEqual([]);
  });

  it('synchronous reads throw, pointing to the awaited ones', async () => {
    const t = g.tensor([1, 2]);
    expect(() => t.toArray()).toThrow(/Tensor\.toArray: .*cannot be read synchronously.*await t\.data\(\)/);
    expect(() => g.sum(t).item()).toThrow(/Tensor\.item: .*await t\.data\(\)/);
    const pending = t.data();
    expect(() => (pending as Float32Array)[0]).toThrow(/Tensor\.data: .*await t\.data\(\)/);
    // the read it started is still awaitable (left pending, it would reject unhandled when the device goes)
    expect(Array.from(await pending)).toEqual([1, 2]);
  });

  it('a tensor of another backend is refused, naming the op and both backends', async () => {
    const onCpuTensor = await onCpu(() => g.tensor([1, 2]));
    const here = g.tensor([1, 2]);
    expect(() => g.mul(onCpuTensor, here)).toThrow(
      new RegExp(`mul: an input .* lives on the 'cpu' backend but ops now run on '${backend}'`),
    );
    await onCpu(() => {
      expect(() => g.sub(here, g.tensor([1, 2]))).toThrow(
        new RegExp(`sub: an input .* lives on the '${backend}' backend but ops now run on 'cpu'`),
      );
    });
  });

  if (backend === 'webgpu')
    // the 'async-cpu' test backend does not refuse float64 (it runs the CPU's kernels): WebGPU only
    it('float64 is an error naming the op', () => {
      expect(() => g.tensor([1], { dtype: 'float64' })).toThrow(/tensor: .*float64/);
      expect(() => g.cast(g.tensor([1]), 'float64')).toThrow(/cast: .*float64/);
      expect(() => g.zeros([2], { dtype: 'float64' })).toThrow(/zeros: .*float64/);
    });

  /** The optimizers' tensor path (no host read): the same descent as the CPU's loops; the loss is `lastLoss`. */
  it('SGD and Adam minimize over float32 Variables converge as on the CPU', async () => {
    const run = async (): Promise<number[][]> => {
      const out: number[][] = [];
      for (const opt of [new g.SGD({ learningRate: 0.1 }), new g.Adam({ learningRate: 0.1 })]) {
        const w = new g.Variable(g.tensor([1.5, -0.5, 2]));
        const target = g.tensor([0.25, 0.5, -1]);
        for (let i = 0; i < 200; i++) opt.minimize(() => g.sum(g.square(g.sub(w as unknown as Tensor, target))), [w]);
        out.push((await read(w.value())).values);
      }
      return out;
    };
    const want = await onCpu(run);
    const got = await run();
    got.forEach((vs, i) => vs.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], 4)));
    for (const vs of got) expect(vs.map((v) => Math.round(v * 100) / 100)).toEqual([0.25, 0.5, -1]);
    const opt = new g.SGD({ learningRate: 0.1 });
    const w = new g.Variable(g.tensor([3]));
    expect(opt.minimize(() => g.sum(g.square(w as unknown as Tensor)), [w])).toBeNaN();
    expect([...(await opt.lastLoss!.data())]).toEqual([9]);
  });
});
