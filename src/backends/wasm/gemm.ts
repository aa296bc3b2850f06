/**
 * @file Runs the WebAssembly SIMD matrix product on typed arrays: copies A and B into the module's memory
 * (padding rows/columns to whole tiles, converting the dtype on the way when needed), calls the kernel per
 * k-panel, and copies C back. Instantiated lazily and synchronously; if WebAssembly SIMD is unavailable
 * (or `GRADTAPE_NO_WASM` is set) `wasmGemm` returns false and the caller uses its JavaScript loop.
 */
import type { TypedArray } from '../../core/dtype.js';
import { simdSupported } from './encoder.js';
import { gemmModuleBytes } from './gemm-module.js';

type GemmFn = (
  a: number,
  b: number,
  c: number,
  m: number,
  n: number,
  k: number,
  lda: number,
  ldb: number,
  ldc: number,
  acc: number,
) => void;
interface Kernels {
  memory: WebAssembly.Memory;
  f32: GemmFn;
  f64: GemmFn;
}

let kernels: Kernels | null | undefined;

/** Rows of B per k-panel: a panel of B (KB × n) stays in L2 while every tile of C sweeps it. */
const KB = 256;
/** Below this many multiply-adds the copies cost more than the SIMD saves. */
const MIN_WORK = 16 * 16 * 16;

function load(): Kernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  const env = typeof process === 'object' && process?.env ? process.env : {};
  if (env.GRADTAPE_NO_WASM || !simdSupported()) return kernels;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(gemmModuleBytes()), {});
    const ex = inst.exports as Record<string, unknown>;
    kernels = { memory: ex.memory as WebAssembly.Memory, f32: ex.gemm_f32 as GemmFn, f64: ex.gemm_f64 as GemmFn };
  } catch {
    kernels = null;
  }
  return kernels;
}

/** Whether the SIMD kernels are in use on this engine. */
export const wasmGemmAvailable = (): boolean => load() !== null;

/**
 * C = A·B for one matrix: A is m×k at `oa` of `a`, B is k×n at `ob` of `b` (row-major, any numeric typed
 * arrays), C goes to `out` at `oc` (a Float32Array or Float64Array, which picks the kernel). Returns false
 * (writing nothing) when the wasm path does not apply.
 */
export function wasmGemm(
  a: TypedArray,
  oa: number,
  b: TypedArray,
  ob: number,
  out: TypedArray,
  oc: number,
  m: number,
  k: number,
  n: number,
): boolean {
  const f32 = out instanceof Float32Array;
  if ((!f32 && !(out instanceof Float64Array)) || m * n * k < MIN_WORK || k === 0) return false;
  const kern = load();
  if (!kern) return false;
  const es = f32 ? 4 : 8,
    tile = 32 / es;
  const mp = Math.ceil(m / 4) * 4,
    np = Math.ceil(n / tile) * tile;
  const aBytes = mp * k * es,
    bBytes = k * np * es,
    cBytes = mp * np * es;
  const need = 64 + aBytes + bBytes + cBytes;
  const mem = kern.memory;
  if (mem.buffer.byteLength < need) mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
  const A0 = 64,
    B0 = A0 + aBytes,
    C0 = B0 + bBytes;
  const View = f32 ? Float32Array : Float64Array;
  const va = new View(mem.buffer, A0, mp * k),
    vb = new View(mem.buffer, B0, k * np),
    vc = new View(mem.buffer, C0, mp * np);
  // A: rows as they are, padding rows zeroed; B: each row into a padded row
  va.set(a.subarray(oa, oa + m * k) as any);
  if (mp > m) va.fill(0, m * k);
  if (np === n) vb.set(b.subarray(ob, ob + k * n) as any);
  else
    for (let p = 0; p < k; p++) {
      vb.set(b.subarray(ob + p * n, ob + p * n + n) as any, p * np);
      vb.fill(0, p * np + n, (p + 1) * np);
    }
  const gemm = f32 ? kern.f32 : kern.f64;
  for (let p0 = 0; p0 < k; p0 += KB) {
    const kb = Math.min(KB, k - p0);
    gemm(A0 + p0 * es, B0 + p0 * np * es, C0, mp, np, kb, k * es, np * es, np * es, p0 > 0 ? 1 : 0);
  }
  if (np === n) out.set(vc.subarray(0, m * n) as any, oc);
  else for (let i = 0; i < m; i++) out.set(vc.subarray(i * np, i * np + n) as any, oc + i * n);
  return true;
}
