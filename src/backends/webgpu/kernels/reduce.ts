/// <reference types="@webgpu/types" />
/**
 * @file Reductions (sum, prod, max, min) over any sorted set of axes, with the CPU's semantics (cpu/reduce.ts):
 * sum and prod of bool give int32; max and min return NaN when any element is NaN; an empty reduction gives
 * the identity (0, 1, -Inf, +Inf), stored in the output dtype as the CPU stores it (ints and bools: 0 for
 * max/min, since ±Infinity converts to 0 in an Int32Array).
 *
 * The input is seen as [outN, R]: the kept dimensions (output index) and the reduced ones, each merged where
 * contiguous, with their input strides in a uniform. Two kernels, both writing [outN, chunks] partial results:
 * - ROWS, one thread per (output element, span of R): when R is small; when the input's last dimension is kept
 *   (neighbouring threads then read neighbouring elements: a column sum reads coalesced, in spans of ROW_SPAN);
 *   or when outN alone fills the GPU;
 * - TREE, one workgroup per (output element, chunk of CHUNK inputs): each thread folds a strided part of the
 *   chunk, then the workgroup folds in shared memory (for reductions over the last dimension, read coalesced).
 * With more than one chunk, the partial results are reduced again over their last dimension, until one chunk is
 * left (a full sum of 10⁷ elements takes two passes: 2,442 chunks, then one).
 *
 * Accuracy: float32 accumulates in f32 (the CPU accumulates in float64 and rounds once), so a GPU sum differs
 * from the CPU's by about ε·√n for random data; the tree's pairwise order keeps it small. int32 sums and products
 * wrap modulo 2³² like the CPU's stored result (which is exact while the float64 accumulator is, |acc| < 2⁵³).
 * max/min of a slice holding both -0 and +0 may return either zero (the CPU returns the first it meets).
 */
import { stridesOf, sizeOf } from '../../../core/shape.js';
import type { ReduceName } from '../../backend.js';
import { FLAT_INDEX, type GpuInput, type Runner, WORKGROUP, workgroupsFor, MAIN_1D } from '../runner.js';
import { at, checkRank, coalesce, dims, emptyOutput, type GpuDType, uniforms } from './common.js';
import { WGSL_IS_NAN, wgslType } from '../wgsl.js';

/** Inputs per workgroup of the TREE kernel: 16 per thread. */
const CHUNK = WORKGROUP * 16;
/** At or below this R, the ROWS kernel (a thread's loop) beats a workgroup's fold. */
const SMALL_R = 64;
/** Inputs per thread of ROWS when R is split (a column reduction). */
const ROW_SPAN = 256;
/** With at least this many outputs, ROWS has threads enough for any R up to MEDIUM_R. */
const MANY_OUTPUTS = 8192;
const MEDIUM_R = 4096;

const OPS: readonly ReduceName[] = ['sum', 'prod', 'max', 'min'];

/** WGSL `fn comb(a, b)` folding two accumulators of type `t`; float max/min propagate NaN. */
function combine(op: ReduceName, t: string): string {
  if (op === 'sum') return `fn comb(a: ${t}, b: ${t}) -> ${t} { return a + b; }`;
  if (op === 'prod') return `fn comb(a: ${t}, b: ${t}) -> ${t} { return a * b; }`;
  if (t !== 'f32') return `fn comb(a: ${t}, b: ${t}) -> ${t} { return ${op}(a, b); }`;
  return `${WGSL_IS_NAN}
fn comb(a: f32, b: f32) -> f32 {
  if (gt_isnan(a)) { return a; }
  if (gt_isnan(b)) { return b; }
  return ${op}(a, b);
}`;
}

/** The bits of the accumulator's start: the identity, or the CPU's result when nothing is reduced. */
function initBits(op: ReduceName, acc: GpuDType, empty: boolean): number {
  if (op === 'sum') return 0;
  if (acc === 'float32') return op === 'prod' ? 0x3f800000 : op === 'max' ? 0xff800000 : 0x7f800000;
  if (op === 'prod') return 1;
  if (empty) return 0;
  if (acc === 'int32') return op === 'max' ? 0x80000000 : 0x7fffffff;
  return op === 'max' ? 0 : 1; // bool
}

/** WGSL shared by both kernels: bindings, uniforms, comb, and the offsets of output `o` and reduced index `r`. */
function header(op: ReduceName, inT: string, accT: string): string {
  return `@group(0) @binding(0) var<storage, read> x: array<${inT}>;
@group(0) @binding(1) var<storage, read_write> y: array<${accT}>;
struct U { outN: u32, R: u32, kRank: u32, rRank: u32, init: u32, chunks: u32, span: u32, _a: u32,
  ${dims('kShape')}, ${dims('kStr')}, ${dims('rShape')}, ${dims('rStr')} }
@group(0) @binding(2) var<uniform> u: U;
${combine(op, accT)}
fn offsetOf(flat: u32, rank: u32, isKept: bool) -> u32 {
  var rest = flat;
  var off = 0u;
  for (var k = 0u; k < rank; k++) {
    let d = rank - 1u - k;
    let n = select(${at('u.rShape', 'd')}, ${at('u.kShape', 'd')}, isKept);
    let s = select(${at('u.rStr', 'd')}, ${at('u.kStr', 'd')}, isKept);
    off += (rest % n) * s;
    rest = rest / n;
  }
  return off;
}
fn load(j: u32) -> ${accT} { return ${accT}(x[j]); }`;
}

const rowsKernel = (op: ReduceName, inT: string, accT: string) => `${header(op, inT, accT)}
${MAIN_1D} {
  ${FLAT_INDEX}
  if (i >= u.outN * u.chunks) { return; }
  let o = i % u.outN; // neighbouring threads: neighbouring outputs
  let c = i / u.outN;
  let base = offsetOf(o, u.kRank, true);
  let end = min((c + 1u) * u.span, u.R);
  var acc = bitcast<${accT}>(u.init);
  for (var r = c * u.span; r < end; r++) { acc = comb(acc, load(base + offsetOf(r, u.rRank, false))); }
  y[o * u.chunks + c] = acc;
}`;

const treeKernel = (op: ReduceName, inT: string, accT: string) => `${header(op, inT, accT)}
var<workgroup> part: array<${accT}, ${WORKGROUP}>;
@compute @workgroup_size(${WORKGROUP}) fn main(@builtin(workgroup_id) wg: vec3u, @builtin(num_workgroups) nwg: vec3u,
    @builtin(local_invocation_index) t: u32) {
  let w = wg.x + wg.y * nwg.x;
  if (w >= u.outN * u.chunks) { return; } // the same for the whole workgroup: the barriers stay uniform
  let o = w / u.chunks;
  let start = (w % u.chunks) * u.span;
  let end = min(start + u.span, u.R);
  let base = offsetOf(o, u.kRank, true);
  var acc = bitcast<${accT}>(u.init);
  for (var r = start + t; r < end; r += ${WORKGROUP}u) { acc = comb(acc, load(base + offsetOf(r, u.rRank, false))); }
  part[t] = acc;
  workgroupBarrier();
  for (var s = ${WORKGROUP / 2}u; s > 0u; s = s >> 1u) {
    if (t < s) { part[t] = comb(part[t], part[t + s]); }
    workgroupBarrier();
  }
  if (t == 0u) { y[w] = part[0]; }
}`;

/** Each kernel's source, made once: the runner finds its pipeline by the string (see runner.ts). */
const sources = new Map<string, string>();
function source(kind: 'rows' | 'tree', op: ReduceName, inT: string, accT: string): string {
  const key = `${kind}/${op}/${inT}/${accT}`;
  let code = sources.get(key);
  if (code === undefined) sources.set(key, (code = (kind === 'rows' ? rowsKernel : treeKernel)(op, inT, accT)));
  return code;
}

/**
 * x reduced by `op` over the sorted `axes` (the reduced dimensions are dropped); sum/prod of bool give int32.
 * @example reduceGpu(r, 'sum', x, [1]) // row sums of a matrix
 */
export function reduceGpu(r: Runner, op: ReduceName, x: GpuInput, axes: number[]): GPUBuffer {
  if (!OPS.includes(op)) throw new Error(`reduceGpu: op must be one of ${OPS.join(', ')}; got ${JSON.stringify(op)}`);
  const rank = x.shape.length;
  if (
    !Array.isArray(axes) ||
    !axes.every((a, k) => Number.isInteger(a) && a >= 0 && a < rank && (k === 0 || a > axes[k - 1]))
  )
    throw new Error(`reduceGpu: axes must be sorted distinct integers in [0, ${rank}); got ${JSON.stringify(axes)}`);
  const acc: GpuDType = x.dtype === 'bool' && (op === 'sum' || op === 'prod') ? 'int32' : x.dtype;
  const st = stridesOf(x.shape);
  const kept = x.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const k = coalesce(
    kept.map((d) => x.shape[d]),
    [kept.map((d) => st[d])],
  );
  const red = coalesce(
    axes.map((d) => x.shape[d]),
    [axes.map((d) => st[d])],
  );
  checkRank('reduceGpu', 'the kept dimensions of x', k.shape.length);
  checkRank('reduceGpu', 'the reduced dimensions of x', red.shape.length);
  const outN = sizeOf(k.shape);
  let R = sizeOf(red.shape);
  if (outN === 0) return emptyOutput(r);
  const init = initBits(op, acc, R === 0);
  let input = x.buffer;
  let inT = wgslType(x.dtype);
  const accT = wgslType(acc);
  let layout = { kShape: k.shape, kStr: k.strides[0], rShape: red.shape, rStr: red.strides[0] };
  for (;;) {
    const lastKept = layout.kStr[layout.kStr.length - 1] === 1;
    const rows = R <= SMALL_R || lastKept || (outN >= MANY_OUTPUTS && R <= MEDIUM_R);
    const span = rows && lastKept && R > ROW_SPAN ? ROW_SPAN : rows ? Math.max(R, 1) : CHUNK;
    const chunks = Math.max(1, Math.ceil(R / span));
    const out = r.buffer(outN * chunks * 4);
    const u = uniforms(
      [outN, R, layout.kShape.length, layout.rShape.length, init, chunks, span],
      layout.kShape,
      layout.kStr,
      layout.rShape,
      layout.rStr,
    );
    const program = rows
      ? { code: source('rows', op, inT, accT), workgroups: workgroupsFor(outN * chunks), uniforms: u }
      : { code: source('tree', op, inT, accT), workgroups: workgroupsFor(outN * chunks, 1), uniforms: u };
    r.run(program, [input], [out]);
    if (input !== x.buffer) r.release(input);
    if (chunks === 1) return out;
    // the partial results are a contiguous [outN, chunks]: reduce over the last dimension
    input = out;
    inT = accT;
    R = chunks;
    layout = { kShape: [outN], kStr: [chunks], rShape: [chunks], rStr: [1] };
  }
}
