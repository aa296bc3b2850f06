/** @file Reductions (sum, max, min) over any set of axes. */
import type { TypedArray } from '../../core/dtype.js';
import { allocStorage } from '../../core/storage.js';
import type { Buf, ReduceName } from '../backend.js';
import { arr } from './storage.js';
import { stridesOf } from '../../core/shape.js';

/** Reduces `x` over sorted `axes`; the output has the reduced dims removed (row-major). */
export function reduceKernel(op: ReduceName, x: Buf, axes: number[]): TypedArray {
  const shape = x.shape,
    r = shape.length;
  const reduced = new Array<boolean>(r).fill(false);
  for (const a of axes) reduced[a] = true;
  const outShape = shape.filter((_, i) => !reduced[i]);
  let outN = 1;
  for (const d of outShape) outN *= d;
  const init = op === 'sum' ? 0 : op === 'prod' ? 1 : op === 'max' ? -Infinity : Infinity;
  const src = arr(x),
    n = src.length;
  const dtype = x.dtype === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : x.dtype;
  const out = allocStorage(dtype, outN);
  // a full reduction needs no scratch array: one float64 accumulator, stored once
  if (outN === 1) {
    out[0] = n > 0 ? reduceAll(op, src, init) : init;
    return out;
  }
  // accumulate in float64 (ints too), then store in the input's dtype
  const acc = new Float64Array(outN);
  if (init !== 0) acc.fill(init);
  if (n > 0) walk(op, src, shape, reduced, acc);
  out.set(acc as any);
  return out;
}

function reduceAll(op: ReduceName, src: TypedArray, init: number): number {
  let s = init;
  const n = src.length;
  if (op === 'sum') {
    for (let i = 0; i < n; i++) s += src[i];
    return s;
  }
  if (op === 'prod') {
    for (let i = 0; i < n; i++) s *= src[i];
    return s;
  }
  if (op === 'max') {
    for (let i = 0; i < n; i++) {
      const v = src[i];
      if (v > s || v !== v) {
        s = v;
        if (v !== v) break;
      }
    }
    return s;
  }
  for (let i = 0; i < n; i++) {
    const v = src[i];
    if (v < s || v !== v) {
      s = v;
      if (v !== v) break;
    }
  }
  return s;
}

function walk(op: ReduceName, src: TypedArray, shape: number[], reduced: boolean[], acc: Float64Array): void {
  const r = shape.length;
  // output stride of each input dim (0 for reduced dims)
  const outDims = shape.filter((_, i) => !reduced[i]);
  const outStr = stridesOf(outDims);
  const os = new Array<number>(r);
  for (let i = 0, k = 0; i < r; i++) os[i] = reduced[i] ? 0 : outStr[k++];
  const inner = shape[r - 1],
    is = os[r - 1];
  const idx = new Int32Array(r);
  let o = 0,
    p = 0;
  const n = src.length;
  while (p < n) {
    if (op === 'sum') for (let j = 0; j < inner; j++) acc[o + j * is] += src[p + j];
    else if (op === 'prod') for (let j = 0; j < inner; j++) acc[o + j * is] *= src[p + j];
    else if (op === 'max')
      for (let j = 0; j < inner; j++) {
        const v = src[p + j],
          t = o + j * is;
        if (v > acc[t] || v !== v) acc[t] = v;
      }
    else
      for (let j = 0; j < inner; j++) {
        const v = src[p + j],
          t = o + j * is;
        if (v < acc[t] || v !== v) acc[t] = v;
      }
    p += inner;
    for (let k = r - 2; k >= 0; k--) {
      idx[k]++;
      o += os[k];
      if (idx[k] < shape[k]) break;
      o -= os[k] * shape[k];
      idx[k] = 0;
    }
  }
}
