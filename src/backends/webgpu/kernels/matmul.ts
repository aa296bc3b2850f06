/// <reference types="@webgpu/types" />
/**
 * @file Batched matrix product, a: [...batchA, m, k] × b: [...batchB, k, n] → [...batch, m, n], the batch
 * dimensions broadcast as in cpu/matmul.ts.
 *
 * float32: each workgroup of 16×16 threads computes a 64×64 tile of C, each thread a 4×4 block of it (rows
 * ty + 16i, columns tx + 16j, so neighbouring threads write neighbouring columns). The workgroup walks k in
 * steps of 16, staging a 64×16 slice of A and a 16×64 slice of B in workgroup memory (zeros past the edges,
 * so any m, n, k works, k = 0 included). int32 (exact, wrapping like the CPU's stored result): one thread per
 * element of C, looping over k.
 *
 * Workgroups: x over column tiles, y over row tiles, z over the batch; a batch beyond 65,535 matrices goes in
 * several dispatches (`batch0` in the uniforms says where each starts). The batch's dimensions of size 1 are
 * dropped before its shape and strides go in the uniforms.
 */
import { broadcastStrides, sizeOf } from '../../../core/shape.js';
import { FLAT_INDEX, type GpuInput, type Runner, workgroupsFor, MAIN_1D } from '../runner.js';
import { at, checkRank, dims, emptyOutput, uniforms } from './common.js';
import { wgslType } from '../wgsl.js';

const TILE = 64;
const MAX_GROUPS = 65535;

const header = (aT: string, bT: string, cT: string) => `@group(0) @binding(0) var<storage, read> a: array<${aT}>;
@group(0) @binding(1) var<storage, read> b: array<${bT}>;
@group(0) @binding(2) var<storage, read_write> c: array<${cT}>;
struct U { m: u32, n: u32, k: u32, rank: u32, batch0: u32, batch: u32, _a: u32, _b: u32,
  ${dims('shape')}, ${dims('aStr')}, ${dims('bStr')} }
@group(0) @binding(3) var<uniform> u: U;
/** Offsets of the a and b matrices of batch element t. */
fn offsets(t: u32) -> vec2u {
  var rest = t;
  var off = vec2u(0u, 0u);
  for (var q = 0u; q < u.rank; q++) {
    let d = u.rank - 1u - q;
    let i = rest % ${at('u.shape', 'd')};
    rest = rest / ${at('u.shape', 'd')};
    off += i * vec2u(${at('u.aStr', 'd')}, ${at('u.bStr', 'd')});
  }
  return off;
}`;

const tiledKernel = (aT: string, bT: string) => `${header(aT, bT, 'f32')}
var<workgroup> As: array<f32, 1024>; // As[kk * 64 + row]
var<workgroup> Bs: array<f32, 1024>; // Bs[kk * 64 + col]
@compute @workgroup_size(16, 16) fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_id) lid: vec3u) {
  let t = u.batch0 + wg.z;
  let off = offsets(t);
  let row0 = wg.y * 64u;
  let col0 = wg.x * 64u;
  let flat = lid.y * 16u + lid.x;
  var acc: array<vec4f, 4>;
  for (var k0 = 0u; k0 < u.k; k0 += 16u) {
    for (var q = 0u; q < 4u; q++) {
      let e = flat + q * 256u;
      let ar = row0 + e / 16u;
      let ak = k0 + e % 16u;
      var av = 0.0;
      if (ar < u.m && ak < u.k) { av = f32(a[off.x + ar * u.k + ak]); }
      As[(e % 16u) * 64u + e / 16u] = av;
      let bk = k0 + e / 64u;
      let bc = col0 + e % 64u;
      var bv = 0.0;
      if (bk < u.k && bc < u.n) { bv = f32(b[off.y + bk * u.n + bc]); }
      Bs[e] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let ar = vec4f(As[kk * 64u + lid.y], As[kk * 64u + lid.y + 16u], As[kk * 64u + lid.y + 32u], As[kk * 64u + lid.y + 48u]);
      let bc = vec4f(Bs[kk * 64u + lid.x], Bs[kk * 64u + lid.x + 16u], Bs[kk * 64u + lid.x + 32u], Bs[kk * 64u + lid.x + 48u]);
      acc[0] += ar.x * bc;
      acc[1] += ar.y * bc;
      acc[2] += ar.z * bc;
      acc[3] += ar.w * bc;
    }
    workgroupBarrier();
  }
  let base = t * u.m * u.n;
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + lid.y + 16u * i;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x + 16u * j;
      if (row < u.m && col < u.n) { c[base + row * u.n + col] = acc[i][j]; }
    }
  }
}`;

const simpleKernel = (aT: string, bT: string, cT: string) => `${header(aT, bT, cT)}
${MAIN_1D} {
  ${FLAT_INDEX}
  let mn = u.m * u.n;
  if (i >= u.batch * mn) { return; }
  let t = u.batch0 + i / mn;
  let row = (i % mn) / u.n;
  let col = i % u.n;
  let off = offsets(t);
  var s = ${cT}(0);
  for (var p = 0u; p < u.k; p++) { s += ${cT}(a[off.x + row * u.k + p]) * ${cT}(b[off.y + p * u.n + col]); }
  c[t * mn + i % mn] = s;
}`;

/**
 * The batched product of a [..., m, k] and b [..., k, n] into `outShape` [...batch, m, n] (batch dims broadcast).
 * @example matmulGpu(r, a, b, [2, 3, 4], 'float32') // a [2, 3, 5] times b [5, 4]
 */
export function matmulGpu(
  r: Runner,
  a: GpuInput,
  b: GpuInput,
  outShape: number[],
  outDtype: 'float32' | 'int32',
): GPUBuffer {
  const ra = a.shape.length,
    rb = b.shape.length,
    ro = outShape?.length;
  if (ra < 2 || rb < 2) throw new Error(`matmulGpu: a and b must have at least 2 dimensions; got ${ra} and ${rb}`);
  if (outDtype !== 'float32' && outDtype !== 'int32')
    throw new Error(`matmulGpu: outDtype must be 'float32' or 'int32'; got ${JSON.stringify(outDtype)}`);
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[rb - 1];
  const batchShape = Array.isArray(outShape) ? outShape.slice(0, -2) : [];
  const want = [...batchShape, m, n];
  const fits = (s: readonly number[]) =>
    s.every((d, i) => d === 1 || d === batchShape[batchShape.length - s.length + i]);
  if (
    b.shape[rb - 2] !== k ||
    ro !== Math.max(ra, rb) ||
    outShape.some((d, i) => d !== want[i]) ||
    !fits(a.shape.slice(0, -2)) ||
    !fits(b.shape.slice(0, -2))
  )
    throw new Error(
      `matmulGpu: a [${a.shape.join(', ')}] times b [${b.shape.join(', ')}] does not give outShape ${JSON.stringify(outShape)}`,
    );
  checkRank('matmulGpu', 'the batch', batchShape.length);
  const batch = sizeOf(batchShape);
  if (batch * m * n === 0) return emptyOutput(r);
  const out = r.buffer(batch * m * n * 4);
  // batch dimensions of size 1 add nothing to the offsets: drop them, keeping the rank within MAX_RANK
  const keep = batchShape.map((_, d) => d).filter((d) => batchShape[d] !== 1);
  const aStr = broadcastStrides(a.shape.slice(0, -2), batchShape).map((s) => s * m * k);
  const bStr = broadcastStrides(b.shape.slice(0, -2), batchShape).map((s) => s * k * n);
  const lists = [batchShape, aStr, bStr].map((l) => keep.map((d) => l[d]));
  const [aT, bT, cT] = [wgslType(a.dtype), wgslType(b.dtype), wgslType(outDtype)];
  const tiled = outDtype === 'float32';
  const code = tiled ? tiledKernel(aT, bT) : simpleKernel(aT, bT, cT);
  // int32 runs in one dispatch: its flat index stays within u32 for any buffer a device can hold
  const perDispatch = tiled ? MAX_GROUPS : batch;
  if (Math.ceil(n / TILE) > MAX_GROUPS || Math.ceil(m / TILE) > MAX_GROUPS)
    throw new Error(`matmulGpu: m = ${m} and n = ${n} must each be at most ${MAX_GROUPS * TILE}`);
  for (let b0 = 0; b0 < batch; b0 += perDispatch) {
    const nb = Math.min(perDispatch, batch - b0);
    const u = uniforms([m, n, k, keep.length, b0, nb], ...lists);
    const workgroups: [number, number, number] = tiled
      ? [Math.ceil(n / TILE), Math.ceil(m / TILE), nb]
      : workgroupsFor(nb * m * n);
    r.run({ code, workgroups, uniforms: u }, [a.buffer, b.buffer], [out]);
  }
  return out;
}
