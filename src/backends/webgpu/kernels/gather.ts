/// <reference types="@webgpu/types" />
/**
 * @file gather and its adjoint scatter-add, along one axis, with x (or the output) seen as [outer, dim, inner].
 * The indices live on the host (an Int32Array) and are checked there, then uploaded.
 *
 * scatterAdd uses no atomics (WGSL has no float atomics, and their order would make sums nondeterministic):
 * the host inverts the index list into CSR form — for each position d along the axis, the source rows l with
 * indices[l] = d, in increasing l — and each output element sums its own sources, in the CPU's order.
 */
import { sizeOf } from '../../../core/shape.js';
import { FLAT_INDEX, type GpuInput, type Runner, workgroupsFor, MAIN_1D } from '../runner.js';
import { emptyOutput } from './common.js';

/** outer, dim and inner sizes of `shape` around `axis`. */
function split(shape: readonly number[], axis: number) {
  return { outer: sizeOf(shape.slice(0, axis)), dim: shape[axis], inner: sizeOf(shape.slice(axis + 1)) };
}

/** Throws unless `axis` is an axis of `shape`, `indices` an Int32Array in [0, dim), and `other` (the gathered
 * shape, named `name`) is `shape` with `indices.length` at `axis`. */
function check(
  fn: string,
  shape: readonly number[],
  indices: Int32Array,
  axis: number,
  other: readonly number[],
  name: string,
) {
  const dim = shape[axis];
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length)
    throw new Error(`${fn}: axis must be an integer in [0, ${shape.length}); got ${axis}`);
  if (!(indices instanceof Int32Array)) throw new Error(`${fn}: indices must be an Int32Array`);
  for (let l = 0; l < indices.length; l++)
    if (indices[l] < 0 || indices[l] >= dim)
      throw new Error(`${fn}: indices[${l}] = ${indices[l]} is outside [0, ${dim}) along axis ${axis}`);
  // the indices may be n-d (gather with nested indices): their dims sit where `axis` was, flattened here
  const before = shape.slice(0, axis),
    after = shape.slice(axis + 1);
  const middle = Array.isArray(other) ? other.slice(axis, other.length - after.length) : [];
  const ok =
    Array.isArray(other) &&
    other.length >= before.length + after.length &&
    before.every((d, i) => other[i] === d) &&
    after.every((d, i) => other[other.length - after.length + i] === d) &&
    middle.reduce((a, b) => a * b, 1) === indices.length;
  if (!ok)
    throw new Error(
      `${fn}: ${name} must be [${[...before, `…${indices.length} index elements…`, ...after].join(', ')}]; got ${JSON.stringify(other)}`,
    );
}

const GATHER = `@group(0) @binding(0) var<storage, read> x: array<u32>;
@group(0) @binding(1) var<storage, read> idx: array<i32>;
@group(0) @binding(2) var<storage, read_write> y: array<u32>;
struct U { n: u32, inner: u32, len: u32, dim: u32 }
@group(0) @binding(3) var<uniform> u: U;
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= u.n) { return; }
  let p = i % u.inner;
  let t = i / u.inner;
  let a = t / u.len;
  y[i] = x[(a * u.dim + u32(idx[t % u.len])) * u.inner + p];
}`;

/**
 * out[o, l, p] = x[o, indices[l], p] along `axis` (elements copied as raw 32-bit words, so any dtype).
 * @example gatherGpu(r, x, Int32Array.of(2, 0, 2), 0, [3, 4]) // rows 2, 0, 2 of a [5, 4] matrix
 */
export function gatherGpu(r: Runner, x: GpuInput, indices: Int32Array, axis: number, outShape: number[]): GPUBuffer {
  check('gatherGpu', x.shape, indices, axis, outShape, 'outShape');
  const { outer, dim, inner } = split(x.shape, axis);
  const n = outer * indices.length * inner;
  if (n === 0) return emptyOutput(r);
  const idx = r.upload(indices);
  const out = r.buffer(n * 4);
  const u = new Uint32Array([n, inner, indices.length, dim]);
  r.run({ code: GATHER, workgroups: workgroupsFor(n), uniforms: u }, [x.buffer, idx], [out]);
  r.release(idx);
  return out;
}

const scatterSource = (t: string) => `@group(0) @binding(0) var<storage, read> g: array<${t}>;
@group(0) @binding(1) var<storage, read> offsets: array<u32>;
@group(0) @binding(2) var<storage, read> sources: array<u32>;
@group(0) @binding(3) var<storage, read_write> y: array<${t}>;
struct U { n: u32, inner: u32, len: u32, dim: u32 }
@group(0) @binding(4) var<uniform> u: U;
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= u.n) { return; }
  let p = i % u.inner;
  let t = i / u.inner;
  let d = t % u.dim;
  let a = t / u.dim;
  var s = ${t}(0);
  for (var j = offsets[d]; j < offsets[d + 1u]; j++) {
    s += g[(a * u.len + sources[j]) * u.inner + p];
  }
  y[i] = ${t === 'u32' ? 'min(s, 1u)' : 's'};
}`;
/** One source per dtype, made once (the runner finds pipelines by the string). */
const SCATTER = { float32: scatterSource('f32'), int32: scatterSource('i32'), bool: scatterSource('u32') };

/**
 * The adjoint of gather: zeros of `outShape` with g's slices added at their indices along `axis` (repeated
 * indices add up). Of bool, the result is whether any source is true.
 * @example scatterAddGpu(r, g, Int32Array.of(2, 0, 2), 0, [5, 4]) // row 2 gets g[0] + g[2], row 0 gets g[1]
 */
export function scatterAddGpu(
  r: Runner,
  g: GpuInput,
  indices: Int32Array,
  axis: number,
  outShape: number[],
): GPUBuffer {
  if (!Array.isArray(outShape)) throw new Error('scatterAddGpu: outShape must be an array of sizes');
  check('scatterAddGpu', outShape, indices, axis, g.shape, "g's shape");
  const { outer, dim, inner } = split(outShape, axis);
  const n = outer * dim * inner;
  if (n === 0) return emptyOutput(r);
  // CSR: sources of position d are sources[offsets[d] .. offsets[d + 1]), in increasing l (a counting sort)
  const offsets = new Uint32Array(dim + 1);
  for (let l = 0; l < indices.length; l++) offsets[indices[l] + 1]++;
  for (let d = 0; d < dim; d++) offsets[d + 1] += offsets[d];
  const sources = new Uint32Array(Math.max(1, indices.length));
  const next = offsets.slice(0, dim);
  for (let l = 0; l < indices.length; l++) sources[next[indices[l]]++] = l;
  const ob = r.upload(offsets);
  const sb = r.upload(sources);
  const out = r.buffer(n * 4);
  const u = new Uint32Array([n, inner, indices.length, dim]);
  r.run({ code: SCATTER[g.dtype], workgroups: workgroupsFor(n), uniforms: u }, [g.buffer, ob, sb], [out]);
  r.release(ob);
  r.release(sb);
  return out;
}
