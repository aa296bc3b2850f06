/**
 * @file The WebAssembly SIMD matrix-product kernels (float32 and float64), emitted as bytes by encoder.ts.
 *
 * C[m×n] (+)= A[m×k] · B[k×n], row-major, strides in bytes. Register tiling: each step of the inner loop
 * loads two 128-bit vectors of one row of B and, for 4 rows of A, splats A[r, p] and accumulates into
 * 4×2 vector accumulators — a 4×8 tile of C for float32, 4×4 for float64, held in 8 registers for the whole
 * k loop, so C is written once per tile and B's rows stream through L1. The caller pads m to a multiple of
 * 4 and n to a multiple of the tile width, and blocks k so a panel of B stays in cache.
 */
import { encodeModule, op, SIMD, T, type FuncSpec } from './encoder.js';

const ZERO = op.simd(SIMD.const, ...new Array(16).fill(0));

/** One kernel: `gemm_f32` or `gemm_f64`. Params: a, b, c, m, n, k, lda, ldb, ldc, accumulate. */
function kernel(dtype: 'f32' | 'f64'): FuncSpec {
  const esize = dtype === 'f32' ? 4 : 8;
  const tileCols = 32 / esize; // two vectors per row of the tile
  const splat =
    dtype === 'f32' ? op.simd(SIMD.load32Splat, ...op.mem(2, 0)) : op.simd(SIMD.load64Splat, ...op.mem(3, 0));
  const add = op.simd(dtype === 'f32' ? SIMD.f32x4Add : SIMD.f64x2Add);
  const mul = op.simd(dtype === 'f32' ? SIMD.f32x4Mul : SIMD.f64x2Mul);
  const [A, B, C, M, N, K, LDA, LDB, LDC, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [I, J, P, PA0, PB, PC] = [10, 11, 12, 13, 17, 18]; // PA0..PA0+3 are the four row pointers into A
  const ACC0 = 19,
    B0 = 27,
    B1 = 28,
    AV = 29; // accumulators 19..26 (row r, vector v → 19 + 2r + v)
  const acc = (r: number, v: number): number => ACC0 + 2 * r + v;
  const b: number[] = [];
  const emit = (...xs: number[][]): void => {
    for (const x of xs) b.push(...x);
  };

  emit(op.i32(0), op.set(I), op.loop());
  emit(op.i32(0), op.set(J), op.loop());
  // accumulators: C's tile (accumulate) or zero
  emit(
    op.get(C),
    op.get(I),
    op.get(LDC),
    op.i32Mul(),
    op.i32Add(),
    op.get(J),
    op.i32(esize),
    op.i32Mul(),
    op.i32Add(),
    op.set(PC),
  );
  emit(op.get(ACC), op.if());
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < 2; v++) emit(op.get(PC), op.simd(SIMD.load, ...op.mem(4, 16 * v)), op.set(acc(r, v)));
    emit(op.get(PC), op.get(LDC), op.i32Add(), op.set(PC));
  }
  emit(op.else());
  for (let r = 0; r < 4; r++) for (let v = 0; v < 2; v++) emit(ZERO, op.set(acc(r, v)));
  emit(op.end());
  // row pointers into A and the column pointer into B
  emit(op.get(A), op.get(I), op.get(LDA), op.i32Mul(), op.i32Add(), op.set(PA0));
  for (let r = 1; r < 4; r++) emit(op.get(PA0 + r - 1), op.get(LDA), op.i32Add(), op.set(PA0 + r));
  emit(op.get(B), op.get(J), op.i32(esize), op.i32Mul(), op.i32Add(), op.set(PB));
  emit(op.get(K), op.set(P));
  // the hot loop over k
  emit(op.loop());
  emit(op.get(PB), op.simd(SIMD.load, ...op.mem(4, 0)), op.set(B0));
  emit(op.get(PB), op.simd(SIMD.load, ...op.mem(4, 16)), op.set(B1));
  for (let r = 0; r < 4; r++) {
    emit(op.get(PA0 + r), splat, op.set(AV));
    emit(op.get(acc(r, 0)), op.get(AV), op.get(B0), mul, add, op.set(acc(r, 0)));
    emit(op.get(acc(r, 1)), op.get(AV), op.get(B1), mul, add, op.set(acc(r, 1)));
    emit(op.get(PA0 + r), op.i32(esize), op.i32Add(), op.set(PA0 + r));
  }
  emit(op.get(PB), op.get(LDB), op.i32Add(), op.set(PB));
  emit(op.get(P), op.i32(1), op.i32Sub(), op.tee(P), op.brIf(0), op.end());
  // store the tile
  emit(
    op.get(C),
    op.get(I),
    op.get(LDC),
    op.i32Mul(),
    op.i32Add(),
    op.get(J),
    op.i32(esize),
    op.i32Mul(),
    op.i32Add(),
    op.set(PC),
  );
  for (let r = 0; r < 4; r++) {
    for (let v = 0; v < 2; v++) emit(op.get(PC), op.get(acc(r, v)), op.simd(SIMD.store, ...op.mem(4, 16 * v)));
    emit(op.get(PC), op.get(LDC), op.i32Add(), op.set(PC));
  }
  emit(op.get(J), op.i32(tileCols), op.i32Add(), op.tee(J), op.get(N), op.i32LtU(), op.brIf(0), op.end());
  emit(op.get(I), op.i32(4), op.i32Add(), op.tee(I), op.get(M), op.i32LtU(), op.brIf(0), op.end());
  return {
    name: `gemm_${dtype}`,
    params: new Array(10).fill(T.i32),
    results: [],
    locals: [...new Array(9).fill(T.i32), ...new Array(11).fill(T.v128)],
    body: b,
  };
}

/** The module's bytes: memory plus `gemm_f32` and `gemm_f64`. */
export const gemmModuleBytes = (): Uint8Array<ArrayBuffer> => encodeModule([kernel('f32'), kernel('f64')], 1);
