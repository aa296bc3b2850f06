/**
 * @file Contour labels (matplotlib's clabel): for each isoline long enough to hold its label, the straightest
 * window of the label's width (arc length, in pixels) away from the axes edges and from other labels; the text
 * is rotated along the line and kept upright; with `inline` the line is cut under the label (plus a spacing).
 */
import type { DrawContext } from './artist.js';
import { keysOf } from './data.js';
import type { Polyline } from './isolines.js';
import { scalarFormat, formatFixed, MINUS } from './format.js';
import { measureText, renderText } from './text.js';
import { resolveColor } from './colors.js';
import { rc } from './style.js';

/** Options of `ax.clabel`. `fontSize` in points; `inlineSpacing` in pixels (matplotlib's default 5). */
export interface ClabelOptions {
  inline?: boolean;
  fontSize?: number;
  format?: string | ((level: number) => string);
  colors?: string | readonly string[];
  inlineSpacing?: number;
  levels?: readonly number[];
}
/** The keys of `ClabelOptions`, checked against it by tsc. */
export const CLABEL_KEYS = keysOf<ClabelOptions>({
  inline: true,
  fontSize: true,
  format: true,
  colors: true,
  inlineSpacing: true,
  levels: true,
});

/** One placed label, in pixels; `rotation` is degrees counter-clockwise. */
export interface LabelPlacement {
  level: number;
  x: number;
  y: number;
  rotation: number;
  text: string;
  width: number;
  svg: string;
}

/** The parts of a ContourSet that labelling reads. */
interface Labelled {
  levels: number[];
  lines: Polyline[][];
  colors: string[];
}

/**
 * Format a level: a function, a printf-style '%1.2f' / '%d' / '%g' / '%.1e' (a `$…$` template works), or
 * by default matplotlib's ScalarFormatter over all levels.
 * @example levelFormatter([0.1, 0.2], '%1.2f')(0.1) // '0.10'
 */
export function levelFormatter(levels: readonly number[], format: ClabelOptions['format']): (v: number) => string {
  if (typeof format === 'function') return format;
  if (typeof format === 'string') {
    const m = /%(\d*)(?:\.(\d+))?([fdeg])/.exec(format);
    if (!m) throw new Error(`clabel: format must be a function or contain %f, %d, %e or %g, got '${format}'`);
    const p = m[2] === undefined ? undefined : +m[2];
    const one = (v: number): string => {
      const s =
        m[3] === 'd'
          ? String(Math.round(v))
          : m[3] === 'e'
            ? v.toExponential(p ?? 6)
            : m[3] === 'g'
              ? String(Number(v.toPrecision(p || 6)))
              : v.toFixed(p ?? 6);
      return format.includes('$') ? s : s.replace('-', MINUS);
    };
    return (v) => format.replace(m[0], one(v));
  }
  const labels = scalarFormat(levels, false).labels; // clabel's formatter has useOffset=False
  return (v) => {
    const i = levels.indexOf(v);
    return i >= 0 ? labels[i] : formatFixed(v, 2);
  };
}

/** Cumulative arc length of a pixel polyline. */
function arcLengths(x: Float64Array, y: Float64Array): Float64Array {
  const s = new Float64Array(x.length);
  for (let i = 1; i < x.length; i++) s[i] = s[i - 1] + Math.hypot(x[i] - x[i - 1], y[i] - y[i - 1]);
  return s;
}

/** Point at arc length t (clamped). */
function at(x: Float64Array, y: Float64Array, s: Float64Array, t: number): [number, number] {
  t = Math.max(0, Math.min(s[s.length - 1], t));
  let i = 1;
  while (i < s.length - 1 && s[i] < t) i++;
  const f = s[i] === s[i - 1] ? 0 : (t - s[i - 1]) / (s[i] - s[i - 1]);
  return [x[i - 1] + f * (x[i] - x[i - 1]), y[i - 1] + f * (y[i] - y[i - 1])];
}

/** Sub-polyline between arc lengths a < b (inclusive ends interpolated). */
function slice(x: Float64Array, y: Float64Array, s: Float64Array, a: number, b: number): [number[], number[]] {
  const px: number[] = [],
    py: number[] = [];
  const [ax, ay] = at(x, y, s, a);
  px.push(ax);
  py.push(ay);
  for (let i = 0; i < s.length; i++)
    if (s[i] > a && s[i] < b) {
      px.push(x[i]);
      py.push(y[i]);
    }
  const [bx, by] = at(x, y, s, b);
  px.push(bx);
  py.push(by);
  return [px, py];
}

/**
 * Place labels on the isolines of a contour set for the given axes transform.
 * @example const { placements } = placeLabels(cs, ax.context(), { inline: true })
 */
export function placeLabels(
  cs: Labelled,
  ctx: DrawContext,
  opts: ClabelOptions,
): { placements: LabelPlacement[]; cut: Polyline[][] } {
  const fs = (opts.fontSize ?? rc.fontSize) * ctx.ptToPx,
    spacing = opts.inlineSpacing ?? 5;
  const fmtLevel = levelFormatter(cs.levels, opts.format);
  const colorOf = (i: number) =>
    opts.colors === undefined
      ? cs.colors[i]
      : typeof opts.colors === 'string'
        ? resolveColor(opts.colors, 'clabel')
        : resolveColor(opts.colors[i % opts.colors.length], 'clabel');
  const r = ctx.rect,
    placements: LabelPlacement[] = [],
    cut: Polyline[][] = [];
  cs.levels.forEach((level, li) => {
    const pieces: Polyline[] = [];
    cut.push(pieces);
    const wanted = !opts.levels || opts.levels.some((v) => Math.abs(v - level) <= 1e-12 * Math.max(1, Math.abs(v)));
    const text = fmtLevel(level),
      m = measureText(text, fs),
      w = m.width,
      h = m.height + m.depth;
    for (const line of cs.lines[li]) {
      const x = line.x.map((v) => ctx.sx(v)),
        y = line.y.map((v) => ctx.sy(v));
      const xx = line.closed ? Float64Array.from([...x, x[0]]) : x,
        yy = line.closed ? Float64Array.from([...y, y[0]]) : y;
      const s = arcLengths(xx, yy),
        L = s[s.length - 1];
      const best = wanted ? bestWindow(xx, yy, s, w, h, r, placements) : null;
      if (!best) {
        pieces.push(line);
        continue;
      }
      const [cx, cy] = at(xx, yy, s, best.t);
      const [x0, y0] = at(xx, yy, s, best.t - w / 2),
        [x1, y1] = at(xx, yy, s, best.t + w / 2);
      let rot = (-Math.atan2(y1 - y0, x1 - x0) * 180) / Math.PI;
      if (rot > 90) rot -= 180;
      if (rot <= -90) rot += 180;
      placements.push({
        level,
        x: cx,
        y: cy,
        rotation: rot,
        text,
        width: w,
        svg: renderText(text, cx, cy, {
          fontSize: fs,
          color: colorOf(li),
          anchor: 'middle',
          baseline: 'middle',
          rotate: rot,
        }),
      });
      if (opts.inline === false) {
        pieces.push(line);
        continue;
      }
      const a = best.t - w / 2 - spacing / 2,
        b = best.t + w / 2 + spacing / 2;
      const toData = ([px, py]: [number[], number[]]): Polyline => ({
        x: Float64Array.from(px, (v) => ctx.sx.invert(v)),
        y: Float64Array.from(py, (v) => ctx.sy.invert(v)),
        closed: false,
      });
      if (line.closed) {
        // The rest of a ring is one open line from the label's end round to its start.
        const [p1, q1] = slice(xx, yy, s, b, L),
          [p2, q2] = slice(xx, yy, s, 0, a);
        pieces.push(
          toData([
            [...p1, ...p2.slice(1)],
            [...q1, ...q2.slice(1)],
          ]),
        );
      } else {
        if (a > 0) pieces.push(toData(slice(xx, yy, s, 0, a)));
        if (b < L) pieces.push(toData(slice(xx, yy, s, b, L)));
      }
    }
  });
  return { placements, cut };
}

/** The straightest label-wide window on a line that fits inside the axes and clears earlier labels. */
function bestWindow(
  x: Float64Array,
  y: Float64Array,
  s: Float64Array,
  w: number,
  h: number,
  r: DrawContext['rect'],
  placed: LabelPlacement[],
): { t: number } | null {
  const L = s[s.length - 1];
  let xmin = Infinity,
    xmax = -Infinity,
    ymin = Infinity,
    ymax = -Infinity;
  for (let i = 0; i < x.length; i++) {
    xmin = Math.min(xmin, x[i]);
    xmax = Math.max(xmax, x[i]);
    ymin = Math.min(ymin, y[i]);
    ymax = Math.max(ymax, y[i]);
  }
  // matplotlib's print_label: the line must span more than 1.2 label widths.
  if (Math.max(xmax - xmin, ymax - ymin) < 1.2 * w || L < 1.5 * w) return null;
  const half = w / 2,
    edge = Math.max(w / 2, h) + 2;
  let best: { t: number; score: number } | null = null;
  const step = Math.max(1, w / 6);
  for (let t = half; t <= L - half; t += step) {
    const [cx, cy] = at(x, y, s, t);
    if (cx < r.x + edge || cx > r.x + r.width - edge || cy < r.y + edge || cy > r.y + r.height - edge) continue;
    if (placed.some((p) => Math.hypot(p.x - cx, p.y - cy) < (p.width + w) / 2 + h)) continue;
    const [x0, y0] = at(x, y, s, t - half),
      [x1, y1] = at(x, y, s, t + half);
    const chord = Math.hypot(x1 - x0, y1 - y0);
    let dev = 0;
    for (let i = 0; i < s.length; i++) {
      if (s[i] <= t - half || s[i] >= t + half) continue;
      dev = Math.max(dev, Math.abs((x1 - x0) * (y0 - y[i]) - (x0 - x[i]) * (y1 - y0)) / (chord || 1));
    }
    // Straightness first; a mild preference for the middle of the line breaks ties, as labels at line ends look odd.
    const score = dev + (w - chord) + (0.5 * Math.abs(t - L / 2)) / L;
    if (!best || score < best.score) best = { t, score };
  }
  return best;
}
