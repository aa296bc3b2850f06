import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../../test/helpers/webgpu.js';
import { gatherKernel, scatterAddKernel } from '../../cpu/movement.js';
import { Runner } from '../runner.js';
import type { GpuDType } from './common.js';
import { gatherGpu, scatterAddGpu } from './gather.js';
import { both, mismatch, randomValues, readBack, rng } from '../../../../test/helpers/gpu-kernels.js';

const { gpu, reason } = await gpuOrReason();
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

/** x shape, axis, indices: ranks 1–4, repeated and unused positions, size-0 dims and an empty index list. */
const CASES: Array<[number[], number, number[]]> = [
  [[5], 0, [4, 0, 0, 2]],
  [[5, 3], 0, [1, 1, 1, 4, 0, 2, 1]],
  [[5, 3], 1, [2, 0]],
  [[2, 4, 3], 1, [3, 3, 0, 1, 3]],
  [[2, 3, 4, 5], 3, [0, 4, 4, 1, 0, 2]],
  [[2, 3, 4, 5], 0, [1, 1]],
  [[3, 4], 1, []],
  [[0, 4], 1, [3, 2]],
  [[300, 7, 9], 0, Array.from({ length: 500 }, (_, i) => (i * 37) % 300)],
];

describe.skipIf(gpu === null)(`WebGPU gather and scatter-add${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const r = new Runner(gpu!.device);
  const rand = rng(13);
  afterAll(() => {
    r.destroy();
    gpu!.destroy();
  });

  it.each(['float32', 'int32', 'bool'] as GpuDType[])('gathers %s like the CPU', async (dtype) => {
    for (const [shape, axis, idx] of CASES) {
      const x = both(r, randomValues(rand, size(shape), dtype), shape, dtype);
      const indices = Int32Array.from(idx);
      const outShape = shape.map((d, i) => (i === axis ? idx.length : d));
      const want = gatherKernel(x.cpu, indices, axis, outShape);
      const got = await readBack(r, gatherGpu(r, x.gpu, indices, axis, outShape), want.length, dtype);
      expect(mismatch(got, want), `[${shape}] along ${axis}`).toBeNull();
    }
  });

  it.each(['float32', 'int32'] as GpuDType[])('scatter-adds %s like the CPU, duplicates adding up', async (dtype) => {
    for (const [outShape, axis, idx] of CASES) {
      const gShape = outShape.map((d, i) => (i === axis ? idx.length : d));
      const g = both(r, randomValues(rand, size(gShape), dtype), gShape, dtype);
      const indices = Int32Array.from(idx);
      const want = scatterAddKernel(g.cpu, indices, axis, outShape);
      const got = await readBack(r, scatterAddGpu(r, g.gpu, indices, axis, outShape), want.length, dtype);
      // the same additions in the same order, each rounded to float32: exact
      expect(mismatch(got, want), `[${outShape}] along ${axis}`).toBeNull();
    }
  });

  it('scatter-adds bool as "any source is true"', async () => {
    const g = both(r, [1, 0, 1, 0], [4], 'bool');
    const got = await readBack(r, scatterAddGpu(r, g.gpu, Int32Array.of(0, 1, 0, 2), 0, [3]), 3, 'bool');
    expect(Array.from(got)).toEqual([1, 0, 0]);
  });

  it('names the function and argument in its errors', () => {
    const x = both(r, [1, 2, 3, 4, 5, 6], [2, 3], 'float32').gpu;
    expect(() => gatherGpu(r, x, Int32Array.of(0, 3), 1, [2, 2])).toThrow(/gatherGpu: indices\[1\] = 3/);
    expect(() => gatherGpu(r, x, Int32Array.of(-1), 0, [1, 3])).toThrow(/gatherGpu: indices\[0\] = -1/);
    expect(() => gatherGpu(r, x, Int32Array.of(0), 2, [2, 1])).toThrow(/gatherGpu: axis/);
    expect(() => gatherGpu(r, x, Int32Array.of(0), 1, [2, 2])).toThrow(
      /gatherGpu: outShape must be \[2, …1 index elements…\]/,
    );
    expect(gatherGpu(r, x, Int32Array.of(0, 1, 0, 1), 0, [2, 2, 3])).toBeDefined(); // 2-d indices
    expect(() => scatterAddGpu(r, x, Int32Array.of(0, 1, 2), 0, [4, 3])).toThrow(/scatterAddGpu: g's shape/);
    expect(() => gatherGpu(r, x, [0] as never, 0, [1, 3])).toThrow(/gatherGpu: indices must be an Int32Array/);
  });
});
