import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../../test/helpers/webgpu.js';
import { castKernel } from '../../cpu/movement.js';
import { Runner } from '../runner.js';
import { castGpu } from './cast.js';
import type { GpuDType } from './common.js';
import { both, mismatch, randomValues, readBack, rng } from '../../../../test/helpers/gpu-kernels.js';

const { gpu, reason } = await gpuOrReason();
const DTYPES: GpuDType[] = ['float32', 'int32', 'bool'];

/** Values each dtype holds, the awkward ones included (float32: rounding edges, NaN, ±Infinity, beyond int32). */
const SPECIAL: Record<GpuDType, number[]> = {
  float32: [
    0,
    -0,
    0.5,
    -0.5,
    1.5,
    -1.5,
    2.7,
    -2.7,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e-40,
    2147483520,
    -2147483648,
    2147483648,
    3e9,
    -3e9,
    1e10,
    -1e10,
    1e20,
    3.4e38,
  ],
  int32: [0, 1, -1, 7, -8, 16777216, 16777217, -16777219, 1 << 20, 2147483647 - 64],
  bool: [0, 1, 1, 0],
};

describe.skipIf(gpu === null)(`WebGPU cast${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const r = new Runner(gpu!.device);
  const rand = rng(19);
  afterAll(() => {
    r.destroy();
    gpu!.destroy();
  });

  for (const from of DTYPES)
    it.each(DTYPES)(`casts ${from} to %s like the CPU`, async (to) => {
      const values = [...SPECIAL[from], ...randomValues(rand, 1000, from)];
      for (const shape of [[values.length], [0], [5, 0]]) {
        const data = shape[0] === values.length ? values : [];
        const x = both(r, data, shape, from);
        const want = castKernel(x.cpu, to);
        const got = await readBack(r, castGpu(r, x.gpu, to), want.length, to);
        expect(mismatch(got, want), `${from} → ${to}`).toBeNull();
        r.release(x.gpu.buffer);
      }
    });

  it('casts a scalar', async () => {
    const x = both(r, [-3.75], [], 'float32');
    expect(Array.from(await readBack(r, castGpu(r, x.gpu, 'int32'), 1, 'int32'))).toEqual([-3]);
  });

  it('names the function and argument in its errors', () => {
    const x = both(r, [1], [1], 'float32').gpu;
    expect(() => castGpu(r, x, 'float64' as never)).toThrow(/castGpu: dtype/);
  });
});
