/// <reference types="@webgpu/types" />
/**
 * @file What the non-elementwise kernels share: shapes and strides packed into uniforms, merging of dimensions,
 * and input checks (WGSL element types and the NaN test are wgsl.ts's, the entry line runner.ts's).
 *
 * Shapes and strides go in a uniform struct, never into the WGSL source: the source (the runner's pipeline cache
 * key) then depends only on the kernel and its dtypes, so a training loop over many shapes compiles a handful of
 * pipelines instead of one per shape. Each per-dimension list is an `array<vec4u, RANK_VEC4>` (uniform arrays
 * need 16-byte elements), read in WGSL as `list[d >> 2u][d & 3u]` (see {@link at}).
 */
import type { Runner } from '../runner.js';

export type { GpuDType } from '../storage.js';

/** The highest rank a kernel takes (after {@link coalesce} merges what it can). */
export const MAX_RANK = 16;
/** vec4s per per-dimension list in a uniform struct. */
export const RANK_VEC4 = MAX_RANK / 4;

/** WGSL reading element `d` of a per-dimension uniform list. @example at('u.shape', 'd') */
export const at = (list: string, d: string): string => `${list}[${d} >> 2u][${d} & 3u]`;

/** WGSL declaring a per-dimension list as a field of a uniform struct. @example `${dims('shape')},` */
export const dims = (name: string): string => `${name}: array<vec4u, ${RANK_VEC4}>`;

/**
 * Uniform words: `header` (padded to a multiple of 4 u32s) then each list padded to MAX_RANK, matching a struct
 * of u32 header fields followed by `array<vec4u, RANK_VEC4>` fields.
 * @example uniforms([n, rank], shape, strides)
 */
export function uniforms(header: readonly number[], ...lists: ReadonlyArray<readonly number[]>): Uint32Array {
  const h = Math.ceil(header.length / 4) * 4;
  const out = new Uint32Array(h + lists.length * MAX_RANK);
  out.set(header);
  lists.forEach((l, k) => out.set(l, h + k * MAX_RANK));
  return out;
}

/**
 * Drops size-1 dimensions and merges neighbours that are contiguous in every stride list (`s[d] = s[d+1]·n[d+1]`),
 * so a kernel walks as few dimensions as it can (a transpose that keeps the order becomes a flat copy).
 * @example coalesce([2, 3, 4], [[12, 4, 1]]) // { shape: [24], strides: [[1]] }
 */
export function coalesce(
  shape: readonly number[],
  strides: ReadonlyArray<readonly number[]>,
): { shape: number[]; strides: number[][] } {
  const outShape: number[] = [];
  const outStrides: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    if (shape[d] === 1) continue;
    const last = outShape.length - 1;
    if (last >= 0 && strides.every((s, k) => outStrides[k][last] === s[d] * shape[d])) {
      outShape[last] *= shape[d];
      strides.forEach((s, k) => {
        outStrides[k][last] = s[d];
      });
    } else {
      outShape.push(shape[d]);
      strides.forEach((s, k) => outStrides[k].push(s[d]));
    }
  }
  return { shape: outShape, strides: outStrides };
}

/** Throws when `rank` is over {@link MAX_RANK}. */
export function checkRank(fn: string, arg: string, rank: number): void {
  if (rank > MAX_RANK)
    throw new Error(`${fn}: ${arg} has ${rank} dimensions after merging; at most ${MAX_RANK} are supported`);
}

/** Throws unless `list` is an array of `length` non-negative integers. */
export function checkDims(fn: string, arg: string, list: readonly number[], length: number): void {
  if (!Array.isArray(list) || list.length !== length || !list.every((v) => Number.isInteger(v) && v >= 0))
    throw new Error(`${fn}: ${arg} must be ${length} non-negative integers; got ${JSON.stringify(list)}`);
}

/** The output of a kernel with no elements: a minimum-size buffer, with nothing dispatched. */
export const emptyOutput = (r: Runner): GPUBuffer => r.buffer(4);
