/** @file Tiny SVG string builder: escaped elements, unique ids, compact number formatting. */

/**
 * Escape text for XML content and attribute values.
 * @example escapeXml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Largest pixel coordinate written to SVG. Far beyond any figure, yet small enough that renderers (which parse
 * path data as 32-bit floats) accept it: a diverging optimizer path at 1e156 would otherwise give invalid markup.
 */
export const PX_LIMIT = 1e6;

/**
 * Compact coordinate formatting: at most 2 decimals, no trailing zeros, no `-0`; values beyond ±PX_LIMIT
 * (infinities included) are clamped to it, so no coordinate can make the SVG invalid. NaN stays 'NaN'.
 * @example fmt(1.23456) // '1.23'
 */
export function fmt(n: number): string {
  if (n > PX_LIMIT) n = PX_LIMIT;
  else if (n < -PX_LIMIT) n = -PX_LIMIT;
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * One SVG element. Attribute values are escaped and `undefined` ones skipped; `children` is raw markup
 * (already-built elements) — use escapeXml for text content.
 * @example el('rect', { x: 0, y: 0, width: 10, height: 5, fill: 'red' }) // '<rect x="0" … />'
 */
export function el(
  tag: string,
  attrs: Record<string, string | number | undefined>,
  children?: string | string[],
): string {
  let s = '<' + tag;
  for (const k in attrs) {
    const v = attrs[k];
    if (v === undefined) continue;
    s += ` ${k}="${typeof v === 'number' ? fmt(v) : escapeXml(v)}"`;
  }
  const body = Array.isArray(children) ? children.join('') : children;
  return body === undefined || body === '' ? s + '/>' : `${s}>${body}</${tag}>`;
}

let counter = 0;
// Random per-load prefix: a per-process counter alone would collide with outputs kept from before a kernel restart.
const session = Math.random().toString(36).slice(2, 8);

/**
 * A random-prefixed unique id, safe when many figures share one notebook DOM (even across kernel restarts).
 * @example uid('clip') // 'clip-k3x9q2-1'
 */
export function uid(prefix: string): string {
  return `${prefix}-${session}-${(++counter).toString(36)}`;
}

/**
 * The part [t0, t1] of the segment p→q (p + t·(q − p)) inside the square |x|, |y| ≤ PX_LIMIT, or null when it
 * misses it (Liang–Barsky). Clipping the segment, rather than clamping its end, keeps the visible part's direction.
 */
function clipSegment(px: number, py: number, qx: number, qy: number): [number, number] | null {
  let t0 = 0,
    t1 = 1;
  const dx = qx - px,
    dy = qy - py;
  const edges: [number, number][] = [
    [-dx, px + PX_LIMIT],
    [dx, PX_LIMIT - px],
    [-dy, py + PX_LIMIT],
    [dy, PX_LIMIT - py],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return null;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return null;
      if (t < t1) t1 = t;
    }
  }
  return [t0, t1];
}

const inside = (x: number, y: number) => Math.abs(x) <= PX_LIMIT && Math.abs(y) <= PX_LIMIT;

/**
 * The visible end points [ax, ay, bx, by] of segment p→q and whether they are p and q themselves, or null.
 * Parametrised from the end nearer the square: from a point at 1e156 the entry point p + t·(q − p) with t ≈ 1
 * would cancel to garbage, while q + s·(p − q) with s ≈ 0 is exact.
 */
function clipPoints(
  px: number,
  py: number,
  qx: number,
  qy: number,
): { ax: number; ay: number; bx: number; by: number; fromP: boolean; toQ: boolean } | null {
  if (Math.max(Math.abs(px), Math.abs(py)) <= Math.max(Math.abs(qx), Math.abs(qy))) {
    const t = clipSegment(px, py, qx, qy);
    if (!t) return null;
    const dx = qx - px,
      dy = qy - py;
    return {
      ax: px + t[0] * dx,
      ay: py + t[0] * dy,
      bx: t[1] === 1 ? qx : px + t[1] * dx,
      by: t[1] === 1 ? qy : py + t[1] * dy,
      fromP: t[0] === 0,
      toQ: t[1] === 1,
    };
  }
  const s = clipSegment(qx, qy, px, py);
  if (!s) return null;
  const dx = px - qx,
    dy = py - qy;
  return {
    ax: s[1] === 1 ? px : qx + s[1] * dx,
    ay: s[1] === 1 ? py : qy + s[1] * dy,
    bx: qx + s[0] * dx,
    by: qy + s[0] * dy,
    fromP: s[1] === 1,
    toQ: s[0] === 0,
  };
}

/**
 * SVG path data through points, split at non-finite values (gaps). Points closer than `minDist` px to the last
 * drawn one are skipped (the end of each run is always kept), like matplotlib's path simplification; it keeps
 * dense data (long lines, fine contour grids) from bloating the SVG without a visible change. Segments are
 * clipped to ±PX_LIMIT px (matplotlib clips paths to the viewport): a point far outside contributes the exact
 * direction of its segments up to that bound, and the pen lifts until the line comes back.
 * @example pathData([0, 1, 2], [0, NaN, 2]) // 'M0 0M2 2'
 */
export function pathData(xs: ArrayLike<number>, ys: ArrayLike<number>, minDist = 0): string {
  // have: a previous finite point (px, py) in this run; pen: the path currently ends at (px, py).
  let d = '',
    have = false,
    pen = false,
    px = 0,
    py = 0,
    skipped = -1;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const x = xs[i],
      y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (skipped >= 0) d += 'L' + fmt(xs[skipped]) + ' ' + fmt(ys[skipped]);
      have = pen = false;
      skipped = -1;
      continue;
    }
    if (!have) {
      pen = inside(x, y);
      if (pen) d += 'M' + fmt(x) + ' ' + fmt(y);
      have = true;
      px = x;
      py = y;
      continue;
    }
    if (pen && minDist > 0 && Math.abs(x - px) < minDist && Math.abs(y - py) < minDist) {
      skipped = i;
      continue;
    }
    skipped = -1;
    const c = clipPoints(px, py, x, y);
    if (c) {
      if (!pen || !c.fromP) d += 'M' + fmt(c.ax) + ' ' + fmt(c.ay);
      d += 'L' + fmt(c.bx) + ' ' + fmt(c.by);
      pen = c.toQ;
    } else {
      pen = false;
    }
    px = x;
    py = y;
  }
  if (skipped >= 0) d += 'L' + fmt(xs[skipped]) + ' ' + fmt(ys[skipped]);
  return d;
}

/** Sutherland–Hodgman: the polygon clipped to one half-plane of the ±PX_LIMIT square (axis 0 x, 1 y; side ±1). */
function clipHalf(xs: number[], ys: number[], axis: 0 | 1, side: 1 | -1): [number[], number[]] {
  const ox: number[] = [],
    oy: number[] = [],
    n = xs.length;
  const val = (i: number) => (axis === 0 ? xs[i] : ys[i]) * side;
  for (let i = 0; i < n; i++) {
    const j = (i + n - 1) % n; // previous vertex
    const inI = val(i) <= PX_LIMIT,
      inJ = val(j) <= PX_LIMIT;
    if (inI !== inJ) {
      // Interpolate from the inside end: from a point at 1e156 the crossing would cancel to garbage.
      const [a, b] = inI ? [i, j] : [j, i];
      const t = (PX_LIMIT - val(a)) / (val(b) - val(a));
      ox.push(xs[a] + t * (xs[b] - xs[a]));
      oy.push(ys[a] + t * (ys[b] - ys[a]));
      if (axis === 0) ox[ox.length - 1] = side * PX_LIMIT;
      else oy[oy.length - 1] = side * PX_LIMIT;
    }
    if (inI) {
      ox.push(xs[i]);
      oy.push(ys[i]);
    }
  }
  return [ox, oy];
}

/**
 * SVG path data for one closed polygon (a filled band, a fill_between region), closed with Z. Vertices beyond
 * ±PX_LIMIT px are handled by clipping the polygon to that square (Sutherland–Hodgman), which keeps the filled
 * region exact where it can be seen; non-finite vertices are skipped. `minDist` simplifies as in pathData.
 * @example polygonData([0, 10, 10], [0, 0, 10]) // 'M0 0L10 0L10 10Z'
 */
export function polygonData(xs: ArrayLike<number>, ys: ArrayLike<number>, minDist = 0): string {
  let px: number[] = [],
    py: number[] = [];
  for (let i = 0; i < xs.length; i++)
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      px.push(xs[i]);
      py.push(ys[i]);
    }
  if (px.some((x, i) => !inside(x, py[i]))) {
    for (const [axis, side] of [
      [0, 1],
      [0, -1],
      [1, 1],
      [1, -1],
    ] as const) {
      if (px.length) [px, py] = clipHalf(px, py, axis, side);
    }
  }
  const d = pathData(px, py, minDist);
  return d ? d + 'Z' : '';
}
