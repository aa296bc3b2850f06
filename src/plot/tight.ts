/**
 * @file tight_layout: shrink and move 2-D axes so tick labels, axis labels, titles and colorbars fit inside the
 * figure and do not overlap neighbours (matplotlib's pad of 1.08 font sizes). Axes made by subplots/addSubplot
 * keep their grid cell; a lone axes counts as a 1×1 grid. Other axes (3-D, insets) are left where they are.
 */
import type { Rect } from './types.js';
import type { Axes } from './axes.js';
import { computeTicks } from './axis.js';
import { measureText } from './text.js';
import { rc } from './style.js';

/** Pixels needed outside an axes' outer rect on each side. */
export interface Margins {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/**
 * What the axes draws outside its outer rect: tick labels, axis labels, title, colorbar ticks and label.
 * @example axesMargins(ax) // { left: 52, right: 9, top: 22, bottom: 38 }
 */
export function axesMargins(ax: Axes): Margins {
  const ctx = ax.context(),
    r = ax.rect,
    o = ax.outerRect,
    k = ax.ptToPx;
  const fs = rc.tickLabelSize * k,
    lfs = rc.labelSize * k;
  const xt = computeTicks(ctx.sx, 'x', r.width, k, ax.fixedTickSpec('x'), ax.getScale('x'));
  const yt = computeTicks(ctx.sy, 'y', r.height, k, ax.fixedTickSpec('y'), ax.getScale('y'));
  const tick = (rc.tickSize + rc.tickPad) * k;
  const yw = Math.max(0, ...yt.labels.map((l) => measureText(l, fs).width));
  const xh = Math.max(
    0,
    ...xt.labels.map((l) => {
      const m = measureText(l, fs);
      return m.height + m.depth;
    }),
  );
  const labels = ax.labelTexts();
  const size = (s: string | undefined, f: number) => {
    if (!s) return 0;
    const m = measureText(s, f);
    return m.height + m.depth;
  };
  let left = r.x - o.x + (yt.locs.length ? tick + yw : 0) + (labels.y ? rc.labelPad * k + size(labels.y, lfs) : 0);
  const bottom =
    (xt.locs.length ? tick + xh : 0) +
    (labels.x ? rc.labelPad * k + size(labels.x, lfs) : 0) +
    (xt.offsetText ? rc.tickPad * k + fs : 0);
  const top = Math.max(
    labels.title ? rc.titlePad * k + size(labels.title, rc.titleSize * k) : 0,
    yt.offsetText ? rc.tickPad * k + fs : 0,
  );
  // x tick labels centred on the edges stick out by half their width.
  let right = 0;
  xt.locs.forEach((v, i) => {
    const half = measureText(xt.labels[i], fs).width / 2,
      x = ctx.sx(v);
    right = Math.max(right, x + half - (o.x + o.width));
    left = Math.max(left, o.x - (x - half));
  });
  for (const cb of ax.colorbarList())
    right = Math.max(right, cb.rect.x + cb.rect.width + cb.rightExtent() - (o.x + o.width));
  return { left, right: Math.max(0, right), top, bottom };
}

/** Grid placement of an axes: its subplot spec, or 1×1. */
function spec(ax: Axes): { rows: number; cols: number; index: number } {
  return ax.subplotSpec ?? { rows: 1, cols: 1, index: 1 };
}

/**
 * Lay out the axes of a figure tightly. `pad` is in font sizes (matplotlib default 1.08); `topReserve` px are kept
 * free at the top (for a suptitle).
 * @example tightLayout(fig.axes().filter(isAxes2D), 640, 480, 1.389, { pad: 1.08 })
 */
export function tightLayout(
  axes: Axes[],
  width: number,
  height: number,
  ptToPx: number,
  opts: { pad?: number; topReserve?: number } = {},
): void {
  const pad = (opts.pad ?? 1.08) * rc.fontSize * ptToPx;
  if (!(pad >= 0)) throw new Error(`tightLayout: pad must be a non-negative number, got ${opts.pad}`);
  // Two passes: new sizes change the tick locator's choices, which change the margins.
  for (let pass = 0; pass < 2; pass++) {
    const m = axes.map(axesMargins);
    const max = (f: (x: Margins) => number) => Math.max(0, ...m.map(f));
    const L = max((x) => x.left),
      R = max((x) => x.right),
      T = max((x) => x.top),
      B = max((x) => x.bottom);
    for (const ax of axes) {
      const { rows, cols, index } = spec(ax);
      const r = Math.floor((index - 1) / cols),
        c = (index - 1) % cols;
      const top0 = pad + (opts.topReserve ?? 0);
      const cellW = (width - 2 * pad - cols * (L + R) - (cols - 1) * pad) / cols;
      const cellH = (height - top0 - pad - rows * (T + B) - (rows - 1) * pad) / rows;
      if (cellW < 10 || cellH < 10) {
        throw new Error(`tightLayout: the figure (${width}x${height}) is too small for its labels; make it larger`);
      }
      const rect: Rect = {
        x: pad + L + c * (cellW + L + R + pad),
        y: top0 + T + r * (cellH + T + B + pad),
        width: cellW,
        height: cellH,
      };
      ax.setRect(rect);
    }
  }
}
