/**
 * @file numpy-like printing of tensors: numpy's float formatting (positional with decimal points aligned, or
 * scientific for the whole array when magnitudes are tiny, huge or far apart), 75-column line wrapping,
 * and `...` summaries of more than 1000 elements.
 */
import type { Tensor } from './tensor.js';
import { fmtShape } from './shape.js';

const EDGE = 3;
const SUMMARIZE_OVER = 1000;
const LINE_WIDTH = 75;
const PREFIX = 'Tensor(';
/** Most digits after the point numpy shows by default (`precision=8`). */
const PRECISION = 8;

/** Shortest digits that read back as `v` in its own dtype (float32 values print like numpy's float32). */
function shortest(v: number, f32: boolean, mode: 'fixed' | 'exp'): string {
  if (!f32) return mode === 'fixed' ? String(v) : v.toExponential();
  for (let p = 1; p < 17; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return mode === 'fixed' ? String(Number(s)) : Number(s).toExponential();
  }
  return mode === 'fixed' ? String(v) : v.toExponential();
}

/** Splits positional digits into integer and fraction parts, at most PRECISION fraction digits. */
function positional(v: number, f32: boolean): [string, string] {
  let s = shortest(v, f32, 'fixed');
  const dot = s.indexOf('.');
  if (dot >= 0 && s.length - dot - 1 > PRECISION) s = v.toFixed(PRECISION).replace(/0+$/, '');
  const [i, f = ''] = s.split('.');
  return [Object.is(v, -0) ? '-0' : i, f];
}

/** Mantissa integer part, fraction digits and exponent of `v` in scientific notation. */
function scientific(v: number, f32: boolean): [string, string, number] {
  let s = shortest(v, f32, 'exp');
  const [m0] = s.split('e');
  if ((m0.split('.')[1] ?? '').length > PRECISION) s = v.toExponential(PRECISION).replace(/0+e/, 'e');
  const [m, e] = s.split('e');
  const [i, f = ''] = m.split('.');
  return [i, f, Number(e)];
}

/** Builds numpy's FloatingFormat for the shown values: one width for every element. */
function floatFormatter(values: number[], f32: boolean): (v: number) => string {
  const finite = values.filter(Number.isFinite);
  const nonzero = finite.filter((v) => v !== 0).map(Math.abs);
  const maxV = nonzero.length ? Math.max(...nonzero) : 0,
    minV = nonzero.length ? Math.min(...nonzero) : 0;
  const expMode = nonzero.length > 0 && (maxV >= 1e8 || minV < 1e-4 || maxV / minV > 1e3);
  const hasNeg = values.some((v) => v === -Infinity);
  let padLeft = 0,
    padRight = 0,
    fmt: (v: number) => string;
  if (expMode) {
    const parts = finite.map((v) => scientific(v, f32));
    const prec = Math.max(...parts.map((p) => p[1].length));
    const expDigits = Math.max(2, ...parts.map((p) => String(Math.abs(p[2])).length));
    padLeft = Math.max(...parts.map((p) => p[0].length));
    padRight = prec + expDigits + 2;
    fmt = (v) => {
      const [m, e] = v.toExponential(prec).split('e');
      const [i, f = ''] = m.split('.');
      const n = Number(e);
      return `${i.padStart(padLeft)}.${f}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(expDigits, '0')}`;
    };
  } else {
    const parts = finite.map((v) => positional(v, f32));
    padLeft = parts.length ? Math.max(...parts.map((p) => p[0].length)) : 0;
    padRight = parts.length ? Math.max(...parts.map((p) => p[1].length)) : 0;
    fmt = (v) => {
      const [i, f] = positional(v, f32);
      return `${i.padStart(padLeft)}.${f.padEnd(padRight)}`;
    };
  }
  if (finite.length !== values.length)
    padLeft = Math.max(padLeft, 3 - padRight - 1, 3 + (hasNeg ? 1 : 0) - padRight - 1);
  const total = padLeft + padRight + 1;
  return (v) => {
    if (Number.isNaN(v)) return 'nan'.padStart(total);
    if (!Number.isFinite(v)) return (v > 0 ? 'inf' : '-inf').padStart(total);
    return fmt(v);
  };
}

/** The flat indices shown (all, or the first and last EDGE along each long axis when summarising). */
function shownIndices(shape: number[], summarize: boolean): number[] {
  const out: number[] = [];
  const walk = (dim: number, offset: number, stride: number): void => {
    if (dim === shape.length) {
      out.push(offset);
      return;
    }
    const n = shape[dim],
      inner = stride / n;
    for (const i of axisIndices(n, summarize)) if (i !== null) walk(dim + 1, offset + i * inner, inner);
  };
  walk(
    0,
    0,
    shape.reduce((a, b) => a * b, 1),
  );
  return out;
}

const axisIndices = (n: number, summarize: boolean): (number | null)[] =>
  summarize && n > 2 * EDGE
    ? [...Array.from({ length: EDGE }, (_, i) => i), null, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)]
    : Array.from({ length: n }, (_, i) => i);

/** One width for all `shown` values of a tensor of `dtype`, as numpy pads them. */
export function elementFormatter(shown: number[], dtype: Tensor['dtype']): (v: number) => string {
  if (dtype === 'bool') {
    const w = shown.some((v) => v === 0) ? 5 : 4;
    return (v) => (v ? 'true' : 'false').padStart(w);
  }
  if (dtype === 'int32') {
    const w = Math.max(0, ...shown.map((v) => String(v).length));
    return (v) => String(v).padStart(w);
  }
  return floatFormatter(shown, dtype === 'float32');
}

/** Renders like numpy's repr: `[[1. , 2.5],\n        [3. , 4. ]]`, followed by shape and dtype. */
export function formatTensor(t: Tensor): string {
  const d = t._read('Tensor.toString'),
    shape = t.shape,
    rank = shape.length;
  const summarize = t.size > SUMMARIZE_OVER;
  const shown = shownIndices(shape, summarize).map((i) => Number(d[i]));
  const word = elementFormatter(shown, t.dtype);
  const strides: number[] = [];
  let acc = 1;
  for (let i = rank - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= shape[i];
  }

  // numpy's _formatArray: `hanging` is the indentation of continuation lines, `width` the room left
  const render = (dim: number, offset: number, hanging: string, width: number): string => {
    if (dim === rank) return word(Number(d[offset]));
    const idx = axisIndices(shape[dim], summarize);
    const nextHanging = hanging + ' ';
    if (dim === rank - 1) {
      const elemWidth = width - 1;
      let s = '',
        line = hanging;
      idx.forEach((i, k) => {
        const w = i === null ? '...' : render(dim + 1, offset + i * strides[dim], nextHanging, width - 1);
        if (line.length + w.length > elemWidth && line.length > hanging.length) {
          s += line.trimEnd() + '\n';
          line = hanging;
        }
        line += w;
        if (k < idx.length - 1) line += ', ';
      });
      s += line;
      return '[' + s.slice(hanging.length) + ']';
    }
    const sep = ',' + '\n'.repeat(rank - dim - 1);
    const rows = idx.map(
      (i) => hanging + (i === null ? '...' : render(dim + 1, offset + i * strides[dim], nextHanging, width - 1)),
    );
    return '[' + rows.join(sep).slice(hanging.length) + ']';
  };
  const body =
    t.size === 0
      ? '[]'
      : rank === 0
        ? word(Number(d[0])).trim()
        : render(0, 0, ' '.repeat(PREFIX.length + 1), LINE_WIDTH);
  return `${PREFIX}${body}, shape=${fmtShape(shape)}, dtype=${t.dtype})`;
}
