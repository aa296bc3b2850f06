/**
 * @file Legend: matplotlib's layout (border pad, handle length, label spacing in font-size units), frame
 * (white, alpha 0.8, rounded, grey edge) and locations, including 'best', which tries matplotlib's candidate
 * positions in order and scores them with matplotlib's badness (vertices inside, lines touching, points, boxes).
 */
import type { Rect } from './types.js';
import { measureText, renderText } from './text.js';

/** The extent of a matplotlib mathtext row in DejaVu Sans, in em (see the legend's row heights). */
const MATHTEXT_ASCENT = 0.98,
  MATHTEXT_DESCENT = 0.24;
import { markerPath, isStrokeMarker } from './markers.js';
import { optionsOf, keysOf } from './data.js';
import { dashArray, rc } from './style.js';
import { el, fmt } from './svg.js';

/** Legend positions (matplotlib's `loc` strings). */
export const legendLocs = [
  'best',
  'upper right',
  'upper left',
  'lower left',
  'lower right',
  'right',
  'center left',
  'center right',
  'lower center',
  'upper center',
  'center',
] as const;
/**
 * A legend position (matplotlib's `loc` string), listed in full in the docs.
 * @useDeclaredType
 */
export type LegendLoc = (typeof legendLocs)[number];

/** Options of `ax.legend`. `fontSize` in points. */
export interface LegendOptions {
  loc?: LegendLoc;
  fontSize?: number;
  frameon?: boolean;
  title?: string;
}
/** The keys of `LegendOptions`, checked against it by tsc. */
export const LEGEND_KEYS = keysOf<LegendOptions>({ loc: true, fontSize: true, frameon: true, title: true });

/** One legend row: how to draw its handle and its label. */
export interface LegendEntry {
  label: string;
  kind: 'line' | 'patch' | 'marker';
  color: string;
  lineWidth?: number;
  lineStyle?: string;
  marker?: string;
  markerSize?: number;
  alpha?: number;
  edgeColor?: string;
}

/**
 * What loc 'best' avoids, in pixels — matplotlib's `Legend._auto_legend_data`: lines (Line2D paths: their vertices
 * and the segments between them; NaN breaks a line), points (the offsets of collections such as a scatter) and
 * boxes (Rectangle patches such as bars).
 */
export type LegendObstacle =
  | { kind: 'line'; x: Float64Array; y: Float64Array }
  | { kind: 'points'; x: Float64Array; y: Float64Array }
  | { kind: 'box'; box: Rect };
/** Everything loc 'best' avoids. */
export type Obstacles = LegendObstacle[];

/**
 * Validate legend options early (at `ax.legend()` time).
 * @example checkLegendOptions({ loc: 'upper left' }) // ok; { loc: 'top' } throws
 */
export function checkLegendOptions(opts: LegendOptions | undefined): LegendOptions {
  const o = optionsOf(opts, 'legend', LEGEND_KEYS);
  if (o.loc !== undefined && !legendLocs.includes(o.loc)) {
    throw new Error(
      `legend: unknown loc '${String(o.loc)}'; expected one of ${legendLocs.map((l) => `'${l}'`).join(', ')}`,
    );
  }
  return o;
}

function place(loc: Exclude<LegendLoc, 'best'>, r: Rect, w: number, h: number, pad: number): [number, number] {
  const horiz = loc.endsWith('left') ? 'l' : loc.endsWith('right') ? 'r' : 'c';
  const vert = loc.startsWith('upper') ? 't' : loc.startsWith('lower') ? 'b' : 'c';
  const x = horiz === 'l' ? r.x + pad : horiz === 'r' ? r.x + r.width - pad - w : r.x + (r.width - w) / 2;
  const y = vert === 't' ? r.y + pad : vert === 'b' ? r.y + r.height - pad - h : r.y + (r.height - h) / 2;
  return [x, y];
}

/**
 * matplotlib 3.6's badness of a candidate legend box (legend.py, `_find_best_position`): the line vertices strictly
 * inside it, plus one for each line that touches it (`Path.intersects_bbox(filled=False)`), plus the points inside
 * it, plus the boxes it overlaps. A count, so the rule is matplotlib's exactly — not a measure of hidden ink.
 * @example badness({ x: 0, y: 0, width: 10, height: 10 }, [{ kind: 'line', x: Float64Array.of(-5, 5, 15), y: Float64Array.of(5, 5, 5) }]) // 2
 */
export function badness(box: Rect, obstacles: Obstacles): number {
  const x0 = box.x,
    x1 = box.x + box.width,
    y0 = box.y,
    y1 = box.y + box.height;
  const inside = (x: number, y: number) => x0 < x && x < x1 && y0 < y && y < y1; // NaN is never inside
  let n = 0;
  for (const o of obstacles) {
    if (o.kind === 'box') {
      const b = o.box; // count_bboxes_overlapping_bbox: overlap with positive area
      if (b.x < x1 && b.x + b.width > x0 && b.y < y1 && b.y + b.height > y0) n++;
      continue;
    }
    for (let i = 0; i < o.x.length; i++) if (inside(o.x[i], o.y[i])) n++;
    if (o.kind === 'line' && lineTouches(o.x, o.y, box)) n++;
  }
  return n;
}

/**
 * matplotlib's path_intersects_rectangle (filled=False): the first vertex lies in the closed box, or a segment meets
 * it (separating-axis test). Segments end at non-finite vertices, where the line is broken.
 */
function lineTouches(xs: Float64Array, ys: Float64Array, r: Rect): boolean {
  const cx = r.x + r.width / 2,
    cy = r.y + r.height / 2,
    w = r.width,
    h = r.height;
  let first = true;
  for (let i = 0; i < xs.length; i++) {
    const x2 = xs[i],
      y2 = ys[i];
    if (!Number.isFinite(x2) || !Number.isFinite(y2)) continue;
    if (first) {
      first = false;
      if (2 * Math.abs(x2 - cx) <= w && 2 * Math.abs(y2 - cy) <= h) return true;
      continue;
    }
    const x1 = xs[i - 1],
      y1 = ys[i - 1];
    if (!Number.isFinite(x1) || !Number.isFinite(y1)) continue;
    if (
      Math.abs(x1 + x2 - 2 * cx) < Math.abs(x1 - x2) + w &&
      Math.abs(y1 + y2 - 2 * cy) < Math.abs(y1 - y2) + h &&
      2 * Math.abs((x1 - cx) * (y1 - y2) - (y1 - cy) * (x1 - x2)) < w * Math.abs(y1 - y2) + h * Math.abs(x1 - x2)
    )
      return true;
  }
  return false;
}

/**
 * loc 'best': matplotlib's candidates in its order (upper right, upper left, lower left, lower right, right,
 * center left, center right, lower center, upper center, center); the first with badness 0 wins at once, else the
 * least bad, the earliest on a tie.
 * @example bestLoc(rect, 120, 40, 6.9, obstacles) // 'upper right' when nothing is there
 */
export function bestLoc(
  rect: Rect,
  w: number,
  h: number,
  pad: number,
  obstacles: Obstacles,
): Exclude<LegendLoc, 'best'> {
  let best = Infinity,
    loc: Exclude<LegendLoc, 'best'> = 'upper right';
  for (const cand of legendLocs.slice(1) as Exclude<LegendLoc, 'best'>[]) {
    const [x, y] = place(cand, rect, w, h, pad);
    const b = badness({ x, y, width: w, height: h }, obstacles);
    if (b === 0) return cand;
    if (b < best) {
      best = b;
      loc = cand;
    }
  }
  return loc;
}

/**
 * Render a legend inside the axes rect. Returns '' when there are no entries.
 * @example renderLegend(entries, rect, 1.389, { loc: 'upper left' }, [])
 */
export function renderLegend(
  entries: LegendEntry[],
  rect: Rect,
  k: number,
  opts: LegendOptions,
  obstacles: Obstacles,
): { svg: string; box: Rect | null } {
  if (!entries.length) return { svg: '', box: null };
  const L = rc.legend,
    fs = (opts.fontSize ?? rc.legendFontSize) * k;
  const rowH = fs * 0.996; // height of "lp": ascender + descender, matplotlib's text row height
  const handleW = L.handleLength * fs,
    textX = handleW + L.handleTextPad * fs;
  const textW = Math.max(
    ...entries.map((e) => measureText(e.label, fs).width),
    opts.title ? measureText(opts.title, fs).width - textX : 0,
  );
  const titleH = opts.title ? rowH + L.labelSpacing * fs : 0;
  // Rows grow for tall TeX (fractions, sums) so entries never overlap. A TeX row is also at least as tall as
  // matplotlib's mathtext row: its DejaVu glyph boxes (parentheses, primes) reach 0.98 em up and 0.24 em down
  // where MathJax's stop near 0.75 and 0.25, and 'best' must weigh the box matplotlib draws.
  const rows = entries.map((e) => {
    const m = measureText(e.label, fs);
    if (!e.label.includes('$')) return Math.max(rowH, m.height + m.depth);
    return Math.max(rowH, Math.max(m.height, MATHTEXT_ASCENT * fs) + Math.max(m.depth, MATHTEXT_DESCENT * fs));
  });
  const w = 2 * L.borderPad * fs + textX + textW;
  const h =
    2 * L.borderPad * fs + titleH + rows.reduce((a, b) => a + b, 0) + (entries.length - 1) * L.labelSpacing * fs;
  const pad = L.borderAxesPad * fs;
  const loc = opts.loc === undefined || opts.loc === 'best' ? bestLoc(rect, w, h, pad, obstacles) : opts.loc;
  const [x, y] = place(loc, rect, w, h, pad);
  const out: string[] = [];
  if (opts.frameon !== false) {
    out.push(
      el('rect', {
        x,
        y,
        width: w,
        height: h,
        rx: L.round * fs,
        ry: L.round * fs,
        fill: '#ffffff',
        'fill-opacity': L.frameAlpha,
        stroke: L.edgeColor,
        'stroke-opacity': L.frameAlpha,
        'stroke-width': +(L.frameWidth * k).toFixed(3),
      }),
    );
  }
  let cy = y + L.borderPad * fs;
  const x0 = x + L.borderPad * fs;
  if (opts.title) {
    out.push(renderText(opts.title, x + w / 2, cy + rowH / 2, { fontSize: fs, anchor: 'middle', baseline: 'middle' }));
    cy += titleH;
  }
  entries.forEach((e, i) => {
    const mid = cy + rows[i] / 2;
    out.push(drawHandle(e, x0, mid, handleW, fs, k));
    out.push(renderText(e.label, x0 + textX, mid, { fontSize: fs, baseline: 'middle' }));
    cy += rows[i] + L.labelSpacing * fs;
  });
  return { svg: `<g class="legend">${out.join('')}</g>`, box: { x, y, width: w, height: h } };
}

function drawHandle(e: LegendEntry, x: number, mid: number, len: number, fs: number, k: number): string {
  if (e.kind === 'patch') {
    const hh = 0.7 * fs;
    return el('rect', {
      x,
      y: mid - hh / 2,
      width: len,
      height: hh,
      fill: e.color,
      'fill-opacity': e.alpha,
      stroke: e.edgeColor,
    });
  }
  let s = '';
  if (e.kind === 'line' && e.lineStyle !== 'none' && e.lineStyle !== '') {
    const w = (e.lineWidth ?? rc.lineWidth) * k;
    s += el('path', {
      d: `M${fmt(x)} ${fmt(mid)}h${fmt(len)}`,
      stroke: e.color,
      'stroke-width': +w.toFixed(3),
      'stroke-dasharray': dashArray(e.lineStyle ?? '-', w, 'legend'),
      fill: 'none',
      'stroke-opacity': e.alpha,
    });
  }
  if (e.marker && e.marker !== 'none') {
    const m = e.marker,
      stroke = isStrokeMarker(m);
    // matplotlib draws one marker in the middle of a line handle (legend.numpoints = 1).
    s += el('path', {
      d: markerPath(m, x + len / 2, mid, (e.markerSize ?? rc.markerSize) * k),
      fill: stroke ? 'none' : e.color,
      stroke: e.edgeColor ?? e.color,
      'stroke-width': +k.toFixed(3),
      opacity: e.alpha,
    });
  }
  return s;
}
