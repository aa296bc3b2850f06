import { afterAll, describe, expect, it } from 'vitest';
import { gpuOrReason } from '../../../../test/helpers/webgpu.js';
import { broadcastToKernel, concatKernel, padKernel, sliceKernel, transposeKernel } from '../../cpu/movement.js';
import { Runner } from '../runner.js';
import type { GpuDType } from './common.js';
import { broadcastToGpu, concatGpu, padGpu, sliceGpu, transposeGpu } from './movement.js';
import { both, mismatch, randomValues, readBack, rng } from '../../../../test/helpers/gpu-kernels.js';

const { gpu, reason } = await gpuOrReason();
const DTYPES: GpuDType[] = ['float32', 'int32', 'bool'];
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

describe.skipIf(gpu === null)(`WebGPU movement kernels${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const r = new Runner(gpu!.device);
  const rand = rng(7);
  afterAll(() => {
    r.destroy();
    gpu!.destroy();
  });
  const input = (shape: number[], dtype: GpuDType) => both(r, randomValues(rand, size(shape), dtype), shape, dtype);
  const expectSame = async (out: GPUBuffer, want: ArrayLike<number>, dtype: GpuDType) =>
    expect(mismatch(await readBack(r, out, want.length, dtype), want)).toBeNull();

  it.each(DTYPES)('transposes %s inputs of rank 0–4 like the CPU', async (dtype) => {
    const cases: Array<[number[], number[]]> = [
      [[], []],
      [[5], [0]],
      [
        [3, 4],
        [1, 0],
      ],
      [
        [2, 3, 4],
        [2, 0, 1],
      ],
      [
        [2, 3, 4],
        [0, 1, 2],
      ],
      [
        [3, 1, 5, 2],
        [3, 1, 0, 2],
      ],
      [
        [2, 0, 3],
        [2, 1, 0],
      ],
      [
        [37, 29, 3],
        [1, 2, 0],
      ],
    ];
    for (const [shape, perm] of cases) {
      const x = input(shape, dtype);
      await expectSame(transposeGpu(r, x.gpu, perm), transposeKernel(x.cpu, perm), dtype);
    }
  });

  it.each(DTYPES)('broadcasts %s inputs like the CPU', async (dtype) => {
    const cases: Array<[number[], number[]]> = [
      [[], [3, 2]],
      [[1], [7]],
      [[3], [4, 3]],
      [
        [4, 1],
        [4, 5],
      ],
      [
        [2, 1, 3],
        [2, 2, 4, 3],
      ],
      [
        [1, 3],
        [0, 3],
      ],
    ];
    for (const [shape, to] of cases) {
      const x = input(shape, dtype);
      await expectSame(broadcastToGpu(r, x.gpu, to), broadcastToKernel(x.cpu, to), dtype);
    }
  });

  it.each(DTYPES)('slices %s inputs like the CPU', async (dtype) => {
    const cases: Array<[number[], number[], number[]]> = [
      [[], [], []],
      [[9], [2], [5]],
      [
        [5, 6],
        [1, 2],
        [3, 4],
      ],
      [
        [4, 5, 6],
        [0, 1, 0],
        [4, 3, 6],
      ],
      [
        [2, 3, 4, 5],
        [1, 1, 1, 1],
        [1, 2, 3, 4],
      ],
      [
        [4, 5],
        [2, 0],
        [0, 5],
      ],
    ];
    for (const [shape, begin, sz] of cases) {
      const x = input(shape, dtype);
      await expectSame(sliceGpu(r, x.gpu, begin, sz), sliceKernel(x.cpu, begin, sz), dtype);
    }
  });

  it.each(DTYPES)('pads %s inputs with zeros like the CPU', async (dtype) => {
    const cases: Array<[number[], number[], number[]]> = [
      [[], [], []],
      [[3], [2], [7]],
      [
        [2, 3],
        [1, 0],
        [4, 5],
      ],
      [
        [2, 3, 4],
        [0, 2, 1],
        [3, 5, 5],
      ],
      [
        [2, 0, 2],
        [1, 1, 1],
        [4, 3, 3],
      ],
    ];
    for (const [shape, before, out] of cases) {
      const x = input(shape, dtype);
      await expectSame(padGpu(r, x.gpu, before, out), padKernel(x.cpu, before, out), dtype);
    }
  });

  it.each(DTYPES)('concatenates %s inputs like the CPU', async (dtype) => {
    const cases: Array<[number[][], number, number[]]> = [
      [[[2], [3]], 0, [5]],
      [
        [
          [2, 3],
          [4, 3],
          [1, 3],
        ],
        0,
        [7, 3],
      ],
      [
        [
          [2, 3],
          [2, 0],
          [2, 5],
        ],
        1,
        [2, 8],
      ],
      [
        [
          [2, 3, 4],
          [2, 1, 4],
        ],
        1,
        [2, 4, 4],
      ],
      [
        [
          [3, 2, 1],
          [3, 2, 2],
          [3, 2, 3],
          [3, 2, 1],
          [3, 2, 1],
        ],
        2,
        [3, 2, 8],
      ],
    ];
    for (const [shapes, axis, out] of cases) {
      const xs = shapes.map((s) => input(s, dtype));
      const got = concatGpu(
        r,
        xs.map((x) => x.gpu),
        axis,
        out,
      );
      await expectSame(
        got,
        concatKernel(
          xs.map((x) => x.cpu),
          axis,
          out,
        ),
        dtype,
      );
    }
  });

  it('broadcasts to more than 65,535 workgroups of elements (a 2-D dispatch)', async () => {
    const big = [65535 * 4 + 1, 64]; // 256 elements a workgroup: 65,536 workgroups and some
    const b = input([1, 64], 'float32');
    await expectSame(broadcastToGpu(r, b.gpu, big), broadcastToKernel(b.cpu, big), 'float32');
  });

  it('names the function and argument in its errors', () => {
    const x = input([2, 3], 'float32').gpu;
    expect(() => transposeGpu(r, x, [0, 0])).toThrow(/transposeGpu: perm/);
    expect(() => broadcastToGpu(r, x, [3, 3])).toThrow(/broadcastToGpu: cannot broadcast/);
    expect(() => sliceGpu(r, x, [1, 0], [2, 3])).toThrow(/sliceGpu: the window/);
    expect(() => padGpu(r, x, [1], [3, 3])).toThrow(/padGpu: before/);
    expect(() => concatGpu(r, [x], 2, [2, 3])).toThrow(/concatGpu: axis/);
  });
});
