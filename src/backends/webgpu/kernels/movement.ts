/// <reference types="@webgpu/types" />
/**
 * @file Movement kernels: transpose, broadcast, slice, pad, concat. All but pad are one strided copy (as on the
 * CPU, `cpu/strided.ts`): each thread takes one element of a block, splits its flat index over the block's
 * shape, and copies between two strided layouts. Elements are copied as raw 32-bit words, so one pipeline
 * serves every dtype. Pad is one pass over the output that writes zero outside the input's window.
 */
import { broadcastStrides, stridesOf, sizeOf } from '../../../core/shape.js';
import { FLAT_INDEX, type GpuInput, type Runner, workgroupsFor, MAIN_1D } from '../runner.js';
import { at, checkDims, checkRank, coalesce, dims, emptyOutput, uniforms } from './common.js';

const COPY = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
struct U { n: u32, rank: u32, xOff: u32, yOff: u32, ${dims('shape')}, ${dims('xStr')}, ${dims('yStr')} }
@group(0) @binding(2) var<uniform> u: U;
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= u.n) { return; }
  var rest = i;
  var xi = u.xOff;
  var yi = u.yOff;
  for (var k = 0u; k < u.rank; k++) {
    let d = u.rank - 1u - k;
    let c = rest % ${at('u.shape', 'd')};
    rest = rest / ${at('u.shape', 'd')};
    xi += c * ${at('u.xStr', 'd')};
    yi += c * ${at('u.yStr', 'd')};
  }
  y[yi] = x[xi];
}`;

/** Copies the block `shape` from x (at xOff, strides xStr) into y (at yOff, strides yStr). */
function copyBlock(
  r: Runner,
  x: GPUBuffer,
  xOff: number,
  xStr: readonly number[],
  y: GPUBuffer,
  yOff: number,
  yStr: readonly number[],
  shape: readonly number[],
  fn: string,
): void {
  const n = sizeOf(shape);
  if (n === 0) return;
  const c = coalesce(shape, [xStr, yStr]);
  checkRank(fn, 'the input', c.shape.length);
  const u = uniforms([n, c.shape.length, xOff, yOff], c.shape, c.strides[0], c.strides[1]);
  r.run({ code: COPY, workgroups: workgroupsFor(n), uniforms: u }, [x], [y]);
}

/**
 * The output's dimension d is the input's dimension perm[d].
 * @example transposeGpu(r, x, [1, 0]) // a [3, 2] matrix from a [2, 3] one
 */
export function transposeGpu(r: Runner, x: GpuInput, perm: number[]): GPUBuffer {
  const rank = x.shape.length;
  checkDims('transposeGpu', 'perm', perm, rank);
  if (new Set(perm).size !== rank || perm.some((p) => p >= rank))
    throw new Error(`transposeGpu: perm must be a permutation of 0…${rank - 1}; got ${JSON.stringify(perm)}`);
  const outShape = perm.map((p) => x.shape[p]);
  const n = sizeOf(outShape);
  if (n === 0) return emptyOutput(r);
  const st = stridesOf(x.shape);
  const out = r.buffer(n * 4);
  const xStr = perm.map((p) => st[p]);
  copyBlock(r, x.buffer, 0, xStr, out, 0, stridesOf(outShape), outShape, 'transposeGpu');
  return out;
}

/**
 * Repeats x along its size-1 (or missing leading) dimensions up to `shape`, numpy's broadcasting.
 * @example broadcastToGpu(r, x, [4, 3]) // x of shape [3] or [1, 3]
 */
export function broadcastToGpu(r: Runner, x: GpuInput, shape: number[]): GPUBuffer {
  checkDims('broadcastToGpu', 'shape', shape, shape.length);
  const off = shape.length - x.shape.length;
  if (off < 0 || x.shape.some((d, i) => d !== 1 && d !== shape[off + i]))
    throw new Error(`broadcastToGpu: cannot broadcast shape [${x.shape.join(', ')}] to [${shape.join(', ')}]`);
  const n = sizeOf(shape);
  if (n === 0) return emptyOutput(r);
  const out = r.buffer(n * 4);
  copyBlock(r, x.buffer, 0, broadcastStrides(x.shape, shape), out, 0, stridesOf(shape), shape, 'broadcastToGpu');
  return out;
}

/**
 * The window of x of extent `size` starting at `begin`.
 * @example sliceGpu(r, x, [1, 0], [2, 3]) // rows 1 and 2 of a [4, 3] matrix
 */
export function sliceGpu(r: Runner, x: GpuInput, begin: number[], size: number[]): GPUBuffer {
  const rank = x.shape.length;
  checkDims('sliceGpu', 'begin', begin, rank);
  checkDims('sliceGpu', 'size', size, rank);
  if (begin.some((b, i) => b + size[i] > x.shape[i]))
    throw new Error(
      `sliceGpu: the window begin [${begin.join(', ')}] size [${size.join(', ')}] leaves the input [${x.shape.join(', ')}]`,
    );
  const n = sizeOf(size);
  if (n === 0) return emptyOutput(r);
  const st = stridesOf(x.shape);
  const off = begin.reduce((a, b, i) => a + b * st[i], 0);
  const out = r.buffer(n * 4);
  copyBlock(r, x.buffer, off, st, out, 0, stridesOf(size), size, 'sliceGpu');
  return out;
}

const PAD = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
struct U { n: u32, rank: u32, _a: u32, _b: u32, ${dims('shape')}, ${dims('before')}, ${dims('xShape')}, ${dims('xStr')} }
@group(0) @binding(2) var<uniform> u: U;
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= u.n) { return; }
  var rest = i;
  var xi = 0u;
  var inside = true;
  for (var k = 0u; k < u.rank; k++) {
    let d = u.rank - 1u - k;
    let c = rest % ${at('u.shape', 'd')};
    rest = rest / ${at('u.shape', 'd')};
    let xc = c - ${at('u.before', 'd')}; // wraps to a huge value before the window
    inside = inside && xc < ${at('u.xShape', 'd')};
    xi += xc * ${at('u.xStr', 'd')};
  }
  if (inside) { y[i] = x[xi]; } else { y[i] = 0u; }
}`;

/**
 * x placed at offset `before` inside zeros of shape `outShape` (0 is all-zero bits in every dtype).
 * @example padGpu(r, x, [1, 1], [4, 5]) // a [2, 3] x framed by zeros
 */
export function padGpu(r: Runner, x: GpuInput, before: number[], outShape: number[]): GPUBuffer {
  const rank = x.shape.length;
  checkDims('padGpu', 'before', before, rank);
  checkDims('padGpu', 'outShape', outShape, rank);
  if (before.some((b, i) => b + x.shape[i] > outShape[i]))
    throw new Error(
      `padGpu: x [${x.shape.join(', ')}] at [${before.join(', ')}] does not fit in [${outShape.join(', ')}]`,
    );
  checkRank('padGpu', 'x', rank);
  const n = sizeOf(outShape);
  if (n === 0) return emptyOutput(r);
  const out = r.buffer(n * 4);
  const u = uniforms([n, rank], outShape, before, x.shape, stridesOf(x.shape));
  r.run({ code: PAD, workgroups: workgroupsFor(n), uniforms: u }, [x.buffer], [out]);
  return out;
}

/**
 * xs joined along `axis` (each copied into its slab of the output by its own dispatch, so any number of inputs
 * works within the binding limits).
 * @example concatGpu(r, [a, b], 0, [5, 3]) // a [2, 3] above b [3, 3]
 */
export function concatGpu(r: Runner, xs: GpuInput[], axis: number, outShape: number[]): GPUBuffer {
  if (!Array.isArray(xs) || xs.length === 0) throw new Error('concatGpu: xs must be a non-empty array of inputs');
  const rank = outShape.length;
  checkDims('concatGpu', 'outShape', outShape, rank);
  if (!Number.isInteger(axis) || axis < 0 || axis >= rank)
    throw new Error(`concatGpu: axis must be an integer in [0, ${rank}); got ${axis}`);
  const total = xs.reduce((a, x) => a + (x.shape[axis] ?? 0), 0);
  if (
    total !== outShape[axis] ||
    xs.some((x) => x.shape.length !== rank || x.shape.some((d, i) => i !== axis && d !== outShape[i]))
  )
    throw new Error(
      `concatGpu: inputs [${xs.map((x) => `[${x.shape.join(', ')}]`).join(', ')}] do not join along ${axis} into [${outShape.join(', ')}]`,
    );
  const n = sizeOf(outShape);
  if (n === 0) return emptyOutput(r);
  const out = r.buffer(n * 4);
  const ost = stridesOf(outShape);
  let at0 = 0;
  for (const x of xs) {
    copyBlock(r, x.buffer, 0, stridesOf(x.shape), out, at0 * ost[axis], ost, x.shape, 'concatGpu');
    at0 += x.shape[axis];
  }
  return out;
}
