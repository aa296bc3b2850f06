import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../../test/helpers/webgpu.js';
import { matmulKernel } from '../../cpu/matmul.js';
import { Runner } from '../runner.js';
import type { GpuDType } from './common.js';
import { matmulGpu } from './matmul.js';
import { both, mismatch, randomValues, readBack, rng } from '../../../../test/helpers/gpu-kernels.js';

const { gpu, reason } = await gpuOrReason();
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** a shape, b shape, out shape: tile edges, odd sizes, k = 0, empty outputs, broadcast batches. */
const CASES: Array<[number[], number[], number[]]> = [
  [
    [1, 1],
    [1, 1],
    [1, 1],
  ],
  [
    [65, 17],
    [17, 33],
    [65, 33],
  ],
  [
    [64, 64],
    [64, 64],
    [64, 64],
  ],
  [
    [130, 70],
    [70, 129],
    [130, 129],
  ],
  [
    [2, 1, 5, 7],
    [3, 7, 4],
    [2, 3, 5, 4],
  ],
  [
    [4, 3, 1],
    [1, 5],
    [4, 3, 5],
  ],
  [
    [3, 0],
    [0, 4],
    [3, 4],
  ],
  [
    [0, 5],
    [5, 4],
    [0, 4],
  ],
  [
    [1, 3, 5],
    [2, 0, 5, 2],
    [2, 0, 3, 2],
  ],
  [
    [1, 1, 9, 2],
    [1, 2, 1],
    [1, 1, 9, 1],
  ],
  [
    [256, 256],
    [256, 256],
    [256, 256],
  ],
];

describe.skipIf(gpu === null)(`WebGPU matmul${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const r = new Runner(gpu!.device);
  const rand = rng(17);
  afterAll(() => {
    r.destroy();
    gpu!.destroy();
  });

  async function check(aShape: number[], bShape: number[], outShape: number[], dtype: 'float32' | 'int32') {
    const a = both(r, randomValues(rand, size(aShape), dtype), aShape, dtype);
    const b = both(r, randomValues(rand, size(bShape), dtype), bShape, dtype);
    const want = matmulKernel(a.cpu, b.cpu, outShape, dtype);
    const got = await readBack(r, matmulGpu(r, a.gpu, b.gpu, outShape, dtype), want.length, dtype as GpuDType);
    // float32 sums of k products of values in [-2, 2): error about ε·√k times the terms' size (4)
    const k = aShape[aShape.length - 1];
    const rtol = dtype === 'float32' ? 1e-5 * Math.sqrt(k + 1) : 0;
    expect(mismatch(got, want, rtol, 4 * rtol), `[${aShape}] × [${bShape}]`).toBeNull();
    r.release(a.gpu.buffer);
    r.release(b.gpu.buffer);
  }

  it('multiplies float32 matrices like the CPU (tiled, any m, n, k)', async () => {
    for (const [a, b, out] of CASES) await check(a, b, out, 'float32');
  });

  it('multiplies int32 matrices exactly', async () => {
    for (const [a, b, out] of CASES.slice(0, -1)) await check(a, b, out, 'int32');
  });

  it('takes int32 or bool inputs into a float32 product', async () => {
    const a = both(r, [1, 2, 3, 4, 5, 6], [2, 3], 'int32');
    const b = both(r, [1, 0, 0, 1, 1, 1], [3, 2], 'bool');
    const got = await readBack(r, matmulGpu(r, a.gpu, b.gpu, [2, 2], 'float32'), 4, 'float32');
    expect(Array.from(got)).toEqual([4, 5, 10, 11]);
  });

  it('names the function and argument in its errors', () => {
    const a = both(r, [1, 2, 3, 4, 5, 6], [2, 3], 'float32').gpu;
    const v = both(r, [1, 2, 3], [3], 'float32').gpu;
    expect(() => matmulGpu(r, a, v, [2], 'float32')).toThrow(/matmulGpu: a and b/);
    expect(() => matmulGpu(r, a, a, [2, 3], 'float32')).toThrow(/matmulGpu: a \[2, 3\] times b \[2, 3\]/);
    expect(() => matmulGpu(r, a, a, [2, 2], 'bool' as never)).toThrow(/matmulGpu: outDtype/);
  });
});
