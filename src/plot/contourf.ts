/**
 * @file Filled contour regions with d3-contour: for each level, the region z ≥ level as rings in grid-index space
 * (d3 puts value (i, j) at (j + 0.5, i + 0.5) and runs rings along the frame), mapped to data coordinates with the
 * frame clamped onto the data edge, so regions end exactly at the grid extent as in matplotlib.
 */
import { contours } from 'd3-contour';
import type { ContourGrid } from './grid.js';

/** Closed rings (data coordinates) of the region z ≥ level; holes are separate rings (fill with evenodd). */
export type Rings = [Float64Array, Float64Array][];

function axisMap(v: Float64Array): (g: number) => number {
  const n = v.length;
  return (g) => {
    const u = Math.min(n - 1, Math.max(0, g - 0.5)),
      j = Math.min(n - 2, Math.floor(u)),
      f = u - j;
    return v[j] + f * (v[j + 1] - v[j]);
  };
}

/**
 * Rings of the region z ≥ level, one entry per ring.
 * @example superlevelRings(grid, 0.5)
 */
export function superlevelRings(g: ContourGrid, level: number): Rings {
  const gen = contours().size([g.nx, g.ny]).smooth(true);
  const mp = gen.contour(g.z as unknown as number[], level);
  const mx = axisMap(g.xs),
    my = axisMap(g.ys);
  const out: Rings = [];
  for (const poly of mp.coordinates) {
    for (const ring of poly) {
      const x = new Float64Array(ring.length),
        y = new Float64Array(ring.length);
      ring.forEach((p, i) => {
        x[i] = mx(p[0]);
        y[i] = my(p[1]);
      });
      out.push([x, y]);
    }
  }
  return out;
}
