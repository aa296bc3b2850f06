/**
 * @file Input handling shared by the 3-D grid plots (plotSurface, plotWireframe): X, Y, Z as matching 2-D grids
 * (tensors, nested arrays), or 1-D X (one value per column) and Y (one per row) as numpy's meshgrid would expand
 * them; strides/counts resolved the way mplot3d does.
 */
import { toGrid, toNumbers } from '../data.js';
import type { GridInput, NumbersInput, TensorLikeInput } from '../types.js';

/** Three aligned row-major grids of the same shape. */
export interface XYZGrid {
  X: Float64Array;
  Y: Float64Array;
  Z: Float64Array;
  rows: number;
  cols: number;
}

function isOneD(v: unknown): boolean {
  if (
    typeof v === 'object' &&
    v !== null &&
    Array.isArray((v as TensorLikeInput).shape) &&
    typeof (v as TensorLikeInput).data === 'function'
  )
    return (v as TensorLikeInput).shape.length === 1;
  if (ArrayBuffer.isView(v)) return true;
  return Array.isArray(v) && v.length > 0 && typeof v[0] === 'number';
}

/**
 * Convert X, Y, Z to aligned grids; shapes must match Z (or X, Y be 1-D of length cols / rows).
 * @example toXYZGrid('plotSurface', [0, 1], [0, 1], [[0, 1], [1, 2]]) // 2×2 grids
 */
export function toXYZGrid(fn: string, X: GridInput | NumbersInput, Y: GridInput | NumbersInput, Z: GridInput): XYZGrid {
  if (isOneD(Z)) throw new Error(`${fn}: Z must be a 2-D grid of shape [rows, cols], got 1-D data`);
  const z = toGrid(Z, fn, 'Z');
  const { rows, cols } = z;
  const expand = (v: GridInput | NumbersInput, arg: 'X' | 'Y'): Float64Array => {
    if (isOneD(v)) {
      const a = toNumbers(v as NumbersInput, fn, arg),
        n = arg === 'X' ? cols : rows;
      if (a.length !== n) {
        throw new Error(
          `${fn}: 1-D ${arg} must have one value per ${arg === 'X' ? 'column' : 'row'} of Z ` +
            `(Z is [${rows}, ${cols}], ${arg} has ${a.length})`,
        );
      }
      const out = new Float64Array(rows * cols);
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = arg === 'X' ? a[c] : a[r];
      return out;
    }
    const g = toGrid(v as GridInput, fn, arg);
    if (g.rows !== rows || g.cols !== cols) {
      throw new Error(
        `${fn}: ${arg} must be a 2-D grid of shape [rows, cols] matching Z (${arg} is ` +
          `[${g.rows}, ${g.cols}], Z is [${rows}, ${cols}])`,
      );
    }
    return g.values;
  };
  return { X: expand(X, 'X'), Y: expand(Y, 'Y'), Z: z.values, rows, cols };
}

/** Row/column sampling of a grid plot. */
export interface StrideOptions {
  rstride?: number;
  cstride?: number;
  rcount?: number;
  ccount?: number;
}

/**
 * mplot3d's stride rule: explicit strides win (a missing one defaults to `fallback`: 10 for surfaces, 1 for
 * wireframes); otherwise at most rcount × ccount samples (default 50 each), i.e. stride = ceil(n / count).
 * @example resolveStrides('plotSurface', 100, 100, {}, 10) // { rstride: 2, cstride: 2 }
 */
export function resolveStrides(
  fn: string,
  rows: number,
  cols: number,
  o: StrideOptions,
  fallback: number,
): { rstride: number; cstride: number } {
  const hasStride = o.rstride !== undefined || o.cstride !== undefined;
  const hasCount = o.rcount !== undefined || o.ccount !== undefined;
  if (hasStride && hasCount) throw new Error(`${fn}: give either rstride/cstride or rcount/ccount, not both`);
  for (const k of ['rstride', 'cstride', 'rcount', 'ccount'] as const) {
    const v = o[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1)) {
      throw new Error(`${fn}: ${k} must be a positive integer, got ${v}`);
    }
  }
  if (hasStride) return { rstride: o.rstride ?? fallback, cstride: o.cstride ?? fallback };
  return {
    rstride: Math.max(1, Math.ceil(rows / (o.rcount ?? 50))),
    cstride: Math.max(1, Math.ceil(cols / (o.ccount ?? 50))),
  };
}

/**
 * Sampled indices 0, s, 2s, … always ending at n - 1.
 * @example strideIndices(6, 2) // [0, 2, 4, 5]
 */
export function strideIndices(n: number, s: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += s) out.push(i);
  out.push(n - 1);
  return out;
}
