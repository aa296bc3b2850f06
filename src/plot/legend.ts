/**
 * @file Legend: matplotlib's layout (border pad, handle length, label spacing in font-size units), frame
 * (white, alpha 0.8, rounded, grey edge) and locations, including 'best', which tries matplotlib's candidate
 * positions in order and picks the one hiding the least data (length of line inside the box, isolated points).
 */
import type { Rect } from './types.js';
import { measureText, renderText } from './text.js';
import { markerPath, isStrokeMarker } from './markers.js';
import { dashArray, rc } from './style.js';
import { el, fmt } from './svg.js';

/** Legend positions (matplotlib's `loc` strings). */
export const legendLocs = ['best', 'upper right', 'upper left', 'lower left', 'lower right', 'right', 'center left',
  'center right', 'lower center', 'upper center', 'center'] as const;
/**
 * A legend position (matplotlib's `loc` string), listed in full in the docs.
 * @useDeclaredType
 */
export type LegendLoc = (typeof legendLocs)[number];

/** Options of `ax.legend`. `fontSize` in points. */
export interface LegendOptions { loc?: LegendLoc; fontSize?: number; frameon?: boolean; title?: string }

/** One legend row: how to draw its handle and its label. */
export interface LegendEntry {
  label: string;
  kind: 'line' | 'patch' | 'marker';
  color: string; lineWidth?: number; lineStyle?: string; marker?: string; markerSize?: number; alpha?: number;
  edgeColor?: string;
}

/** Polylines in pixels the legend should avoid when loc is 'best'. */
export type Obstacles = [Float64Array, Float64Array][];

/**
 * Validate legend options early (at `ax.legend()` time).
 * @example checkLegendOptions({ loc: 'upper left' }) // ok; { loc: 'top' } throws
 */
export function checkLegendOptions(o: LegendOptions): void {
  if (o.loc !== undefined && !legendLocs.includes(o.loc)) {
    throw new Error(`legend: unknown loc '${String(o.loc)}'; expected one of ${legendLocs.map((l) => `'${l}'`).join(', ')}`);
  }
}

function place(loc: Exclude<LegendLoc, 'best'>, r: Rect, w: number, h: number, pad: number): [number, number] {
  const horiz = loc.endsWith('left') ? 'l' : loc.endsWith('right') ? 'r' : 'c';
  const vert = loc.startsWith('upper') ? 't' : loc.startsWith('lower') ? 'b' : 'c';
  const x = horiz === 'l' ? r.x + pad : horiz === 'r' ? r.x + r.width - pad - w : r.x + (r.width - w) / 2;
  const y = vert === 't' ? r.y + pad : vert === 'b' ? r.y + r.height - pad - h : r.y + (r.height - h) / 2;
  return [x, y];
}

/**
 * How much of the data a candidate legend box would hide, in pixels of line: the length of every polyline segment
 * inside the box, plus `pointCost` px per isolated point (scatter offsets, bar corners: NaN-separated) inside it.
 * matplotlib's _find_best_position counts vertices inside the box (plus one per line that crosses it); counting
 * vertices alone under-rates steep crossings, where samples are far apart on screen — a sine crossing a box in
 * two samples would "cost" less than one grazing its corner in five. Clipped segment length is the overlap the
 * eye sees, and does not depend on how densely the curve was sampled.
 * @example badness({ x: 0, y: 0, width: 10, height: 10 }, [[Float64Array.of(-5, 15), Float64Array.of(5, 5)]]) // 10
 */
export function badness(box: Rect, obstacles: Obstacles, pointCost = 10): number {
  let n = 0;
  const x0 = box.x, x1 = box.x + box.width, y0 = box.y, y1 = box.y + box.height;
  const ok = (xs: Float64Array, ys: Float64Array, i: number) => i >= 0 && i < xs.length && Number.isFinite(xs[i]) && Number.isFinite(ys[i]);
  for (const [xs, ys] of obstacles) {
    for (let i = 0; i < xs.length; i++) {
      if (!ok(xs, ys, i)) continue;
      if (ok(xs, ys, i - 1)) n += insideLength(xs[i - 1], ys[i - 1], xs[i], ys[i], x0, y0, x1, y1);
      else if (!ok(xs, ys, i + 1) && xs[i] >= x0 && xs[i] <= x1 && ys[i] >= y0 && ys[i] <= y1) n += pointCost;
    }
  }
  return n;
}

/** Length of segment (ax,ay)-(bx,by) inside the box (Liang–Barsky clipping); 0 when it misses. */
function insideLength(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number,
  y1: number): number {
  let t0 = 0, t1 = 1;
  const dx = bx - ax, dy = by - ay;
  for (const [p, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]]) {
    if (p === 0) { if (q < 0) return 0; continue; }
    const t = q / p;
    if (p < 0) { if (t > t1) return 0; if (t > t0) t0 = t; } else { if (t < t0) return 0; if (t < t1) t1 = t; }
  }
  return t1 > t0 ? (t1 - t0) * Math.hypot(dx, dy) : 0;
}

/**
 * Render a legend inside the axes rect. Returns '' when there are no entries.
 * @example renderLegend(entries, rect, 1.389, { loc: 'upper left' }, [])
 */
export function renderLegend(entries: LegendEntry[], rect: Rect, k: number, opts: LegendOptions,
  obstacles: Obstacles): { svg: string; box: Rect | null } {
  if (!entries.length) return { svg: '', box: null };
  const L = rc.legend, fs = (opts.fontSize ?? rc.legendFontSize) * k;
  const rowH = fs * 0.996; // height of "lp": ascender + descender, matplotlib's text row height
  const handleW = L.handleLength * fs, textX = handleW + L.handleTextPad * fs;
  const textW = Math.max(...entries.map((e) => measureText(e.label, fs).width),
    opts.title ? measureText(opts.title, fs).width - textX : 0);
  const titleH = opts.title ? rowH + L.labelSpacing * fs : 0;
  // Rows grow for tall TeX (fractions, sums) so entries never overlap.
  const rows = entries.map((e) => { const m = measureText(e.label, fs); return Math.max(rowH, m.height + m.depth); });
  const w = 2 * L.borderPad * fs + textX + textW;
  const h = 2 * L.borderPad * fs + titleH + rows.reduce((a, b) => a + b, 0) + (entries.length - 1) * L.labelSpacing * fs;
  const pad = L.borderAxesPad * fs;
  let loc = opts.loc ?? 'best';
  if (loc === 'best') {
    let best = Infinity;
    for (const cand of legendLocs.slice(1) as Exclude<LegendLoc, 'best'>[]) {
      const [x, y] = place(cand, rect, w, h, pad);
      // A marker or bar corner hides about as much as a font size of line.
      const b = badness({ x, y, width: w, height: h }, obstacles, fs);
      if (b < best) { best = b; loc = cand; }
      if (b === 0) break;
    }
  }
  const [x, y] = place(loc as Exclude<LegendLoc, 'best'>, rect, w, h, pad);
  const out: string[] = [];
  if (opts.frameon !== false) {
    out.push(el('rect', { x, y, width: w, height: h, rx: L.round * fs, ry: L.round * fs, fill: '#ffffff',
      'fill-opacity': L.frameAlpha, stroke: L.edgeColor, 'stroke-opacity': L.frameAlpha,
      'stroke-width': +(L.frameWidth * k).toFixed(3) }));
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
    return el('rect', { x, y: mid - hh / 2, width: len, height: hh, fill: e.color, 'fill-opacity': e.alpha,
      stroke: e.edgeColor });
  }
  let s = '';
  if (e.kind === 'line' && e.lineStyle !== 'none' && e.lineStyle !== '') {
    const w = (e.lineWidth ?? rc.lineWidth) * k;
    s += el('path', { d: `M${fmt(x)} ${fmt(mid)}h${fmt(len)}`, stroke: e.color, 'stroke-width': +w.toFixed(3),
      'stroke-dasharray': dashArray(e.lineStyle ?? '-', w, 'legend'), fill: 'none', 'stroke-opacity': e.alpha });
  }
  if (e.marker && e.marker !== 'none') {
    const m = e.marker, stroke = isStrokeMarker(m);
    // matplotlib draws one marker in the middle of a line handle (legend.numpoints = 1).
    s += el('path', { d: markerPath(m, x + len / 2, mid, (e.markerSize ?? rc.markerSize) * k), fill: stroke ? 'none' :
      e.color, stroke: e.edgeColor ?? e.color, 'stroke-width': +k.toFixed(3), opacity: e.alpha });
  }
  return s;
}
