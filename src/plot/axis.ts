/**
 * @file Drawing of the axis furniture of a 2-D axes: spines, outward ticks, tick labels (ScalarFormatter),
 * offset text, grid lines, axis labels and title, placed with matplotlib's pads.
 */
import type { Rect } from './types.js';
import type { Scale } from './scale.js';
import { autoTicks } from './ticks.js';
import { logTicks } from './logticks.js';
import { scalarFormat } from './format.js';
import { measureText, renderText } from './text.js';
import { rc } from './style.js';
import { el, fmt } from './svg.js';

/** Ticks of one axis: positions in data units and their labels. */
export interface TickSet {
  locs: number[];
  labels: string[];
  offsetText: string;
  minor?: number[];
}

/**
 * Snap a coordinate to a pixel centre so 1-px strokes stay crisp (what matplotlib's path snapping does).
 * @example snap(10.2) // 10.5
 */
export const snap = (v: number): number => Math.round(v - 0.5) + 0.5;

/**
 * Ticks for an axis: user-fixed ones, or AutoLocator + ScalarFormatter.
 * @example computeTicks(ctx.sx, 'x', 496, 100 / 72).labels // ['−4', '−2', '0', '2', '4']
 */
export function computeTicks(
  scale: Scale,
  axis: 'x' | 'y',
  lengthPx: number,
  ptToPx: number,
  fixed?: { locs: number[]; labels?: string[] },
  kind: 'linear' | 'log' = 'linear',
): TickSet {
  const [d0, d1] = scale.domain;
  if (kind === 'log' && !fixed) return logTicks(d0, d1, lengthPx / ptToPx, axis, rc.tickLabelSize);
  const lo = Math.min(d0, d1),
    hi = Math.max(d0, d1),
    tol = (hi - lo) * 1e-10;
  if (fixed) {
    const keep = fixed.locs.map((v, i) => [v, i] as const).filter(([v]) => v >= lo - tol && v <= hi + tol);
    const fmtd = scalarFormat(keep.map(([v]) => v));
    return {
      locs: keep.map(([v]) => v),
      labels: fixed.labels ? keep.map(([, i]) => fixed.labels![i] ?? '') : fmtd.labels,
      offsetText: fixed.labels ? '' : fmtd.offsetText,
    };
  }
  // The labels as they will be drawn, measured along the axis, so long ones get fewer ticks (see autoTicks).
  const sizePx = rc.tickLabelSize * ptToPx;
  const extentPt = (t: number[]): number => {
    const { labels } = scalarFormat(t);
    return (
      Math.max(
        ...labels.map((l) => {
          const m = measureText(l, sizePx);
          return axis === 'x' ? m.width : m.height + m.depth;
        }),
      ) / ptToPx
    );
  };
  const locs = autoTicks(lo, hi, lengthPx / ptToPx, axis, rc.tickLabelSize, extentPt);
  const f = scalarFormat(locs);
  return { locs, labels: f.labels, offsetText: f.offsetText };
}

/**
 * Grid lines at the major ticks (matplotlib ax.grid()).
 * @example drawGrid(rect, sx, sy, xt, yt, 1.389, { color: '#b0b0b0', lineWidth: 0.8, axis: 'both' })
 */
export function drawGrid(
  rect: Rect,
  sx: Scale,
  sy: Scale,
  xt: TickSet,
  yt: TickSet,
  k: number,
  opts: { color: string; lineWidth: number; lineStyle?: string; alpha?: number; axis: 'both' | 'x' | 'y' },
): string {
  let d = '';
  if (opts.axis !== 'y')
    for (const v of xt.locs) d += `M${fmt(snap(sx(v)))} ${fmt(rect.y)}V${fmt(rect.y + rect.height)}`;
  if (opts.axis !== 'x')
    for (const v of yt.locs) d += `M${fmt(rect.x)} ${fmt(snap(sy(v)))}H${fmt(rect.x + rect.width)}`;
  if (!d) return '';
  const w = opts.lineWidth * k;
  const dash =
    opts.lineStyle === '--'
      ? `${fmt(3.7 * w)} ${fmt(1.6 * w)}`
      : opts.lineStyle === ':'
        ? `${fmt(w)} ${fmt(1.65 * w)}`
        : undefined;
  return el('path', {
    d,
    stroke: opts.color,
    'stroke-width': +w.toFixed(3),
    fill: 'none',
    'stroke-dasharray': dash,
    'stroke-opacity': opts.alpha,
  });
}

/**
 * Spines (the axes frame).
 * @example drawSpines({ x: 80, y: 58, width: 496, height: 370 }, 100 / 72)
 */
export function drawSpines(rect: Rect, k: number): string {
  const x0 = snap(rect.x),
    x1 = snap(rect.x + rect.width),
    y0 = snap(rect.y),
    y1 = snap(rect.y + rect.height);
  return el('path', {
    d: `M${fmt(x0)} ${fmt(y1)}H${fmt(x1)}V${fmt(y0)}H${fmt(x0)}Z`,
    fill: 'none',
    stroke: '#000000',
    'stroke-width': +(rc.axesLineWidth * k).toFixed(3),
    'stroke-linejoin': 'miter',
    'stroke-linecap': 'square',
  });
}

/**
 * Ticks and tick labels of the bottom x axis and left y axis; returns the markup and how far the labels reach
 * beyond the spines (px), so the axis labels can be placed past them.
 * @example const { svg, xExtent } = drawTicks(rect, sx, sy, xt, yt, 100 / 72)
 */
export function drawTicks(
  rect: Rect,
  sx: Scale,
  sy: Scale,
  xt: TickSet,
  yt: TickSet,
  k: number,
  color = '#000000',
): { svg: string; xExtent: number; yExtent: number } {
  const len = rc.tickSize * k,
    pad = rc.tickPad * k,
    fs = rc.tickLabelSize * k;
  const bottom = snap(rect.y + rect.height),
    left = snap(rect.x);
  let d = '';
  const parts: string[] = [];
  let xh = 0,
    yw = 0;
  xt.locs.forEach((v, i) => {
    const x = snap(sx(v));
    d += `M${fmt(x)} ${fmt(bottom)}v${fmt(len)}`;
    parts.push(
      renderText(xt.labels[i], x, bottom + len + pad, { fontSize: fs, anchor: 'middle', baseline: 'top', color }),
    );
    const m = measureText(xt.labels[i], fs);
    xh = Math.max(xh, m.height + m.depth);
  });
  // Minor ticks (log axes): matplotlib's 2 pt long, 0.6 pt wide, unlabelled.
  let dm = '';
  const mlen = 2 * k;
  for (const v of xt.minor ?? []) dm += `M${fmt(snap(sx(v)))} ${fmt(bottom)}v${fmt(mlen)}`;
  for (const v of yt.minor ?? []) dm += `M${fmt(left)} ${fmt(snap(sy(v)))}h${fmt(-mlen)}`;
  if (dm) parts.push(el('path', { d: dm, stroke: color, 'stroke-width': +(0.6 * k).toFixed(3), fill: 'none' }));
  yt.locs.forEach((v, i) => {
    const y = snap(sy(v));
    d += `M${fmt(left)} ${fmt(y)}h${fmt(-len)}`;
    parts.push(
      renderText(yt.labels[i], left - len - pad, y, { fontSize: fs, anchor: 'end', baseline: 'middle', color }),
    );
    yw = Math.max(yw, measureText(yt.labels[i], fs).width);
  });
  if (xt.offsetText) {
    parts.push(
      renderText(xt.offsetText, rect.x + rect.width, bottom + len + pad + xh + pad, {
        fontSize: fs,
        anchor: 'end',
        baseline: 'top',
        color,
      }),
    );
  }
  if (yt.offsetText) {
    parts.push(
      renderText(yt.offsetText, rect.x, rect.y - pad, { fontSize: fs, anchor: 'start', baseline: 'bottom', color }),
    );
  }
  const ticks = d ? el('path', { d, stroke: color, 'stroke-width': +(rc.tickWidth * k).toFixed(3), fill: 'none' }) : '';
  return { svg: ticks + parts.join(''), xExtent: len + pad + xh, yExtent: len + pad + yw };
}

/**
 * x label below the tick labels, y label rotated left of them, title above the axes.
 * @example drawLabels(rect, 100 / 72, 24, 40, { x: 'x', y: 'y', title: 'f' })
 */
export function drawLabels(
  rect: Rect,
  k: number,
  xExtent: number,
  yExtent: number,
  labels: { x?: string; y?: string; title?: string; titleLoc?: 'center' | 'left' | 'right' },
): string {
  const out: string[] = [];
  const fs = rc.labelSize * k;
  if (labels.x) {
    out.push(
      renderText(labels.x, rect.x + rect.width / 2, rect.y + rect.height + xExtent + rc.labelPad * k, {
        fontSize: fs,
        anchor: 'middle',
        baseline: 'top',
      }),
    );
  }
  if (labels.y) {
    out.push(
      renderText(labels.y, rect.x - yExtent - rc.labelPad * k, rect.y + rect.height / 2, {
        fontSize: fs,
        anchor: 'middle',
        baseline: 'bottom',
        rotate: 90,
      }),
    );
  }
  if (labels.title) {
    const loc = labels.titleLoc ?? 'center';
    const x = loc === 'left' ? rect.x : loc === 'right' ? rect.x + rect.width : rect.x + rect.width / 2;
    out.push(
      renderText(labels.title, x, rect.y - rc.titlePad * k, {
        fontSize: rc.titleSize * k,
        anchor: loc === 'left' ? 'start' : loc === 'right' ? 'end' : 'middle',
        baseline: 'alphabetic',
      }),
    );
  }
  return out.join('');
}
