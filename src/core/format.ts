/** @file numpy-like printing of tensors. */
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';

const EDGE = 3;
const SUMMARIZE_OVER = 1000;
/** numpy's default `linewidth`. */
const LINE_WIDTH = 75;

function fmtNumber(v: number, dtype: string): string {
  if (dtype === 'bool') return v ? 'true' : 'false';
  if (dtype === 'int32') return String(v);
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.`;
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) return v.toExponential(6).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(8)));
}

const PREFIX = 'Tensor(';
const PAD = ' '.repeat(PREFIX.length);

/** Joins one row's entries, wrapping at numpy's line width with continuation lines aligned under the first entry. */
function wrapRow(parts: string[], indent: number): string {
  let out = '', line = indent;
  parts.forEach((p, i) => {
    const piece = i === parts.length - 1 ? p : p + ',';
    if (i > 0 && line + 1 + piece.length > LINE_WIDTH) { out += '\n' + ' '.repeat(indent); line = indent; }
    else if (i > 0) { out += ' '; line += 1; }
    out += piece;
    line += piece.length;
  });
  return out;
}

/** Renders like numpy: `[[1., 2.],\n [3., 4.]]`, followed by shape and dtype. */
export function formatTensor(t: Tensor): string {
  const d = t._data;
  const summarize = t.size > SUMMARIZE_OVER;
  const strs: string[] = [];
  for (let i = 0; i < d.length; i++) strs.push(fmtNumber(d[i], t.dtype));
  const width = strs.reduce((m, s) => Math.max(m, s.length), 0);
  const strides: number[] = [];
  let acc = 1;
  for (let i = t.shape.length - 1; i >= 0; i--) { strides[i] = acc; acc *= t.shape[i]; }
  const render = (dim: number, offset: number, indent: string): string => {
    if (dim === t.shape.length) return strs[offset].padStart(width);
    const n = t.shape[dim];
    const idx: (number | null)[] = summarize && n > 2 * EDGE
      ? [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
      : Array.from({ length: n }, (_, i) => i);
    const last = dim === t.shape.length - 1;
    const parts = idx.map((i) => (i === null ? '...' : render(dim + 1, offset + i * strides[dim], indent + ' ')));
    if (last) return '[' + wrapRow(parts, indent.length + 1 + PREFIX.length) + ']';
    const sep = ',' + '\n'.repeat(t.shape.length - dim - 1) + PAD + indent + ' ';
    return '[' + parts.join(sep) + ']';
  };
  const body = t.size === 0 ? '[]' : render(0, 0, '');
  return `${PREFIX}${body}, shape=${fmtShape(t.shape)}, dtype=${t.dtype})`;
}
