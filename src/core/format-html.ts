/**
 * @file A tensor as a notebook MIME bundle: numpy's text form, plus a compact HTML table when the tensor is small
 * enough to read as one (rank ≤ 2, at most {@link HTML_MAX_ELEMENTS} values in rows of at most {@link HTML_MAX_COLUMNS}). Pure: strings in, strings out —
 * the notebook machinery itself lives in `gradtape/plot`'s display module, never in the engine.
 */
import type { Tensor } from './tensor.js';
import { elementFormatter, formatTensor } from './format.js';
import { fmtShape } from './shape.js';

/** Tensors with more values than this show as text only (a table of thousands of cells helps nobody). */
export const HTML_MAX_ELEMENTS = 64;
/** Wider rows show as text only: a table should fit a notebook column. */
export const HTML_MAX_COLUMNS = 16;

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The HTML table of a small tensor (rank ≤ 2, ≤ 64 values, ≤ 16 columns), else null. Values are formatted as numpy prints them.
 * @example tensorHtml(tensor([[1, 2], [3, 4]])) // '<table class="gradtape-tensor">…'
 */
export function tensorHtml(t: Tensor): string | null {
  const cols = t.rank === 2 ? t.shape[1] : t.size;
  if (t.rank > 2 || t.size === 0 || t.size > HTML_MAX_ELEMENTS || cols > HTML_MAX_COLUMNS) return null;
  const values = Array.from(t._read('Tensor display'), Number);
  const word = elementFormatter(values, t.dtype);
  const rows: string[] = [];
  for (let r = 0; r < values.length; r += cols) {
    rows.push(
      '<tr>' +
        values
          .slice(r, r + cols)
          .map((v) => `<td>${escape(word(v).trim())}</td>`)
          .join('') +
        '</tr>',
    );
  }
  const caption = `Tensor shape=${fmtShape(t.shape)}, dtype=${t.dtype}`;
  return (
    `<table class="gradtape-tensor" style="font-family:monospace;text-align:right;border-collapse:collapse">` +
    `<caption style="caption-side:bottom;text-align:left;white-space:nowrap;color:#666;font-size:smaller">${escape(caption)}</caption>` +
    rows.join('') +
    '</table>'
  );
}

/**
 * The MIME bundle a Jupyter kernel shows for a tensor: `text/plain` always, `text/html` for small ones.
 * @example tensorMimeBundle(linspace(0, 1, 3)) // { 'text/plain': 'Tensor([0. , 0.5, 1. ], …)', 'text/html': '<table…' }
 */
export function tensorMimeBundle(t: Tensor): Record<string, string> {
  const html = tensorHtml(t);
  return html === null ? { 'text/plain': formatTensor(t) } : { 'text/plain': formatTensor(t), 'text/html': html };
}
