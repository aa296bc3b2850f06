/**
 * @file Marching squares isolines on a rectilinear grid, joined into polylines: open ones end at the grid
 * boundary (or at NaN holes), closed ones are rings. Saddles are resolved with the cell-centre average, as
 * matplotlib's contour generator does. Coordinates are interpolated linearly in data space.
 */
import type { ContourGrid } from './grid.js';

/** One isoline: data coordinates; `closed` rings repeat no point (the last joins the first). */
export interface Polyline {
  x: Float64Array;
  y: Float64Array;
  closed: boolean;
}

// Edges of cell (i, j): 0 bottom (row i), 1 right (col j+1), 2 top (row i+1), 3 left (col j).
// For each corner configuration (bit 1: z[i][j], 2: z[i][j+1], 4: z[i+1][j+1], 8: z[i+1][j] above the level),
// the pairs of edges crossed. 5 and 10 are saddles, resolved at run time.
const TABLE: number[][][] = [
  [],
  [[3, 0]],
  [[0, 1]],
  [[3, 1]],
  [[1, 2]],
  [],
  [[0, 2]],
  [[3, 2]],
  [[2, 3]],
  [[0, 2]],
  [],
  [[1, 2]],
  [[1, 3]],
  [[0, 1]],
  [[3, 0]],
  [],
];

/**
 * Isolines of the grid at one level.
 * @example isolines(grid, 1.0) // polylines approximating the circle x²+y² = 1
 */
export function isolines(g: ContourGrid, level: number): Polyline[] {
  const { xs, ys, z, nx, ny } = g;
  // Edge ids: horizontal edge (row i, cols j..j+1) = i*nx + j; vertical edge (rows i..i+1, col j) = H + i*nx + j.
  const H = ny * nx;
  const px = new Map<number, [number, number]>();
  const adj = new Map<number, number[]>();
  const point = (id: number): [number, number] => {
    let p = px.get(id);
    if (p) return p;
    if (id < H) {
      const i = Math.floor(id / nx),
        j = id % nx,
        a = z[i * nx + j],
        b = z[i * nx + j + 1];
      const t = (level - a) / (b - a);
      p = [xs[j] + t * (xs[j + 1] - xs[j]), ys[i]];
    } else {
      const k = id - H,
        i = Math.floor(k / nx),
        j = k % nx,
        a = z[i * nx + j],
        b = z[(i + 1) * nx + j];
      const t = (level - a) / (b - a);
      p = [xs[j], ys[i] + t * (ys[i + 1] - ys[i])];
    }
    px.set(id, p);
    return p;
  };
  const link = (a: number, b: number) => {
    (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
    (adj.get(b) ?? adj.set(b, []).get(b)!).push(a);
  };
  for (let i = 0; i < ny - 1; i++) {
    for (let j = 0; j < nx - 1; j++) {
      const z0 = z[i * nx + j],
        z1 = z[i * nx + j + 1],
        z2 = z[(i + 1) * nx + j + 1],
        z3 = z[(i + 1) * nx + j];
      if (!(Number.isFinite(z0) && Number.isFinite(z1) && Number.isFinite(z2) && Number.isFinite(z3))) continue;
      const c = (z0 > level ? 1 : 0) | (z1 > level ? 2 : 0) | (z2 > level ? 4 : 0) | (z3 > level ? 8 : 0);
      if (c === 0 || c === 15) continue;
      const edges = [i * nx + j, H + i * nx + j + 1, (i + 1) * nx + j, H + i * nx + j];
      let pairs = TABLE[c];
      if (c === 5 || c === 10) {
        const centreAbove = (z0 + z1 + z2 + z3) / 4 > level;
        // Saddle: join the crossings so the above-level corners are connected through the centre iff it is above.
        pairs =
          (c === 5) === centreAbove
            ? [
                [3, 2],
                [0, 1],
              ]
            : [
                [3, 0],
                [1, 2],
              ];
      }
      for (const [a, b] of pairs) link(edges[a], edges[b]);
    }
  }
  return trace(adj, point);
}

/** Join edge-to-edge links into maximal polylines: first from dangling ends (open lines), then the rings. */
function trace(adj: Map<number, number[]>, point: (id: number) => [number, number]): Polyline[] {
  const used = new Set<string>();
  const key = (a: number, b: number) => (a < b ? `${a},${b}` : `${b},${a}`);
  const out: Polyline[] = [];
  const walk = (start: number): { ids: number[]; closed: boolean } => {
    const ids = [start];
    let cur = start;
    for (;;) {
      const next = (adj.get(cur) ?? []).find((n) => !used.has(key(cur, n)));
      if (next === undefined) return { ids, closed: false };
      used.add(key(cur, next));
      if (next === start) return { ids, closed: true };
      ids.push(next);
      cur = next;
    }
  };
  const emit = ({ ids, closed }: { ids: number[]; closed: boolean }) => {
    if (ids.length < 2) return;
    const x = new Float64Array(ids.length),
      y = new Float64Array(ids.length);
    ids.forEach((id, n) => {
      [x[n], y[n]] = point(id);
    });
    out.push({ x, y, closed });
  };
  for (const [id, ns] of adj) if (ns.length === 1 && !used.has(key(id, ns[0]))) emit(walk(id));
  for (const [id, ns] of adj) if (ns.some((n) => !used.has(key(id, n)))) emit(walk(id));
  return out;
}
