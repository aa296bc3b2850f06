import { afterEach, describe, expect, it } from 'vitest';
import * as g from '../index.js';
import '../../test/helpers/async-cpu.js';

afterEach(async () => {
  await g.setBackend('cpu');
});

describe('backends by name', () => {
  it('starts on the CPU and names the active backend', () => {
    expect(g.getBackend()).toBe('cpu');
  });

  it('rejects an unknown name, listing the known ones', async () => {
    await expect(g.setBackend('nope')).rejects.toThrow(
      /setBackend: unknown backend 'nope'; the backends are 'cpu', 'webgpu'/,
    );
    await expect(g.setBackend(3 as never)).rejects.toThrow(/setBackend: name must be a string/);
    expect(g.getBackend()).toBe('cpu');
  });

  it('refuses to dispose of the CPU', async () => {
    await expect(g.disposeBackend('cpu')).rejects.toThrow(/cannot be disposed/);
  });
});

describe('a backend without synchronous reads (as WebGPU)', () => {
  it('makes float32 the default float', async () => {
    await g.setBackend('async-cpu');
    expect(g.getBackend()).toBe('async-cpu');
    expect(g.tensor([1, 2]).dtype).toBe('float32');
    expect(g.linspace(0, 1, 3).dtype).toBe('float32');
    expect(g.zeros([2]).dtype).toBe('float32');
    expect(g.sin(g.tensor([1], { dtype: 'int32' })).dtype).toBe('float32');
    expect(g.add(g.tensor([1, 2]), 1).dtype).toBe('float32');
  });

  it('has no float64: asking for it is an error naming the op and the argument', async () => {
    await g.setBackend('async-cpu');
    expect(() => g.zeros([2], { dtype: 'float64' })).toThrow(
      "zeros: options.dtype float64 is not supported on the async-cpu backend (it has float32, int32, bool); use float32, or setBackend('cpu') for float64",
    );
    expect(() => g.cast(g.tensor([1]), 'float64')).toThrow(/^cast: dtype float64 is not supported on the async-cpu/);
    expect(() => g.tensor([1], { dtype: 'float64' })).toThrow(/^tensor: options.dtype float64 is not supported/);
    expect(() => new g.Variable(1, { dtype: 'float64' })).toThrow(/^Variable: options.dtype float64/);
  });

  it('reads with await t.data() and await t.array(), and says so on a synchronous read', async () => {
    await g.setBackend('async-cpu');
    const t = g
      .tensor([
        [1, 2],
        [3, 4],
      ])
      .mul(2);
    expect(Array.from(await t.data())).toEqual([2, 4, 6, 8]);
    expect(await t.array()).toEqual([
      [2, 4],
      [6, 8],
    ]);
    expect(await g.tensor([true, false]).array()).toEqual([true, false]);
    expect(() => t.toArray()).toThrow(
      /Tensor.toArray: this tensor lives on the GPU \(async-cpu\).*await t.data\(\) or await t.array\(\)/,
    );
    expect(() => t.sum().item()).toThrow(/Tensor.item: .*await t.data\(\)/);
    // code written for a synchronous result gets an error, not a silent undefined
    expect(() => (t.data() as Float32Array)[0]).toThrow(/Tensor.data: .*use await t.data\(\)/);
    expect(() => t.data().length).toThrow(/got a read of 'length'/);
    expect(String(t)).toBe('Tensor [2, 2] float32 on async-cpu (values: await t.array())');
  });

  it('differentiates there as on the CPU', async () => {
    await g.setBackend('async-cpu');
    const x = g.linspace(-2, 2, 5);
    const tape = new g.GradientTape();
    tape.watch(x);
    const y = tape.record(() => x.square().add(1));
    const dy = tape.gradient(y, x) as g.Tensor;
    expect(Array.from(await dy.data())).toEqual([-4, -2, 0, 2, 4]);
    const f = g.jit((a: g.Tensor) => a.sin().mul(5).sum());
    expect(Array.from(await f(x).data())[0]).toBeCloseTo(0, 6);
  });

  it('refuses to mix tensors of two backends, naming the op and both backends', async () => {
    const onCpu = g.tensor([1, 2]);
    await g.setBackend('async-cpu');
    expect(() => g.add(onCpu, g.tensor([1, 2]))).toThrow(
      /add: an input \(\[2\] float64\) lives on the 'cpu' backend but ops now run on 'async-cpu'/,
    );
    // numbers, and constants cached per backend, follow the active backend
    expect(Array.from(await g.tensor([1, 2]).add(1).data())).toEqual([2, 3]);
    await g.setBackend('cpu');
    expect(g.tensor([1, 2]).add(1).toArray()).toEqual([2, 3]);
  });

  it('traces a jitted function once per backend', async () => {
    const f = g.jit((a: g.Tensor) => a.mul(3).add(1));
    expect(f(g.tensor([1, 2])).toArray()).toEqual([4, 7]);
    await g.setBackend('async-cpu');
    expect(Array.from(await f(g.tensor([1, 2])).data())).toEqual([4, 7]);
    await g.setBackend('cpu');
    expect(f(g.tensor([1, 2])).toArray()).toEqual([4, 7]);
  });
});
