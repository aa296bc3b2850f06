/**
 * @file The workloads of BENCH.md as data every peer shares (inputs, sizes), and the interface a peer
 * implements. Inputs are generated here once, so every peer differentiates the very same numbers.
 */

export type FloatDType = 'float32' | 'float64';
export type OptimizerKind = 'sgd' | 'rmsprop' | 'adam';

/** A stateful optimisation loop: `step()` advances one step, `state()` reads x and y back. */
export interface Stepper {
  step(): void;
  state(): [number, number];
}

/**
 * One peer (a library in one mode). Each method builds a workload and returns the closure that runs one
 * iteration of it; a method that throws `Unsupported` (or is absent) marks the workload n/a with a reason.
 */
export interface Peer {
  name: string;
  /** Default dtype this peer computes in. */
  dtype: FloatDType;
  ours?: boolean;
  hand?: boolean;
  w1?(): () => unknown;
  w2?(n: number, dtype: FloatDType): () => unknown;
  w3?(): () => unknown;
  /** W4/W5: a fresh loop from x = 0.25, y = -0.5 with learning rate 0.01. */
  optimizer?(kind: OptimizerKind): Stepper;
  w6?(): () => unknown;
  /** W7: the W4 loop written without any memory management. */
  newcomer?(): Stepper;
}

/** Thrown by a peer that cannot run a workload; the message goes into the table. */
export class Unsupported extends Error {}

export const LR = 0.01;
export const START: [number, number] = [0.25, -0.5];
export const MATMUL_N = 256;

/** n evenly spaced values in [a, b], as float64. */
export function linspaceF64(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = n === 1 ? a : a + ((b - a) * i) / (n - 1);
  return out;
}

/** Deterministic uniform numbers in [lo, hi) (a 32-bit LCG: the same matrices for every peer). */
export function uniformF32(n: number, lo: number, hi: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return out;
}

/** W1 input: linspace(-5, 5, 100). */
export const w1X = (): Float64Array => linspaceF64(-5, 5, 100);
/** W2 input of n points in [-5, 5]. */
export const w2X = (n: number): Float64Array => linspaceF64(-5, 5, n);
/** W3 inputs: x, y of 100 points. */
export const w3XY = (): [Float64Array, Float64Array] => [linspaceF64(-2, 2, 100), linspaceF64(-1, 1, 100)];
/** W6 inputs X, W (256×256 float32, row-major). */
export const w6XW = (): [Float32Array, Float32Array] => [
  uniformF32(MATMUL_N * MATMUL_N, -1, 1, 12345),
  uniformF32(MATMUL_N * MATMUL_N, -1 / 16, 1 / 16, 777),
];

/** W2's reference value and gradient at point v (used to check every peer's output). */
export const w2Ref = (v: number): [number, number] => [5 * Math.sin(2 * v) + v * v, 10 * Math.cos(2 * v) + 2 * v];
