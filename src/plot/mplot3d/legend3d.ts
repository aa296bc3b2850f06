/**
 * @file Legend of a 3-D axes: entries from the labelled artists (labels starting with '_' are skipped, as in
 * matplotlib), placed inside the axes box by the shared legend renderer; 'best' avoids the projected lines.
 */
import type { Artist3DBase, Draw3DContext } from './artist3d.js';
import { renderLegend, type LegendEntry, type LegendOptions, type Obstacles } from '../legend.js';
import { Line3D } from './line3d.js';
import type { Rect } from '../types.js';

/**
 * SVG of the legend for these artists ('' when none is labelled).
 * @example legend3d(ax3.artists(), ctx, ax3.box, { loc: 'upper left' })
 */
export function legend3d(
  items: readonly Artist3DBase[],
  { cam, toPx, ptToPx }: Draw3DContext,
  box: Rect,
  opts: LegendOptions,
): string {
  const entries: LegendEntry[] = [],
    obstacles: Obstacles = [];
  for (const a of items) {
    const e = a.visible && a.label && !a.label.startsWith('_') ? a.legendEntry() : null;
    if (e) entries.push({ ...e, label: a.label as string });
    if (a instanceof Line3D && a.visible) {
      const [xs, ys, zs] = a.getData(),
        px = new Float64Array(xs.length),
        py = new Float64Array(xs.length);
      xs.forEach((x, i) => {
        const p = cam.project(x, ys[i], zs[i]);
        [px[i], py[i]] = toPx(p[0], p[1]);
      });
      obstacles.push({ kind: 'line', x: px, y: py });
    }
  }
  return renderLegend(entries, box, ptToPx, opts, obstacles).svg;
}
