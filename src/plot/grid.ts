/**
 * @file Input for contour-like plots: Z as an ny × nx grid and X, Y as 1-D coordinate vectors or 2-D meshgrid
 * arrays (rectilinear: X varies along columns only, Y along rows only). Errors name the shapes involved.
 */
import type { GridInput, NumbersInput, TensorLikeInput } from './types.js';
import { toGrid, toNumbers } from './data.js';

/** A validated rectilinear grid: coordinates per column (xs) and per row (ys), values row-major. */
export interface ContourGrid {
  xs: Float64Array;
  ys: Float64Array;
  z: Float64Array;
  nx: number;
  ny: number;
}

function shapeOf(v: unknown): string {
  if (v && typeof v === 'object' && 'shape' in v && Array.isArray((v as TensorLikeInput).shape)) {
    return `[${(v as TensorLikeInput).shape.join(', ')}]`;
  }
  if (Array.isArray(v)) return Array.isArray(v[0]) ? `[${v.length}, ${(v[0] as unknown[]).length}]` : `[${v.length}]`;
  if (ArrayBuffer.isView(v)) return `[${(v as unknown as ArrayLike<number>).length}]`;
  return typeof v;
}

function is2D(v: unknown): boolean {
  if (v && typeof v === 'object' && 'shape' in v && Array.isArray((v as TensorLikeInput).shape)) {
    return (v as TensorLikeInput).shape.length === 2;
  }
  return Array.isArray(v) && v.length > 0 && (Array.isArray(v[0]) || ArrayBuffer.isView(v[0]));
}

/** Coordinates along one axis from a 1-D vector or a 2-D meshgrid array. */
function coords(
  v: NumbersInput | GridInput,
  axis: 'x' | 'y',
  nx: number,
  ny: number,
  fn: string,
  shapes: string,
): Float64Array {
  const name = axis.toUpperCase(),
    n = axis === 'x' ? nx : ny;
  let out: Float64Array;
  if (is2D(v)) {
    const g = toGrid(v as GridInput, fn, name);
    if (g.rows !== ny || g.cols !== nx) {
      throw new Error(`${fn}: Z must be a 2-D grid of shape [ny, nx] matching X and Y (${shapes})`);
    }
    out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = axis === 'x' ? g.values[i] : g.values[i * nx];
    // Rectilinear check: matplotlib accepts curvilinear grids, we do not (yet): say so instead of drawing wrong lines.
    const scale = Math.max(1e-300, ...Array.from(out, Math.abs));
    for (let r = 0; r < ny; r++)
      for (let c = 0; c < nx; c++) {
        const expect = axis === 'x' ? out[c] : out[r];
        if (Math.abs(g.values[r * nx + c] - expect) > 1e-9 * scale) {
          throw new Error(
            `${fn}: ${name} must be a rectilinear grid (as from meshgrid): ${name}[${r}][${c}] = ` +
              `${g.values[r * nx + c]} differs from ${expect}`,
          );
        }
      }
  } else {
    out = toNumbers(v as NumbersInput, fn, name);
    if (out.length !== n) {
      throw new Error(
        `${fn}: ${name} has ${out.length} values but Z has ${n} ${axis === 'x' ? 'columns' : 'rows'} ` +
          `(${shapes}); Z must be [len(Y), len(X)]`,
      );
    }
  }
  if (!out.every(Number.isFinite)) throw new Error(`${fn}: ${name} coordinates must be finite`);
  const inc = out[n - 1] >= out[0];
  for (let i = 1; i < n; i++) {
    if (inc ? out[i] < out[i - 1] : out[i] > out[i - 1]) throw new Error(`${fn}: ${name} must be monotonic`);
  }
  return out;
}

/**
 * Validate and convert contour input. `X`, `Y` may be omitted (pass `null`): indices are used, as `contour(Z)`.
 * @example toContourGrid(X, Y, Z, 'contour') // { xs, ys, z, nx, ny }
 */
export function toContourGrid(
  X: NumbersInput | GridInput | null,
  Y: NumbersInput | GridInput | null,
  Z: GridInput,
  fn: string,
): ContourGrid {
  let g = toGrid(Z, fn, 'Z');
  if (X !== null && Y !== null && is2D(X) && is2D(Y)) {
    // meshgrid(x, y, { indexing: 'ij' }) gives X varying down the rows: transpose all three to the 'xy' layout.
    const gx = toGrid(X as GridInput, fn, 'X'),
      gy = toGrid(Y as GridInput, fn, 'Y');
    const ijLayout =
      gx.cols > 1 &&
      gx.rows > 1 &&
      gx.values[0] === gx.values[1] &&
      gx.values[0] !== gx.values[gx.cols] &&
      gy.values[0] !== gy.values[1];
    if (ijLayout && gx.rows === g.rows && gx.cols === g.cols && gy.rows === g.rows && gy.cols === g.cols) {
      const t = (m: { values: Float64Array; rows: number; cols: number }) => {
        const out = new Float64Array(m.values.length);
        for (let r = 0; r < m.rows; r++)
          for (let c = 0; c < m.cols; c++) out[c * m.rows + r] = m.values[r * m.cols + c];
        return { shape: [m.cols, m.rows], data: () => out };
      };
      X = t(gx);
      Y = t(gy);
      g = toGrid(t(g), fn, 'Z');
    }
  }
  const nx = g.cols,
    ny = g.rows;
  if (nx < 2 || ny < 2) throw new Error(`${fn}: Z must be at least 2x2, got [${ny}, ${nx}]`);
  const shapes = `X is ${shapeOf(X)}, Y is ${shapeOf(Y)}, Z is [${ny}, ${nx}]`;
  const xs = X === null ? Float64Array.from({ length: nx }, (_, i) => i) : coords(X, 'x', nx, ny, fn, shapes);
  const ys = Y === null ? Float64Array.from({ length: ny }, (_, i) => i) : coords(Y, 'y', nx, ny, fn, shapes);
  return { xs, ys, z: g.values, nx, ny };
}
