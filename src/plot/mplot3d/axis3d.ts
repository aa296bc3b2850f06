/**
 * @file The furniture of a 3-D axes, placed as mplot3d's axis3d does: three grey panes on the far faces of the
 * box, grid lines across them, and for each axis a black line along a near edge with tick marks, tick labels and
 * the axis label pushed outwards from the box centre. Distances are in data units scaled from points, so they
 * follow the view.
 */
import { cubeCorners, paneHighs, PLANES, type Camera, type Limits3D, type ToPixel, type Vec3 } from './proj3d.js';
import { rc } from '../style.js';
import { el, fmt } from '../svg.js';
import { renderText } from '../text.js';

/** What one axis shows. */
export interface AxisSpec {
  ticks: number[];
  labels: string[];
  label: string;
  offsetText?: string;
}

/** mplot3d's default pane colours (rcParams axes3d.{x,y,z}axis.panecolor), drawn at alpha 0.5. */
export const PANE_COLORS = ['#f2f2f2', '#e6e6e6', '#ececec'];

// Per axis: which coordinates move the axis line onto its near edge (mplot3d's `juggled`) and along which
// coordinate its tick marks point (`tickdir`), for the default vertical axis z.
const JUGGLED: readonly [number, number][] = [
  [1, 0],
  [0, 1],
  [0, 2],
];
const TICKDIR = [1, 0, 0];
const AXIS_KEYS: readonly (keyof Limits3D)[] = ['x', 'y', 'z'];

/** Geometry shared by the axes: far/near coordinates, centre and mplot3d's `deltas` (8% of each range). */
export interface BoxInfo {
  highs: [boolean, boolean, boolean];
  mins: Vec3;
  maxs: Vec3;
  centers: Vec3;
  deltas: Vec3;
  minmax: Vec3;
  maxmin: Vec3;
}

/**
 * Box geometry for a camera: `minmax` holds the far coordinate of each axis (where its pane is), `maxmin` the near.
 * @example boxInfo(cam).minmax // e.g. [xmin, ymax, zmin] for the default view
 */
export function boxInfo(cam: Camera): BoxInfo {
  const l = cam.limits,
    highs = paneHighs(cam);
  const mins: Vec3 = [l.x[0], l.y[0], l.z[0]],
    maxs: Vec3 = [l.x[1], l.y[1], l.z[1]];
  const centers = mins.map((v, i) => (v + maxs[i]) / 2) as Vec3;
  const deltas = mins.map((v, i) => (maxs[i] - v) * 0.08) as Vec3;
  const minmax = highs.map((h, i) => (h ? maxs[i] : mins[i])) as Vec3;
  const maxmin = highs.map((h, i) => (h ? mins[i] : maxs[i])) as Vec3;
  return { highs, mins, maxs, centers, deltas, minmax, maxmin };
}

/**
 * Corner indices (into `cubeCorners`) of the three panes drawn for this view, one per axis.
 * @example paneFaces(cam) // default view: [[0, 3, 7, 4], [3, 2, 6, 7], [0, 1, 2, 3]]
 */
export function paneFaces(cam: Camera): (readonly number[])[] {
  const highs = paneHighs(cam);
  return [0, 1, 2].map((i) => PLANES[2 * i + (highs[i] ? 1 : 0)]);
}

/**
 * End points of an axis line: along axis `i`, on the edge shared by the two panes that meet nearest the viewer.
 * @example axisEdge(boxInfo(cam), 0) // [[x0, yNear, zFar], [x1, yNear, zFar]]
 */
export function axisEdge(b: BoxInfo, i: number): [Vec3, Vec3] {
  const [j0, j1] = JUGGLED[i];
  const e0 = [...b.minmax] as Vec3;
  e0[j0] = b.maxmin[j0];
  const e1 = [...e0] as Vec3;
  e1[j1] = b.maxmin[j1];
  return [e0, e1];
}

/** Move `p` away from the box centre by `d` along every axis except `skip`. */
function moveOut(p: Vec3, b: BoxInfo, d: Vec3, skip: number): Vec3 {
  return p.map((v, k) => (k === skip ? v : v + Math.sign(v - b.centers[k]) * d[k])) as Vec3;
}

/** Text angle folded into (-90°, 90°] so labels never read upside down (mplot3d's `_norm_text_angle`). */
function uprightAngle(deg: number): number {
  const a = (((deg + 180) % 180) + 180) % 180;
  return a > 90 ? a - 180 : a;
}

/** Drawing parameters: the camera, pixel map, px per point and the axes box size in points (for offsets). */
export interface AxisDrawContext {
  cam: Camera;
  toPx: ToPixel;
  ptToPx: number;
  boxPt: number;
  grid: boolean;
}

/**
 * SVG for the panes (drawn first, beneath everything).
 * @example drawPanes(ctx) // three translucent grey quadrilaterals
 */
export function drawPanes({ cam, toPx, ptToPx }: AxisDrawContext): string {
  const corners = cubeCorners(cam.limits).map((p) => cam.project(p[0], p[1], p[2]));
  return paneFaces(cam)
    .map((face, i) => {
      const d =
        face
          .map((k, j) => {
            const [x, y] = toPx(corners[k][0], corners[k][1]);
            return (j ? 'L' : 'M') + fmt(x) + ' ' + fmt(y);
          })
          .join('') + 'Z';
      // A pane's edge has its own colour, as matplotlib's pane patch (linewidth 1pt).
      return el('path', {
        d,
        fill: PANE_COLORS[i],
        stroke: PANE_COLORS[i],
        'fill-opacity': 0.5,
        'stroke-opacity': 0.5,
        'stroke-width': +ptToPx.toFixed(3),
        'stroke-linejoin': 'round',
      });
    })
    .join('');
}

/**
 * SVG for the grid lines: for each tick, a polyline across the two panes that contain the axis direction.
 * @example drawGrid(ctx, [xSpec, ySpec, zSpec])
 */
export function drawGrid({ cam, toPx, ptToPx, grid }: AxisDrawContext, specs: AxisSpec[]): string {
  if (!grid) return '';
  const b = boxInfo(cam);
  let d = '';
  const px = (p: Vec3) => {
    const q = cam.project(p[0], p[1], p[2]);
    return toPx(q[0], q[1]);
  };
  specs.forEach((s, i) => {
    const a = (i + 1) % 3,
      c = (i + 2) % 3;
    for (const t of s.ticks) {
      const mid = [...b.minmax] as Vec3;
      mid[i] = t;
      const p0 = [...mid] as Vec3,
        p2 = [...mid] as Vec3;
      p0[a] = b.maxmin[a];
      p2[c] = b.maxmin[c];
      d += [p0, mid, p2]
        .map((p, j) => {
          const [x, y] = px(p);
          return (j ? 'L' : 'M') + fmt(x) + ' ' + fmt(y);
        })
        .join('');
    }
  });
  return d
    ? el('path', {
        d,
        fill: 'none',
        stroke: rc.gridColor,
        'stroke-width': +(rc.gridWidth * ptToPx).toFixed(3),
        'stroke-linecap': 'square',
      })
    : '';
}

/** One tick of an axis as drawn: its mark's end points and where its label hangs (centred, top at `ly`). */
export interface TickPlacement {
  k: number;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  lx: number;
  ly: number;
}

/**
 * Where the ticks of axis `i` go on screen (ticks outside the limits are left out), in pixels.
 * @example tickPlacements(ctx, 0, spec).map((t) => t.lx) // label centres of the x axis
 */
export function tickPlacements({ cam, toPx, boxPt }: AxisDrawContext, i: number, spec: AxisSpec): TickPlacement[] {
  const b = boxInfo(cam);
  const px = (p: Vec3) => {
    const q = cam.project(p[0], p[1], p[2]);
    return toPx(q[0], q[1]);
  };
  const [e0] = axisEdge(b, i);
  // mplot3d converts point offsets to data units with 48 / (axes width + height in points) deltas per point.
  const perPt = 48 / boxPt;
  const td = TICKDIR[i],
    tickDelta = b.highs[td] ? b.deltas[td] : -b.deltas[td];
  const tickOut = e0[td] + 0.1 * tickDelta,
    tickIn = e0[td] - 0.2 * tickDelta;
  const labelShift = b.deltas.map((d) => (rc.tickPad + 8) * perPt * d) as Vec3;
  const lim = cam.limits[AXIS_KEYS[i]],
    lo = Math.min(...lim),
    hi = Math.max(...lim);
  const out: TickPlacement[] = [];
  spec.ticks.forEach((t, k) => {
    if (t < lo - 1e-10 * (hi - lo) || t > hi + 1e-10 * (hi - lo)) return;
    const p = [...e0] as Vec3;
    p[i] = t;
    p[td] = tickOut;
    const [x1, y1] = px(p);
    p[td] = tickIn;
    const [x2, y2] = px(p);
    p[td] = e0[td];
    const [lx, ly] = px(moveOut(p, b, labelShift, i));
    out.push({ k, x1, y1, x2, y2, lx, ly });
  });
  return out;
}

/**
 * SVG for axis `i`: its line, tick marks, tick labels and label.
 * @example drawAxis(ctx, 2, { ticks: [-0.4, 0, 0.4], labels: ['−0.4', '0.0', '0.4'], label: 'z' })
 */
export function drawAxis(actx: AxisDrawContext, i: number, spec: AxisSpec): string {
  const { cam, toPx, ptToPx, boxPt } = actx;
  const b = boxInfo(cam);
  const px = (p: Vec3) => {
    const q = cam.project(p[0], p[1], p[2]);
    return toPx(q[0], q[1]);
  };
  const [e0, e1] = axisEdge(b, i);
  const [ax0, ay0] = px(e0),
    [ax1, ay1] = px(e1);
  const out: string[] = [
    el('path', {
      d: `M${fmt(ax0)} ${fmt(ay0)}L${fmt(ax1)} ${fmt(ay1)}`,
      stroke: '#000000',
      'stroke-width': +(rc.axesLineWidth * ptToPx).toFixed(3),
      'stroke-linecap': 'square',
    }),
  ];
  const perPt = 48 / boxPt;
  let ticks = '';
  const size = rc.tickLabelSize * ptToPx;
  for (const { k, x1, y1, x2, y2, lx, ly } of tickPlacements(actx, i, spec)) {
    ticks += `M${fmt(x1)} ${fmt(y1)}L${fmt(x2)} ${fmt(y2)}`;
    // Tick labels keep the 2-D x-tick alignment (centred, hanging from the point), as in mplot3d.
    out.push(renderText(spec.labels[k] ?? '', lx, ly, { fontSize: size, anchor: 'middle', baseline: 'top' }));
  }
  if (ticks) {
    out.splice(1, 0, el('path', { d: ticks, stroke: '#000000', 'stroke-width': +(rc.tickWidth * ptToPx).toFixed(3) }));
  }
  const labelDeltas = b.deltas.map((d) => (rc.labelPad + 21) * perPt * d) as Vec3;
  const mid = e0.map((v, k) => (v + e1[k]) / 2) as Vec3;
  const [lx, ly] = px(moveOut(mid, b, labelDeltas, i));
  if (spec.label) {
    // Labels longer than 4 characters turn parallel to their axis (mplot3d's rotate_label=None rule).
    const rotate = spec.label.length > 4 ? uprightAngle((Math.atan2(-(ay1 - ay0), ax1 - ax0) * 180) / Math.PI) : 0;
    out.push(
      renderText(spec.label, lx, ly, { fontSize: rc.labelSize * ptToPx, anchor: 'middle', baseline: 'middle', rotate }),
    );
  }
  if (spec.offsetText) {
    const [ox, oy] = px(moveOut(i === 2 ? e1 : e0, b, labelDeltas, i));
    out.push(
      renderText(spec.offsetText, ox, oy, {
        fontSize: size,
        anchor: ox < (ax0 + ax1) / 2 ? 'end' : 'start',
        baseline: 'middle',
      }),
    );
  }
  return el('g', { class: `axis3d-${'xyz'[i]}` }, out);
}
