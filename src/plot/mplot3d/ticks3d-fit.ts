/**
 * @file How many ticks a 3-D axis gets on screen. mplot3d asks every axis for `nbins` from the axes width, but
 * then each axis shows its labels along its own projected edge, which can be much shorter (a foreshortened axis,
 * a small axes): at 440 × 400 px the x labels ran into each other. Here each axis starts from the mplot3d nbins and
 * takes fewer bins while its labels, placed where they will be drawn, would touch — so the tick count follows the
 * axis's projected length and the labels never collide, and big enough axes keep matplotlib's ticks exactly.
 */
import { tickPlacements, type AxisDrawContext, type AxisSpec } from './axis3d.js';
import { ticks3d } from './limits3d.js';
import { rc } from '../style.js';
import { measureText } from '../text.js';

/** Screen boxes of the labels (centred on lx, hanging from ly) padded by `pad` px; true if any two overlap. */
function labelsCollide(actx: AxisDrawContext, i: number, spec: AxisSpec, size: number): boolean {
  // At least ~0.25 em between neighbouring labels: clearly apart, yet a 440 px axes keeps five x ticks.
  const pad = 0.125 * size;
  const boxes = tickPlacements(actx, i, spec).map(({ k, lx, ly }) => {
    const m = measureText(spec.labels[k] ?? '', size);
    return {
      x0: lx - m.width / 2 - pad,
      x1: lx + m.width / 2 + pad,
      y0: ly - pad / 2,
      y1: ly + m.height + m.depth + pad / 2,
    };
  });
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) {
      const p = boxes[a],
        q = boxes[b];
      if (p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1) return true;
    }
  }
  return false;
}

/**
 * Ticks and labels for 3-D axis `i` (0 x, 1 y, 2 z) with limits `lim`, as many as fit along its projected edge.
 * @example const spec = fitTicks3d(actx, 0, cam.limits.x, box.width / ptToPx, 'x'); // drawAxis(actx, 0, spec)
 */
export function fitTicks3d(
  actx: AxisDrawContext,
  i: number,
  lim: [number, number],
  axesWidthPt: number,
  label: string,
): AxisSpec {
  if (!(i === 0 || i === 1 || i === 2)) throw new Error(`fitTicks3d: i must be 0, 1 or 2 (got ${i})`);
  const size = rc.tickLabelSize * actx.ptToPx;
  let t = ticks3d(lim, axesWidthPt);
  for (;;) {
    const spec: AxisSpec = { ticks: t.ticks, labels: t.labels, offsetText: t.offsetText, label };
    if (t.nbins <= 1 || !labelsCollide(actx, i, spec, size)) return spec;
    t = ticks3d(lim, axesWidthPt, t.nbins - 1);
  }
}
