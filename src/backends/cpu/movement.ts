/** @file Movement kernels: transpose, broadcast, slice, pad, concat, gather, scatter-add, cast. */
import { convertInto, type DType, type TypedArray } from '../../core/dtype.js';
import { allocStorage } from '../../core/storage.js';
import type { Buf } from '../backend.js';
import { arr } from './storage.js';
import { broadcastStrides, stridesOf } from '../../core/shape.js';
import { copyStrided } from './strided.js';

export function transposeKernel(x: Buf, perm: number[]): TypedArray {
  const st = stridesOf(x.shape);
  const outShape = perm.map((p) => x.shape[p]);
  const out = allocStorage(x.dtype, arr(x).length);
  copyStrided(
    arr(x),
    0,
    perm.map((p) => st[p]),
    out,
    0,
    stridesOf(outShape),
    outShape,
  );
  return out;
}

export function broadcastToKernel(x: Buf, shape: number[]): TypedArray {
  let n = 1;
  for (const d of shape) n *= d;
  const out = allocStorage(x.dtype, n);
  if (arr(x).length === 1) {
    out.fill(arr(x)[0]);
    return out;
  }
  copyStrided(arr(x), 0, broadcastStrides(x.shape, shape), out, 0, stridesOf(shape), shape);
  return out;
}

export function sliceKernel(x: Buf, begin: number[], size: number[]): TypedArray {
  const st = stridesOf(x.shape);
  let off = 0,
    n = 1;
  for (let i = 0; i < begin.length; i++) {
    off += begin[i] * st[i];
    n *= size[i];
  }
  const out = allocStorage(x.dtype, n);
  copyStrided(arr(x), off, st, out, 0, stridesOf(size), size);
  return out;
}

export function padKernel(x: Buf, before: number[], outShape: number[]): TypedArray {
  const ost = stridesOf(outShape);
  let n = 1,
    off = 0;
  for (let i = 0; i < outShape.length; i++) {
    n *= outShape[i];
    off += before[i] * ost[i];
  }
  const out = allocStorage(x.dtype, n);
  copyStrided(arr(x), 0, stridesOf(x.shape), out, off, ost, x.shape);
  return out;
}

export function concatKernel(xs: Buf[], axis: number, outShape: number[]): TypedArray {
  const ost = stridesOf(outShape);
  let n = 1;
  for (const d of outShape) n *= d;
  const out = allocStorage(xs[0].dtype, n);
  let at = 0;
  for (const x of xs) {
    copyStrided(arr(x), 0, stridesOf(x.shape), out, at * ost[axis], ost, x.shape);
    at += x.shape[axis];
  }
  return out;
}

/** out[o, i, p] = x[o, idx[i], p] with x viewed as [outer, dim, inner]. */
export function gatherKernel(x: Buf, indices: Int32Array, axis: number, outShape: number[]): TypedArray {
  const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
  const dim = x.shape[axis];
  const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = allocStorage(x.dtype, outer * indices.length * inner);
  const src = arr(x);
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < indices.length; i++) {
      const s = (a * dim + indices[i]) * inner;
      for (let p = 0; p < inner; p++) out[o++] = src[s + p];
    }
  }
  void outShape;
  return out;
}

/**
 * The adjoint of gather: adds g's slices back at their indices of a [outer, dim, inner] zero tensor. Of bool,
 * the result is whether any source is true (as on WebGPU; adding into bytes would store counts).
 */
export function scatterAddKernel(g: Buf, indices: Int32Array, axis: number, outShape: number[]): TypedArray {
  const outer = outShape.slice(0, axis).reduce((a, b) => a * b, 1);
  const dim = outShape[axis];
  const inner = outShape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = allocStorage(g.dtype, outer * dim * inner);
  const src = arr(g);
  const any = g.dtype === 'bool';
  let s = 0;
  for (let a = 0; a < outer; a++) {
    for (let i = 0; i < indices.length; i++) {
      const t = (a * dim + indices[i]) * inner;
      for (let p = 0; p < inner; p++) out[t + p] = any ? out[t + p] | src[s++] : out[t + p] + src[s++];
    }
  }
  return out;
}

export function castKernel(x: Buf, dtype: DType): TypedArray {
  const out = allocStorage(dtype, arr(x).length);
  convertInto(arr(x), x.dtype, out, dtype);
  return out;
}
