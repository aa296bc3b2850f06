/** @file Tiny SVG string builder: escaped elements, unique ids, compact number formatting. */

/**
 * Escape text for XML content and attribute values.
 * @example escapeXml('a < b & "c"') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Compact coordinate formatting: at most 2 decimals, no trailing zeros, no `-0`.
 * @example fmt(1.23456) // '1.23'
 */
export function fmt(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/**
 * One SVG element. Attribute values are escaped and `undefined` ones skipped; `children` is raw markup
 * (already-built elements) — use escapeXml for text content.
 * @example el('rect', { x: 0, y: 0, width: 10, height: 5, fill: 'red' }) // '<rect x="0" … />'
 */
export function el(tag: string, attrs: Record<string, string | number | undefined>,
  children?: string | string[]): string {
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
 * SVG path data through points, split at non-finite values (gaps). Points closer than `minDist` px to the last
 * drawn one are skipped (the end of each run is always kept), like matplotlib's path simplification; it keeps
 * dense data (long lines, fine contour grids) from bloating the SVG without a visible change.
 * @example pathData([0, 1, 2], [0, NaN, 2]) // 'M0 0M2 2'
 */
export function pathData(xs: ArrayLike<number>, ys: ArrayLike<number>, minDist = 0): string {
  let d = '', pen = false, lx = 0, ly = 0, skipped = -1;
  const n = xs.length;
  for (let i = 0; i < n; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (skipped >= 0) d += 'L' + fmt(xs[skipped]) + ' ' + fmt(ys[skipped]);
      pen = false; skipped = -1; continue;
    }
    if (pen && minDist > 0 && Math.abs(x - lx) < minDist && Math.abs(y - ly) < minDist) { skipped = i; continue; }
    d += (pen ? 'L' : 'M') + fmt(x) + ' ' + fmt(y);
    pen = true; lx = x; ly = y; skipped = -1;
  }
  if (skipped >= 0) d += 'L' + fmt(xs[skipped]) + ' ' + fmt(ys[skipped]);
  return d;
}
