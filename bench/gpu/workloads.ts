/**
 * @file BENCH.md's GPU workloads (G2, G6, G8) as data every GPU peer shares: sizes per mode, titles, inputs, and
 * the interface a GPU peer implements. Full sizes need a real GPU; a software adapter (Mesa llvmpipe) would take
 * minutes per cell, so there the benchmark runs small sizes and the titles say so.
 */
import { LR, uniformF32 } from '../workloads.js';

export { LR };

/** One workload at one size, as data (it crosses to the peer's process). */
export interface GpuSpec {
  g: 'g2' | 'g6' | 'g8';
  n: number;
}

/** Sizes: `full` is BENCH.md's, `small` what a software adapter finishes in seconds, `quick` the CI smoke run. */
export type GpuSize = 'full' | 'small' | 'quick';

export const SIZES: Record<GpuSize, Record<GpuSpec['g'], number[]>> = {
  full: { g2: [1e6, 1e7, 1e8], g6: [1024, 4096], g8: [2048] },
  small: { g2: [1e5, 1e6], g6: [128, 256], g8: [512] },
  quick: { g2: [1e4], g6: [64], g8: [64] },
};

const LABEL: Record<GpuSize, string> = {
  full: '',
  small: ' [small size; full sizes with a GPU or --gpu=full]',
  quick: ' [quick size]',
};

const num = (n: number): string => n.toLocaleString('en-US');

/** The table title of one workload; tables are selected with `--only=G2,G6,G8` like the CPU ones. */
export function gpuTitle(spec: GpuSpec, size: GpuSize): string {
  const what = {
    g2: `G2 — W2 on WebGPU: value and gradient of sum(5 sin 2x + x²), n = ${num(spec.n)}, float32`,
    g6: `G6 — W6 on WebGPU: value and gradient of sum(tanh(X @ W)) w.r.t. W, ${spec.n}×${spec.n} float32`,
    g8: `G8 — one SGD(${LR}) step on a ${spec.n}×${spec.n} grid, loss sum((sin 4X − cos 5Y)/5), X, Y Variables`,
  }[spec.g];
  return what + LABEL[size];
}

/** Floating-point operations of G6's two products (forward X·W and Xᵀ·G for dW), 2n³ each. */
export const g6Flops = (n: number): number => 4 * n ** 3;

/** n evenly spaced float32 values in [-5, 5] (G2; made in float32 directly: 10⁸ float64 values are 800 MB). */
export function g2X(n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = -5 + (10 * i) / (n - 1);
  return out;
}

/** G6 inputs X, W (n×n float32, row-major; W scaled by 1/√n so that tanh does not saturate). */
export const g6XW = (n: number): [Float32Array, Float32Array] => [
  uniformF32(n * n, -1, 1, 12345),
  uniformF32(n * n, -1 / Math.sqrt(n), 1 / Math.sqrt(n), 777),
];

/** G8 inputs: the n×n grid of x in [-2, 2] (along rows) and y in [-1, 1] (down columns), row-major. */
export function g8XY(n: number): [Float32Array, Float32Array] {
  const x = new Float32Array(n * n),
    y = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      x[i * n + j] = -2 + (4 * j) / (n - 1);
      y[i * n + j] = -1 + (2 * i) / (n - 1);
    }
  return [x, y];
}

/**
 * One built workload. `step` enqueues one iteration; `sync` awaits a read of its result (a GPU does the work
 * after the call returns, so a timing without the read measures only the enqueue). `syncEach`: G2 and G6 read
 * after every iteration, G8 only after a block of steps (BENCH.md: no readback until the end).
 */
export interface GpuWork {
  step(): void;
  sync(): Promise<void>;
  syncEach: boolean;
  /** After timing: a mismatch with the reference, as a short note, or null. */
  check?(): Promise<string | null>;
}

/** A library on the GPU. A workload that throws (or a missing method) leaves a note in the table. */
export interface GpuPeer {
  name: string;
  ours?: boolean;
  /** The adapter, in words. */
  adapter: string;
  g2?(n: number): GpuWork;
  g6?(n: number): GpuWork;
  g8?(n: number): GpuWork;
}

/** G2's reference gradient at the last point (x = 5), to check a peer's result. */
export const g2LastGrad = (): number => 10 * Math.cos(10) + 10;

/** A relative mismatch above float32 rounding, as a note, or null. */
export function mismatch(what: string, got: number, want: number): string | null {
  return Math.abs(got - want) <= 1e-3 * Math.max(1, Math.abs(want)) ? null : `wrong ${what}: ${got} ≠ ${want}`;
}
