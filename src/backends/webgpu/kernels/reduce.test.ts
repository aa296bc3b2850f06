import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../../test/helpers/webgpu.js';
import type { ReduceName } from '../../backend.js';
import { reduceKernel } from '../../cpu/reduce.js';
import { Runner } from '../runner.js';
import type { GpuDType } from './common.js';
import { reduceGpu } from './reduce.js';
import { both, mismatch, randomValues, readBack, rng } from '../../../../test/helpers/gpu-kernels.js';

const { gpu, reason } = await gpuOrReason();
const OPS: ReduceName[] = ['sum', 'prod', 'max', 'min'];
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** Shapes with their reduced axes: ranks 0–4, size-0 dims, odd sizes, every kind of axis set. */
const CASES: Array<[number[], number[]]> = [
  [[], []],
  [[7], [0]],
  [[7], []],
  [[0], [0]],
  [[3, 0], [1]],
  [[0, 3], [1]],
  [[5, 6], [0]],
  [[5, 6], [1]],
  [
    [5, 6],
    [0, 1],
  ],
  [
    [2, 3, 4],
    [0, 2],
  ],
  [[2, 3, 4], [1]],
  [
    [3, 1, 4, 5],
    [1, 3],
  ],
  [
    [2, 3, 4, 5],
    [0, 1, 2, 3],
  ],
  [[3, 517], [1]], // TREE: one chunk per row
  [[2, 5000], [1]], // TREE: two chunks per row, then a second pass
  [
    [40, 3, 50],
    [0, 2],
  ], // TREE over two merged reduced dimensions
  [[9000, 70], [0]], // ROWS over a column, in spans, then a second pass
  [[10000, 3], [1]], // ROWS with many outputs
  [[3, 5000, 2], [1]], // ROWS in spans over a middle axis
];

describe.skipIf(gpu === null)(`WebGPU reductions${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const r = new Runner(gpu!.device);
  const rand = rng(11);
  afterAll(() => {
    r.destroy();
    gpu!.destroy();
  });

  /** Runs `op` on the GPU and the CPU over the same data and compares (float sums/products within √n·1e-5). */
  async function check(op: ReduceName, values: number[], shape: number[], dtype: GpuDType, axes: number[]) {
    const x = both(r, values, shape, dtype);
    const want = reduceKernel(op, x.cpu, axes);
    const outDtype = dtype === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : dtype;
    const got = await readBack(r, reduceGpu(r, op, x.gpu, axes), want.length, outDtype);
    const n = size(shape) / Math.max(1, want.length);
    const rtol = dtype === 'float32' && (op === 'sum' || op === 'prod') ? 1e-5 * Math.sqrt(n + 1) : 0;
    r.release(x.gpu.buffer);
    const bad = mismatch(got, want, rtol, rtol * 1e-2);
    expect(bad, `${op} ${dtype} [${shape}] over [${axes}]: ${bad}`).toBeNull();
  }

  for (const op of OPS)
    it.each(['float32', 'int32', 'bool'] as GpuDType[])(`${op} of %s like the CPU`, async (dtype) => {
      for (const [shape, axes] of CASES) {
        // products of many values overflow or vanish: keep them near 1
        const values = randomValues(rand, size(shape), dtype).map((v) =>
          op === 'prod' && dtype === 'float32' ? 1 + v / 64 : op === 'prod' && dtype === 'int32' ? Math.sign(v) : v,
        );
        await check(op, values, shape, dtype, axes);
      }
    });

  it('max and min propagate NaN as the CPU does (any NaN in a slice gives NaN)', async () => {
    const rand2 = rng(3);
    for (const [shape, axes] of CASES) {
      const values = randomValues(rand2, size(shape), 'float32').map((v) => (rand2() < 0.05 ? Number.NaN : v));
      for (const op of ['max', 'min'] as ReduceName[]) await check(op, values, shape, 'float32', axes);
    }
    // infinities are ordinary values
    await check('max', [Number.NEGATIVE_INFINITY, -1, Number.NaN, 2], [2, 2], 'float32', [1]);
    await check('min', [Number.POSITIVE_INFINITY, 5, Number.NEGATIVE_INFINITY, 1], [4], 'float32', [0]);
  });

  it('sums 2^20 + 3 elements in several passes', async () => {
    const n = 2 ** 20 + 3;
    const values = randomValues(rng(5), n, 'float32');
    await check('sum', values, [n], 'float32', [0]);
    const ints = randomValues(rng(6), n, 'int32');
    await check('sum', ints, [n], 'int32', [0]);
    await check('max', ints, [n], 'int32', [0]);
    const ones = new Array<number>(n).fill(1);
    const x = both(r, ones, [n], 'float32');
    expect(Array.from(await readBack(r, reduceGpu(r, 'sum', x.gpu, [0]), 1, 'float32'))).toEqual([n]);
  });

  it('names the function and argument in its errors', () => {
    const x = both(r, [1, 2, 3, 4], [2, 2], 'float32').gpu;
    expect(() => reduceGpu(r, 'sum', x, [1, 0])).toThrow(/reduceGpu: axes/);
    expect(() => reduceGpu(r, 'sum', x, [2])).toThrow(/reduceGpu: axes/);
    expect(() => reduceGpu(r, 'mean' as ReduceName, x, [0])).toThrow(/reduceGpu: op/);
  });
});
