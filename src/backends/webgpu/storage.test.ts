/** @file GPU storage: handles round-trip every GPU dtype, and a failed GPU command makes later reads reject. */
import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../test/helpers/webgpu.js';
import { Runner } from './runner.js';
import { GpuStore } from './storage.js';

const { gpu, reason } = await gpuOrReason();

describe.skipIf(gpu === null)(`GPU storage${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const runner = new Runner(gpu!.device);
  const store = new GpuStore(runner);
  afterAll(() => {
    runner.destroy();
    gpu!.destroy();
  });

  it('round-trips float32, int32 and bool (stored as u32 words), and refuses float64 naming the op', async () => {
    expect([...(await store.read(store.fromHost(Float32Array.of(1.5, -2), 'float32', 't'), 'float32', 2))]).toEqual([
      1.5, -2,
    ]);
    expect([...(await store.read(store.fromHost(Int32Array.of(-7, 9), 'int32', 't'), 'int32', 2))]).toEqual([-7, 9]);
    const b = await store.read(store.fromHost(Uint8Array.of(1, 0, 1), 'bool', 't'), 'bool', 3);
    expect(b).toBeInstanceOf(Uint8Array);
    expect([...b]).toEqual([1, 0, 1]);
    expect(() => store.fromHost(Float64Array.of(1), 'float64', 'tensor')).toThrow(
      /^tensor: float64 is not supported on WebGPU/,
    );
  });

  it('after a GPU command fails (here an invalid program), reads reject instead of returning garbage', async () => {
    const out = runner.buffer(16);
    runner.run({ code: 'this is not WGSL', workgroups: [1, 1, 1] }, [], [out]);
    await expect(store.read(store.wrap(out), 'float32', 4)).rejects.toThrow(
      /^webgpu: a GPU command failed, so results computed since cannot be trusted/,
    );
  });
});
