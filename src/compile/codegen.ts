/**
 * @file Turns a fused loop's source into a function, once per distinct source: loops are shape-agnostic
 * (the length is an argument), so every trace with the same structure shares one compiled kernel and V8
 * optimises it once.
 */
import type { TypedArray } from '../core/dtype.js';
import { HELPERS } from '../backends/cpu/elementwise.js';
import { fastExp } from './fastmath.js';

/** A fused loop: `n` iterations reading `ins` (arrays of length n, or 1 for scalars) and writing `outs`. */
export type Kernel = (n: number, ins: TypedArray[], outs: TypedArray[]) => void;

const SCOPE: Record<string, unknown> = { ...HELPERS, fastExp };
const cache = new Map<string, Kernel>();

/** The compiled kernel for `source` (the body of `function (n, ins, outs)`), cached by source text. */
export function compileKernel(source: string): Kernel {
  let k = cache.get(source);
  if (!k) {
    k = new Function(...Object.keys(SCOPE), `"use strict"; return function fused(n, ins, outs) {\n${source}\n};`)(...Object.values(SCOPE)) as Kernel;
    cache.set(source, k);
  }
  return k;
}

/** Number of distinct kernels compiled so far (for tests and the benchmark's notes). */
export const kernelCount = (): number => cache.size;
